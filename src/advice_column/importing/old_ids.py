"""The map from WordPress post ids to entry pages, so that old ``?p=N`` links still arrive.

WordPress's default permalinks are ``/?p=123``; a static site cannot redirect on a query, so the
home and 404 pages read this map (a file in ``docs/``, published as it is) and go on from there.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..builder.whole_file import write_whole_file
from ..entries.slugs import is_valid_slug
from .placing import Planned

OLD_IDS_FILE = "docs/wordpress-ids.json"


def update_old_ids(root: Path, placed: list[Planned], dry_run: bool) -> str | None:
    """Add the published entries' post ids to the map; the report's line, or None when nothing changed."""
    path = root / OLD_IDS_FILE
    current = _read(path)
    ids = dict(current)
    for plan in placed:
        if plan.entry.draft:
            continue
        for number in plan.entry.old_ids:
            ids.setdefault(number, f"qa/{plan.entry.slug}/")
    if ids == current:
        return None
    if not dry_run:
        text = json.dumps({"p": dict(sorted(ids.items(), key=lambda item: int(item[0])))}, indent=1)
        write_whole_file(root, OLD_IDS_FILE, text + "\n", replace=True)
    verb = "would write" if dry_run else "wrote"
    return f"{verb} {OLD_IDS_FILE}  old '?p=N' links to {len(ids)} entries"


def _read(path: Path) -> dict[str, str]:
    """The map as it is, keeping only well-formed pairs (the file may have been edited by hand)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ids = data.get("p") if isinstance(data, dict) else None
    if not isinstance(ids, dict):
        return {}
    return {
        key: value
        for key, value in ids.items()
        if key.isdigit() and isinstance(value, str) and _is_entry_url(value)
    }


def _is_entry_url(value: str) -> bool:
    return value.startswith("qa/") and value.endswith("/") and is_valid_slug(value[3:-1])
