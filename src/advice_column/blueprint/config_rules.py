"""Small rules that validate one node of mkdocs.yml and build its value, or report why not.

A rule is ``rule(node, name, found) -> value``: it returns the value the engine may use, or
``REFUSED`` after adding a problem at the node's line to ``found``. Rules combine (``mapping``,
``sequence``, ``either``) into the allow-list of config_policy.py; anything a rule does not
name is refused, so a new MkDocs option or a new spelling is refused until it is added here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..entries.frontmatter import NULL, STR, position
from ..entries.problems import Diagnostic
from ..entries.textfile import CONTROL
from .config_yaml import PYTHON_NAME_TAG, PythonName, config_problem, scalar_value

REFUSED = object()
Rule = Callable[[Node, str, list[Diagnostic]], object]
MAX_TEXT = 500
# Material puts text settings into its pages as they are (MkDocs' Jinja does not escape): text
# never holds < or > (no element), and the engine escapes quotes in the few that are attributes
# (engine/runner.py: theme_text); a label is put in attributes by Material, so it holds no quote.
_MARKUP = re.compile(r"[<>]")
_LABEL = re.compile(r"[<>\"'`\\]")
_URL_UNSAFE = re.compile(r"[\s<>\"'`\\]")
_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")
_SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*/?")


def refuse(node: Node, found: list[Diagnostic], message: str) -> object:
    """Add a problem at ``node`` and return REFUSED."""
    found.append(config_problem(*position(node), message))
    return REFUSED


def _scalar(node: Node, name: str, found: list[Diagnostic], kinds: tuple[type, ...], what: str):
    """The plain value of a scalar ``node`` that is one of ``kinds``, or REFUSED."""
    if not isinstance(node, ScalarNode) or node.tag.startswith(PYTHON_NAME_TAG):
        return refuse(node, found, f"{name} must be {what}")
    value = node.value if node.tag == STR else scalar_value(node)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        return refuse(node, found, f"{name} must be {what}")
    return value


def boolean(node: Node, name: str, found: list[Diagnostic]) -> object:
    """true or false."""
    return _scalar(node, name, found, (bool,), "true or false")


def whole(low: int, high: int) -> Rule:
    """A whole number from ``low`` to ``high``."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        value = _scalar(node, name, found, (int,), f"a whole number from {low} to {high}")
        if value is not REFUSED and not low <= value <= high:  # type: ignore[operator]
            return refuse(node, found, f"{name} must be a whole number from {low} to {high}")
        return value

    return rule


def text(node: Node, name: str, found: list[Diagnostic]) -> object:
    """One line of plain text: no ``<`` or ``>``, no control characters."""
    return _text(node, name, found, _MARKUP, "< or >")


def label(node: Node, name: str, found: list[Diagnostic]) -> object:
    """One line of plain text that Material puts in an HTML attribute: no quotes either."""
    return _text(node, name, found, _LABEL, "< > \" ' ` or \\")


def _text(node: Node, name: str, found: list[Diagnostic], refused: re.Pattern, shown: str) -> object:
    value = _scalar(node, name, found, (str, int, float), "text")
    if value is REFUSED:
        return value
    value = str(value)
    if len(value) > MAX_TEXT or "\n" in value or CONTROL.search(value) or refused.search(value):
        message = f"{name} must be one line of plain text (at most {MAX_TEXT} characters, without {shown})"
        return refuse(node, found, message)
    return value


def lines(node: Node, name: str, found: list[Diagnostic]) -> object:
    """Text of several lines (file patterns), without control characters."""
    value = _scalar(node, name, found, (str,), "text")
    if value is not REFUSED and (len(value) > 20 * MAX_TEXT or CONTROL.search(value)):  # type: ignore[arg-type]
        return refuse(node, found, f"{name} must be text without control characters")
    return value


def choice(*allowed: object) -> Rule:
    """One of ``allowed``."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        value = scalar_value(node) if isinstance(node, ScalarNode) and not _named(node) else REFUSED
        if (
            value is REFUSED
            or value not in allowed
            or isinstance(value, bool) != isinstance(allowed[0], bool)
        ):
            return refuse(node, found, f"{name} must be one of: {', '.join(map(str, allowed))}")
        return value

    return rule


def matching(pattern: str, example: str) -> Rule:
    """Text that matches ``pattern`` as a whole (e.g. an icon name); ``example`` shows one."""
    compiled = re.compile(pattern)

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        value = _scalar(node, name, found, (str,), f"like {example!r}")
        if value is not REFUSED and not compiled.fullmatch(value):  # type: ignore[arg-type]
            return refuse(node, found, f"{name} must be like {example!r}")
        return value

    return rule


def web_url(node: Node, name: str, found: list[Diagnostic]) -> object:
    """An http:// or https:// address."""
    value = text(node, name, found)
    if value is not REFUSED and not _is_web(value, ("http", "https")):  # type: ignore[arg-type]
        return refuse(node, found, f"{name} must be an address starting with https:// or http://")
    return value


def link(node: Node, name: str, found: list[Diagnostic]) -> object:
    """An http://, https:// or mailto: address."""
    value = text(node, name, found)
    if value is not REFUSED and not _is_web(value, ("http", "https", "mailto")):  # type: ignore[arg-type]
        return refuse(node, found, f"{name} must start with https://, http:// or mailto:")
    return value


def _is_web(value: str, schemes: tuple[str, ...]) -> bool:
    if _URL_UNSAFE.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in schemes and (parts.scheme.lower() == "mailto" or bool(parts.netloc))


def local_path(suffixes: tuple[str, ...] = (), what: str = "a file inside the column") -> Rule:
    """A relative path in the column: no scheme, no ``..``, no leading ``/``, no dot-folder."""
    ends = f" ending in {' or '.join(suffixes)}" if suffixes else ""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        value = _scalar(node, name, found, (str,), "a relative path")
        if value is REFUSED:
            return value
        if not _SAFE_PATH.fullmatch(value) or ".." in value or not value.endswith(suffixes or ("",)):  # type: ignore[arg-type, union-attr]
            message = (
                f"{name} must be {what}{ends}: a relative path without '..', an address or a "
                f"folder whose name starts with '.', not {value!r}"
            )
            return refuse(node, found, message)
        return value

    return rule


def python_name(allowed: frozenset[str]) -> Rule:
    """``!!python/name:`` of one of the ``allowed`` functions (known to read no file, run nothing)."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        if isinstance(node, ScalarNode) and _named(node) in allowed:
            return PythonName(_named(node))
        return refuse(node, found, f"{name} must be !!python/name: of one of: {', '.join(sorted(allowed))}")

    return rule


def _named(node: ScalarNode) -> str:
    return node.tag[len(PYTHON_NAME_TAG) :] if node.tag.startswith(PYTHON_NAME_TAG) else ""


def sequence(item: Rule, limit: int = 1000) -> Rule:
    """A list of items that each pass ``item`` (refused ones are left out)."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        if not isinstance(node, SequenceNode) or len(node.value) > limit:
            return refuse(node, found, f"{name} must be a list (of at most {limit} items)")
        values = [item(child, name, found) for child in node.value]
        return [value for value in values if value is not REFUSED]

    return rule


def mapping(fields: dict[str, Rule], refused: dict[str, str] | None = None) -> Rule:
    """A mapping whose keys are among ``fields``; ``refused`` says why some known keys are not."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        if not isinstance(node, MappingNode):
            return refuse(node, found, f"{name} must be a mapping of 'key: value' lines")
        values = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) and key_node.tag == STR else None
            full = f"{name}.{key}" if name else str(key)
            if key in values:
                refuse(key_node, found, f"'{full}' is set twice")
            elif key in fields:
                value = fields[key](value_node, full, found)
                if value is not REFUSED:
                    values[key] = value
            elif refused and key in refused:
                refuse(key_node, found, f"'{full}' is not supported: {refused[key]}")
            else:
                allowed = ", ".join(sorted(fields))
                refuse(key_node, found, f"'{full}' is not a supported setting; supported here: {allowed}")
        return values

    return rule


def dictionary(value: Rule, limit: int = 100) -> Rule:
    """A mapping of short names (letters, digits, ``-``, ``_``) to values that pass ``value``."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        if not isinstance(node, MappingNode) or len(node.value) > limit:
            return refuse(node, found, f"{name} must be a mapping of at most {limit} 'name: value' lines")
        values = {}
        for key_node, value_node in node.value:
            key = (
                _NAME.fullmatch(key_node.value) and key_node.value
                if isinstance(key_node, ScalarNode)
                else None
            )
            if not key:
                refuse(key_node, found, f"{name} keys must be short names of letters, digits, '-' and '_'")
            elif (item := value(value_node, f"{name}.{key}", found)) is not REFUSED:
                values[key] = item
        return values

    return rule


def either(
    scalar: Rule | None = None, mapping_rule: Rule | None = None, sequence_rule: Rule | None = None
) -> Rule:
    """The rule for the node's kind: a single value, a mapping or a list."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        chosen = {ScalarNode: scalar, MappingNode: mapping_rule, SequenceNode: sequence_rule}[type(node)]
        if chosen is None:
            kinds = [
                k
                for k, r in (("a value", scalar), ("a mapping", mapping_rule), ("a list", sequence_rule))
                if r
            ]
            return refuse(node, found, f"{name} must be {' or '.join(kinds)}")
        return chosen(node, name, found)

    return rule


def named(kind: str, allowed: dict[str, Rule], why_not: Callable[[str], str]) -> Rule:
    """A list of ``name`` or ``{name: options}`` items, or a mapping of them (as MkDocs reads
    ``markdown_extensions`` and ``plugins``): each name among ``allowed``, whose rule checks
    its options; ``why_not(name)`` says why another name is refused."""

    def rule(node: Node, name: str, found: list[Diagnostic]) -> object:
        if isinstance(node, MappingNode):
            pairs = list(node.value)
        elif isinstance(node, SequenceNode):
            pairs = [_one_pair(item) for item in node.value]
        else:
            return refuse(node, found, f"{name} must be a list of {kind} names")
        chosen: list[object] = []
        for key_node, options in pairs:
            key = key_node.value if isinstance(key_node, ScalarNode) and key_node.tag == STR else "?"
            if key not in allowed:
                refuse(key_node, found, f"{kind} {key!r} is not supported: {why_not(key)}")
            elif options is None or (isinstance(options, ScalarNode) and options.tag == NULL):
                chosen.append(key)
            elif (value := allowed[key](options, key, found)) is not REFUSED:
                chosen.append({key: value})
        return chosen

    return rule


def _one_pair(item: Node) -> tuple[Node, Node | None]:
    if isinstance(item, MappingNode) and len(item.value) == 1:
        return item.value[0]
    return item, None


def anything_plain(node: Node, name: str, found: list[Diagnostic]) -> object:
    """true, false, a number or plain text (an option of something the engine leaves out)."""
    return _scalar(node, name, found, (bool, int, float, str), "true, false, a number or text")
