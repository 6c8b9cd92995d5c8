"""What an import did (or, in a dry run, would do), and the lines `advice import` prints for it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .entry import NO_CATEGORY


@dataclass
class ImportReport:
    """Everything an import decided; paths are relative to the column."""

    dry_run: bool = False
    written: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_categories: Counter[str] = field(default_factory=Counter)
    default_topic: str | None = None
    attention: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read_notes: list[str] = field(default_factory=list)  # how a source was read: repairs, language
    old_links: str | None = None  # the line about the '?p=N' map, when it was written or would be

    @property
    def exit_code(self) -> int:
        """0 when all is well, 1 when something was left out by mistake or needs a look."""
        return 1 if self.conflicts or self.not_imported or self.attention or self.errors else 0


def format_report(report: ImportReport) -> list[str]:
    """The lines `advice import` prints: one per entry, then the summary and what needs a person."""
    verb = "would write" if report.dry_run else "wrote"
    lines = [f"{verb} {rel}  {title}" for rel, title in report.written]
    lines += [f"unchanged {rel}  {title}" for rel, title in report.unchanged]
    lines += [f"conflict {message}" for message in report.conflicts]
    lines += [f"not imported: {message}" for message in report.not_imported]
    lines += [f"left out: {message}" for message in report.left_out]
    lines += [f"read: {message}" for message in report.read_notes]
    if report.old_links:
        lines.append(report.old_links)
    counts = [
        f"{len(report.written)} {'to import' if report.dry_run else 'imported'}",
        f"{len(report.unchanged)} unchanged",
        f"{len(report.conflicts)} conflict(s)",
        f"{len(report.not_imported)} not imported",
        f"{len(report.left_out)} left out",
    ]
    lines.append(
        f"advice import: {', '.join(counts)}" + (" (dry run: nothing written)" if report.dry_run else "")
    )
    if report.skipped:
        lines.append("skipped: " + ", ".join(_plural(n, what) for what, n in sorted(report.skipped.items())))
    lines += _category_lines(report)
    if report.changes:
        lines.append("converted or dropped on import (see each entry):")
        lines += [f"  {note}" for note in report.changes]
    if report.attention:
        lines.append("needs attention:")
        lines += [f"  {note}" for note in report.attention]
    return lines


def _category_lines(report: ImportReport) -> list[str]:
    if not report.unknown_categories:
        return []
    fate = f"put under '{report.default_topic}'" if report.default_topic else "not imported"
    named = sorted(name for name in report.unknown_categories if name != NO_CATEGORY)
    lines = []
    if named:
        lines.append(
            f"categories with no topic ({fate}); map each with --topic-map 'CATEGORY=TOPIC' "
            "or give --topic TOPIC for all of them:"
        )
        lines += [f"  {name}: {_plural(report.unknown_categories[name], 'post')}" for name in named]
    if NO_CATEGORY in report.unknown_categories and not report.default_topic:
        count = _plural(report.unknown_categories[NO_CATEGORY], "post")
        lines.append(f"{count} without a category (not imported): give --topic TOPIC for them")
    return lines


def _plural(count: int, what: str) -> str:
    return f"{count} {what}" if count == 1 else f"{count} {what}s"
