"""A WordPress export (WXR, from Tools → Export), parsed safely into entries."""

from __future__ import annotations

import datetime
import email.utils
import html
import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..entries.fields import MAX_SUMMARY, normalize_alias
from ..entries.slugs import is_valid_slug, slugify, stable_slug
from .entry import (
    ImportedEntry,
    ImportProblem,
    choose_topic,
    clean_tags,
    clean_title,
    find_asker,
    split_question_answer,
)
from .html_to_markdown import html_to_markdown, html_to_text

_NAMESPACES = {
    None: re.compile(r"$"),
    "wp": re.compile(r"http://wordpress\.org/export/\d+\.\d+/$"),
    "excerpt": re.compile(r"http://wordpress\.org/export/\d+\.\d+/excerpt/$"),
    "content": re.compile(re.escape("http://purl.org/rss/1.0/modules/content/") + "$"),
}
# Characters XML 1.0 forbids; posts pasted from word processors carry them into real exports.
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SKIPPED_TYPES = {"page": "page", "attachment": "attachment", "nav_menu_item": "navigation menu item"}
DRAFT_STATUSES = frozenset({"draft", "pending", "future", "private"})


@dataclass
class WxrResult:
    """The export's posts as entries, what was left out and why, and the categories with no topic."""

    entries: list[ImportedEntry] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_categories: Counter[str] = field(default_factory=Counter)

    @property
    def attention(self) -> list[str]:
        """One line per thing a person should check, naming the post."""
        return [f"{entry.title}: {note}" for entry in self.entries for note in entry.attention]


def parse_wxr(
    data: bytes,
    topic_map: Mapping[str, str],
    default_topic: str | None,
    *,
    topic_keys: Collection[str] = (),
    source: str = "export",
    today: datetime.date | None = None,
) -> WxrResult:
    """Every post of the export as an entry; raises ImportProblem for XML that is unsafe or broken."""
    channel = _channel(_parse(data))
    base = _field(channel, "link") or _field(channel, "base_blog_url", "wp")
    result = WxrResult()
    for item in channel.findall("item"):
        entry = _read_item(item, base, result.skipped, source, today or datetime.date.today())
        if entry is None:
            continue
        topic, unmapped = choose_topic(entry.categories, topic_map, default_topic, topic_keys)
        result.unknown_categories.update(unmapped)
        result.entries.append(replace(entry, topic=topic))
    return result


def _parse(data: bytes) -> Element:
    data = _XML_FORBIDDEN.sub(b"", data)
    try:
        # No DTD, no entities, nothing external: a WordPress export needs none of them.
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise ImportProblem(
            f"not well-formed XML at line {line}, column {column + 1} ({reason}); the file is damaged "
            "or cut short: export it again from WordPress (Tools → Export)"
        ) from None
    except DefusedXmlException:
        raise ImportProblem(
            "refused: the XML declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which a WordPress "
            "export never does; export it again from WordPress (Tools → Export)"
        ) from None


def _channel(root: Element) -> Element:
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None or not _field(channel, "wxr_version", "wp"):
        raise ImportProblem(
            "this XML is not a WordPress export (it has no <wp:wxr_version>); "
            "in WordPress use Tools → Export → All content"
        )
    return channel


def _read_item(
    item: Element, base: str, skipped: Counter[str], source: str, today: datetime.date
) -> ImportedEntry | None:
    """A post as an entry (topic not yet chosen), or None after counting why it was left out."""
    kind = _field(item, "post_type", "wp") or "post"
    status = _field(item, "status", "wp") or "publish"
    if kind != "post":
        skipped[_SKIPPED_TYPES.get(kind, f"'{kind}' item")] += 1
        return None
    if status in ("trash", "auto-draft"):
        skipped["trashed post" if status == "trash" else "empty auto-draft"] += 1
        return None
    markdown = html_to_markdown(_field(item, "encoded", "content"), base)
    if not markdown.strip():
        skipped["empty post"] += 1
        return None
    if comments := sum(_field(c, "comment_approved", "wp") == "1" for c in _children(item, "comment", "wp")):
        skipped["comment"] += comments
    split = split_question_answer(markdown)
    title, title_notes = clean_title(html_to_text(_field(item, "title")), split.question)
    day, date_notes = _post_date(item, today)
    categories, tags = _terms(item)
    alias = _alias(_field(item, "link"), base) if status == "publish" else None
    return ImportedEntry(
        source=f"{source}: '{title}'",
        title=title,
        date=day,
        slug=_slug(_field(item, "post_name", "wp"), title),
        question=split.question,
        answer=split.answer,
        tags=tags,
        asker=None if split.uncertain else find_asker(split.question, split.answer),
        summary=_summary(item),
        draft=status in DRAFT_STATUSES or split.uncertain,
        aliases=(alias,) if alias else (),
        categories=categories,
        attention=title_notes + date_notes + split.notes,
    )


def _post_date(item: Element, today: datetime.date) -> tuple[datetime.date, tuple[str, ...]]:
    # Drafts carry '0000-00-00 00:00:00' in post_date_gmt and sometimes in post_date.
    for text in (_field(item, "post_date", "wp"), _field(item, "post_date_gmt", "wp")):
        try:
            return datetime.date.fromisoformat(text[:10]), ()
        except ValueError:
            pass
    try:
        return email.utils.parsedate_to_datetime(_field(item, "pubDate")).date(), ()
    except (TypeError, ValueError, IndexError, OverflowError):
        return today, (f"the export gives no date; used {today.isoformat()}: correct 'date:'",)


def _terms(item: Element) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The post's categories as (name, slug) and its tags, in the export's order."""
    categories: list[tuple[str, str]] = []
    tags: list[str] = []
    for element in item.findall("category"):
        name = " ".join(html.unescape(element.text or "").split())
        if not name:
            continue
        if element.get("domain") == "category":
            categories.append((name, element.get("nicename") or slugify(name)))
        elif element.get("domain") == "post_tag":
            tags.append(name)
    return tuple(dict.fromkeys(categories)), clean_tags(tags)


def _slug(post_name: str, title: str) -> str:
    """WordPress's slug when it is valid here, else one made from it or from the title."""
    name = unquote(post_name.strip())
    if is_valid_slug(name):
        return name
    return slugify(name) or slugify(title) or stable_slug(title)


def _alias(link: str, base: str) -> str | None:
    """The post's old address as a path relative to the blog, e.g. '2012/12/28/should-i-call/'."""
    url = urlsplit(link.strip())
    if url.query or not url.path.strip("/"):
        return None  # '?p=123' addresses have no path to redirect from
    path = unquote(url.path)
    prefix = unquote(urlsplit(base).path).rstrip("/") + "/"
    return normalize_alias(path[len(prefix) :] if path.startswith(prefix) else path)


def _summary(item: Element) -> str | None:
    """The post's hand-written excerpt, when it fits on one line of at most MAX_SUMMARY characters."""
    text = html_to_text(_field(item, "encoded", "excerpt"))
    return text if 0 < len(text) <= MAX_SUMMARY else None


def _children(element: Element, name: str, namespace: str | None = None):
    pattern = _NAMESPACES[namespace]
    for child in element:
        if not isinstance(child.tag, str):
            continue
        uri, _, local = child.tag[1:].rpartition("}") if child.tag.startswith("{") else ("", "", child.tag)
        if local == name and pattern.match(uri):
            yield child


def _field(element: Element, name: str, namespace: str | None = None) -> str:
    child = next(_children(element, name, namespace), None)
    return (child.text or "").strip() if child is not None else ""
