"""An entry's front-matter keys: which exist, what each must hold, and its typed value."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node

from . import problems as codes
from . import values
from .aliases import MAX_ALIASES, alias_problem, normalize_alias
from .frontmatter import mapping_items, position
from .model import Topic
from .problems import Diagnostic, Invalid, problem
from .slugs import is_valid_slug, slugify
from .tags import MAX_TAG, MAX_TAGS, tag_key, written_tag

MAX_TITLE = 200
MAX_SHORT_TEXT = 100
MAX_SUMMARY = 500
REQUIRED = ("title", "date", "topic")
OPTIONAL = ("tags", "asker", "summary", "slug", "draft", "updated", "aliases", "follow_up_of")


@dataclass
class Fields:
    """The typed values read, where each value (and each list item) is, and the problems."""

    values: dict = field(default_factory=dict)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)
    items_where: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def read_fields(node: MappingNode, topics: dict[str, Topic]) -> Fields:
    """The typed values of an entry's keys and a problem for each key that is wrong."""
    result = Fields()
    items, result.problems = mapping_items(node)
    for key, key_node, value_node in items:
        reader = _FIELD_READERS.get(key)
        if reader is None:
            hint = _close_matches(key, REQUIRED + OPTIONAL)
            allowed = f"did you mean '{hint[0]}'?" if hint else f"allowed: {', '.join(REQUIRED + OPTIONAL)}"
            message = f"unknown key '{key}'; {allowed}"
            result.problems.append(problem(*position(key_node), codes.UNKNOWN_KEY, message))
            continue
        result.where[key] = position(value_node)
        if isinstance(value_node.value, list):
            result.items_where[key] = [position(item) for item in value_node.value if isinstance(item, Node)]
        try:
            result.values[key] = reader(value_node, key, topics)
        except Invalid as error:
            result.problems.append(error.diagnostic)
    present = {key for key, _, _ in items}
    for key in REQUIRED:
        if key not in present:  # at the '---' that opens the front matter
            result.problems.append(problem(1, 1, codes.MISSING_KEY, f"missing required key '{key}'"))
    found = result.values
    if "updated" in found and "date" in found and found["updated"] < found["date"]:
        message = f"'updated' ({found['updated']}) is before 'date' ({found['date']})"
        result.problems.append(problem(*result.where["updated"], codes.BAD_DATE, message))
    return result


def _title(node: Node, key: str, topics) -> str:
    return values.read_line(node, key, MAX_TITLE, text=True)


def _topic(node: Node, key: str, topics: dict[str, Topic]) -> str:
    value = values.read_text(node, key).strip()
    # Without topics the topics file is broken or empty, and says so once; not once per entry.
    if topics and value not in topics:
        raise Invalid(problem(*position(node), codes.UNKNOWN_TOPIC, unknown_topic(value, topics)))
    return value


def unknown_topic(value: str, topics: dict[str, Topic]) -> str:
    """Why ``value`` is not a topic: the topic it likely means (by key or title), and the valid keys."""
    meant = topic_meant(value, topics)
    suggestion = f"did you mean '{meant}' ({topics[meant].title})? " if meant else ""
    return f"unknown topic '{value}'; {suggestion}valid: {', '.join(sorted(topics))}"


def topic_meant(value: str, topics: dict[str, Topic]) -> str | None:
    """The key of the topic ``value`` most likely means: its title, a word of its title, or a near key.

    "Family & friends" and "friends" both mean the topic titled "Family & friends"; "interveiws"
    means 'interviews'.
    """
    words = slugify(value)
    by_title = {slugify(topic.title): key for key, topic in sorted(topics.items())}
    if words in by_title:
        return by_title[words]
    holding = [key for title, key in by_title.items() if words and f"-{words}-" in f"-{title}-"]
    if len(holding) == 1:
        return holding[0]
    if holding:
        return None  # a word of several titles: the list of keys says more than one guess
    near = {key: key for key in topics} | by_title
    near |= {word: key for title, key in by_title.items() for word in title.split("-") if len(word) > 3}
    hint = _close_matches(value, list(near)) or _close_matches(words, list(near))
    return near[hint[0]] if hint else None


def _tags(node: Node, key: str, topics) -> tuple[str, ...]:
    tags: list[str] = []
    seen: dict[str, str] = {}
    for text, item in values.read_text_list(node, key, MAX_TAGS):
        tag, code, message = _read_tag(text)
        if message is None and (identity := tag_key(tag)) in seen:
            code = codes.DUPLICATE_TAG
            message = (
                f"tag '{tag}' is listed twice ('{seen[identity]}' is the same tag: "
                "tags ignore case, spaces, '-' and '_')"
            )
        if message is not None:
            raise Invalid(problem(*position(item), code, message))
        seen[identity] = tag
        tags.append(tag)
    return tuple(tags)


@functools.lru_cache(maxsize=1 << 16)  # a column has a few hundred tags, met ten thousand times
def _read_tag(text: str) -> tuple[str, str, str | None]:
    """The tag as shown, and the code and message of its problem (None when it has none)."""
    tag = written_tag(text)
    if not tag or len(tag) > MAX_TAG:
        return tag, codes.BAD_LENGTH, f"each tag must be 1 to {MAX_TAG} characters"
    if message := values.line_problem(tag, f"tag {tag!r}", label=True, text=True):
        return tag, codes.MARKUP_IN_TEXT, message
    return tag, "", None


def _slug(node: Node, key: str, topics) -> str:
    value = values.read_text(node, key).strip()
    if message := slug_problem(value):
        raise Invalid(problem(*position(node), codes.BAD_SLUG, message))
    return value


def slug_problem(value: str) -> str | None:
    """Why ``value`` cannot be an entry's slug, or None when it can."""
    if value == "index":
        return "slug 'index' is the name of the folder's own page; choose another"
    if not is_valid_slug(value):
        suggestion = slugify(value)
        hint = f"; try '{suggestion}'" if suggestion else ""
        return f"slug {value!r} must be lowercase letters, digits and single hyphens{hint}"
    return None


def _aliases(node: Node, key: str, topics) -> tuple[str, ...]:
    aliases = []
    for alias, item in values.read_text_list(node, key, MAX_ALIASES):
        path = normalize_alias(alias)
        if message := alias_problem(alias, path):
            raise Invalid(problem(*position(item), codes.BAD_ALIAS, message))
        aliases.append(path)
    return tuple(aliases)


def _short_text(limit: int):
    return lambda node, key, topics: values.read_line(node, key, limit, text=True)


_FIELD_READERS = {
    "title": _title,
    "date": lambda node, key, topics: values.read_date(node, key),
    "topic": _topic,
    "tags": _tags,
    "asker": _short_text(MAX_SHORT_TEXT),
    "summary": _short_text(MAX_SUMMARY),
    "slug": _slug,
    "draft": lambda node, key, topics: values.read_bool(node, key),
    "updated": lambda node, key, topics: values.read_date(node, key),
    "aliases": _aliases,
    "follow_up_of": _slug,
}


def _close_matches(word: str, choices) -> list[str]:
    """The choice closest to a misspelt ``word``, if any is close (only a problem needs it)."""
    import difflib  # deferred: most files have no misspelt key, and every `advice check` imports this

    return difflib.get_close_matches(word, choices, n=1)
