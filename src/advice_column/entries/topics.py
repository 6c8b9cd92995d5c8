"""``qa/topics.yml``: the controlled list of topics, ``key: {title, description}``."""

from __future__ import annotations

from pathlib import Path

from . import frontmatter as fm
from .fields import MAX_SHORT_TEXT, MAX_SUMMARY, ValueProblem, bounded_text
from .model import Topic
from .problems import Diagnostic
from .slugs import is_valid_slug
from .textfile import read_text_file, relative

TOPICS_FILE = "topics.yml"


def load_topics(root: Path, qa_dir: str, diagnostics: list[Diagnostic]) -> dict[str, Topic]:
    """Read ``qa/topics.yml``: ``key: {title, description}`` for each topic."""
    path = root / qa_dir / TOPICS_FILE
    rel = relative(path, root)

    def report(line: int, col: int, code: str, message: str) -> None:
        diagnostics.append(Diagnostic(rel, line, col, code, message))

    if not path.is_file():
        report(1, 1, "QA050", "topics file is missing; list topics as 'key: {title: ..., description: ...}'")
        return {}
    text = read_text_file(path, report)
    if text is None:
        return {}
    try:
        node = fm.compose_mapping(text, 1)
        return _read_topics(node, report)
    except fm.YamlProblem as problem:
        report(problem.line, problem.col, problem.code, problem.message)
        return {}


def _read_topics(node, report) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    items, problems = fm.mapping_items(node, 1)
    for problem in problems:
        report(problem.line, problem.col, "QA050", problem.message)
    for key, key_node, value_node in items:
        line, col = fm.position(key_node, 1)
        if not is_valid_slug(key):
            report(line, col, "QA050", f"topic key '{key}' must be lowercase letters, digits and hyphens")
            continue
        if not isinstance(value_node, fm.MappingNode):
            report(line, col, "QA050", f"topic '{key}' needs 'title' and 'description' under it")
            continue
        fields = {}
        field_items, problems = fm.mapping_items(value_node, 1)
        for problem in problems:
            report(problem.line, problem.col, "QA050", problem.message)
        for name, name_node, text_node in field_items:
            if name not in ("title", "description"):
                report(
                    *fm.position(name_node, 1),
                    "QA050",
                    f"unknown key '{name}' in topic '{key}'; allowed: title, description",
                )
                continue
            try:
                fields[name] = bounded_text(
                    text_node, name, MAX_SHORT_TEXT if name == "title" else MAX_SUMMARY
                )
            except (fm.FieldError, ValueProblem) as error:
                report(*fm.position(text_node, 1), "QA050", f"topic '{key}': {error}")
        if "title" not in fields:
            report(line, col, "QA050", f"topic '{key}' has no 'title'")
            continue
        topics[key] = Topic(key, fields["title"], fields.get("description", ""))
    if not topics:
        report(1, 1, "QA050", "no topics defined; add at least one 'key: {title: ..., description: ...}'")
    return topics
