"""The "Ask a question" issue form of a column on GitHub: its fields, and its topics kept in step.

``advice init`` writes the form with the titles of ``qa/topics.yml`` as its Topic choices. When
the topics change, the form would go on offering the old ones: ``advice check`` says so (QA044)
and gives the list to write. ``advice new --from-issue`` reads the form's labels to find each
answer in an issue made with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..entries import problems as codes
from ..entries.model import Topic
from ..entries.problems import Diagnostic
from ..entries.textfile import read_text_file

ASK_FORM = ".github/ISSUE_TEMPLATE/ask-a-question.yml"
# What `advice init` writes: each field's id and label (a column may relabel them).
DEFAULT_LABELS = {
    "question": "Your question",
    "asker": "Sign it as",
    "topic": "Topic",
    "title": "Short title",
}


def stale_ask_form(root: Path, topics: dict[str, Topic]) -> list[Diagnostic]:
    """QA044 when the form's Topic choices are not the titles of ``topics``, in their order."""
    fields = _form_fields(root)
    options = fields.get("topic", {}).get("options")
    if not topics or not isinstance(options, SequenceNode):
        return []  # no form, or no topic list in it: nothing to keep in step
    offered = [item.value for item in options.value if isinstance(item, ScalarNode)]
    titles = [topic.title for topic in topics.values()]
    if offered == titles:
        return []
    missing = [title for title in titles if title not in offered]
    gone = [title for title in offered if title not in titles]
    why = "; ".join(
        part
        for part in (
            f"missing {', '.join(map(repr, missing))}" if missing else "",
            f"no longer topics: {', '.join(map(repr, gone))}" if gone else "",
            "" if missing or gone else "in another order",
        )
        if part
    )
    message = (
        f"the Ask a question form's Topic choices are not the titles in qa/topics.yml ({why}); "
        f"set its options to {json.dumps(titles, ensure_ascii=False)}"
    )
    line, col = options.start_mark.line + 1, options.start_mark.column + 1
    return [Diagnostic(ASK_FORM, line, col, codes.STALE_ASK_FORM, message)]


def form_labels(root: Path) -> dict[str, str]:
    """Each field id's label in the column's form (the defaults where the form says nothing)."""
    labels = dict(DEFAULT_LABELS)
    for field_id, attributes in _form_fields(root).items():
        label = attributes.get("label")
        if field_id in labels and isinstance(label, ScalarNode) and label.value.strip():
            labels[field_id] = label.value.strip()
    return labels


def _form_fields(root: Path) -> dict[str, dict[str, Node]]:
    """The form's fields by id, each its attributes' nodes; empty when there is no readable form."""
    path = root / ASK_FORM
    text, _ = read_text_file(path) if path.is_file() else (None, [])
    if text is None:
        return {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}  # GitHub refuses such a form and says why; it is not the column's content
    body = _get(node, "body")
    fields = {}
    for item in body.value if isinstance(body, SequenceNode) else []:
        field_id, attributes = _get(item, "id"), _get(item, "attributes")
        if isinstance(field_id, ScalarNode) and isinstance(attributes, MappingNode):
            fields[field_id.value] = {k.value: v for k, v in attributes.value if isinstance(k, ScalarNode)}
    return fields


def _get(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next(
        (value for name, value in node.value if isinstance(name, ScalarNode) and name.value == key), None
    )
