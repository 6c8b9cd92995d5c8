"""Reading a contributor's file: a size limit, UTF-8 (with or without BOM), any line endings."""

from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path

from . import problems as codes
from .problems import Diagnostic, problem

MAX_FILE_BYTES = 256 * 1024
# What XML 1.0 (so every feed) may not hold, and C1 controls: a terminal or a page would act on
# them. Tab, newline and carriage return (already turned into newlines) stay.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_REPORTED_CONTROLS = 10
# Every ASCII character CONTROL does not match: deleting these leaves only control characters.
_NOT_CONTROL = bytes(code for code in range(128) if not CONTROL.match(chr(code)))


def read_text_file(path: Path) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with ``\\n`` line endings and no BOM, or None and the reason why not."""
    try:
        # Never through a symbolic link: it could lead to any file of the machine running the build.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, [
                problem(1, 1, codes.OUTSIDE_QA, "cannot read file: is a symbolic link; commit the file")
            ]
        return None, [problem(1, 1, codes.UNREADABLE, f"cannot read file: {error.strerror}")]
    try:
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            return None, [problem(1, 1, codes.TOO_LARGE, message)]
        data = _read_all(fd, size)
    except OSError as error:
        return None, [problem(1, 1, codes.UNREADABLE, f"cannot read file: {error.strerror}")]
    finally:
        os.close(fd)
    return decode_text(data)


def _read_all(fd: int, size: int) -> bytes:
    """Everything ``fd`` holds, read straight from it: a buffered file object costs more than
    reading a small entry does. A file that grew since ``fstat`` is read to its end all the same."""
    parts = []
    while part := os.read(fd, size + 1 if not parts else 1 << 16):
        parts.append(part)
    return b"".join(parts)


def decode_text(data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """``data`` as text with ``\\n`` line endings and no BOM, or None and the reason why not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # utf-8-sig counts from after the BOM it removed.
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, start) + 1
        col = start - (data.rfind(b"\n", 0, start) + 1) + 1
        message = f"file is not valid UTF-8 (byte 0x{data[start]:02x}); save it as UTF-8"
        return None, [problem(line, col, codes.NOT_UTF8, message)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        message = "file is empty; an entry needs front matter, '## Question' and '## Answer'"
        return None, [problem(1, 1, codes.EMPTY_FILE, message)]
    return text, []


def find_control_characters(text: str) -> list[Diagnostic]:
    """A problem at each control character (the first on a line, the first few lines)."""
    if text.isascii() and not text.encode("ascii").translate(None, _NOT_CONTROL):
        return []  # most files: plain ASCII without control characters, seen in a quick pass
    found: list[Diagnostic] = []
    position = 0
    while len(found) < _REPORTED_CONTROLS and (match := CONTROL.search(text, position)):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text.count("\n", 0, line_start) + 1
        message = (
            f"control character U+{ord(match.group()):04X} is not allowed; "
            "delete it (it may be invisible in an editor)"
        )
        found.append(problem(line, match.start() - line_start + 1, codes.CONTROL_CHARACTER, message))
        line_end = text.find("\n", match.start())
        position = len(text) if line_end == -1 else line_end
    return found


def relative(path: Path, root: Path) -> str:
    """``path`` relative to the column's root, with forward slashes, as diagnostics name it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
