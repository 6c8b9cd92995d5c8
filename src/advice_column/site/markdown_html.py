"""Contributor Markdown to HTML that is safe to publish, whatever the source held."""

from __future__ import annotations

import html
import re

import markdown
import nh3

from ..entries.markup_policy import RAW_HTML_ALLOWED, URL_SCHEMES
from .forked import forked_map

# What the Markdown renderer itself produces, plus the raw tags a contributor may write. No
# images: a picture from another host would track readers, so `advice check` reports them.
_TAGS = RAW_HTML_ALLOWED | {
    "p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}

_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|br|hr|blockquote|pre|table|tr|td|th)\b[^>]*>")
_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


# One converter, reset between documents: building a Markdown instance costs as much as
# converting a short answer. Builds render on one thread; the preview's other thread runs
# Pagefind only.
_converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def render_markdown(text: str) -> str:
    """Render Markdown and sanitise the result with nh3 (Ammonia), the last line of defence."""
    return sanitize_html(_converter.reset().convert(text))


def render_many(texts: list[str]) -> list[str]:
    """:func:`render_markdown` of each text, on every core when there are enough of them."""
    return forked_map(render_markdown, texts)


def sanitize_html(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes; links get rel=nofollow."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener ugc",
    )


def plain_text(html_text: str) -> str:
    """The text of sanitised HTML, whitespace collapsed (for descriptions and excerpts)."""
    text = _BLOCK_TAG.sub(" ", html_text)
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join(html.unescape(text).split())
