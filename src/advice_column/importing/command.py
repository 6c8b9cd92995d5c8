"""`advice import`: the command line around :func:`run.import_sources`; parsing and printing only."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from ..builder.console import say, tell

DESCRIPTION = """\
Write each WordPress post as qa/<year>/<slug>.md, from an export file (Tools → Export;
.xml, or the .zip or .gz WordPress.com hands out) or from a post's page copied into a text
file. A category becomes the topic with the same slug or the one --topic-map names; posts
with neither go to --topic. Private and password-protected posts are left out unless
--hidden-as-drafts is given. Never overwrites a file, so it is safe to run again.
"""

EXIT_HELP = """\
exit status:
  0  every post was imported, was already there, or was left out on purpose (listed)
  1  something needs you: a conflict with an existing file, posts whose categories have no
     topic, a source that could not be read, or an imported entry to look at
  2  a mistake on the command line (unknown topic, bad --topic-map, missing SOURCE)
"""


def run_import(args: argparse.Namespace) -> int:
    """The `advice import` command: 0 all imported, 1 something needs you, 2 a usage mistake."""
    # Deferred: Beautiful Soup and markdownify take a tenth of a second to import, and every
    # other `advice` command (check runs on each commit) would pay for it.
    from .posts import Options
    from .report import format_report
    from .run import ImportSettings, ImportUsageError, import_sources

    topic_map: dict[str, str] = {}
    for pair in args.topic_map:
        category, sep, topic = pair.rpartition("=")
        if not sep or not category.strip() or not topic.strip():
            tell(f"advice import: --topic-map {pair!r} must look like 'CATEGORY=TOPIC'")
            return 2
        topic_map[category.strip()] = topic.strip()
    if missing := [str(source) for source in args.sources if not Path(source).is_file()]:
        tell(f"advice import: no such file: {', '.join(missing)}")
        return 2
    settings = ImportSettings(
        topic_map=topic_map,
        default_topic=args.topic,
        dry_run=args.dry_run,
        options=Options(hidden_as_drafts=args.hidden_as_drafts, date=args.date, language=args.language),
    )
    try:
        report = import_sources(args.root, list(args.sources), settings)
    except ImportUsageError as error:
        tell(f"advice import: {error}")
        return 2
    tell(*(f"advice import: {message}" for message in report.errors))
    say(*format_report(report))
    return report.exit_code


def add_import_parser(subparsers) -> None:
    """Register `advice import` on the CLI's subcommands."""
    sub = subparsers.add_parser(
        "import",
        help="bring in WordPress posts (an export file or copied pages) as new entries",
        description=DESCRIPTION,
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SOURCE",
        help="a WordPress export (.xml, .zip or .gz) or a post's page copied into a text file",
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
    sub.add_argument(
        "--hidden-as-drafts",
        action="store_true",
        help="bring private and password-protected posts in as drafts (never published)",
    )
    sub.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="date for posts whose export or page gives none",
    )
    sub.add_argument(
        "--language",
        metavar="CODE",
        help="of posts written in several languages (qTranslate), keep this one (default: each post's first)",
    )
    sub.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    sub.set_defaults(command=run_import)
