"""``qa/topics.yml``: the controlled list of topics, ``key: {title, description}``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from yaml.nodes import MappingNode

from . import problems as codes
from .fields import MAX_SHORT_TEXT, MAX_SUMMARY
from .frontmatter import compose_mapping, mapping_items, position
from .model import Topic
from .problems import Diagnostic, Invalid, problem
from .slugs import is_valid_slug
from .textfile import find_control_characters, read_text_file, relative
from .values import read_line

TOPICS_FILE = "topics.yml"


def load_topics(root: Path, qa_dir: str, diagnostics: list[Diagnostic]) -> dict[str, Topic]:
    """Read ``qa/topics.yml``: ``key: {title, description}`` for each topic."""
    path = root / qa_dir / TOPICS_FILE
    rel = relative(path, root)
    topics, found = _load(path)
    diagnostics += (diagnostic.placed(rel) for diagnostic in found)
    return topics


def _load(path: Path) -> tuple[dict[str, Topic], list[Diagnostic]]:
    if not path.is_file():
        message = "topics file is missing; list topics as 'key: {title: ..., description: ...}'"
        return {}, [problem(1, 1, codes.TOPICS_FILE, message)]
    text, found = read_text_file(path)
    if text is None:
        return {}, found
    if found := find_control_characters(text):
        return {}, found
    try:
        return read_topics(compose_mapping(text, 1))
    except Invalid as error:
        return {}, [error.diagnostic]


def read_topics(node: MappingNode) -> tuple[dict[str, Topic], list[Diagnostic]]:
    """The topics of a composed topics file, and a QA050 problem for each thing wrong in it."""
    topics: dict[str, Topic] = {}
    items, found = mapping_items(node)
    for key, key_node, value_node in items:
        where = position(key_node)
        if not is_valid_slug(key):
            message = f"topic key '{key}' must be lowercase letters, digits and hyphens"
            found.append(problem(*where, codes.TOPICS_FILE, message))
            continue
        if not isinstance(value_node, MappingNode):
            message = f"topic '{key}' needs 'title' and 'description' under it"
            found.append(problem(*where, codes.TOPICS_FILE, message))
            continue
        fields, field_problems = _topic_fields(key, value_node)
        found += field_problems
        if "title" not in fields:
            found.append(problem(*where, codes.TOPICS_FILE, f"topic '{key}' has no 'title'"))
            continue
        topics[key] = Topic(key, fields["title"], fields.get("description", ""))
    if not topics:
        message = "no topics defined; add at least one 'key: {title: ..., description: ...}'"
        found.append(problem(1, 1, codes.TOPICS_FILE, message))
    # Every problem in this file is a topics-file problem, whatever the reader called it.
    return topics, [problem(d.line, d.col, codes.TOPICS_FILE, d.message) for d in found]


def _topic_fields(key: str, node: MappingNode) -> tuple[dict[str, str], list[Diagnostic]]:
    fields: dict[str, str] = {}
    items, found = mapping_items(node)
    for name, name_node, text_node in items:
        if name not in ("title", "description"):
            message = f"unknown key '{name}' in topic '{key}'; allowed: title, description"
            found.append(problem(*position(name_node), codes.TOPICS_FILE, message))
            continue
        try:
            # The title is a search filter's label: no quotes or markup; see values.py.
            if name == "title":
                fields[name] = read_line(text_node, name, MAX_SHORT_TEXT, label=True)
            else:
                fields[name] = read_line(text_node, name, MAX_SUMMARY)
        except Invalid as error:
            message = f"topic '{key}': {error.diagnostic.message}"
            found.append(dataclasses.replace(error.diagnostic, message=message))
    return fields, found
