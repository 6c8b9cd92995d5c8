"""An entry's body: its '## Question' and '## Answer' sections, and markup they may not use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .render import RAW_HTML_ALLOWED, URL_SCHEMES

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Linear on purpose: a lazy group followed by optional runs backtracks cubically on long lines.
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_COMMENT = re.compile(r"<!--")
_LINK_URL = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([a-zA-Z][\w+.-]*:[^>\s]*)>"
)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_IMAGE = re.compile(r"!\[[^\]\[]*\]\s*[\[(]")


@dataclass(frozen=True)
class Problem:
    """A problem in the body at a file line and column."""

    line: int
    col: int
    code: str
    message: str


@dataclass(frozen=True)
class Sections:
    """The two sections' Markdown and the file line each starts on."""

    question: str
    question_line: int
    answer: str
    answer_line: int


def split_sections(body: str, first_line: int) -> tuple[Sections | None, list[Problem]]:
    """Find '## Question' then '## Answer'; anything else at that level is a problem."""
    lines = body.split("\n")
    headings: list[tuple[str, int]] = []
    problems: list[Problem] = []
    for index, line in _lines_outside_code(lines):
        match = _HEADING.fullmatch(line)
        if not match:
            continue
        level = len(match.group(1))
        text = (match.group(2) or "").rstrip(" \t").rstrip("#").strip()
        if level == 1:
            problems.append(
                Problem(
                    first_line + index,
                    1,
                    "QA033",
                    "'#' headings are not allowed in the body; the title is in front matter",
                )
            )
        elif level == 2:
            headings.append((text, index))
    names = [text.casefold() for text, _ in headings]
    if names != ["question", "answer"]:
        problems.extend(_section_problems(headings, first_line, len(lines)))
        return None, problems
    (_, q_index), (_, a_index) = headings
    if any(line.strip() for line in lines[:q_index]):
        problems.append(Problem(first_line, 1, "QA033", "text before '## Question' is not shown; move it"))
    question, question_line = _section(lines[q_index + 1 : a_index], first_line + q_index + 1)
    answer, answer_line = _section(lines[a_index + 1 :], first_line + a_index + 1)
    for name, text, index in (("Question", question, q_index), ("Answer", answer, a_index)):
        if not text.strip():
            problems.append(Problem(first_line + index, 1, "QA032", f"the '## {name}' section is empty"))
    return Sections(question, question_line, answer, answer_line), problems


def _section(lines: list[str], first_line: int) -> tuple[str, int]:
    """A section's text without surrounding blank lines, and the file line its text starts on."""
    leading = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    return "\n".join(lines[leading:]).strip("\n"), first_line + leading


def _section_problems(headings: list[tuple[str, int]], first_line: int, count: int) -> list[Problem]:
    names = [text.casefold() for text, _ in headings]
    problems = [
        Problem(
            first_line + index,
            1,
            "QA033",
            f"unexpected section '## {text}'; the body has '## Question' then '## Answer' "
            "(use '###' for headings inside a section)",
        )
        for text, index in headings
        if text.casefold() not in ("question", "answer")
    ]
    end = first_line + max(count - 1, 0)
    if "question" not in names:
        problems.append(Problem(end, 1, "QA030", "missing the '## Question' section"))
    if "answer" not in names:
        problems.append(Problem(end, 1, "QA031", "missing the '## Answer' section"))
    if not problems:
        problems.append(
            Problem(
                first_line + headings[0][1],
                1,
                "QA033",
                "the body must have one '## Question' section followed by one '## Answer' section",
            )
        )
    return problems


def find_unsafe_markup(text: str, first_line: int) -> list[Problem]:
    """Raw HTML outside the allow-list, images, and links with a scheme other than http(s)/mailto."""
    problems: list[Problem] = []
    for index, line in _lines_outside_code(text.split("\n")):
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        number = first_line + index
        for match in _TAG.finditer(visible):
            name = match.group(2).lower()
            if name not in RAW_HTML_ALLOWED:
                problems.append(
                    Problem(
                        number,
                        match.start() + 1,
                        "QA040",
                        f"raw HTML <{name}> is not allowed; write Markdown "
                        f"(allowed tags: {', '.join(sorted(RAW_HTML_ALLOWED))})",
                    )
                )
        for match in _COMMENT.finditer(visible):
            problems.append(Problem(number, match.start() + 1, "QA040", "HTML comments are not allowed"))
        for match in _IMAGE.finditer(visible):
            problems.append(
                Problem(
                    number,
                    match.start() + 1,
                    "QA040",
                    "images are not supported: they would load from another site; link instead",
                )
            )
        problems.extend(_unsafe_links(visible, number))
    return problems


def _unsafe_links(line: str, number: int) -> list[Problem]:
    problems = []
    for match in _LINK_URL.finditer(line):
        url = next(group for group in match.groups() if group is not None)
        scheme = _SCHEME.match(url.strip())
        if scheme and scheme.group(1).lower() not in URL_SCHEMES:
            problems.append(
                Problem(
                    number,
                    match.start() + 1,
                    "QA041",
                    f"link URL scheme '{scheme.group(1)}:' is not allowed; use http, https or mailto",
                )
            )
    return problems


def _lines_outside_code(lines: list[str]):
    """Yield ``(index, line)`` for lines not inside fenced code blocks."""
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        yield index, line
