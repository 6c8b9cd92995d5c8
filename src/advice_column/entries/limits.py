"""Bounds on the work one entry can cause: what `advice check` accepts renders in well under 1 s.

Python-Markdown's inline patterns rescan the rest of a paragraph at each '[' (links), '<'
(autolinks, raw HTML) and '&' (entities): the time grows with their number times the paragraph's
length (20,000 '[' took 93 s). Its block parser recurses once per level of nested lists and
quotes (260 levels raised RecursionError). Each limit below is far beyond what an answer needs.
"""

from __future__ import annotations

import re

from . import problems as codes
from .markdown_syntax import FenceTracker
from .problems import Diagnostic, problem

MAX_PARAGRAPH = 8_000  # characters between blank lines, outside fenced code
MAX_OPENERS = 300  # '[', '<' and '&' in a body, outside fenced code
MAX_NESTING = 40  # columns of indentation, '>' and list markers before a line's text
_OPENERS = re.compile(r"[\[<&]")
_NESTING = re.compile(r"(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")


def find_render_limits(body: str, first_line: int) -> list[Diagnostic]:
    """A problem for each limit the body passes, at the line where it passes it."""
    found: list[Diagnostic] = []
    openers = paragraph = 0
    paragraph_line = first_line
    fences = FenceTracker()
    for index, line in enumerate(body.split("\n")):
        number = first_line + index
        if fences.in_code(line) or not line.strip():
            paragraph = 0
            continue
        if paragraph == 0:
            paragraph_line = number
        paragraph += len(line) + 1
        if paragraph > MAX_PARAGRAPH:
            message = (
                f"the paragraph starting on line {paragraph_line} is over {MAX_PARAGRAPH:,} characters; "
                "split it with blank lines"
            )
            found.append(problem(paragraph_line, 1, codes.TOO_COMPLEX, message))
            paragraph = -(10**9)  # once per paragraph
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
    return found
