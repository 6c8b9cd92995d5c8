"""Markdown's fenced code blocks and code spans, tracked one way for the checks and the importer."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


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


def fenced_lines(text: str) -> frozenset[int]:
    """Indexes of the lines inside fenced code blocks, fences included."""
    if "```" not in text and "~~~" not in text:
        return frozenset()
    tracker = FenceTracker()
    return frozenset(index for index, line in enumerate(text.split("\n")) if tracker.in_code(line))


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
