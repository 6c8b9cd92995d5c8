"""An entry's body: its '## Question' and '## Answer' sections, and markup they may not use."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Raw HTML a contributor may write inline, and the link schemes allowed; `advice check` reports
# anything else, and the renderer's sanitiser (render.py) removes it.
RAW_HTML_ALLOWED = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "del", "ins"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Markdown's fenced-code and code-span syntax, shared with the importer.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|`{3,}|~{3,})", re.MULTILINE)
# Linear on purpose: a lazy group followed by optional runs backtracks cubically on long lines.
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
CODE_SPAN = re.compile(r"(`+).*?\1")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_COMMENT = re.compile(r"<!--")
_LINK_URL = re.compile(
    r"\]\([ \t]*<?([^)\s>]*)"  # [text](url)
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)"  # [ref]: url
    r"|<([a-zA-Z][\w+.-]*:[^>\s]*)>",  # <scheme:autolink>
    re.MULTILINE,
)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_IMAGE = re.compile(r"!\[[^\]\[\n]*\][ \t]*[\[(]")
# Anything any check above could match; text without it needs no closer look.
_SUSPICIOUS = re.compile(r"<[A-Za-z/!]|!\[|\]\(|\]:")


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
    for index, line in _block_lines_outside_code(body):
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
    """Raw HTML outside the allow-list, images, and links with a scheme other than http(s)/mailto.

    Scans the whole text at once (most answers have no markup to look at) and skips matches
    inside fenced code blocks and inline code spans.
    """
    if not _SUSPICIOUS.search(text):
        return []
    fenced = _fenced_lines(text) if ("```" in text or "~~~" in text) else frozenset()
    problems = []
    for needles, pattern, describe in _CHECKS:
        if not any(needle in text for needle in needles):
            continue
        for match in pattern.finditer(text):
            found = describe(match)
            if found is None:
                continue
            start = match.start()
            index = text.count("\n", 0, start)
            if index in fenced or _in_code_span(text, start):
                continue
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            problems.append(Problem(first_line + index, col, *found))
    return sorted(problems, key=lambda problem: (problem.line, problem.col))


def _raw_tag(match: re.Match) -> tuple[str, str] | None:
    name = match.group(2).lower()
    if name in RAW_HTML_ALLOWED:
        return None
    allowed = ", ".join(sorted(RAW_HTML_ALLOWED))
    return "QA040", f"raw HTML <{name}> is not allowed; write Markdown (allowed tags: {allowed})"


def _unsafe_link(match: re.Match) -> tuple[str, str] | None:
    url = next(group for group in match.groups() if group is not None)
    scheme = _SCHEME.match(url.strip())
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return "QA041", f"link URL scheme '{scheme.group(1)}:' is not allowed; use http, https or mailto"
    return None


# (strings one of which a match must contain, pattern, what a match means)
_CHECKS = (
    (("<",), _TAG, _raw_tag),
    (("<!--",), _COMMENT, lambda match: ("QA040", "HTML comments are not allowed")),
    (
        ("![",),
        _IMAGE,
        lambda match: ("QA040", "images are not supported: they would load from another site; link instead"),
    ),
    (("](", "]:", "<"), _LINK_URL, _unsafe_link),
)


def _in_code_span(text: str, position: int) -> bool:
    """Whether ``position`` is inside an inline `code span` on its line."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if "`" not in line:
        return False
    offset = position - line_start
    return any(span.start() <= offset < span.end() for span in CODE_SPAN.finditer(line))


def _fenced_lines(text: str) -> frozenset[int]:
    """Indexes of the lines inside fenced code blocks, fences included."""
    lines = text.split("\n")
    outside = {index for index, _ in _lines_outside_code(lines)}
    return frozenset(index for index in range(len(lines)) if index not in outside)


def _block_lines_outside_code(body: str):
    """Yield ``(index, line)`` for lines that may be headings, outside fenced code blocks.

    Only lines starting with '#' or a fence are looked at, found by one scan of the body.
    """
    fence: str | None = None
    index = position = 0
    for match in _BLOCK_START.finditer(body):
        index += body.count("\n", position, match.start())
        position = match.start()
        end = body.find("\n", position)
        line = body[position : end if end != -1 else len(body)]
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is None:
            yield index, line
        elif opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
            fence = None


def _lines_outside_code(lines: list[str]):
    """Yield ``(index, line)`` for lines not inside fenced code blocks."""
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        yield index, line
