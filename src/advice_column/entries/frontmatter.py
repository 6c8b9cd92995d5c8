"""Strict YAML front matter: split it off and compose it into nodes that know their file line.

MkDocs' own reader swallows YAML errors (mkdocs/utils/meta.py: ``except Exception: pass``),
so entries are parsed here instead, keeping every node's position for the messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import problems as codes
from .problems import Diagnostic, Invalid, problem
from .yaml_hints import yaml_hint

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

# Characters YAML may not contain (YAML 1.1, 5.1); libyaml's reader error carries no line.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or")


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's text, the body after it, and where each starts in the file."""

    yaml_text: str
    yaml_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` front matter from the body; ``text`` has ``\\n`` line endings, no BOM."""
    first_end = text.find("\n")
    if (text if first_end == -1 else text[:first_end]).rstrip() != "---":
        message = "file must start with a '---' line opening the front matter"
        raise Invalid(problem(1, 1, codes.NO_FRONT_MATTER, message))
    closing = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[first_end + 1 :], re.MULTILINE)
    if first_end == -1 or closing is None:
        message = "front matter opened on line 1 is never closed with '---'"
        raise Invalid(problem(1, 1, codes.FRONT_MATTER_OPEN, message))
    yaml_end = first_end + 1 + closing.start()
    body_start = first_end + 1 + closing.end() + 1
    return FrontMatter(
        yaml_text=text[first_end + 1 : max(yaml_end - 1, first_end + 1)],
        yaml_line=2,
        body=text[body_start:],
        body_line=text.count("\n", 0, yaml_end) + 2,
    )


def compose_mapping(yaml_text: str, first_line: int) -> MappingNode:
    """Compose YAML into a node tree whose marks are file lines, rejecting what no entry needs."""
    _reject_bad_characters(yaml_text, first_line)
    # Blank lines before the YAML put every mark (and every error) on its line in the file.
    try:
        node = yaml.compose("\n" * (first_line - 1) + yaml_text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise Invalid(_syntax_problem(error, yaml_text, first_line)) from None
    except yaml.YAMLError as error:
        raise Invalid(problem(first_line, 1, codes.YAML_SYNTAX, f"YAML does not parse: {error}")) from None
    if not isinstance(node, MappingNode):
        line = position(node)[0] if node is not None else first_line
        message = "front matter must be a mapping of 'key: value' lines"
        raise Invalid(problem(line, 1, codes.NOT_A_MAPPING, message))
    # Anchors, aliases, tags and merge keys cannot be written without one of these.
    if "<<" in yaml_text or any(char in yaml_text for char in "&*!"):
        _reject_aliases_and_tags(node)
    return node


def _reject_bad_characters(yaml_text: str, first_line: int) -> None:
    if "\t" not in yaml_text and not _NOT_YAML.search(yaml_text):
        return  # the usual case, seen in one pass; otherwise find the first line with one
    for number, line in enumerate(yaml_text.split("\n")):
        if bad := _NOT_YAML.search(line):
            message = f"YAML does not parse: control character U+{ord(bad.group()):04X} is not allowed"
            raise Invalid(problem(first_line + number, bad.start() + 1, codes.YAML_SYNTAX, message))
        if "\t" in line:
            message = "tab character in front matter; indent with spaces"
            raise Invalid(problem(first_line + number, line.index("\t") + 1, codes.TAB_IN_YAML, message))


def _syntax_problem(error: yaml.MarkedYAMLError, yaml_text: str, first_line: int) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if error.context_mark and str(error.problem).startswith(_UNCLOSED):
        mark = error.context_mark  # where the quote or list was opened, not where the text ends
    line, col = (mark.line + 1, mark.column + 1) if mark else (first_line, 1)
    lines = yaml_text.split("\n")
    text = lines[line - first_line] if 0 <= line - first_line < len(lines) else ""
    found = error.problem or error.context or "invalid YAML"
    return problem(line, col, codes.YAML_SYNTAX, f"YAML does not parse: {found}{yaml_hint(found, text)}")


def _reject_aliases_and_tags(root: Node) -> None:
    """Refuse aliases (a node reached twice was shared through one; this also stops YAML bombs)
    and tags beyond plain YAML. A stack, not recursion: libyaml nests 1,000 levels deep."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            message = "YAML anchors and aliases are not allowed"
            raise Invalid(problem(*position(node), codes.YAML_FEATURE, message))
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            message = f"YAML tag {node.tag!r} is not allowed"
            raise Invalid(problem(*position(node), codes.YAML_FEATURE, message))
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack += (value, key)
        elif isinstance(node, SequenceNode):
            stack += reversed(node.value)


def position(node: Node) -> tuple[int, int]:
    """The file line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def mapping_items(node: MappingNode) -> tuple[list[tuple[str, ScalarNode, Node]], list[Diagnostic]]:
    """The ``(key, key_node, value_node)`` items, and problems for non-text and repeated keys."""
    items: list[tuple[str, ScalarNode, Node]] = []
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line, col = position(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
            found.append(problem(line, col, codes.WRONG_TYPE, "keys must be plain words"))
            continue
        key = key_node.value
        if key in seen:
            message = f"duplicate key {key!r} (first on line {seen[key]})"
            found.append(problem(line, col, codes.DUPLICATE_KEY, message))
            continue
        seen[key] = line
        items.append((key, key_node, value_node))
    return items, found
