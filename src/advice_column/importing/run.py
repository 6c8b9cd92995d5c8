"""The import from source files to written entries, in order: read, convert, choose topics, place."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..entries.model import Topic
from ..entries.problems import Diagnostic
from ..entries.topics import load_topics
from ..errors import AdviceError
from .copied_text import parse_saved_post
from .entry import ImportedEntry, ImportProblem, choose_topic
from .old_ids import update_old_ids
from .placing import place_entries
from .posts import Options, export_entries
from .report import ImportReport
from .source_file import SourcePart, decode_text, read_source
from .wxr import read_export


class ImportUsageError(AdviceError):
    """A mistake in the command's arguments, such as a topic that qa/topics.yml does not have."""

    exit_code = 2


@dataclass(frozen=True)
class ImportSettings:
    """What the person asked for on the command line."""

    topic_map: dict[str, str] = field(default_factory=dict)
    default_topic: str | None = None
    dry_run: bool = False
    options: Options = field(default_factory=Options)


def import_sources(root: Path, sources: list[Path], settings: ImportSettings) -> ImportReport:
    """Import every source into ``root/qa``; raises ImportUsageError for arguments that cannot work."""
    report = ImportReport(dry_run=settings.dry_run, default_topic=settings.default_topic)
    problems: list[Diagnostic] = []
    topics = load_topics(root, "qa", problems)
    if problems:
        report.errors.extend(str(problem) for problem in problems)
        return report
    _check_topics(topics, settings)
    entries: list[ImportedEntry] = []
    for source in sources:
        entries.extend(_read_source(source, report, settings.options))
    entries = [_with_topic(entry, topics, settings, report) for entry in entries]
    placed = place_entries(root, entries, topics, report)
    try:
        report.old_links = update_old_ids(root, placed, settings.dry_run)
    except OSError as error:
        report.errors.append(f"cannot write {error.filename}: {error.strerror}; it was left as it was")
    return report


def _check_topics(topics: dict[str, Topic], settings: ImportSettings) -> None:
    valid = ", ".join(sorted(topics))
    for name, topic in [
        ("--topic", settings.default_topic),
        *((f"--topic-map {c!r}", t) for c, t in settings.topic_map.items()),
    ]:
        if topic is not None and topic not in topics:
            raise ImportUsageError(f"{name}: unknown topic '{topic}'; valid: {valid}")


def _read_source(source: Path, report: ImportReport, options: Options) -> list[ImportedEntry]:
    """The entries of one file, whatever its kind; problems go to the report."""
    try:
        parts = read_source(source)
    except OSError as error:
        report.errors.append(f"{source}: cannot read it: {error.strerror}")
        return []
    except ImportProblem as problem:
        report.errors.append(str(problem))
        return []
    entries: list[ImportedEntry] = []
    for part in parts:
        try:
            entries += _read_part(part, source, report, options)
        except ImportProblem as problem:
            report.errors.append(f"{part.name}: {problem}")
    return entries


def _read_part(part: SourcePart, source: Path, report: ImportReport, options: Options) -> list[ImportedEntry]:
    if part.kind == "export":
        export = read_export(part.data)
        report.read_notes.extend(f"{part.name}: repaired: {repair}" for repair in export.repairs)
        result = export_entries(export, part.name, options)
        report.skipped.update(result.skipped)
        report.left_out.extend(f"{part.name}: {line}" for line in result.left_out)
        report.not_imported.extend(result.not_imported)
        return result.entries
    entry = parse_saved_post(decode_text(part.data), source=part.name)
    if entry.date is None:
        day = options.date or datetime.date.fromtimestamp(source.stat().st_mtime)
        origin = "--date" if options.date else "the file's date"
        note = f"no date found in the text; used {origin} {day.isoformat()}: correct 'date:'"
        entry = dataclasses.replace(entry, date=day, attention=(*entry.attention, note))
    return [entry]


def _with_topic(
    entry: ImportedEntry, topics, settings: ImportSettings, report: ImportReport
) -> ImportedEntry:
    topic, unmapped = choose_topic(entry.categories, settings.topic_map, settings.default_topic, topics)
    report.unknown_categories.update(unmapped)
    return dataclasses.replace(entry, topic=topic)
