"""What a source file holds: an export (plain, zipped or gzipped XML) or a post's copied text."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .entry import ImportProblem

# An export of a large blog is tens of megabytes; a thousand times that is a decompression bomb.
MAX_EXPORT_BYTES = 512 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_GZIP_MAGIC = b"\x1f\x8b"
_WHITESPACE = b" \t\r\n"


@dataclass(frozen=True)
class SourcePart:
    """One readable part of a source: its name for the report, its kind and its bytes."""

    name: str
    kind: str  # "export" or "text"
    data: bytes


def read_source(path: Path) -> list[SourcePart]:
    """The parts of ``path``: one for a plain file, one per export inside a .zip; raises OSError."""
    data = path.read_bytes()
    name = str(path)
    if data.startswith(_ZIP_MAGIC):
        return _zip_parts(data, name)
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, name)
    return [SourcePart(name, _kind(data), data)]


def _zip_parts(data: bytes, name: str) -> list[SourcePart]:
    """The exports inside a zip (WordPress.com hands one out), in name order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = sorted(
                info for info in archive.infolist() if not info.is_dir() and info.filename.endswith(".xml")
            )
            if not members:
                raise ImportProblem(f"{name}: the zip holds no .xml export; unzip it and import the export")
            parts = []
            for info in members:
                member = _read_member(archive, info, name)
                parts.append(SourcePart(f"{name}:{info.filename}", "export", member))
            return parts
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise ImportProblem(f"{name}: the zip file is damaged ({error}); download the export again") from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > MAX_EXPORT_BYTES:
        raise ImportProblem(f"{name}:{info.filename}: more than {MAX_EXPORT_BYTES:,} bytes unzipped")
    with archive.open(info) as member:
        data = member.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise ImportProblem(f"{name}:{info.filename}: more than {MAX_EXPORT_BYTES:,} bytes unzipped")
    return data


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as file:
            out = file.read(MAX_EXPORT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ImportProblem(
            f"{name}: the gzip file is damaged ({error}); download the export again"
        ) from None
    if len(out) > MAX_EXPORT_BYTES:
        raise ImportProblem(f"{name}: more than {MAX_EXPORT_BYTES:,} bytes once unpacked")
    return out


def _kind(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf" + _WHITESPACE)
    return "export" if head.startswith((b"<?xml", b"<rss")) else "text"


def xml_bytes(data: bytes) -> bytes:
    """The export without what comes before ``<?xml``: a BOM or the blank lines a plugin printed."""
    stripped = data.lstrip(b"\xef\xbb\xbf" + _WHITESPACE)
    return stripped if stripped.startswith(b"<?xml") else data


def decode_text(data: bytes) -> str:
    """A copied post's text; HTML is refused with what to do instead."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportProblem("not UTF-8 text; save the page's text as UTF-8 and try again") from None
    if re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.IGNORECASE):
        raise ImportProblem(
            "this is a saved web page (HTML); copy the post's text into a .txt file, "
            "or import the WordPress export (Tools → Export) instead"
        )
    return text
