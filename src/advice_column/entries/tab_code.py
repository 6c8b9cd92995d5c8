"""A paragraph indented with a tab becomes a code block: said, since it is almost never meant.

Markdown reads a block that starts four columns in (a tab reaches that) as code, shown in a
monospace box without emphasis or links. Writers indent a paragraph with a tab by habit (or a
word processor does it for them); four spaces or a fence still make code when code is meant.
"""

from __future__ import annotations

import re

from . import problems as codes
from .markdown_syntax import code_block_lines, fenced_lines
from .problems import Diagnostic, problem

_TAB_INDENT = re.compile(r" {0,3}\t")


def find_tab_code_blocks(body: str, first_line: int) -> list[Diagnostic]:
    """A problem at the first line of each indented code block of ``body`` that starts with a tab."""
    if "\t" not in body:
        return []
    indented = code_block_lines(body) - fenced_lines(body)
    lines = body.split("\n")
    found = []
    for index in sorted(indented):
        if index - 1 not in indented and _TAB_INDENT.match(lines[index]):
            message = (
                "this paragraph starts with a tab, so it is shown as a code block; delete the tab "
                "(for code, indent it four spaces or put it between ``` fences)"
            )
            found.append(problem(first_line + index, 1, codes.TAB_CODE_BLOCK, message))
    return found
