"""``mkdocs.yml`` read as bounded data: composed into nodes that know their line, never constructed.

MkDocs reads it with PyYAML's unsafe loader (``!!python/object/apply`` runs code, ``!ENV`` reads
the environment) and Python's recursion (a value nested 50,000 deep ends in a traceback). Here
the file is composed with libyaml, checked for depth, anchors and tags without recursion, and
only then validated against the allow-list (config_policy.py), which builds the values.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..entries.frontmatter import PLAIN_TAGS, SafeLoader, position
from ..entries.problems import SITE_CONFIG, Diagnostic
from ..errors import AdviceError

CONFIG_FILE = "mkdocs.yml"
MAX_DEPTH = 12  # the deepest ordinary setting (a custom fence's format) is 5 levels down
PYTHON_NAME_TAG = "tag:yaml.org,2002:python/name:"


@dataclass(frozen=True)
class PythonName:
    """A ``!!python/name:`` value that the allow-list accepted; the engine imports it."""

    name: str


class ConfigProblem(AdviceError):
    """mkdocs.yml cannot be read as data; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def config_problem(line: int, col: int, message: str) -> Diagnostic:
    """A QA060 problem at ``line``:``col`` of mkdocs.yml."""
    return Diagnostic(CONFIG_FILE, line, col, SITE_CONFIG, message)


def compose_config(text: str) -> Node | None:
    """The node tree of mkdocs.yml's ``text``; raises ConfigProblem for what no setting needs."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        found = error.problem or error.context or "invalid YAML"
        raise ConfigProblem(config_problem(line, col, f"cannot read {CONFIG_FILE}: {found}")) from None
    except (yaml.YAMLError, RecursionError) as error:  # RecursionError: the pure-Python parser
        message = f"cannot read {CONFIG_FILE}: {type(error).__name__}"
        raise ConfigProblem(config_problem(1, 1, message)) from None
    if root is not None:
        check_shape(root)
    return root


def check_shape(root: Node) -> None:
    """Refuse deep nesting, anchors and aliases, and tags other than ``!!python/name:``.

    A stack, not recursion. An alias would let a few lines stand for billions of values (and
    MkDocs would walk each), so anchors are refused as entries refuse them.
    """
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise ConfigProblem(config_problem(*position(node), "YAML anchors and aliases are not allowed"))
        seen.add(id(node))
        if depth > MAX_DEPTH:
            message = f"values nest more than {MAX_DEPTH} levels deep; no setting needs that many"
            raise ConfigProblem(config_problem(*position(node), message))
        if node.tag not in PLAIN_TAGS and not (
            isinstance(node, ScalarNode) and node.tag.startswith(PYTHON_NAME_TAG)
        ):
            message = (
                f"the YAML tag {node.tag!r} is not allowed (tags could run code or read the "
                "environment); only !!python/name: of the functions listed in CONTRIBUTING.md"
            )
            raise ConfigProblem(config_problem(*position(node), message))
        if isinstance(node, MappingNode):
            stack += [(child, depth + 1) for pair in reversed(node.value) for child in reversed(pair)]
        elif isinstance(node, SequenceNode):
            stack += [(child, depth + 1) for child in reversed(node.value)]


def scalar_value(node: ScalarNode) -> object:
    """The Python value of a plain scalar (str, int, float, bool, None or a date), or its text
    when it cannot be one (a 5,000-digit number, a 30th of February)."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value
