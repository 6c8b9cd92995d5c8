"""``advice import SOURCE...``: WordPress posts in as entries (importing/run.py), and the report."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..builder.console import say, tell

DESCRIPTION = """\
Write each WordPress post as qa/<year>/<slug>.md, from an export file (Tools → Export;
.xml, or the .zip or .gz WordPress.com hands out) or from a post's page copied into a text
file. A category becomes the topic with the same slug or the one --topic-map names; posts
with neither go to --topic. Private and password-protected posts are left out unless
--hidden-as-drafts is given. Never overwrites a file, so it is safe to run again.
"""

EXIT_STATUS = """\
exit status:
  0  every post was imported, was already there, or was left out on purpose (listed)
  1  something needs you: a conflict with an existing file, posts whose categories have no
     topic, a source that could not be read, or an imported entry to look at
  2  a mistake on the command line (unknown topic, bad --topic-map, missing SOURCE)
"""


@dataclass(frozen=True)
class ImportArguments:
    """What ``advice import`` was asked for besides its sources (``topic_map``: CATEGORY=TOPIC pairs)."""

    topic: str | None = None
    topic_map: Sequence[str] = ()
    hidden_as_drafts: bool = False
    date: datetime.date | None = None
    language: str | None = None
    dry_run: bool = False


def import_posts(root: Path, sources: Sequence[Path], asked: ImportArguments) -> int:
    """0 all imported, 1 something needs you, 2 a usage mistake."""
    # Deferred: Beautiful Soup and markdownify take a tenth of a second to import, and every
    # other `advice` command (check runs on each commit) would pay for it.
    from ..importing.posts import Options
    from ..importing.report import format_report
    from ..importing.run import ImportSettings, ImportUsageError, import_sources

    categories: dict[str, str] = {}
    for pair in asked.topic_map:
        category, sep, name = pair.rpartition("=")
        if not sep or not category.strip() or not name.strip():
            raise ImportUsageError(f"--topic-map {pair!r} must look like 'CATEGORY=TOPIC'")
        categories[category.strip()] = name.strip()
    if missing := [str(source) for source in sources if not Path(source).is_file()]:
        raise ImportUsageError(f"no such file: {', '.join(missing)}")
    settings = ImportSettings(
        topic_map=categories,
        default_topic=asked.topic,
        dry_run=asked.dry_run,
        options=Options(hidden_as_drafts=asked.hidden_as_drafts, date=asked.date, language=asked.language),
    )
    report = import_sources(root, list(sources), settings)
    tell(*(f"advice import: {message}" for message in report.errors))
    say(*format_report(report))
    return report.exit_code
