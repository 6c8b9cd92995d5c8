"""Post HTML made into entry Markdown that `advice check` accepts as it is.

The pipeline for one post's text: ``classic_html`` (paragraphs, entities) → parse → ``blocks``
(Gutenberg) and ``repair_tree`` → this converter → ``defuse``. Shortcodes are converted before.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from markdownify import ATX, MarkdownConverter, abstract_inline_conversion, chomp

from ..entries.markup_policy import URL_SCHEMES
from .classic_html import classic_html, repair_tree
from .images import images_to_text
from .markdown_text import INVISIBLE, defuse, escape_text, tidy_markdown
from .pasted_lists import pasted_lists

# Code, media and page machinery: none of it is the post's text, and none may reach the page.
_DROPPED = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "video", "audio",
    "svg", "canvas", "form", "button", "select", "textarea", "map", "head",
]  # fmt: skip
_WHY_DROPPED = {
    "form": "a form cannot be sent from this site",
    "button": "a button does nothing on this site",
    "script": "scripts do not run on this site",
    "style": "styling of the old blog",
    "iframe": "an embedded frame without an address",
}
_BLOCKS = [
    "p", "div", "br", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "td", "th", "table", "ul", "ol", "dl", "figure", "figcaption", "section", "article", "header",
    "footer", "aside", "address", "hr",
]  # fmt: skip
_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()n", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₙ")
_URL_NOISE = "\"'“”‘’„«»<> \t\r\n"
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

LinkRewriter = Callable[[str], str]


def parse_html(html: str) -> BeautifulSoup:
    """A post's text (as stored by either editor) parsed as WordPress would show it."""
    with warnings.catch_warnings():
        # A body that is only a URL or a file name makes Beautiful Soup warn; it is still text.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(classic_html(html), "html.parser")


def soup_to_markdown(
    soup: BeautifulSoup, base_url: str = "", rewrite_link: LinkRewriter | None = None
) -> str:
    """The parsed post as Markdown: no raw HTML but the allowed tags, no images, only safe links."""
    for element in soup.find_all(_DROPPED):
        element.decompose()
    images_to_text(soup)
    pasted_lists(soup)
    repair_tree(soup)
    converter = _Converter(base_url, rewrite_link or (lambda url: url))
    return defuse(tidy_markdown(converter.convert_soup(soup)))


def dropped_elements(soup: BeautifulSoup) -> tuple[str, ...]:
    """A note for each kind of element ``soup_to_markdown`` will drop (a form, a script)."""
    counts: dict[str, int] = {}
    for element in soup.find_all(_DROPPED):
        if element.find_parent(_DROPPED) is None:
            counts[element.name] = counts.get(element.name, 0) + 1
    return tuple(
        f"removed {count} <{name}> element(s): {_WHY_DROPPED.get(name, 'not text')}"
        for name, count in counts.items()
    )


def html_to_markdown(html: str, base_url: str = "") -> str:
    """A post's HTML as Markdown (shortcodes and blocks are the caller's)."""
    return soup_to_markdown(parse_html(html), base_url)


def html_to_text(html: str) -> str:
    """The text of an HTML fragment on one line (titles, excerpts): inline markup adds no spaces."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    for element in soup.find_all(_BLOCKS):
        element.insert_after(" ")
    for element in soup.find_all(["sup", "sub"]):
        # 'E=mc<sup>2</sup>' reads 'E=mc²' in a plain-text title; other markup is only dropped.
        text = element.get_text("")
        table = _SUPERSCRIPT if element.name == "sup" else _SUBSCRIPT
        element.replace_with(text.translate(table) if text and text.strip("0123456789+-=()n") == "" else text)
    return " ".join(soup.get_text("").translate(INVISIBLE).split())


def safe_url(href: str | None, base_url: str = "") -> str | None:
    """An http, https or mailto URL for a Markdown link, or None when the link must go."""
    # Curly quotes around attribute values come from text pasted out of word processors.
    url = (href or "").strip(_URL_NOISE)
    if not url or url.startswith("#"):
        return None
    url = urljoin(base_url.rstrip("/") + "/", url) if base_url else url
    if urlsplit(url).scheme.lower() not in URL_SCHEMES:
        return None
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class _Converter(MarkdownConverter):
    """markdownify with this column's rules: '###' at most, no images, safe links, allowed tags."""

    def __init__(self, base_url: str, rewrite_link: LinkRewriter) -> None:
        super().__init__(
            heading_style=ATX, bullets="-", autolinks=False, sup_symbol="<sup>", sub_symbol="<sub>"
        )
        self.base_url = base_url
        self.rewrite_link = rewrite_link

    def escape(self, text, parent_tags):
        return escape_text(text)

    def convert_hN(self, n, el, text, parent_tags):
        # '#' is the page title and '##' the two sections, so post headings start at '###'.
        if not text.strip():
            return ""
        return super().convert_hN(min(6, max(3, n + 1)), el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return escape_text(" ".join(str(el.get("alt") or "").split()))

    def convert_a(self, el, text, parent_tags):
        prefix, suffix, text = chomp(text)
        if not text:
            return prefix or suffix
        href = safe_url(el.get("href"), self.base_url)
        if href is None or "_noformat" in parent_tags:
            return f"{prefix}{text}{suffix}"
        return f"{prefix}[{text}]({self.rewrite_link(href)}){suffix}"

    def convert_br(self, el, text, parent_tags):
        if "pre" in parent_tags or "_noformat" in parent_tags:
            return "\n"  # a line break in code, a preformatted or a verse block
        return " " if "_inline" in parent_tags else "<br>\n"

    def convert_code(self, el, text, parent_tags):
        # Classic posts write code blocks as <code> with <br> line breaks: a block, not a span.
        if "pre" not in parent_tags and "\n" in text.strip("\n"):
            return self.convert_pre(el, text, parent_tags)
        return super().convert_code(el, text, parent_tags)

    def convert_pre(self, el, text, parent_tags):
        if not text.strip():
            return ""
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
        return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"

    def convert_li(self, el, text, parent_tags):
        # Python-Markdown nests a list or continues an item only at four spaces.
        item = super().convert_li(el, text, parent_tags)
        bullet = re.match(r"(?:-|\d+\.) ", item)
        if bullet is None:
            return item
        pad = " " * len(bullet.group())
        first, *rest = item.split("\n")
        return "\n".join(
            [first, *("    " + line[len(pad) :] if line.startswith(pad) else line for line in rest)]
        )

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, _UNESCAPED_PIPE.sub(r"\\|", text), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, _UNESCAPED_PIPE.sub(r"\\|", text), parent_tags)

    def convert_dt(self, el, text, parent_tags):
        # This site's Markdown has no definition lists: the term becomes a bold line.
        text = chomp(text.strip())[2]
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_dd(self, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    # Python-Markdown has no '~~'; <del> and friends are in the allowed raw HTML.
    convert_del = convert_s = convert_strike = abstract_inline_conversion(lambda self: "<del>")
    convert_ins = abstract_inline_conversion(lambda self: "<ins>")
    convert_mark = abstract_inline_conversion(lambda self: "<mark>")
