"""``advice new``'s command line: its arguments and what it prints; the work is in new.py."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path


def run_new(args: argparse.Namespace) -> int:
    """Write a new draft entry with today's date and placeholder sections to fill."""
    from ..entries.loader import load_column
    from ..entries.problems import Diagnostic, format_diagnostics
    from ..entries.topics import load_topics
    from .new import NewEntryError, plan_entry, write_entry
    from .similar import find_similar, similar_lines

    root: Path = args.root
    problems: list[Diagnostic] = []
    topics = load_topics(root, "qa", problems)
    if problems:
        print(format_diagnostics(problems), end="")
        return 1
    day = args.date or datetime.date.today()
    try:
        draft = plan_entry(root, topics, args.title, args.topic, day, args.tags, args.asker, args.slug)
    except NewEntryError as error:
        print(f"advice new: {error}", file=sys.stderr)
        return error.exit_code
    # A hint, not a refusal: on stderr, so stdout stays the new file's path for scripts.
    for line in similar_lines(find_similar(draft.title, load_column(root, with_text=False).entries)):
        print(line, file=sys.stderr)
    write_entry(root, draft)
    print(draft.path)
    return 0


def add_new_parser(subparsers) -> None:
    """Register ``advice new "Title" --topic T ...`` on the ``advice`` command's subparsers."""
    sub = subparsers.add_parser(
        "new",
        help="write a new draft entry to fill in and print its path",
        description="Write qa/<year>/<slug>.md as a draft (shown by `advice serve`, never "
        "published) with the front matter filled in and placeholder '## Question' and '## Answer' "
        "sections; list similar questions first. Never overwrites. Replace the placeholders, then "
        "`advice publish FILE` (or delete 'draft: true') to publish it.",
    )
    sub.add_argument("title", help="the question's title")
    sub.add_argument("--topic", required=True, help="a key of qa/topics.yml, or a topic's title")
    sub.add_argument("--tags", help="comma-separated, e.g. 'follow-up,thank-you notes'")
    sub.add_argument("--asker", help="the asker's display name or pseudonym")
    sub.add_argument("--date", type=parse_date, help="YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--slug", help="the file name and address, e.g. 'raise-after-a-year' (default: from the title)"
    )
    sub.set_defaults(command=run_new)


def parse_date(text: str) -> datetime.date:
    """A ``--date`` argument; argparse's usage error when it is not a real YYYY-MM-DD date."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None
