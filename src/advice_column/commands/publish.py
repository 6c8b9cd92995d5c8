"""``advice publish FILE...``: finished drafts become entries, dated the day (authoring/publish.py)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from ..authoring.publish import publish_file
from ..builder.console import say, tell
from ..errors import AdviceError


def publish(root: Path, files: list[str], date: datetime.date | None = None) -> int:
    """Publish each draft named; 1 when one cannot be, 2 when a path is not an entry under qa/."""
    day = date or datetime.date.today()
    rels = [_entry_path(root, path) for path in files]
    if None in rels:
        tell(f"advice publish: {files[rels.index(None)]} is not an entry file under qa/")
        return 2
    failed = 0
    for rel in rels:
        try:
            publish_file(root, rel, day)
        except AdviceError as error:  # the next draft is published all the same
            line = getattr(error, "line", 1)
            tell(*f"advice publish: {rel}:{line}: {error}".split("\n"))  # each problem on its line
            failed += 1
            continue
        say(f"advice publish: {rel}: published, dated {day}; the next build puts it on the site")
    return 1 if failed else 0


def _entry_path(root: Path, path: str) -> str | None:
    """``path`` (relative to the column or to here) as ``qa/...md``, or None when it is not one."""
    for candidate in (root / path, Path(path)):
        if candidate.is_file() and not candidate.is_symlink():
            rel = os.path.relpath(os.path.abspath(candidate), os.path.abspath(root)).replace(os.sep, "/")
            return rel if rel.startswith("qa/") and rel.endswith(".md") else None
    return None
