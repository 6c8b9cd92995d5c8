"""Write the generated pages and the hand-written ``docs/`` into the folder the engine reads.

Only files whose bytes changed are written, and files no longer generated are removed, so the
engine's dirty rebuild re-renders just what an edit touched and deleted entries disappear.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..blueprint.docs_files import HTML_PAGE, PAGE
from ..blueprint.docs_pages import front_matter, page_text
from ..blueprint.markdown_html import sanitize_html_document
from ..blueprint.templates import HtmlPage, hand_written_meta
from ..entries.frontmatter import split_front_matter
from ..entries.problems import DOCS_PLACE, Diagnostic, Invalid

HOME_PAGE = "index.md"


@dataclass
class WriteReport:
    """Which files of the output folder were written, left as they were, and removed, and which
    of its pages are HTML only (for the engine to skip Markdown)."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    html_pages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HandWritten:
    """The hand-written pages: the home page's intro and front matter, and every other file."""

    home_intro: str = ""
    home_meta: dict = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def read_hand_written(docs_dir: Path) -> HandWritten:
    """Read ``docs/``; its ``index.md`` becomes the home page's intro, the rest is copied."""
    files: dict[str, bytes] = {}
    if docs_dir.is_symlink():  # `advice check` reports every link; this never follows one either
        raise OSError(errno.ELOOP, "a symbolic link is never read", str(docs_dir))
    if docs_dir.is_dir():
        for folder, dirnames, filenames in os.walk(docs_dir):  # never into a linked folder
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(folder, name)
                files[path.relative_to(docs_dir).as_posix()] = _read_unlinked(path)
    home = files.pop(HOME_PAGE, b"").decode("utf-8-sig").replace("\r\n", "\n")
    meta: dict = {}
    if home.startswith("---"):
        try:
            front = split_front_matter(home)
            meta = yaml.safe_load(front.yaml_text) or {}
            home = front.body
        except (Invalid, yaml.YAMLError, ValueError, RecursionError):  # a bad date, 10,000 '['
            pass  # MkDocs would show it as text too; the page still builds
    return HandWritten(home, meta if isinstance(meta, dict) else {}, files)


def _read_unlinked(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)  # ELOOP for a link
    with os.fdopen(fd, "rb") as file:
        return file.read()


def merge_pages(
    generated: Iterable[tuple[str, str]], hand: HandWritten, docs_dir: str, problems: list[Diagnostic]
) -> Iterator[tuple[str, str | bytes]]:
    """Generated pages, then the hand-written files, as ``(path, content)`` pairs.

    A hand-written file may not replace a generated one: it is left out and its problem added
    to ``problems`` (once the generated pages have all gone by).
    """
    names = set()
    for rel, text in generated:
        names.add(rel)
        yield rel, text
    for rel, data in hand.files.items():
        if rel in names:
            message = f"this file would replace the generated page {rel}; rename or move it"
            problems.append(Diagnostic(f"{docs_dir}/{rel}", 1, 1, DOCS_PLACE, message))
        else:
            yield rel, published(rel, data)


def published(rel: str, data: bytes) -> bytes:
    """A hand-written file as the site publishes it: an HTML page sanitised, a Markdown page's
    front matter without the generator's key (its HTML is sanitised when it renders, html_pages.py),
    any other file as it is (`advice check` refuses the kinds that could run script, docs_files.py)."""
    if rel.endswith(HTML_PAGE):
        return sanitize_html_document(data.decode("utf-8-sig")).encode("utf-8")
    if not rel.endswith(PAGE):
        return data
    text = page_text(data)
    meta, end = front_matter(text)
    if meta is None:
        return data
    front = yaml.dump(hand_written_meta(meta), Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{text[end:]}".encode()


def write_tree(
    files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]],
    out_dir: Path,
    known: dict[str, str | bytes] | None = None,
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` (relative POSIX paths), touching only changes.

    ``files`` may be ``(path, content)`` pairs, each written as it comes and then dropped.
    ``known`` is what this process wrote there last time (a preview keeps it, updated here):
    files are then compared with it instead of being read back, and nothing else is looked at.
    """
    pairs = files.items() if isinstance(files, Mapping) else files
    if known:
        return _write_changes(dict(pairs), out_dir, known)
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    folders, kept, html_pages = {out_dir}, set(), set()
    for rel, content in pairs:
        kept.add(rel)
        if isinstance(content, HtmlPage):
            html_pages.add(rel)
        if known is not None:
            known[rel] = content
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = out_dir / rel
        try:
            if path.read_bytes() == data:
                report.unchanged += 1
                continue
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass
        if path.parent not in folders:  # one mkdir per folder, not per file
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(data)
        report.written.append(rel)
    report.removed = _remove_others(out_dir, kept)
    report.html_pages = frozenset(html_pages)
    return report


def _write_changes(
    files: dict[str, str | bytes], out_dir: Path, known: dict[str, str | bytes]
) -> WriteReport:
    html_pages = frozenset(rel for rel, content in files.items() if isinstance(content, HtmlPage))
    report = WriteReport(html_pages=html_pages)
    for rel, content in files.items():
        before = known.get(rel)
        if before is content or before == content:  # a page from the page cache is the same object
            report.unchanged += 1
            continue
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        known[rel] = content
        report.written.append(rel)
    for rel in sorted(known.keys() - files.keys()):
        (out_dir / rel).unlink(missing_ok=True)
        del known[rel]
        report.removed.append(rel)
    return report


def _remove_others(out_dir: Path, keep: set[str]) -> list[str]:
    removed = []
    for folder, _, filenames in os.walk(out_dir, topdown=False):
        for name in filenames:
            path = Path(folder, name)
            rel = path.relative_to(out_dir).as_posix()
            if rel not in keep:
                path.unlink()
                removed.append(rel)
        if folder != str(out_dir) and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed)
