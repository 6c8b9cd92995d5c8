"""An imported post as an entry: the question/answer split, the asker, the topic and the file text."""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..blueprint.text import shorten
from ..entries.entry_file import entry_text as write_entry_text
from ..entries.fields import MAX_SHORT_TEXT, MAX_TITLE
from ..entries.slugs import slugify
from ..entries.tags import MAX_TAGS, clean_tag, tag_key
from ..errors import AdviceError
from .markdown_text import defuse

NO_CATEGORY = "(no category)"
NO_MARKERS_QUESTION = (
    "*This post was imported without 'Q:' and 'A:' markers, so the whole post is in the answer "
    "below. Move the reader's question here, then remove `draft: true`.*"
)

_EMPH = r"(?:\*\*|__|\*|_)"
# 'Q:', 'Q.', '**Q:**', '<b>A.</b>' (as '**A.**'), 'Question:', at the start of a paragraph.
_MARKER = re.compile(
    rf"^(?:#{{3,6}}[ \t]+)?(?P<open>{_EMPH})?[ \t]*(?P<kind>Q|A|Question|Answer|QUESTION|ANSWER)"
    rf"(?(open)(?P<close1>{_EMPH})?)[ \t]*(?::|[.)](?=[ \t\u00a0*_]|$))[ \t\u00a0]*"
    rf"(?(open)(?P<close2>{_EMPH})?)[ \t\u00a0]*"
)
_QA_PREFIX = re.compile(r"^\s*Q\s*(?:&|&amp;|and)\s*A\s*(?:[:|–—-]\s*)+", re.IGNORECASE)
_SALUTATION = re.compile(r"^(?:Dear|Hi|Hello|Hey)\s+([^,.!?:;\n]{1,60}),")
_NAME_FIRST = re.compile(r"^([A-Z][\w’'-]*(?:\s+[A-Z][\w’'.-]*){0,2}),\s")
_SIGNATURE = re.compile(r"^(?:\\?[-–—~]+|Signed,?)[ \t]*([^\n]{1,60}?)[ \t]*$")
# Words that open a sentence with a comma but are not the reader's name.
_NOT_NAMES = frozenset(
    {
        "yes", "no", "well", "first", "second", "third", "actually", "however", "congratulations",
        "unfortunately", "sure", "okay", "ok", "absolutely", "thanks", "honestly", "frankly", "sadly",
        "again", "also", "now", "so", "oh", "ah", "wow", "great", "good", "sorry", "hmm", "look",
        "listen", "ouch", "alas", "indeed", "certainly", "right", "true", "agreed", "ugh", "friend",
        "friends", "reader", "readers", "folks", "everyone", "sir", "madam", "then", "still", "yet",
        "instead", "meanwhile", "otherwise", "besides", "overall", "anyway", "all", "you", "everybody",
        "reader and friend", "dear reader", "readers and friends", "subscriber", "subscribers",
    }
)  # fmt: skip


# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks U+200E/U+200F.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])


class ImportProblem(AdviceError):
    """A source that cannot be imported at all; the message says why and what to do."""


@dataclass(frozen=True)
class ImportedEntry:
    """One post made into an entry's values; ``question`` and ``answer`` are Markdown."""

    source: str
    title: str
    date: datetime.date | None
    slug: str
    question: str
    answer: str
    topic: str | None = None
    tags: tuple[str, ...] = ()
    asker: str | None = None
    summary: str | None = None
    draft: bool = False
    aliases: tuple[str, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()
    old_ids: tuple[str, ...] = ()  # WordPress post ids: old '?p=N' links lead here
    attention: tuple[str, ...] = ()  # what a person must look at
    changes: tuple[str, ...] = ()  # what was converted into something else or dropped


@dataclass(frozen=True)
class Split:
    """A post's Markdown cut into question and answer, with what a person should check."""

    question: str
    answer: str
    notes: tuple[str, ...]
    uncertain: bool


def split_question_answer(markdown: str) -> Split:
    """Cut at the first 'Q:' and the first 'A:' after it; without both, say what was guessed."""
    paragraphs = _paragraphs(markdown)
    kinds = [_marker_kind(p) for p in paragraphs]
    q = kinds.index("Q") if "Q" in kinds else None
    a = next((i for i, kind in enumerate(kinds) if kind == "A" and (q is None or i > q)), None)
    notes: list[str] = []
    if q is None and a is None:
        return Split(NO_MARKERS_QUESTION, _join(paragraphs), (_NO_MARKERS,), True)
    if a is None:
        a = q + 1
        notes.append("no 'A:' marker; took the 'Q:' paragraph as the question and the rest as the answer")
    if q is None:
        q = 0
        notes.append("no 'Q:' marker; took the text before 'A:' as the question")
    elif q > 0:
        notes.append("text before 'Q:' was put at the start of the question; check it belongs there")
    question = _join([_unmark(p) if i == q else p for i, p in enumerate(paragraphs[:a])])
    answer = _join([_unmark(p) if i == a else p for i, p in enumerate(paragraphs[a:], a)])
    if (more := kinds[a + 1 :].count("Q")) > 0:
        notes.append(f"{more} more 'Q:' marker(s) in the answer: the post may hold several questions")
    if not question or not answer:
        return Split(NO_MARKERS_QUESTION, _join(paragraphs), (_NO_MARKERS,), True)
    return Split(question, answer, tuple(notes), False)


_NO_MARKERS = (
    "no 'Q:'/'A:' markers: the whole post is in the answer and the entry is a draft; "
    "move the question into '## Question' and remove 'draft: true'"
)


def _paragraphs(markdown: str) -> list[str]:
    """Blocks between blank lines; a line break followed by a marker also starts a new one."""
    found: list[str] = []
    for block in re.split(r"\n[ \t]*\n", markdown.strip("\n")):
        lines: list[str] = []
        for line in block.split("\n"):
            # Classic-editor posts often put 'A:' on the line right under the question.
            if lines and lines[-1].endswith("<br>") and _MARKER.match(line):
                found.append("\n".join(lines)[: -len("<br>")])
                lines = []
            lines.append(line)
        found.append("\n".join(lines))
    return [paragraph for paragraph in found if paragraph.strip()]


def _marker_kind(paragraph: str) -> str | None:
    match = _MARKER.match(paragraph)
    return match["kind"][0].upper() if match else None


def _unmark(paragraph: str) -> str:
    """The paragraph without its leading marker, keeping emphasis that runs past the marker."""
    match = _MARKER.match(paragraph)
    if match is None:
        return paragraph
    rest = paragraph[match.end() :]
    if match["open"] and not (match["close1"] or match["close2"]) and rest.strip():
        rest = match["open"] + rest
    # What followed the marker now starts a line, where '# ' or '~~~' would mean something.
    return defuse(rest)


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip()).strip()


def find_asker(question: str, answer: str) -> str | None:
    """The reader's name from the answer's salutation ('Shawn, it is...') or a signed question."""
    opening = re.sub(r"^[*_\\]+", "", answer.lstrip())
    salutation = _SALUTATION.match(opening)
    # 'Dear reader,' and 'Dear friend,' greet everyone: they name no asker, a signature may.
    if salutation and salutation.group(1).casefold() not in _NOT_NAMES:
        return _name(salutation.group(1))
    match = None if salutation else _NAME_FIRST.match(opening)
    if match and _looks_like_name(match.group(1)):
        return _name(match.group(1))
    last = question.strip().rsplit("\n\n", 1)[-1].strip().strip("*_")
    if (match := _SIGNATURE.match(last)) and not match.group(1).endswith((".", "?", "!")):
        return _name(match.group(1))
    return None


def without_signature(question: str, asker: str | None) -> str:
    """The question without its last paragraph when that is only the asker's sign-off.

    The page signs the question with ``asker``: kept in the text too, the name would show twice.
    """
    rest, _, last = question.strip().rpartition("\n\n")
    match = _SIGNATURE.match(last.strip().strip("*_"))
    if asker is None or not rest.strip() or match is None or _name(match.group(1)) != asker:
        return question
    return rest.rstrip()


def _looks_like_name(words: str) -> bool:
    first = words.split()[0].casefold()
    return first not in _NOT_NAMES and not first.endswith("ly")


def _name(text: str) -> str | None:
    name = " ".join(re.sub(r"\\(.)", r"\1", without_bidi_controls(text)).strip(" *_").split())
    has_letter = re.search(r"[^\W\d_]", name) is not None
    return name if has_letter and len(name) <= MAX_SHORT_TEXT else None


_TITLE_FROM_TEXT = 100  # a first sentence taken as the title is cut shorter than a real title


def clean_title(title: str, text_below: str = "") -> tuple[str, tuple[str, ...]]:
    """The title without a 'Q&A:' prefix, on one line and within the limit, and any note about it.

    An untitled post takes the first sentence of ``text_below`` (the question, or the answer of
    a post without markers), cut at a word.
    """
    text = _QA_PREFIX.sub("", " ".join(without_bidi_controls(title).split())).strip()
    if not text:
        first = re.split(r"(?<=[.?!])\s", " ".join(without_bidi_controls(text_below).split()), maxsplit=1)[0]
        text = re.sub(r"\\(.)", r"\1", re.sub(r"<[^>]*>|\[([^\]]*)\]\([^)]*\)", r"\1", first)).strip("*_ ")
        if not text:
            return "Untitled", ("the post has no title and no text to take one from; write one in 'title:'",)
        note = "the post has no title; took the first sentence of its text: check 'title:'"
        return shorten(text, _TITLE_FROM_TEXT), (note,)
    if len(text) > MAX_TITLE:
        note = f"the title was longer than {MAX_TITLE} characters and was shortened"
        return shorten(text, MAX_TITLE), (note,)
    return text, ()


def without_bidi_controls(text: str) -> str:
    """``text`` without the characters that make it display in another order than it is stored."""
    return text.translate(_BIDI_CONTROLS)


def clean_tags(names: list[str]) -> tuple[str, ...]:
    """Tags as ``clean_tag`` makes them (no markup), without blanks, over-long ones or repeats."""
    tags: list[str] = []
    seen: set[str] = set()
    for name in names:
        tag = clean_tag(without_bidi_controls(name))
        if tag and tag_key(tag) not in seen:  # one tag, however it is spelled: see entries/tags.py
            seen.add(tag_key(tag))
            tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def category_key(name: str) -> str:
    """How a category is matched: ignoring case and runs of spaces."""
    return " ".join(name.split()).casefold()


def choose_topic(
    categories: tuple[tuple[str, str], ...],
    topic_map: Mapping[str, str],
    default_topic: str | None,
    topic_keys: Collection[str] = (),
) -> tuple[str | None, tuple[str, ...]]:
    """The first category's topic (by --topic-map, or a topic key equal to its slug), else the default.

    Also returns the categories that decided nothing, so the person can map them.
    """
    wanted = {category_key(name): topic for name, topic in topic_map.items()}
    for name, nicename in categories:
        for key in (category_key(name), category_key(nicename)):
            if key and key in wanted:
                return wanted[key], ()
        for slug in (nicename, slugify(name)):
            if slug and slug in topic_keys:
                return slug, ()
    if categories:
        return default_topic, tuple(name for name, _ in categories)
    return default_topic, (() if default_topic else (NO_CATEGORY,))


def entry_text(entry: ImportedEntry) -> str:
    """The entry file: front matter as ``advice new`` writes it, then the two sections."""
    front: dict = {"title": entry.title, "date": entry.date, "topic": entry.topic}
    if entry.tags:
        front["tags"] = list(entry.tags)
    if entry.asker:
        front["asker"] = entry.asker
    if entry.summary:
        front["summary"] = entry.summary
    if entry.draft:
        front["draft"] = True
    if entry.aliases:
        front["aliases"] = list(entry.aliases)
    return write_entry_text(front, entry.question, entry.answer)
