"""An entry's front-matter keys: which exist, what each must hold, and its typed value."""

from __future__ import annotations

import difflib

from . import frontmatter as fm
from .model import Topic
from .slugs import is_valid_slug, slugify

MAX_TITLE = 200
MAX_SHORT_TEXT = 100
MAX_SUMMARY = 500
REQUIRED = ("title", "date", "topic")
OPTIONAL = ("tags", "asker", "summary", "slug", "draft", "updated", "aliases", "follow_up_of")


def read_fields(node, first_line: int, topics: dict[str, Topic], report) -> dict:
    """The typed values of an entry's keys; each problem goes to ``report(line, col, code, message)``."""
    values: dict = {}
    items, problems = fm.mapping_items(node, first_line)
    for problem in problems:
        report(problem.line, problem.col, problem.code, problem.message)
    for key, key_node, value_node in items:
        line, col = fm.position(key_node, first_line)
        reader = _FIELD_READERS.get(key)
        if reader is None:
            hint = difflib.get_close_matches(key, REQUIRED + OPTIONAL, n=1)
            suggestion = (
                f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(REQUIRED + OPTIONAL)}"
            )
            report(line, col, "QA021", f"unknown key '{key}'{suggestion}")
            continue
        try:
            value = reader(value_node, key, topics)
        except fm.FieldError as error:
            report(*fm.position(value_node, first_line), error.code, str(error))
        except ValueProblem as problem:
            report(*fm.position(problem.node or value_node, first_line), problem.code, problem.message)
        else:
            values[key] = value
    present = {key for key, _, _ in items}
    for key in REQUIRED:
        if key in present:
            continue
        report(first_line - 1, 1, "QA020", f"missing required key '{key}'")
    if "updated" in values and "date" in values and values["updated"] < values["date"]:
        updated_node = next(value for key, _, value in items if key == "updated")
        message = f"'updated' ({values['updated']}) is before 'date' ({values['date']})"
        report(*fm.position(updated_node, first_line), "QA023", message)
    return values


class ValueProblem(Exception):
    """A value of the right type that is still not allowed."""

    def __init__(self, code: str, message: str, node=None) -> None:
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def _title(node, key, topics) -> str:
    return bounded_text(node, key, MAX_TITLE)


def bounded_text(node, key: str, limit: int) -> str:
    value = fm.read_text(node, key).strip()
    if not value:
        raise ValueProblem("QA025", f"'{key}' is empty")
    if len(value) > limit:
        raise ValueProblem("QA025", f"'{key}' is {len(value)} characters; the limit is {limit}")
    if "\n" in value:
        raise ValueProblem("QA025", f"'{key}' must be one line")
    return value


def _topic(node, key, topics) -> str:
    value = fm.read_text(node, key).strip()
    # Without topics the topics file is broken or empty, and says so once; not once per entry.
    if topics and value not in topics:
        hint = difflib.get_close_matches(value, list(topics), n=1)
        suggestion = f"did you mean '{hint[0]}'? " if hint else ""
        valid = ", ".join(sorted(topics))
        raise ValueProblem("QA024", f"unknown topic '{value}'; {suggestion}valid: {valid}")
    return value


def _tags(node, key, topics) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for tag, item in fm.read_text_list(node, key):
        tag = " ".join(tag.split())
        if not tag or len(tag) > MAX_SHORT_TEXT:
            raise ValueProblem("QA025", f"each tag must be 1 to {MAX_SHORT_TEXT} characters", item)
        if tag.casefold() in seen:
            raise ValueProblem("QA029", f"tag '{tag}' is listed twice (tags ignore case)", item)
        seen.add(tag.casefold())
        tags.append(tag)
    return tuple(tags)


def _slug(node, key, topics) -> str:
    value = fm.read_text(node, key).strip()
    if not is_valid_slug(value):
        suggestion = slugify(value)
        hint = f"; try '{suggestion}'" if suggestion else ""
        raise ValueProblem(
            "QA026",
            f"slug {value!r} must be lowercase letters, digits and single hyphens{hint}",
        )
    return value


def _aliases(node, key, topics) -> tuple[str, ...]:
    aliases = []
    for alias, item in fm.read_text_list(node, key):
        path = normalize_alias(alias)
        if path is None:
            raise ValueProblem(
                "QA028",
                f"alias {alias!r} must be a path on this site like '2019/12/old-post/' "
                "(no scheme, host, '..', '?' or '#')",
                item,
            )
        aliases.append(path)
    return tuple(aliases)


def normalize_alias(alias: str) -> str | None:
    """An old site path as ``a/b/``, or None when it could lead off the site or out of it."""
    path = alias.strip().strip("/")
    parts = path.split("/")
    if (
        not path
        or any(part in ("", ".", "..") for part in parts)
        or any(char in path for char in "\\?#:%<>\"'`{}|^ \t")
        or not path.isprintable()
    ):
        return None
    return path + "/"


_FIELD_READERS = {
    "title": _title,
    "date": lambda node, key, topics: fm.read_date(node, key),
    "topic": _topic,
    "tags": _tags,
    "asker": lambda node, key, topics: bounded_text(node, key, MAX_SHORT_TEXT),
    "summary": lambda node, key, topics: bounded_text(node, key, MAX_SUMMARY),
    "slug": _slug,
    "draft": lambda node, key, topics: fm.read_bool(node, key),
    "updated": lambda node, key, topics: fm.read_date(node, key),
    "aliases": _aliases,
    "follow_up_of": lambda node, key, topics: _slug(node, key, topics),
}
