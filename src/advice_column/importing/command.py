"""`advice import`: WordPress posts (an export file or copied pages) written as new entries.

Never overwrites: a file that is already there with the same text is "unchanged", with other text
a conflict. Every entry is checked exactly as `advice check` would before it is written.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..entries.loader import load_entry
from ..entries.model import Topic
from ..entries.problems import Diagnostic
from ..entries.topics import load_topics
from .entry import ImportedEntry, ImportProblem, choose_topic, entry_text

EXIT_HELP = """\
exit status:
  0  every post was imported or was already there
  1  something needs you: a conflict with an existing file, posts whose categories have no
     topic, a source that could not be read, or an imported entry to look at
  2  a mistake on the command line (unknown topic, bad --topic-map, missing SOURCE)
"""


class ImportUsageError(Exception):
    """A mistake in the command's arguments, such as a topic that qa/topics.yml does not have."""


@dataclass
class ImportReport:
    """What an import did or, with ``dry_run``, would do; paths are relative to the column."""

    dry_run: bool = False
    written: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_categories: Counter[str] = field(default_factory=Counter)
    default_topic: str | None = None
    attention: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when all is well, 1 when something was left out or needs a look."""
        return 1 if self.conflicts or self.not_imported or self.attention or self.errors else 0


def import_sources(
    root: Path,
    sources: list[Path],
    topic_map: dict[str, str],
    default_topic: str | None,
    dry_run: bool,
) -> ImportReport:
    """Import every source into ``root/qa``; raises ImportUsageError for arguments that cannot work."""
    report = ImportReport(dry_run=dry_run, default_topic=default_topic)
    problems: list[Diagnostic] = []
    topics = load_topics(root, "qa", problems)
    if problems:
        report.errors.extend(str(problem) for problem in problems)
        return report
    _check_topics(topics, topic_map, default_topic)
    entries: list[ImportedEntry] = []
    for source in sources:
        entries.extend(_read_source(source, topics, topic_map, default_topic, report))
    _place_entries(root, entries, topics, report)
    return report


def _check_topics(topics: dict[str, Topic], topic_map: dict[str, str], default_topic: str | None) -> None:
    valid = ", ".join(sorted(topics))
    for name, topic in [
        ("--topic", default_topic),
        *((f"--topic-map {c!r}", t) for c, t in topic_map.items()),
    ]:
        if topic is not None and topic not in topics:
            raise ImportUsageError(f"{name}: unknown topic '{topic}'; valid: {valid}")


def _read_source(source, topics, topic_map, default_topic, report: ImportReport) -> list[ImportedEntry]:
    """The entries of one file, whatever its kind; problems go to the report."""
    # Deferred: BeautifulSoup and markdownify take a tenth of a second to import, and every
    # other `advice` command (check runs on each commit) would pay for it.
    from .copied_text import parse_saved_post
    from .wxr import parse_wxr

    try:
        data = source.read_bytes()
        if _looks_like_xml(data):
            result = parse_wxr(data, topic_map, default_topic, topic_keys=topics, source=str(source))
            report.skipped.update(result.skipped)
            report.unknown_categories.update(result.unknown_categories)
            return result.entries
        entry = parse_saved_post(_decode(data), source=str(source))
    except OSError as error:
        report.errors.append(f"{source}: cannot read it: {error.strerror}")
        return []
    except ImportProblem as problem:
        report.errors.append(f"{source}: {problem}")
        return []
    topic, unmapped = choose_topic(entry.categories, topic_map, default_topic, topics)
    report.unknown_categories.update(unmapped)
    notes = entry.attention
    day = entry.date
    if day is None:
        day = datetime.date.fromtimestamp(source.stat().st_mtime)
        notes += (f"no date found in the text; used the file's date {day.isoformat()}: correct 'date:'",)
    return [dataclasses.replace(entry, topic=topic, date=day, attention=notes)]


def _looks_like_xml(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<rss"))


def _decode(data: bytes) -> str:
    """A saved page's text; HTML is refused with what to do instead."""
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


def _place_entries(root: Path, entries: list[ImportedEntry], topics, report: ImportReport) -> None:
    """Write each entry that has a topic, passes the check and clashes with nothing."""
    taken = _taken_slugs(root / "qa")
    planned: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="advice-import-") as scratch:
        for entry in entries:
            if entry.topic is None:
                report.not_imported.append(f"{entry.source}: its categories have no topic (see below)")
                continue
            text = entry_text(entry)
            if problems := _check(Path(scratch), entry.slug, text, topics):
                report.not_imported.append(f"{entry.source}: would not pass 'advice check': {problems[0]}")
                continue
            rel = f"qa/{entry.date.year}/{entry.slug}.md"
            kind, where = _outcome(root, rel, entry.slug, text, taken, planned)
            if kind == "conflict":
                report.conflicts.append(where)
                continue
            if kind == "unchanged":
                report.unchanged.append((where, entry.title))
            elif report.dry_run or _write(root / rel, text, rel, report):
                planned[entry.slug] = (rel, text)
                report.written.append((rel, entry.title))
            else:
                continue
            report.attention.extend(f"{where}: {note}" for note in entry.attention)


def _outcome(root, rel, slug, text, taken, planned) -> tuple[str, str]:
    """('write', path), ('unchanged', path) when the same text is there, or ('conflict', why)."""
    if slug in planned:
        other, other_text = planned[slug]
        if other_text == text:
            return "unchanged", other
        return "conflict", f"{rel}: slug '{slug}' is also imported as {other} from another post; not imported"
    holder = taken.get(slug)
    for path in [root / rel, holder] if holder else [root / rel]:
        if path.is_file():
            where = path.relative_to(root).as_posix()
            if path.read_bytes() == text.encode("utf-8"):
                return "unchanged", where
            if where == rel:
                return "conflict", f"{rel}: already exists with other content; not overwritten"
            return "conflict", f"{rel}: slug '{slug}' is already used by {where}; not imported"
    return "write", rel


def _write(path: Path, text: str, rel: str, report: ImportReport) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        report.conflicts.append(f"{rel}: appeared while importing; left as it is (not overwritten)")
        return False
    return True


def _check(scratch: Path, slug: str, text: str, topics) -> list[str]:
    """Problems `advice check` would report for this text, read from a scratch copy."""
    path = scratch / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    diagnostics: list[Diagnostic] = []
    load_entry(scratch, path, topics, diagnostics)
    return [f"{d.code} {d.message}" for d in diagnostics]


_DECLARED_SLUG = re.compile(r"^slug:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*$", re.MULTILINE)


def _taken_slugs(qa: Path) -> dict[str, Path]:
    """Slugs already used under qa/: a 'slug:' in the front matter, else the file name."""
    taken: dict[str, Path] = {}
    for path in sorted(qa.rglob("*.md")):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            continue
        front = head.split("\n---", 1)[0] if head.startswith("---") else ""
        match = _DECLARED_SLUG.search(front)
        taken.setdefault(match.group(1) if match else path.stem, path)
    return taken


def format_report(report: ImportReport) -> list[str]:
    """The lines `advice import` prints: one per entry, then the summary."""
    verb = "would write" if report.dry_run else "wrote"
    lines = [f"{verb} {rel}  {title}" for rel, title in report.written]
    lines += [f"unchanged {rel}  {title}" for rel, title in report.unchanged]
    lines += [f"conflict {message}" for message in report.conflicts]
    lines += [f"not imported: {message}" for message in report.not_imported]
    counts = [
        f"{len(report.written)} {'to import' if report.dry_run else 'imported'}",
        f"{len(report.unchanged)} unchanged",
        f"{len(report.conflicts)} conflict(s)",
        f"{len(report.not_imported)} not imported",
    ]
    lines.append(
        f"advice import: {', '.join(counts)}" + (" (dry run: nothing written)" if report.dry_run else "")
    )
    if report.skipped:
        lines.append("skipped: " + ", ".join(_plural(n, what) for what, n in sorted(report.skipped.items())))
    if report.unknown_categories:
        fate = f"put under '{report.default_topic}'" if report.default_topic else "not imported"
        lines.append(
            f"categories with no topic ({fate}); map each with --topic-map 'CATEGORY=TOPIC' "
            "or give --topic TOPIC for all of them:"
        )
        lines += [f"  {name}: {_plural(n, 'post')}" for name, n in sorted(report.unknown_categories.items())]
    if report.attention:
        lines.append("needs attention:")
        lines += [f"  {note}" for note in report.attention]
    return lines


def _plural(count: int, what: str) -> str:
    return f"{count} {what}" if count == 1 else f"{count} {what}s"


def run_import(args: argparse.Namespace) -> int:
    """The `advice import` command: 0 all imported, 1 something needs you, 2 a usage mistake."""
    topic_map: dict[str, str] = {}
    for pair in args.topic_map:
        category, sep, topic = pair.rpartition("=")
        if not sep or not category.strip() or not topic.strip():
            print(f"advice import: --topic-map {pair!r} must look like 'CATEGORY=TOPIC'", file=sys.stderr)
            return 2
        topic_map[category.strip()] = topic.strip()
    if missing := [str(source) for source in args.sources if not Path(source).is_file()]:
        print(f"advice import: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        report = import_sources(args.root, list(args.sources), topic_map, args.topic, args.dry_run)
    except ImportUsageError as error:
        print(f"advice import: {error}", file=sys.stderr)
        return 2
    for message in report.errors:
        print(f"advice import: {message}", file=sys.stderr)
    print("\n".join(format_report(report)))
    return report.exit_code


def add_import_parser(subparsers) -> None:
    """Register `advice import` on the CLI's subcommands."""
    sub = subparsers.add_parser(
        "import",
        help="bring in WordPress posts (an export file or copied pages) as new entries",
        description=(
            "Write each WordPress post as qa/<year>/<slug>.md, from an export file (Tools → Export) "
            "or from a post's page copied into a text file. A category becomes the topic with the same "
            "slug or the one --topic-map names; posts with neither go to --topic. Never overwrites a "
            "file, so it is safe to run again."
        ),
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SOURCE",
        help="a WordPress export (.xml from Tools → Export) or a post's page copied into a text file",
    )
    sub.add_argument(
        "--topic", metavar="TOPIC", help="topic for copied pages and for posts whose categories have none"
    )
    sub.add_argument(
        "--topic-map",
        action="append",
        default=[],
        metavar="CATEGORY=TOPIC",
        help="put posts of this WordPress category under this topic (repeat for each category)",
    )
    sub.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    sub.set_defaults(command=run_import)
