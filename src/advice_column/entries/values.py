"""Typed values from YAML nodes (text, true/false, dates, lists) and the rules for one-line text.

Each reader raises :class:`Invalid` with the problem placed at the node's line and column.
"""

from __future__ import annotations

import datetime
import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import problems as codes
from .frontmatter import BOOL, STR, TIMESTAMP, position
from .problems import INVISIBLE, Invalid, problem

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# One-line values become page titles, search filter values and labels, meta tags and feed
# titles. An entry's title, asker, summary and tags are text wherever they land, and every page,
# listing, feed, JSON-LD block and search result escapes them (tests/blueprint/test_escaping.py,
# tests/browser/test_payloads.py): "Title <with> & ~`!@#$%^&*()" is a fair title. The topics
# file's titles and descriptions still hold no markup: no '<' or '>', and no character reference
# ('&lt;', '&#60;') that a second decoding would turn into one. A plain '&' ("Q&A") stays.
_MARKUP = re.compile(r"[<>]|&(?:#|[A-Za-z][A-Za-z0-9]*;|(?:lt|gt|amp|quot|apos)(?![A-Za-z0-9]))", re.I)
# Labels (tags, topic names) also become attribute values and URL text in third-party widgets:
# no quotes or backticks either. Apostrophes stay: "boss's advice" is a fair tag, and every
# place this code writes one escapes it.
_LABEL_MARKUP = re.compile(r'["`]')
# Controls, bidi overrides/isolates and other invisible format characters: they make two labels
# look alike, reorder what a reader sees, or break the feed. ZWJ/ZWNJ stay (Persian, emoji).
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def read_text(node: Node, key: str) -> str:
    """A plain-text scalar; quoted numbers and words are text, bare ``yes``/``12`` are not."""
    if not isinstance(node, ScalarNode) or node.tag != STR:
        _wrong(node, f"'{key}' must be text{_got(node)}; put it in quotes if needed")
    return node.value


def read_bool(node: Node, key: str) -> bool:
    """A ``true``/``false`` scalar."""
    if not isinstance(node, ScalarNode) or node.tag != BOOL:
        _wrong(node, f"'{key}' must be true or false{_got(node)}")
    return node.value.lower() in ("true", "yes", "on", "y")


def read_date(node: Node, key: str) -> datetime.date:
    """A ``YYYY-MM-DD`` date that exists in the calendar."""
    if not isinstance(node, ScalarNode) or node.tag not in (STR, TIMESTAMP):
        _wrong(node, f"'{key}' must be a date like 2025-12-28{_got(node)}")
    value = node.value.strip()
    if not _DATE.fullmatch(value):
        _wrong(node, f"'{key}' must be a date like 2025-12-28, not {value!r}", codes.BAD_DATE)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        _wrong(node, f"'{key}' is not a real date: {value} ({error})", codes.BAD_DATE)
    raise AssertionError("unreachable")  # pragma: no cover


def read_text_list(node: Node, key: str, limit: int) -> list[tuple[str, Node]]:
    """A list of at most ``limit`` text items, each with its node for positions."""
    if not isinstance(node, SequenceNode):
        _wrong(node, f"'{key}' must be a list like [a, b]{_got(node)}")
    if len(node.value) > limit:
        _wrong(node, f"'{key}' has {len(node.value)} items; the limit is {limit}", codes.BAD_LENGTH)
    return [(read_text(item, f"each of '{key}'"), item) for item in node.value]


def read_line(node: Node, key: str, limit: int, *, label: bool = False, text: bool = False) -> str:
    """One line of 1 to ``limit`` characters: no quotes in a ``label``, no markup unless ``text``."""
    value = read_text(node, key).strip()
    if not value:
        _wrong(node, f"'{key}' is empty", codes.BAD_LENGTH)
    if len(value) > limit:
        _wrong(node, f"'{key}' is {len(value)} characters; the limit is {limit}", codes.BAD_LENGTH)
    if "\n" in value:
        _wrong(node, f"'{key}' must be one line", codes.BAD_LENGTH)
    if message := line_problem(value, key, label=label, text=text):
        _wrong(node, message, codes.MARKUP_IN_TEXT)
    return value


def line_problem(value: str, what: str, *, label: bool = False, text: bool = False) -> str | None:
    """Why ``value`` may not be a title, label or other one-line value, or None when it may.

    A ``text`` value may hold '<', '>' and '&': every place it lands escapes it.
    """
    if found := _INVISIBLE.search(value):
        return f"'{what}' holds the invisible character U+{ord(found.group()):04X}; remove it"
    if found := (not text and _MARKUP.search(value)) or (label and _LABEL_MARKUP.search(value)):
        return f"'{what}' may not hold {found.group()!r}: it would be markup on some pages; reword it"
    return None


def _wrong(node: Node, message: str, code: str = codes.WRONG_TYPE) -> None:
    raise Invalid(problem(*position(node), code, message))


def _got(node: Node) -> str:
    if isinstance(node, MappingNode):
        return ", not a mapping"
    if isinstance(node, SequenceNode):
        return ", not a list"
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null":
        return ", but it is empty"
    return f", not {kind} {node.value!r}" if kind != "str" else ""
