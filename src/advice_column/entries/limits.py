"""Bounds on the work one entry can cause: what `advice check` accepts renders in well under 1 s.

Python-Markdown's link pattern walks the rest of a paragraph, character by character in Python,
at each '[' (about 1 µs a character: 20,000 '[' took 93 s), and its other inline patterns rescan
at each '<' and '&'. Its block parser recurses once per level of nested lists and quotes (260
levels raised RecursionError). Each limit below is far beyond what an answer needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import problems as codes
from .markdown_syntax import FenceTracker
from .problems import Diagnostic, problem

MAX_PARAGRAPH = 8_000  # characters between blank lines, outside fenced code
MAX_OPENERS = 300  # '[', '<' and '&' in a body, outside fenced code
MAX_BRACKET_WORK = 250_000  # sum over paragraphs of their '[' times their length: under 1 s
MAX_NESTING = 40  # columns of indentation, '>' and list markers before a line's text
_OPENERS = re.compile(r"[\[<&]")
_NESTING = re.compile(r"(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
# A line nested deeper than MAX_NESTING columns starts with more than MAX_NESTING / 4 of the
# characters _NESTING takes (a tab is at most 4 columns); searched after a newline, quickly.
_DEEP = re.compile(rf"\n[ \t>*+\-0-9.)]{{{MAX_NESTING // 4 + 1},}}")


def find_render_limits(body: str, first_line: int) -> list[Diagnostic]:
    """A problem for each limit the body passes, at the line where it passes it."""
    return [] if _surely_within_limits(body) else _line_by_line(body, first_line)


def _line_by_line(body: str, first_line: int) -> list[Diagnostic]:
    """:func:`find_render_limits` the long way: every line, in order, outside fenced code."""
    found: list[Diagnostic] = []
    openers = work = 0
    paragraph = _Paragraph(first_line)
    fences = FenceTracker()
    for index, line in enumerate([*body.split("\n"), ""]):
        number = first_line + index
        if fences.in_code(line) or not line.strip():
            if paragraph.brackets and work <= MAX_BRACKET_WORK < (work := work + paragraph.work):
                found.append(_too_many_brackets(paragraph))
            paragraph = _Paragraph(number + 1)
            continue
        paragraph.length += len(line) + 1
        paragraph.brackets += line.count("[")
        if paragraph.length > MAX_PARAGRAPH and not paragraph.reported:
            paragraph.reported = True
            message = f"this paragraph is over {MAX_PARAGRAPH:,} characters; split it with blank lines"
            found.append(problem(paragraph.line, 1, codes.TOO_COMPLEX, message))
        if openers <= MAX_OPENERS and (count := len(_OPENERS.findall(line))):
            openers += count
            if openers > MAX_OPENERS:
                message = (
                    f"more than {MAX_OPENERS} '[', '<' and '&' outside code blocks; "
                    "the page would take too long to render: use fewer links and symbols"
                )
                found.append(problem(number, 1, codes.TOO_COMPLEX, message))
        depth = len(_NESTING.match(line).group().expandtabs(4))
        if depth > MAX_NESTING and not any(d.message.startswith("nested") for d in found):
            message = f"nested {depth} columns deep (lists, quotes, indentation); the limit is {MAX_NESTING}"
            found.append(problem(number, 1, codes.TOO_COMPLEX, message))
    return sorted(found, key=lambda diagnostic: diagnostic.line)


def _surely_within_limits(body: str) -> bool:
    """True when bounds taken over the whole body show that no limit is passed.

    Most bodies are far within every limit, and a few scans of the text in C say so at a tenth
    of the cost of the walk line by line. Each bound counts more than the walk does: code
    blocks and whitespace-only lines only split paragraphs and leave characters out.
    """
    brackets = body.count("[")
    if brackets + body.count("<") + body.count("&") > MAX_OPENERS or _DEEP.search("\n" + body):
        return False
    size = len(body) + 1  # the walk counts a newline after each line of a paragraph
    if size <= MAX_PARAGRAPH and brackets * size <= MAX_BRACKET_WORK:
        return True
    # A paragraph lies within one stretch between empty lines, so it is no longer than it.
    stretches = body.split("\n\n")
    longest = max(map(len, stretches)) + 1
    if longest > MAX_PARAGRAPH:
        return False
    # Each stretch's '[' times its length is at most its '[' times the longest stretch.
    return brackets * longest <= MAX_BRACKET_WORK or (
        sum(stretch.count("[") * (len(stretch) + 1) for stretch in stretches) <= MAX_BRACKET_WORK
    )


@dataclass
class _Paragraph:
    """Lines between blank lines: where they start, how long they are, how many '[' they hold."""

    line: int
    length: int = 0
    brackets: int = 0
    reported: bool = False

    @property
    def work(self) -> int:
        return self.brackets * self.length


def _too_many_brackets(paragraph: _Paragraph) -> Diagnostic:
    message = (
        f"this paragraph has {paragraph.brackets} '[' in {paragraph.length:,} characters and the "
        "renderer reads on to its end at each one: split the paragraph or use fewer '['"
    )
    return problem(paragraph.line, 1, codes.TOO_COMPLEX, message)
