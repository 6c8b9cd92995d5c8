"""A WordPress export (WXR 1.0-1.2, from Tools → Export) read safely into plain post records.

This module owns the export's metadata: namespaces, dates, status, password, terms, post meta.
What a post's text becomes is decided elsewhere (``post_text``, ``posts``).
"""

from __future__ import annotations

import datetime
import email.utils
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..entries.slugs import slugify
from .entry import ImportProblem
from .source_file import xml_bytes
from .xml_repair import repair_export

# WordPress's own importer accepts http and https, WXR 1.0 to 1.2 (and any later 1.x).
_WXR = r"https?://wordpress\.org/export/1\.\d+/"
_NAMESPACES = {
    None: re.compile(r"$"),
    "wp": re.compile(_WXR + "$"),
    "excerpt": re.compile(_WXR + "excerpt/$"),
    "content": re.compile(re.escape("http://purl.org/rss/1.0/modules/content/") + "$"),
}
_WXR_VERSION = re.compile(r"1\.\d+")
# Characters XML 1.0 forbids; posts pasted from word processors carry them into real exports.
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# qTranslate's first markers are XML comments in <title> ('<!--:fr-->Titre<!--:-->'), which a
# parser drops, gluing the languages together; written as its later '[:fr]' form they are text.
_QTRANSLATE_COMMENT = re.compile(rb"<!--:([a-z]{2,3}(?:[_-][A-Za-z]{2})?)?-->")


@dataclass(frozen=True)
class WordPressPost:
    """One <item> of the export, as WordPress stored it (HTML left as it is)."""

    post_id: str
    post_type: str
    status: str
    password: str
    title_html: str
    content_html: str
    excerpt_html: str
    post_name: str
    link: str
    guid: str
    date: datetime.date | None
    categories: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    approved_comments: int
    meta: tuple[tuple[str, str], ...]

    def meta_value(self, key: str) -> str:
        """The value of post meta ``key``, or ''."""
        return next((value for name, value in self.meta if name == key), "")


@dataclass(frozen=True)
class Export:
    """The blog's address, the export's own date, every item in the file's order, and any repairs."""

    base_url: str
    date: datetime.date | None
    posts: tuple[WordPressPost, ...]
    repairs: tuple[str, ...] = ()


def read_export(data: bytes) -> Export:
    """The export's items; raises ImportProblem for XML that is unsafe, broken or not an export."""
    root, repairs = _parse(data)
    channel = _channel(root)
    base = _field(channel, "link") or _field(channel, "base_blog_url", "wp")
    posts = tuple(_post(item) for item in channel.findall("item"))
    return Export(base_url=base, date=_rss_date(_field(channel, "pubDate")), posts=posts, repairs=repairs)


def _parse(data: bytes) -> tuple[Element, tuple[str, ...]]:
    """The parsed export; one that is not well-formed is read after the repairs of ``xml_repair``."""
    data = _QTRANSLATE_COMMENT.sub(rb"[:\1]", _XML_FORBIDDEN.sub(b"", xml_bytes(data)))
    try:
        return _parse_strictly(data), ()
    except ParseError as error:
        repaired, repairs = repair_export(data)
        if repairs:
            try:
                return _parse_strictly(repaired), repairs
            except ParseError:
                pass
        line, column = error.position
        reason = str(error).split(":")[0]
        raise ImportProblem(
            f"not well-formed XML at line {line}, column {column + 1} ({reason}); the file is damaged "
            "or cut short: export it again from WordPress (Tools → Export)"
        ) from None


def _parse_strictly(data: bytes) -> Element:
    try:
        # No DTD, no entities, nothing external: a WordPress export needs none of them.
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportProblem(
            "refused: the XML declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which a WordPress "
            "export never does; export it again from WordPress (Tools → Export)"
        ) from None


def _channel(root: Element) -> Element:
    channel = root.find("channel") if root.tag == "rss" else None
    version = _field(channel, "wxr_version", "wp") if channel is not None else ""
    if channel is None or not _WXR_VERSION.fullmatch(version):
        found = f" (it says {version[:20]!r})" if version else ""
        raise ImportProblem(
            f"this XML is not a WordPress export: it has no WXR version 1.x{found}; "
            "in WordPress use Tools → Export → All content"
        )
    return channel


def _post(item: Element) -> WordPressPost:
    categories, tags = _terms(item)
    return WordPressPost(
        post_id=_field(item, "post_id", "wp"),
        post_type=_field(item, "post_type", "wp") or "post",
        status=_field(item, "status", "wp") or "publish",
        password=_field(item, "post_password", "wp"),
        title_html=_field(item, "title"),
        content_html=_field(item, "encoded", "content"),
        excerpt_html=_field(item, "encoded", "excerpt"),
        post_name=_field(item, "post_name", "wp"),
        link=_field(item, "link"),
        guid=_field(item, "guid"),
        date=_post_date(item),
        categories=categories,
        tags=tags,
        approved_comments=sum(
            _field(comment, "comment_approved", "wp") == "1" for comment in _children(item, "comment", "wp")
        ),
        meta=tuple(
            (_field(meta, "meta_key", "wp"), _field(meta, "meta_value", "wp"))
            for meta in _children(item, "postmeta", "wp")
        ),
    )


def _post_date(item: Element) -> datetime.date | None:
    # Drafts carry '0000-00-00 00:00:00' in post_date_gmt and sometimes in post_date.
    for text in (_field(item, "post_date", "wp"), _field(item, "post_date_gmt", "wp")):
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError:
            pass
    return _rss_date(_field(item, "pubDate"))


def _rss_date(text: str) -> datetime.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _terms(item: Element) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The post's categories as (name, slug) and its tags' names, in the export's order.

    A <category> without ``domain`` is a plain RSS category: WXR 1.0 and hand-made exports
    write categories that way.
    """
    categories: list[tuple[str, str]] = []
    tags: list[str] = []
    for element in item.findall("category"):
        name = " ".join(html.unescape(element.text or "").split())
        domain = element.get("domain", "category")
        if not name:
            continue
        if domain == "category":
            categories.append((name, element.get("nicename") or slugify(name)))
        elif domain == "post_tag":
            tags.append(name)
    return tuple(dict.fromkeys(categories)), tuple(tags)


def _children(element: Element, name: str, namespace: str | None = None) -> Iterator[Element]:
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
