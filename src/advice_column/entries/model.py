"""The column's data: topics and entries, as loaded and validated from ``qa/``."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from .problems import Diagnostic

# A progress report from a long stage: (done, total).
Tick = Callable[[int, int], None]


@dataclass(frozen=True)
class Topic:
    """A key of ``qa/topics.yml`` with its display title and description."""

    key: str
    title: str
    description: str


@dataclass(frozen=True)
class Entry:
    """One question and its answer; ``question`` and ``answer`` are Markdown."""

    path: str
    slug: str
    title: str
    date: datetime.date
    topic: str
    question: str
    answer: str
    tags: tuple[str, ...] = ()
    asker: str | None = None
    summary: str | None = None
    draft: bool = False
    updated: datetime.date | None = None
    aliases: tuple[str, ...] = ()
    follow_up_of: str | None = None
    # Dated after the day of the build: published from that date on (see schedule.py), not from front matter.
    scheduled: bool = False

    @property
    def url(self) -> str:
        """Site path of the entry page; it depends on the slug only, so it never moves."""
        return f"qa/{self.slug}/"


@dataclass
class Column:
    """Everything loaded from a column: topics, valid entries and the problems found."""

    topics: dict[str, Topic] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
