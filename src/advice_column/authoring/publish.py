"""``advice publish FILE``: a finished draft becomes an entry, dated the day it is published.

Only two lines of the file change: ``draft: true`` goes and ``date:`` takes the day. The rest,
comments and key order included, stays as written. The result must pass ``advice check``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ..builder.whole_file import write_whole_file
from ..entries.frontmatter import compose_mapping, mapping_items, split_front_matter
from ..entries.loader import read_entry
from ..entries.problems import Invalid
from ..entries.textfile import read_text_file
from ..entries.topics import load_topics
from ..errors import AdviceError
from .new import ANSWER_PLACEHOLDER, QUESTION_PLACEHOLDER


class PublishError(AdviceError):
    """The draft cannot be published as it is; the message says what to do, ``line`` where."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def published_text(text: str, day: datetime.date, keep_draft: bool = False) -> str:
    """The draft's ``text`` dated ``day``, without its ``draft: true`` line (unless ``keep_draft``)."""
    front = split_front_matter(text)
    items, _ = mapping_items(compose_mapping(front.yaml_text, front.yaml_line))
    nodes = {key: (key_node, value_node) for key, key_node, value_node in items}
    draft = nodes.get("draft")
    if draft is None or draft[1].value.lower() != "true":
        raise PublishError("not a draft (it has no 'draft: true'); nothing changed")
    for placeholder, section in ((QUESTION_PLACEHOLDER, "question"), (ANSWER_PLACEHOLDER, "answer")):
        if placeholder in text:
            line = text.count("\n", 0, text.index(placeholder)) + 1
            raise PublishError(f"the {section} is still the placeholder `advice new` wrote; replace it", line)
    # Marks count from the composed text, which is the YAML with blank lines before it.
    shift = text.index("\n") + 1 - (front.yaml_line - 1)
    key, value = draft
    key_at, value_end = key.start_mark.index + shift, value.end_mark.index + shift
    start, end = text.rfind("\n", 0, key_at) + 1, text.find("\n", value_end) + 1
    if text[start:key_at].strip() or text[value_end:end].strip():
        message = "'draft: true' shares its line with other keys; delete it and set 'date:' by hand"
        raise PublishError(message, key.start_mark.line + 1)
    edits = [] if keep_draft else [(start, end, "")]
    if date := nodes.get("date"):
        edits.append((date[1].start_mark.index + shift, date[1].end_mark.index + shift, day.isoformat()))
    for begin, stop, new in sorted(edits, reverse=True):
        text = text[:begin] + new + text[stop:]
    return text


def publish_file(root: Path, rel: str, day: datetime.date) -> None:
    """Publish the draft at ``rel`` (under qa/); PublishError when it cannot be, and then nothing changes."""
    text, found = read_text_file(root / rel)
    if text is None:
        raise PublishError(found[0].message)
    try:
        new = published_text(text, day)
    except Invalid as error:
        raise PublishError(
            f"{error.diagnostic.code} {error.diagnostic.message}", error.diagnostic.line
        ) from None
    # Checked with the draft line kept, so that each problem's line is the line in the file.
    _, problems = read_entry(rel, published_text(text, day, keep_draft=True), load_topics(root, "qa", []))
    if problems:
        lines = "".join(f"\n  {problem}" for problem in problems)
        raise PublishError(f"not published: it would not pass advice check:{lines}", problems[0].line)
    try:
        write_whole_file(root, rel, new, replace=True)  # a reader sees the old file or the new one
    except OSError as error:
        raise PublishError(f"cannot write it: {error.strerror}; it was left as it was") from None
