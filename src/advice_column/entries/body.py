"""An entry's body: its '## Question' and '## Answer' sections, and markup they may not use."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import problems as codes
from .markdown_syntax import FenceTracker, code_block_lines, code_span_ranges
from .markup_policy import RAW_HTML_ALLOWED, URL_SCHEMES
from .problems import Diagnostic, problem

_NEWLINE = re.compile("\n")
# After a newline, not at '^' in MULTILINE mode: a literal first character lets the regex
# engine skip ahead to each newline instead of trying every position.
_BLOCK_START = re.compile(r"\n {0,3}(?:#|`{3,}|~{3,})")
_NON_SPACE = re.compile(r"\S")  # what str.strip() would leave
# Linear on purpose: a lazy group followed by optional runs backtracks cubically on long lines.
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_COMMENT = re.compile(r"<!--")
_LINK_URL = re.compile(
    r"\]\([ \t]*<?([^)\s>]*)"  # [text](url)
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)"  # [ref]: url
    r"|<([a-zA-Z][\w+.-]*:[^>\s]*)>",  # <scheme:autolink>
    re.MULTILINE,
)
# The same without its middle branch, which needs ']:': most texts have none, and this one
# lets the engine skip ahead to each ']' or '<'.
_LINK_URL_INLINE = re.compile(
    r"\]\([ \t]*<?([^)\s>]*)"  # [text](url)
    r"|<([a-zA-Z][\w+.-]*:[^>\s]*)>",  # <scheme:autolink>
)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_IMAGE = re.compile(r"!\[[^\]\[\n]*\][ \t]*[\[(]")


@dataclass(frozen=True)
class Sections:
    """The two sections' Markdown and the file line each starts on."""

    question: str
    question_line: int
    answer: str
    answer_line: int


def split_sections(body: str, first_line: int) -> tuple[Sections | None, list[Diagnostic]]:
    """Find '## Question' then '## Answer'; anything else at that level is a problem."""
    headings: list[tuple[str, int, int]] = []  # text, line index, where the line starts
    found: list[Diagnostic] = []
    for index, line, start in _block_lines_outside_code(body):
        match = _HEADING.fullmatch(line)
        if not match:
            continue
        level = len(match.group(1))
        text = (match.group(2) or "").rstrip(" \t").rstrip("#").strip()
        if level == 1:
            message = "'#' headings are not allowed in the body; the title is in front matter"
            found.append(problem(first_line + index, 1, codes.BAD_SECTIONS, message))
        elif level == 2:
            headings.append((text, index, start))
    names = [text.casefold() for text, _, _ in headings]
    if names != ["question", "answer"]:
        found.extend(_section_problems(headings, first_line, body.count("\n") + 1))
        return None, found
    (_, q_index, q_start), (_, a_index, a_start) = headings
    if body[:q_start].strip():
        message = "text before '## Question' is not shown; move it"
        found.append(problem(first_line, 1, codes.BAD_SECTIONS, message))
    question, question_line = _section(body, q_start, a_start, first_line + q_index)
    answer, answer_line = _section(body, a_start, len(body), first_line + a_index)
    for name, text, index in (("Question", question, q_index), ("Answer", answer, a_index)):
        if not text.strip():
            message = f"the '## {name}' section is empty"
            found.append(problem(first_line + index, 1, codes.EMPTY_SECTION, message))
    return Sections(question, question_line, answer, answer_line), found


def _section(body: str, heading: int, end: int, heading_line: int) -> tuple[str, int]:
    """The lines after the heading line at ``heading``, up to ``end`` (the next heading's line or
    the body's end), without surrounding blank lines, and the file line its text starts on."""
    start = body.find("\n", heading, end)
    if start == -1:  # the heading is the body's last line
        return "", heading_line + 1
    text = body[start + 1 : end]
    cut = 1 if end < len(body) else 0  # the newline ending the line before the next heading
    first = _NON_SPACE.search(text)
    if first is None:  # blank lines only
        return "", heading_line + 1 + text.count("\n") + 1 - cut
    line_start = text.rfind("\n", 0, first.start()) + 1
    leading = text.count("\n", 0, line_start)
    return text[line_start : len(text) - cut].strip("\n"), heading_line + 1 + leading


def _section_problems(headings: list[tuple[str, int, int]], first_line: int, count: int) -> list[Diagnostic]:
    names = [text.casefold() for text, _, _ in headings]
    found = [
        problem(
            first_line + index,
            1,
            codes.BAD_SECTIONS,
            f"unexpected section '## {text}'; the body has '## Question' then '## Answer' "
            "(use '###' for headings inside a section)",
        )
        for text, index, _ in headings
        if text.casefold() not in ("question", "answer")
    ]
    end = first_line + max(count - 1, 0)
    if "question" not in names:
        found.append(problem(end, 1, codes.NO_QUESTION, "missing the '## Question' section"))
    if "answer" not in names:
        found.append(problem(end, 1, codes.NO_ANSWER, "missing the '## Answer' section"))
    if not found:
        message = "the body must have one '## Question' section followed by one '## Answer' section"
        found.append(problem(first_line + headings[0][1], 1, codes.BAD_SECTIONS, message))
    return found


def find_unsafe_markup(text: str, first_line: int) -> list[Diagnostic]:
    """Raw HTML outside the allow-list, images, and links with a scheme other than http(s)/mailto.

    Scans the whole text at once (most answers have no markup to look at) and skips matches
    inside code blocks (fenced or indented) and inline code spans. Each line's code spans are found once, so
    the work stays linear however many matches a long line holds.
    """
    present = _needles_in(text)
    if not present:
        return []  # most questions, and answers without links
    code = None
    line_starts: list[int] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    found = []
    for needles, pattern, describe in _CHECKS:
        if present.isdisjoint(needles):
            continue
        skip_ahead = pattern is _LINK_URL and "]:" not in present
        matches = _inline_links(text) if skip_ahead else pattern.finditer(text)
        for match in matches:
            result = describe(match)
            if result is None:
                continue
            if code is None:  # only once something is found: most links are plain https
                code = code_block_lines(text)
                line_starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
            start = match.start()
            index = bisect.bisect_right(line_starts, start) - 1
            line_start = line_starts[index]
            if index in code or _in_code_span(text, line_start, start - line_start, spans, index):
                continue
            found.append(problem(first_line + index, start - line_start + 1, *result))
    return sorted(found, key=lambda diagnostic: (diagnostic.line, diagnostic.col))


def _inline_links(text: str) -> Iterator[re.Match]:
    """``_LINK_URL.finditer(text)`` for a text without ']:', found faster.

    The regex engine would try each position of the text in turn; here ``str.find`` skips to
    each '](' and '<', where alone a match can start, and the matches are the same ones.
    """
    link, angle = text.find("]("), text.find("<")
    while link != -1 or angle != -1:
        start = min(found for found in (link, angle) if found != -1)
        match = _LINK_URL_INLINE.match(text, start)
        position = match.end() if match else start + 1
        if match:
            yield match
        if link != -1 and link < position:
            link = text.find("](", position)
        if angle != -1 and angle < position:
            angle = text.find("<", position)


def _in_code_span(text: str, line_start: int, offset: int, spans: dict, index: int) -> bool:
    if index not in spans:
        line_end = text.find("\n", line_start)
        spans[index] = code_span_ranges(text[line_start : line_end if line_end != -1 else len(text)])
    return any(start <= offset < end for start, end in spans[index])


def _raw_tag(match: re.Match) -> tuple[str, str] | None:
    name = match.group(2).lower()
    if name in RAW_HTML_ALLOWED:
        return None
    allowed = ", ".join(sorted(RAW_HTML_ALLOWED))
    message = f"raw HTML <{name}> is not allowed; write Markdown (allowed tags: {allowed})"
    return codes.RAW_HTML, f"{message}, or show it as code between backticks"


def _unsafe_link(match: re.Match) -> tuple[str, str] | None:
    url = next(group for group in match.groups() if group is not None)
    scheme = _SCHEME.match(url.strip())
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        message = f"link URL scheme '{scheme.group(1)}:' is not allowed; use http, https or mailto"
        return codes.UNSAFE_URL, message
    return None


# (strings one of which a match must contain, pattern, what a match means)
_CHECKS = (
    (("<",), _TAG, _raw_tag),
    (("<!--",), _COMMENT, lambda match: (codes.RAW_HTML, "HTML comments are not allowed")),
    (
        ("![",),
        _IMAGE,
        lambda match: (
            codes.RAW_HTML,
            "images are not supported: they would load from another site; link instead",
        ),
    ),
    (("](", "]:", "<"), _LINK_URL, _unsafe_link),
)


def _needles_in(text: str) -> set[str]:
    """The strings of ``_CHECKS`` that ``text`` holds, each looked for only where it can be."""
    present = set()
    if "<" in text:  # one character: a quick scan
        present.update(needle for needle in ("<", "<!--") if needle in text)
    if "]" in text:
        present.update(needle for needle in ("![", "](", "]:") if needle in text)
    return present


def _block_lines_outside_code(body: str):
    """Yield ``(index, line, start)`` for lines that may be headings, outside fenced code blocks.

    Only lines starting with '#' or a fence are looked at, found by one scan of the body.
    """
    fences = FenceTracker()
    index = position = 0
    for match in _BLOCK_START.finditer("\n" + body):  # so that the first line is one too
        index += body.count("\n", position, match.start())
        position = match.start()  # in the body: one past the newline, less the one added
        end = body.find("\n", position)
        line = body[position : end if end != -1 else len(body)]
        if not fences.in_code(line):
            yield index, line, position
