"""A new, correctly formatted entry for a contributor to fill in."""

from __future__ import annotations

import datetime

from ..entries.entry_file import entry_text


def new_entry_text(
    title: str, topic: str, day: datetime.date, tags: list[str] = (), asker: str | None = None
) -> str:
    """Front matter with the given values and the two sections, empty, to fill in."""
    front: dict = {"title": title, "date": day, "topic": topic}
    if tags:
        front["tags"] = list(tags)
    if asker:
        front["asker"] = asker
    return entry_text(front)
