"""Entries written where the build does not read entries: in ``docs/`` or at the column's root.

An entry in ``docs/`` would be published as a hand-written page (not listed, not searchable as an
entry) and one at the root would be ignored; either way nothing would say so. A file is taken for
an entry when its front matter names a ``topic`` and a ``date``, or its body has both entry
sections; a page of the site (README, an About page) has neither.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import problems as codes
from .problems import Diagnostic

_HEAD_BYTES = 16 * 1024  # the front matter and the section headings of an entry that starts normally
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.DOTALL | re.MULTILINE)
_KEY = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.MULTILINE)
_DATE = re.compile(r"^date[ \t]*:[ \t]*['\"]?(\d{4})-\d\d-\d\d", re.MULTILINE)
_SECTION = re.compile(r"^##[ \t]+(Question|Answer)[ \t]*#*[ \t]*\r?$", re.MULTILINE)
_NOT_ENTRIES = frozenset({"readme.md", "contributing.md", "changelog.md", "license.md", "code_of_conduct.md"})


def misplaced_entries(root: Path, docs_dir: str | None = "docs", qa_dir: str = "qa") -> list[Diagnostic]:
    """A problem for each file in ``docs_dir`` (unless None) or at ``root`` that is written as an entry."""
    found = []
    for rel in _candidates(root, docs_dir):
        head = _head(root / rel)
        if head is None or not _looks_like_entry(head):
            continue
        year = _DATE.search(head)
        target = f"{qa_dir}/{year.group(1) + '/' if year else ''}{rel.rsplit('/', 1)[-1]}"
        where = f"{docs_dir or 'docs'}/ holds the site's hand-written pages, so it would be published as one"
        if "/" not in rel:
            where = "the build reads entries only under qa/, so it would not be published"
        message = f"this file is written as an entry but {where}; move it to {target}"
        found.append(Diagnostic(rel, 1, 1, codes.MISPLACED_ENTRY, message))
    return found


def _candidates(root: Path, docs_dir: str | None) -> list[str]:
    """The ``*.md`` files at the root (but its README and the like) and under ``docs_dir``."""
    names = []
    try:
        with os.scandir(root) as items:
            names += [
                i.name for i in items if i.name.endswith(".md") and i.name.casefold() not in _NOT_ENTRIES
            ]
    except OSError:
        return []
    docs = root / (docs_dir or "")
    if docs_dir and docs.is_dir() and not docs.is_symlink():
        for folder, dirnames, filenames in os.walk(docs):  # os.walk never enters a linked folder
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            rel = Path(folder).relative_to(root).as_posix()
            names += [f"{rel}/{name}" for name in filenames if name.endswith(".md")]
    return sorted(name for name in names if name.casefold() not in _NOT_ENTRIES)


def _head(path: Path) -> str | None:
    """The start of a regular file's text, never through a link; None when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None  # a link is reported where links are; an unreadable file by what reads it
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, _HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    finally:
        os.close(fd)


def _looks_like_entry(text: str) -> bool:
    front = _FRONT.match(text)
    keys = set(_KEY.findall(front.group(1))) if front else set()
    sections = set(_SECTION.findall(text))
    return {"topic", "date"} <= keys or (front is not None and sections == {"Question", "Answer"})
