"""``advice new``'s command line: its arguments and what it prints; the work is in new.py."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from ..builder.console import print_diagnostics, say, tell


def run_new(args: argparse.Namespace) -> int:
    """Write a new draft entry with today's date and placeholder sections to fill."""
    from ..entries.loader import load_column
    from ..entries.problems import Diagnostic
    from ..entries.topics import load_topics
    from .new import NewEntryError, plan_entry, write_entry
    from .similar import find_similar, similar_lines

    root: Path = args.root
    problems: list[Diagnostic] = []
    topics = load_topics(root, "qa", problems)
    if problems:
        print_diagnostics(problems)
        return 1
    day = args.date or datetime.date.today()
    if args.from_issue is not None:
        return _new_from_issue(root, topics, args, day)
    if args.title is None or args.topic is None:
        tell('advice new: give the title and --topic, e.g. advice new "Can I ...?" --topic T')
        return 2
    try:
        draft = plan_entry(root, topics, args.title, args.topic, day, args.tags, args.asker, args.slug)
    except NewEntryError as error:
        tell(f"advice new: {error}")
        return error.exit_code
    # A hint, not a refusal: on stderr, so stdout stays the new file's path for scripts.
    tell(*similar_lines(find_similar(draft.title, load_column(root, with_text=False).entries)))
    try:
        write_entry(root, draft)
    except NewEntryError as error:
        tell(f"advice new: {error}")
        return error.exit_code
    say(draft.path)
    return 0


def _new_from_issue(root: Path, topics, args: argparse.Namespace, day: datetime.date) -> int:
    """The draft of the question in a saved GitHub event; its path on stdout, notes on stderr."""
    from .ask_form import form_labels
    from .from_issue import IssueError, draft_from_issue, read_event
    from .new import NewEntryError, write_entry

    if args.title is not None or args.slug is not None:
        tell("advice new: --from-issue takes its title from the issue; leave out TITLE and --slug")
        return 2
    try:
        asked = read_event(args.from_issue, form_labels(root), args.label)
        draft, note = draft_from_issue(root, topics, asked, day)
        write_entry(root, draft)
    except (IssueError, NewEntryError) as error:
        tell(f"advice new: {error}")
        return error.exit_code
    signed = f", signed {asked.asker}" if asked.asker else ""
    tell(f"advice new: issue #{asked.number}: {draft.title}{signed}")
    if note:
        tell(f"advice new: issue #{asked.number}: {note}")
    say(draft.path)
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
    sub.add_argument("title", nargs="?", help="the question's title")
    sub.add_argument("--topic", help="a key of qa/topics.yml, or a topic's title")
    sub.add_argument("--tags", help="comma-separated, e.g. 'follow-up,thank-you notes'")
    sub.add_argument("--asker", help="the asker's display name or pseudonym")
    sub.add_argument("--date", type=parse_date, help="YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--slug", help="the file name and address, e.g. 'raise-after-a-year' (default: from the title)"
    )
    sub.add_argument(
        "--from-issue",
        type=Path,
        metavar="EVENT.json",
        help="instead of TITLE and --topic: the question of an 'Ask a question' issue, from the "
        "saved GitHub event of its labeling ($GITHUB_EVENT_PATH in a workflow)",
    )
    sub.add_argument(
        "--label",
        default="answer-this",
        help="with --from-issue: the label that asks for a draft (default: %(default)s)",
    )
    sub.set_defaults(command=run_new)


def parse_date(text: str) -> datetime.date:
    """A ``--date`` argument; argparse's usage error when it is not a real YYYY-MM-DD date."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None
