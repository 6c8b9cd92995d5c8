"""Reading a contributor's file: a size limit, UTF-8 (with or without BOM), any line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_FILE_BYTES = 256 * 1024


def read_text_file(path: Path, report) -> str | None:
    """The file's text with ``\\n`` line endings and no BOM, or None after reporting why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report(1, 1, "QA003", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return None
        data = path.read_bytes()
    except OSError as error:
        report(1, 1, "QA004", f"cannot read file: {error.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # utf-8-sig counts from after the BOM it removed.
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, start) + 1
        col = start - (data.rfind(b"\n", 0, start) + 1) + 1
        report(line, col, "QA002", f"file is not valid UTF-8 (byte 0x{data[start]:02x}); save it as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        report(1, 1, "QA001", "file is empty; an entry needs front matter, '## Question' and '## Answer'")
        return None
    if "\x00" in text:
        report(data.count(b"\n", 0, data.index(b"\x00")) + 1, 1, "QA002", "file contains a NUL byte")
        return None
    return text


def relative(path: Path, root: Path) -> str:
    """``path`` relative to the column's root, with forward slashes, as diagnostics name it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
