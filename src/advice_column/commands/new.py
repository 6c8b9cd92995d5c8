"""``advice new``: a draft entry to fill in, from the command line or an "Ask a question" issue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..builder.console import print_diagnostics, say, tell


@dataclass(frozen=True)
class NewEntryArguments:
    """What ``advice new`` was asked for; ``from_issue`` instead of ``title`` and ``topic``."""

    title: str | None = None
    topic: str | None = None
    tags: str | None = None
    asker: str | None = None
    date: datetime.date | None = None
    slug: str | None = None
    from_issue: Path | None = None
    label: str = "answer-this"


def new(root: Path, asked: NewEntryArguments) -> int:
    """Write a new draft entry with today's date and placeholder sections; its path on stdout."""
    from ..authoring.new import NewEntryError, plan_entry, write_entry
    from ..authoring.similar import find_similar, similar_lines
    from ..entries.loader import load_column
    from ..entries.topics import load_topics

    problems: list = []
    topics = load_topics(root, "qa", problems)
    if problems:
        print_diagnostics(problems)
        return 1
    day = asked.date or datetime.date.today()
    if asked.from_issue is not None:
        return _new_from_issue(root, topics, asked, day)
    if asked.title is None or asked.topic is None:
        raise NewEntryError('give the title and --topic, e.g. advice new "Can I ...?" --topic T')
    draft = plan_entry(root, topics, asked.title, asked.topic, day, asked.tags, asked.asker, asked.slug)
    # A hint, not a refusal: on stderr, so stdout stays the new file's path for scripts.
    tell(*similar_lines(find_similar(draft.title, load_column(root, with_text=False).entries)))
    write_entry(root, draft)
    say(draft.path)
    return 0


def _new_from_issue(root: Path, topics, asked: NewEntryArguments, day: datetime.date) -> int:
    """The draft of the question in a saved GitHub event; its path on stdout, notes on stderr."""
    from ..authoring.ask_form import form_labels
    from ..authoring.from_issue import draft_from_issue, read_event
    from ..authoring.new import NewEntryError, write_entry

    if asked.title is not None or asked.slug is not None:
        raise NewEntryError("--from-issue takes its title from the issue; leave out TITLE and --slug")
    question = read_event(asked.from_issue, form_labels(root), asked.label)
    draft, note = draft_from_issue(root, topics, question, day)
    write_entry(root, draft)
    signed = f", signed {question.asker}" if question.asker else ""
    tell(f"advice new: issue #{question.number}: {draft.title}{signed}")
    if note:
        tell(f"advice new: issue #{question.number}: {note}")
    say(draft.path)
    return 0
