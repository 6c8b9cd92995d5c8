"""``advice new --from-issue EVENT.json``: a reader's question, asked with the "Ask a question"
issue form, becomes a draft entry when the columnist labels the issue ``answer-this``.

The event file is what GitHub hands a workflow (``$GITHUB_EVENT_PATH``): everything in it but
the label was written by the asker, so all of it is data. The question is kept as plain text
(no HTML, links, headings, code or deep nesting), one-line values lose any markup, the topic is
only looked up, and the file's name is a slug of letters, digits and hyphens under ``qa/``: the
draft passes ``advice check`` or nothing is written.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..entries.fields import MAX_SHORT_TEXT, topic_meant
from ..entries.limits import MAX_OPENERS
from ..entries.model import Topic
from ..entries.slugs import slugify
from ..entries.textfile import CONTROL
from ..entries.values import line_problem
from ..errors import AdviceError
from .ask_form import DEFAULT_LABELS
from .new import NewEntry, NewEntryError, plan_entry

LABEL = "answer-this"
CONSENT_LABEL = "Publication"
MAX_EVENT_BYTES = 2 * 1024 * 1024  # an issue body is at most 65,536 characters
MAX_QUESTION = 6_000  # characters kept from the question; the issue holds the rest
MAX_TITLE = 150
NO_RESPONSE = "_No response_"  # what GitHub writes for an empty field
_ISSUE_URL = re.compile(r"https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/issues/[0-9]{1,9}")
_ENTITY = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;|(?:lt|gt|amp|quot|apos)(?![A-Za-z0-9]))", re.IGNORECASE)
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
# A line that opens with block markup (heading, quote, list markers piled up): shown as text.
_BLOCK_START = re.compile(r"#|>|(?:(?:[-*+]|\d{1,9}[.)])[ \t]+){2,}|[-*_=]{3,}[ \t]*$|(?:`{3,}|~{3,})")


class IssueError(AdviceError):
    """The event is not a labeled "Ask a question" issue that can become a draft; ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class AskedQuestion:
    """What the asker wrote in the form, cleaned, and the issue it came from."""

    number: int
    url: str | None
    title: str
    question: str
    asker: str | None
    topic: str | None  # as chosen in the form: a topic's title, or anything


def read_event(path: Path, labels: dict[str, str] = DEFAULT_LABELS, label: str = LABEL) -> AskedQuestion:
    """The question of a saved ``issues`` event in which the issue was labeled ``label``."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_EVENT_BYTES + 1)
        event = json.loads(data.decode("utf-8")) if len(data) <= MAX_EVENT_BYTES else None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise IssueError(f"{path}: not a GitHub event file ({error})", 2) from None
    if not isinstance(event, dict):
        raise IssueError(
            f"{path}: not a GitHub event file (over {MAX_EVENT_BYTES:,} bytes, or not an object)", 2
        )
    issue, named = event.get("issue"), (event.get("label") or {})
    if not isinstance(issue, dict) or event.get("action") != "labeled" or not isinstance(named, dict):
        raise IssueError(f"{path}: not the event of an issue being labeled", 2)
    if named.get("name") != label:
        raise IssueError(f"the issue was labeled {str(named.get('name'))!r}, not {label!r}; nothing to do")
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 10**9:
        raise IssueError(f"{path}: the issue has no number", 2)
    body = issue.get("body")
    answers = form_answers(body if isinstance(body, str) else "", [*labels.values(), CONSENT_LABEL])
    if not answers.get(labels["question"]):
        raise IssueError(f"issue #{number} was not made with the Ask a question form: it has no question")
    _require_consent(answers.get(CONSENT_LABEL), number)
    url = issue.get("html_url")
    question = letter_markdown(answers[labels["question"]])
    issue_title = issue.get("title") if isinstance(issue.get("title"), str) else ""
    title = plain_line(answers.get(labels["title"]) or "", MAX_TITLE)
    title = title or plain_line(re.sub(r"^\s*Question:\s*", "", issue_title), MAX_TITLE)
    return AskedQuestion(
        number=number,
        url=url if isinstance(url, str) and _ISSUE_URL.fullmatch(url) else None,
        title=title or plain_line(_first_sentence(question), MAX_TITLE) or f"Question {number}",
        question=question,
        asker=plain_line(answers.get(labels["asker"]) or "", MAX_SHORT_TEXT) or None,
        topic=answers.get(labels["topic"]) or None,
    )


def form_answers(body: str, labels: list[str]) -> dict[str, str]:
    """Each label's answer in an issue body made by a form (``### Label`` then the answer).

    Every field after the question is one line or a list of boxes, so the last heading of each
    label is the form's own: one the asker typed into the question cannot stand for a field.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = {line[4:].strip(): index for index, line in enumerate(lines) if line.startswith("### ")}
    first = next(
        (i for i, line in enumerate(lines) if line.startswith("### ") and line[4:].strip() == labels[0]), None
    )
    marks = sorted((index, label) for label, index in starts.items() if label in labels[1:])
    if first is not None:
        marks = [(first, labels[0]), *((i, label) for i, label in marks if i > first)]
    answers: dict[str, str] = {}
    if not marks:
        return answers
    for (index, label), following in zip(marks, [*marks[1:], (len(lines), "")], strict=True):
        text = "\n".join(lines[index + 1 : following[0]]).strip()
        answers[label] = "" if text == NO_RESPONSE else text
    return answers


def letter_markdown(text: str) -> str:
    """The asker's text as Markdown that shows it as written: paragraphs, no markup that acts."""
    text = _INVISIBLE.sub("", CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    cut = len(text) > MAX_QUESTION
    if cut:
        text = text[: text.rfind(" ", 0, MAX_QUESTION) if " " in text[:MAX_QUESTION] else MAX_QUESTION]
    paragraphs, lines = [], []
    many = text.count("<") + text.count("&") > MAX_OPENERS // 2
    for line in [*text.split("\n"), ""]:
        line = line.strip()  # no indentation: no code blocks, no nesting
        if line:
            lines.append(_plain_markdown_line(line, many))
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    if cut:
        paragraphs.append("*(The rest of the question is in the issue.)*")
    return "\n\n".join(paragraphs)


def _plain_markdown_line(line: str, many: bool) -> str:
    if many:  # so many that escaping each would pass the renderer's limit (see limits.py)
        line = line.replace("<", "‹").replace("&", "＆")
    line = _ENTITY.sub("&amp;", line).replace("<", "&lt;").replace("[", "(").replace("]", ")")
    return "\\" + line if _BLOCK_START.match(line) else line


def plain_line(text: str, limit: int) -> str:
    """One line of text without markup or invisible characters, at most ``limit`` characters; '' if none."""
    text = " ".join(_INVISIBLE.sub("", CONTROL.sub(" ", text)).split())
    text = _ENTITY.sub("& ", text).replace("<", "‹").replace(">", "›")
    if len(text) > limit:
        text = text[: text.rfind(" ", 0, limit - 1) if " " in text[: limit - 1] else limit - 1].rstrip() + "…"
    return "" if line_problem(text, "text") else text


def draft_from_issue(
    root: Path, topics: dict[str, Topic], asked: AskedQuestion, day: datetime.date
) -> tuple[NewEntry, str | None]:
    """The draft entry of ``asked``, and a note when its topic could not be the one chosen."""
    topic, note = _topic_of(asked.topic, topics)
    link = f"Asked in issue #{asked.number}" + (f": {asked.url}" if asked.url else "")
    plan = dict(question=asked.question, comment=link)
    try:
        draft = plan_entry(root, topics, asked.title, topic, day, None, asked.asker, **plan)
    except NewEntryError as error:
        if error.exit_code != 1:  # not a clash of slugs: the text itself would not pass check
            raise IssueError(
                f"issue #{asked.number} cannot become a draft: {error}; write it by hand"
            ) from None
        slug = f"{(slugify(asked.title) or 'question')[:80].rstrip('-')}-issue-{asked.number}"
        draft = plan_entry(root, topics, asked.title, topic, day, None, asked.asker, slug=slug, **plan)
    return draft, note


def _topic_of(chosen: str | None, topics: dict[str, Topic]) -> tuple[str, str | None]:
    by_title = {topic.title.casefold(): key for key, topic in topics.items()}
    if chosen and (key := by_title.get(chosen.strip().casefold()) or topic_meant(chosen, topics)):
        return key, None
    first = next(iter(topics))
    said = f"chose {plain_line(chosen, 60)!r}, not a topic" if chosen else "chose no topic"
    return first, f"the asker {said}; the draft is filed under '{first}': change it if another fits"


def _require_consent(boxes: str | None, number: int) -> None:
    ticks = [line.strip() for line in (boxes or "").split("\n") if line.strip().startswith("- [")]
    if not ticks or not all(line.startswith(("- [X]", "- [x]")) for line in ticks):
        raise IssueError(
            f"issue #{number}: the asker has not agreed to publication (the form's boxes); not drafted"
        )


def _first_sentence(text: str) -> str:
    first = text.split("\n\n", 1)[0].replace("\\", "")
    match = re.match(r"(.+?[.?!])(\s|$)", first, re.DOTALL)
    return match.group(1) if match else first
