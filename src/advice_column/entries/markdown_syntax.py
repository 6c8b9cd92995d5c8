"""Markdown's code blocks and code spans, tracked one way for the checks and the importer."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# A list item as Python-Markdown starts one: a bullet or "1." after at most 3 spaces, then space.
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+\.)[ \t]+\S")
_INDENTED = re.compile(r"^(?: {4}| {0,3}\t)", re.MULTILINE)
# A heading or a horizontal rule is a block of its own line: the next line starts a new block.
_ONE_LINE_BLOCK = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$)")


class FenceTracker:
    """Feed lines in order; says whether each is part of a fenced code block (fences included)."""

    def __init__(self) -> None:
        self.fence: str | None = None

    def in_code(self, line: str) -> bool:
        """Whether ``line`` is inside a fenced block or is one of its fences."""
        opening = FENCE.match(line)
        if self.fence is None:
            if opening:
                self.fence = opening.group(1)
            return opening is not None
        if opening and opening.group(1)[0] == self.fence[0] and len(opening.group(1)) >= len(self.fence):
            self.fence = None
        return True


def lines_outside_code(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """``(index, line)`` for the lines that are not in fenced code blocks."""
    tracker = FenceTracker()
    for index, line in enumerate(lines):
        if not tracker.in_code(line):
            yield index, line


def code_block_lines(text: str) -> frozenset[int]:
    """Indexes of the lines in code blocks: fenced ones (fences included) and indented ones.

    Indented code as Python-Markdown reads it: a block (lines between blank lines) starting
    four columns in, up to its first line indented less; a heading or a rule splits a block.
    After a list, an indented block belongs to the list item instead, read one level less
    indented (so code there needs eight columns).
    """
    fenced = fenced_lines(text)
    if not _INDENTED.search(text):
        return fenced
    code = set(fenced)
    _find_indented_code(list(enumerate(text.split("\n"))), fenced, code)
    return frozenset(code)


def fenced_lines(text: str) -> frozenset[int]:
    """Indexes of the lines inside fenced code blocks, fences included.

    As :class:`FenceTracker` reads them, which is more lenient than the renderer (a fence
    indented up to three spaces, or never closed, still counts): what it lets through as code,
    the sanitiser still cleans.
    """
    if "```" not in text and "~~~" not in text:
        return frozenset()
    tracker = FenceTracker()
    return frozenset(index for index, line in enumerate(text.split("\n")) if tracker.in_code(line))


def _find_indented_code(lines: list[tuple[int, str]], fenced: frozenset[int], code: set[int]) -> int:
    """Add to ``code`` the indexes of ``lines`` in indented code blocks; returns how deep the
    lists at their end are nested (0: they do not end in a list)."""
    block_start, in_code = True, False
    lists = 0  # how deep the lists just before are nested (0: no list)
    position = 0
    while position < len(lines):
        index, line = lines[position]
        position += 1
        if index in fenced:  # a fenced block stands apart, as between blank lines
            block_start, in_code, lists = True, False, 0
            continue
        if not line.strip(" \t"):  # Python-Markdown reads a line of spaces and tabs as blank
            block_start = True
            continue
        indent = _indent(line)
        if in_code and indent >= 4:
            code.add(index)
        elif block_start and indent >= 4 and lists:  # a list item's further block, all of it
            end = position
            while end < len(lines) and lines[end][1].strip(" \t") and lines[end][0] not in fenced:
                end += 1
            levels = min(indent // 4, lists)  # the item it belongs to, nested this deep
            item = [(i, _less_indented(text, levels)) for i, text in lines[position - 1 : end]]
            if inner := _find_indented_code(item, fenced, code):  # a list in the item
                lists = max(lists, levels + inner)
            position, in_code, block_start = end, False, False
            continue
        elif block_start and indent >= 4:
            in_code = True
            code.add(index)
        elif block_start or in_code:  # a line less indented ends code and starts a block
            in_code = False
            lists = 1 if _is_list_item(line) else 0
        elif lists and _is_list_item(_less_indented(line, levels := min(indent // 4, lists))):
            lists = max(lists, levels + 1)  # a list nested in the item above
        block_start = not in_code and _ONE_LINE_BLOCK.match(line) is not None
        if block_start:
            lists = 0
    return lists


def _is_list_item(line: str) -> bool:
    """Whether ``line`` starts a list item (a rule like "* * *" does not)."""
    return _LIST_ITEM.match(line) is not None and not _ONE_LINE_BLOCK.match(line)


def _less_indented(line: str, levels: int = 1) -> str:
    """``line`` as Python-Markdown reads it inside a list item ``levels`` deep: four columns less
    a level, when it is indented that much."""
    expanded = line.expandtabs(4)
    return expanded[4 * levels :] if expanded.startswith(" " * (4 * levels)) else line


def _indent(line: str) -> int:
    """How many columns of spaces and tabs (tab stops every 4) the line starts with."""
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(4))


def code_span_ranges(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each inline code span on one line, in order.

    A span opens at a run of backticks and closes at the next run of the same length. Linear
    in the line: a regex like ``(`+).*?\\1`` backtracks quadratically on a run of backticks.
    """
    if "`" not in line:
        return []
    runs = [match.span() for match in _BACKTICKS.finditer(line)]
    later_runs: dict[int, deque[int]] = defaultdict(deque)
    for index, (start, end) in enumerate(runs):
        later_runs[end - start].append(index)
    spans = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same_length = later_runs[end - start]
        while same_length and same_length[0] <= index:
            same_length.popleft()
        if same_length:
            closing = same_length.popleft()
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans
