"""A WordPress Q&A post as a reader copies it from the page, without the page's furniture."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..entries.slugs import slugify, stable_slug
from .entry import (
    ImportedEntry,
    ImportProblem,
    clean_tags,
    clean_title,
    find_asker,
    split_question_answer,
    without_signature,
)
from .markdown_text import escape_text, tidy_spaces

# Whole lines that WordPress themes and WordPress.com put around a post: sharing, likes, the comment
# form, post navigation. Open-ended ones are length-bounded so that a sentence of the answer is not
# taken for them.
_FURNITURE = re.compile(
    r"""^(?:
      leave\ a\ (?:reply|comment)(?:\ cancel\ reply)? | cancel(?:\ reply)? | reply
    | fill\ in\ your\ details\ below\ or\ click\ an\ icon\ to\ log\ in:?
    | enter\ your\ comment\ here\.*
    | (?:email|name)(?:\ \(required\))?(?:\ \(address\ never\ made\ public\))? | website
    | you\ are\ commenting\ using\ your\ .{1,40}\ account\..*
    | \(?\s*log\ out\s*/\s*change\s*\)?
    | connecting\ to\ %s
    | notify\ me\ of\ new\ (?:comments|posts)\ via\ email\.?
    | post\ was\ not\ sent\ -\ check\ your\ email\ addresses!?
    | email\ check\ failed,\ please\ try\ again\.?
    | sorry,\ your\ blog\ cannot\ share\ posts\ by\ email\.?
    | share\ this:? | like\ this:? | like | (?:like\ )?loading\.* | related | reblog | follow | share
    | twitter | facebook | linkedin | pinterest | tumblr | reddit | pocket | telegram | whatsapp
    | print | more | subscribe(?:d)? | %d\ bloggers\ like\ this:? | be\ the\ first\ to\ like\ this\.?
    | \d+\ bloggers?\ likes?\ this\.? | click\ to\ .{1,60} | .{1,60}\(opens\ in\ new\ window\)
    | (?:one|\d+|no)\ (?:comments?|responses?|replies|thoughts?)(?:\ (?:on|to)\ [^.!]{1,120})?
    | post\ navigation | previous\ post | next\ post | «[^«»]{1,80} | [^«»]{1,80}» | posted\ on\ .{1,100}
    | bookmark\ the\ permalink\.? | blog\ at\ wordpress\.com\.?
    | create\ a\ free\ website\ or\ blog\ at\ wordpress\.com\.? | (?:proudly\ )?powered\ by\ wordpress\.?
    | (?:this\ entry\ was\ )?(?:posted|filed)\ (?:in|under)\ .{1,200} | tagged(?:\ with)?:?\ .{1,200}
    | tags?:\ .{1,200} | categor(?:y|ies):\ .{1,200} | this\ entry\ was\ posted\ .* | posted\ by\ .{1,60}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TITLE = re.compile(r"^\s*Q\s*(?:&|and)\s*A\s*[:|–—-]", re.IGNORECASE)
_QUESTION_FIRST = re.compile(r"^(?:Q|Question)\s*[:.]")
_BYLINE = re.compile(r"^(?:by|posted by|written by)\s+\S.{0,58}$", re.IGNORECASE)
_POSTED_IN = re.compile(
    r"(?:posted in|filed under|categor(?:y|ies):)\s*(.+?)(?:\s+and tagged\s+(.+?))?\.?$", re.I
)
_TAGGED = re.compile(r"^(?:tagged(?: with)?:?|tags?:)\s*(.+?)\.?$", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATES = (
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.I), (3, 1, 2)),
    (re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(\d{{4}})\b", re.I), (3, 2, 1)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
)


@dataclass
class _Page:
    """What the lines around the post said: its date, categories and tags."""

    dates: list[datetime.date] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def parse_saved_post(text: str, source: str = "saved post") -> ImportedEntry:
    """Read a copied Q&A post; ``date`` is None when the page showed none."""
    lines = [tidy_spaces(line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    start = _title_index(lines)
    if start is None:
        raise ImportProblem("no post text found; copy the page from the title down to the end of the answer")
    # A copy that begins at 'Q:' has no title line; the title then comes from the question.
    has_title = not _QUESTION_FIRST.match(lines[start])
    title_line = lines[start] if has_title else ""
    body, page = _body_lines(lines[start + has_title :])
    for line in lines[:start]:
        _read_metadata(line, page)
    if not body:
        raise ImportProblem("no post text found; copy the page from the title down to the end of the answer")
    split = split_question_answer("\n\n".join(escape_text(line) for line in body))
    title, title_notes = clean_title(title_line, split.question if not split.uncertain else split.answer)
    categories = tuple((name, slugify(name)) for name in clean_tags(page.categories))
    asker = None if split.uncertain else find_asker(split.question, split.answer)
    return ImportedEntry(
        source=source,
        title=title,
        date=page.dates[0] if page.dates else None,
        slug=slugify(title) or stable_slug(title),
        question=without_signature(split.question, asker),
        answer=split.answer,
        tags=clean_tags(page.tags),
        asker=asker,
        draft=split.uncertain,
        categories=categories,
        attention=title_notes + split.notes,
    )


def _title_index(lines: list[str]) -> int | None:
    """The 'Q&A: ...' line, else the first line that is neither furniture, a date nor a byline."""
    for index, line in enumerate(lines):
        if _TITLE.match(line):
            return index
    for index, line in enumerate(lines):
        if not (_FURNITURE.match(line) or _BYLINE.match(line) or _is_date_line(line)):
            return index
    return None


def _body_lines(lines: list[str]) -> tuple[list[str], _Page]:
    """The post's own lines, up to the first furniture after them; the rest is read for metadata."""
    page = _Page()
    body: list[str] = []
    end = len(lines)
    for index, line in enumerate(lines):
        furniture = _FURNITURE.match(line) or any(_FURNITURE.match(p) for p in _parts(line))
        if body and furniture:
            end = index
            break
        if not body and (furniture or _BYLINE.match(line) or _is_date_line(line)):
            _read_metadata(line, page)
            continue
        body.append(line)
    for line in lines[end:]:
        _read_metadata(line, page)
    return body, page


def _parts(line: str) -> list[str]:
    """A footer line such as 'Posted in Interviews | Tagged follow-up | Leave a comment' in pieces."""
    return [part.strip() for part in re.split(r"\s+[|·•]\s+", line) if part.strip()]


def _read_metadata(line: str, page: _Page) -> None:
    for part in _parts(line):
        if match := _POSTED_IN.search(part):
            page.categories.extend(_names(match.group(1)))
            page.tags.extend(_names(match.group(2) or ""))
        elif match := _TAGGED.match(part):
            page.tags.extend(_names(match.group(1)))
    if day := find_date(line):
        page.dates.append(day)


def _names(text: str) -> list[str]:
    return [name.strip() for name in re.split(r",|\s+and\s+", text) if name.strip()]


def _is_date_line(line: str) -> bool:
    """A short line that is mostly a date, e.g. 'December 28, 2012' or 'Posted on ... by ...'."""
    return len(line) <= 80 and find_date(line) is not None and not re.match(r"^(?:Q|A)\s*[:.]", line)


def find_date(text: str) -> datetime.date | None:
    """The first real date written as 'December 28, 2012', '28 Dec 2012' or '2012-12-28'."""
    for pattern, (y, m, d) in _DATES:
        for match in pattern.finditer(text):
            month = match.group(m)
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3], 0)
            try:
                return datetime.date(int(match.group(y)), number, int(match.group(d)))
            except ValueError:
                continue
    return None
