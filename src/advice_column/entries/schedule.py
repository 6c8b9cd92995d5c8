"""Entries dated in the future are scheduled: left out of a build made before their date.

As Hugo and WordPress do: an entry dated 2031-05-01 is published by the first build on or after
that day; until then ``advice serve`` shows it, marked, as it shows drafts.
"""

from __future__ import annotations

import dataclasses
import datetime

from .model import Entry


def schedule(entries: list[Entry], today: datetime.date) -> list[Entry]:
    """``entries`` with each one dated after ``today`` (drafts aside) marked ``scheduled``."""
    return [
        dataclasses.replace(entry, scheduled=True) if not entry.draft and entry.date > today else entry
        for entry in entries
    ]


def scheduled_entries(entries: list[Entry]) -> list[Entry]:
    """The scheduled entries, the next to be published first."""
    return sorted((entry for entry in entries if entry.scheduled), key=lambda entry: (entry.date, entry.path))
