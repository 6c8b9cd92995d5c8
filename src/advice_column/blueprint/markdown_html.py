"""Contributor Markdown to HTML that is safe to publish, whatever the source held."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..entries.forked import forked_map
from ..entries.markup_policy import RAW_HTML_ALLOWED, URL_SCHEMES

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


# The inline patterns of these extensions (markdown.inlinepatterns.build_inlinepatterns), and
# what each needs in a text to match: code `, escape \\, links and images [, autolinks, e-mail
# addresses and inline HTML <, entities &, emphasis * and _, a line break two spaces at a line's
# end. A test fails when the list of patterns changes.
INLINE_PATTERNS = (
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong",
)  # fmt: skip
_INLINE_MARK = re.compile(r"[`\\\[<&*_]|  \n")


class _PlainTextIsDone(Treeprocessor):
    """Marks each text with nothing any inline pattern could match as done (an AtomicString).

    Python-Markdown's inline processor tries every pattern on every text, one after another:
    that was more than half the time of rendering an answer, most of whose paragraphs have no
    markup."""

    def run(self, root) -> None:
        for element in root.iter():
            if element.text and not _INLINE_MARK.search(element.text):
                element.text = AtomicString(element.text)
            if element.tail and not _INLINE_MARK.search(element.tail):
                element.tail = AtomicString(element.tail)


def _converter_with(*, plain_text_is_done: bool = True) -> markdown.Markdown:
    converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    if plain_text_is_done:  # before "inline" (20)
        converter.treeprocessors.register(_PlainTextIsDone(converter), "plain_text_is_done", 25)
    return converter


# One converter, reset between documents: building a Markdown instance costs as much as
# converting a short answer. Builds render on one thread; the preview's other thread runs
# the search indexer only.
_converter = _converter_with()


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


# Hand-written pages (docs/) may use what Material's Markdown extensions produce: admonitions,
# tabs, icons, tables, highlighted code. A pull request can change them too, so their HTML is
# sanitised as well, with a wider allowlist: no script, style, frame, form or event handler, no
# javascript: link, and no picture from another site (it would track readers).
_PAGE_TAGS = nh3.ALLOWED_TAGS | {
    "section", "main", "label", "input", "svg", "path", "g", "circle", "rect", "line", "polyline",
    "polygon", "use", "title", "tfoot", "caption",
}  # fmt: skip
_PAGE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "hreflang", "title", "rel", "type", "target"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "ol": {"start", "reversed", "type"},
    "td": {"align", "colspan", "rowspan", "style"},  # style: text-align only (Markdown tables)
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"type", "name", "checked", "disabled", "value"},
    "label": {"for"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "svg": {"viewbox", "viewBox", "xmlns", "width", "height", "fill", "stroke"},
    "path": {"d", "fill", "stroke", "fill-rule", "clip-rule"},
    "g": {"fill", "stroke", "transform"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "polyline": {"points", "fill", "stroke"},
    "polygon": {"points", "fill", "stroke"},
}


def sanitize_page_html(html_text: str) -> str:
    """A hand-written page's rendered HTML, with only the allow-listed tags, attributes and links."""
    return nh3.clean(
        html_text,
        tags=set(_PAGE_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in _PAGE_ATTRIBUTES.items()},
        generic_attribute_prefixes={"data-", "aria-"},
        filter_style_properties={"text-align"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        attribute_filter=_local_images_only,
    )


def sanitize_html_document(html_text: str) -> str:
    """A hand-written HTML page of docs/ (published without the theme), its body sanitised as a
    Markdown page's is: no script, style, frame or handler runs on the site's origin."""
    return f'<!doctype html>\n<meta charset="utf-8">\n{sanitize_page_html(html_text)}\n'


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (":" in value.split("/", 1)[0] or value.startswith("//")):
        return None
    return value


def plain_text(html_text: str) -> str:
    """The text of sanitised HTML, whitespace collapsed (for descriptions and excerpts)."""
    text = _BLOCK_TAG.sub(" ", html_text)
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join(html.unescape(text).split())
