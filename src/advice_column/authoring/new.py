"""A new entry for a contributor to fill in: a draft that previews at once and checks clean."""

from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..builder.whole_file import write_whole_file
from ..entries.entry_file import entry_path, entry_text
from ..entries.fields import unknown_topic
from ..entries.loader import find_entry_files, load_entry
from ..entries.model import Topic
from ..entries.problems import Diagnostic
from ..entries.slug_index import index_files
from ..entries.slugs import is_valid_slug, slugify
from ..errors import AdviceError

# Shown in the preview until replaced; `draft: true` keeps them off the published site.
QUESTION_PLACEHOLDER = "*Replace this line with the reader's question, in their own words.*"
ANSWER_PLACEHOLDER = (
    "*Replace this line with the answer. When the entry is ready, publish it: `advice publish` this file.*"
)


class NewEntryError(AdviceError):
    """The entry cannot be written as asked; ``exit_code`` is 2 for bad arguments, 1 for a clash."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class NewEntry:
    """Where the new entry goes (relative to the column), its title and its text."""

    path: str
    title: str
    text: str


def plan_entry(
    root: Path,
    topics: dict[str, Topic],
    title: str,
    topic: str,
    day: datetime.date,
    tags: str | None = None,
    asker: str | None = None,
    slug: str | None = None,
    *,
    question: str = QUESTION_PLACEHOLDER,
    comment: str = "",
) -> NewEntry:
    """The new entry's path and text, checked as ``advice check`` would; NewEntryError if it cannot be.

    ``topic`` is a key of ``topics`` or a topic's title; ``slug`` names the file (default: from the title).
    ``question`` replaces the placeholder question; ``comment``, one line, is kept in the front matter.
    """
    title = " ".join(title.split())
    if not title:
        raise NewEntryError('the title is empty; give the question, e.g. advice new "Can I ...?" --topic T')
    topic = topic_key(topic, topics)
    if slug is not None and not is_valid_slug(slug):
        suggestion = slugify(slug) or slugify(title) or "a-short-name"
        raise NewEntryError(
            f"--slug '{slug}' is not lowercase letters, digits and hyphens; e.g. --slug {suggestion}"
        )
    rel = entry_path(title, day) if slug is None else f"qa/{day.year}/{slug}.md"
    slug = Path(rel).stem
    index = index_files(find_entry_files(root / "qa", [], root))
    if owner := index.owner_of(slug) or ((root / rel).exists() and rel):
        free = next(f"{slug}-{n}" for n in range(2, 10_000) if not index.owner_of(f"{slug}-{n}"))
        raise NewEntryError(
            f"{owner} already uses the slug '{slug}'; not overwriting. Read it first: if your question "
            f"is a different one, give it its own address with --slug {free}",
            1,
        )
    text = new_entry_text(
        title, topic, day, split_tags(tags), (asker or "").strip() or None, question, comment
    )
    if problems := _problems_of(rel, text, topics):
        raise NewEntryError("; ".join(problem.message for problem in problems))
    return NewEntry(rel, title, text)


def topic_key(topic: str, topics: dict[str, Topic]) -> str:
    """The key ``topic`` names (a key, or a topic's title in any case); NewEntryError if none."""
    if topic in topics:
        return topic
    titled = [key for key, known in topics.items() if known.title.casefold() == topic.strip().casefold()]
    if len(titled) == 1:
        return titled[0]
    raise NewEntryError(unknown_topic(topic, topics))


def write_entry(root: Path, draft: NewEntry) -> None:
    """Write the draft's file whole (and its year's folder); never replaces a file, never through
    a link. NewEntryError says what went wrong; nothing is left half-written."""
    try:
        write_whole_file(root, draft.path, draft.text)
    except FileExistsError:
        raise NewEntryError(f"{draft.path} already exists; not overwriting", 1) from None
    except OSError as error:
        raise NewEntryError(f"cannot write {draft.path}: {error.strerror}; nothing was written", 1) from None


def split_tags(text: str | None) -> list[str]:
    """Comma-separated tags, spaces tidied, empty ones and repeats (ignoring case) left out."""
    tags: dict[str, str] = {}
    for tag in (text or "").split(","):
        tag = " ".join(tag.split())
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return list(tags.values())


def new_entry_text(
    title: str,
    topic: str,
    day: datetime.date,
    tags: list[str] = (),
    asker: str | None = None,
    question: str = QUESTION_PLACEHOLDER,
    comment: str = "",
) -> str:
    """A draft entry: front matter with the given values, the question, and a placeholder answer."""
    front: dict = {"title": title, "date": day, "topic": topic}
    if tags:
        front["tags"] = list(tags)
    if asker:
        front["asker"] = asker
    front["draft"] = True
    return entry_text(front, question, ANSWER_PLACEHOLDER, comment)


def _problems_of(rel: str, text: str, topics: dict[str, Topic]) -> list[Diagnostic]:
    """What ``advice check`` would say about ``text`` at ``rel``: validated in a scratch folder."""
    problems: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="advice-new-") as scratch:
        path = Path(scratch) / Path(rel).name
        path.write_text(text, encoding="utf-8")
        load_entry(Path(scratch), path, topics, problems, rel=rel)
    return problems
