"""Strict YAML front matter: split it off, compose it with line numbers, read typed values.

MkDocs' own reader swallows YAML errors (mkdocs/utils/meta.py: ``except Exception: pass``),
so entries are parsed here instead, keeping every node's position for the messages.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's C parser is several times faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - libyaml is in the wheels of every platform we ship
    from yaml import SafeLoader  # type: ignore[assignment]

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
PLAIN_TAGS = {STR, BOOL, NULL, TIMESTAMP, MAP, SEQ, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters YAML may not contain (YAML 1.1, 5.1); libyaml's reader error carries no line.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class YamlProblem(Exception):
    """A problem at a 1-based line and column of the file (not of the YAML text)."""

    def __init__(self, code: str, message: str, line: int, col: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col = code, message, line, col


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's text, the body after it, and where each starts in the file."""

    yaml_text: str
    yaml_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` front matter from the body; ``text`` has ``\\n`` line endings, no BOM."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise YamlProblem("QA010", "file must start with a '---' line opening the front matter", 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]),
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise YamlProblem("QA011", "front matter opened on line 1 is never closed with '---'", 1)


def compose_mapping(yaml_text: str, first_line: int) -> MappingNode:
    """Compose YAML into a node tree, rejecting what an entry never needs."""
    for number, line in enumerate(yaml_text.split("\n")):
        if bad := _NOT_YAML.search(line):
            raise YamlProblem(
                "QA012",
                f"YAML does not parse: control character U+{ord(bad.group()):04X} is not allowed",
                first_line + number,
                bad.start() + 1,
            )
        if "\t" in line:
            raise YamlProblem(
                "QA015",
                "tab character in front matter; indent with spaces",
                first_line + number,
                line.index("\t") + 1,
            )
    try:
        node = yaml.compose(yaml_text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (first_line + mark.line, mark.column + 1) if mark else (first_line, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem("QA012", f"YAML does not parse: {problem}", *where) from None
    except yaml.YAMLError as error:
        raise YamlProblem("QA012", f"YAML does not parse: {error}", first_line) from None
    if not isinstance(node, MappingNode):
        line = first_line + node.start_mark.line if node is not None else first_line
        raise YamlProblem("QA013", "front matter must be a mapping of 'key: value' lines", line)
    # Anchors, aliases, tags and merge keys cannot be written without one of these.
    if "<<" in yaml_text or any(char in yaml_text for char in "&*!"):
        _reject_aliases_and_tags(node, first_line)
    return node


def _reject_aliases_and_tags(root: Node, first_line: int) -> None:
    """Refuse aliases (a node reached twice was shared through one; this also stops YAML bombs)
    and tags beyond plain YAML. A stack, not recursion: libyaml nests 1,000 levels deep."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlProblem(
                "QA016", "YAML anchors and aliases are not allowed", *position(node, first_line)
            )
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            raise YamlProblem("QA016", f"YAML tag {node.tag!r} is not allowed", *position(node, first_line))
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack += (value, key)
        elif isinstance(node, SequenceNode):
            stack += reversed(node.value)


def position(node: Node, first_line: int) -> tuple[int, int]:
    """The file line and column where ``node`` starts."""
    return first_line + node.start_mark.line, node.start_mark.column + 1


def mapping_items(
    node: MappingNode, first_line: int
) -> tuple[list[tuple[str, ScalarNode, Node]], list[YamlProblem]]:
    """The ``(key, key_node, value_node)`` items, and problems for non-text and repeated keys."""
    items: list[tuple[str, ScalarNode, Node]] = []
    problems: list[YamlProblem] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line, col = position(key_node, first_line)
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
            problems.append(YamlProblem("QA022", "keys must be plain words", line, col))
            continue
        key = key_node.value
        if key in seen:
            message = f"duplicate key {key!r} (first on line {seen[key]})"
            problems.append(YamlProblem("QA014", message, line, col))
            continue
        seen[key] = line
        items.append((key, key_node, value_node))
    return items, problems


class FieldError(Exception):
    """A value of the wrong kind (QA022) or an impossible date (QA023); the loader adds the place."""

    def __init__(self, message: str, code: str = "QA022") -> None:
        super().__init__(message)
        self.code = code


def read_text(node: Node, key: str) -> str:
    """A plain-text scalar; quoted numbers and words are text, bare ``yes``/``12`` are not."""
    if not isinstance(node, ScalarNode) or node.tag != STR:
        raise FieldError(f"'{key}' must be text{_got(node)}; put it in quotes if needed")
    return node.value


def read_bool(node: Node, key: str) -> bool:
    """A ``true``/``false`` scalar."""
    if not isinstance(node, ScalarNode) or node.tag != BOOL:
        raise FieldError(f"'{key}' must be true or false{_got(node)}")
    return node.value.lower() in ("true", "yes", "on", "y")


def read_date(node: Node, key: str) -> datetime.date:
    """A ``YYYY-MM-DD`` date that exists in the calendar."""
    if not isinstance(node, ScalarNode) or node.tag not in (STR, TIMESTAMP):
        raise FieldError(f"'{key}' must be a date like 2025-12-28{_got(node)}")
    value = node.value.strip()
    if not _DATE.fullmatch(value):
        raise FieldError(f"'{key}' must be a date like 2025-12-28, not {value!r}", "QA023")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise FieldError(f"'{key}' is not a real date: {value} ({error})", "QA023") from None


def read_text_list(node: Node, key: str) -> list[tuple[str, Node]]:
    """A list of text items, each with its node for positions."""
    if not isinstance(node, SequenceNode):
        raise FieldError(f"'{key}' must be a list like [a, b]{_got(node)}")
    return [(read_text(item, f"each of '{key}'"), item) for item in node.value]


def _got(node: Node) -> str:
    if isinstance(node, MappingNode):
        return ", not a mapping"
    if isinstance(node, SequenceNode):
        return ", not a list"
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null":
        return ", but it is empty"
    return f", not {kind} {node.value!r}" if kind != "str" else ""
