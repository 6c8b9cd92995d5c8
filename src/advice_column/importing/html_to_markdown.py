"""Post HTML and copied text made into entry Markdown that `advice check` accepts as it is."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from markdownify import ATX, MarkdownConverter, abstract_inline_conversion, chomp

from ..entries.body import CODE_SPAN, FENCE, RAW_HTML_ALLOWED, URL_SCHEMES

# Code, media and page machinery: none of it is the post's text, and none may reach the page.
_DROPPED = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "video", "audio",
    "svg", "canvas", "form", "button", "select", "textarea", "map", "head",
]  # fmt: skip
_BLOCK_TAG = re.compile(
    r"<(?:!--|/?(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|th|td|hr|"
    r"figure|figcaption|section|article|aside|address|script|style|iframe)\b)",
    re.IGNORECASE,
)
_PRE = re.compile(r"<(/?)pre\b", re.IGNORECASE)
# WordPress shortcodes that wrap media; the text between them (a caption) is kept.
_SHORTCODE = re.compile(r"\[/?(?:caption|wp_caption|gallery|embed|audio|video|playlist)\b[^\]]*\]", re.I)
_URL_NOISE = "\"'“”‘’„«»<> \t\r\n"

_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINE_START = re.compile(r"^([ \t]*)(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]))", re.MULTILINE)
# The converter fences code with backticks only, so a '~~~' line came from the text.
_TILDE_FENCE = re.compile(r"^([ \t]*)~(?=~~)", re.MULTILINE)
_STRAY_TAG = re.compile(rf"<(?!/?(?:{'|'.join(sorted(RAW_HTML_ALLOWED))})[\s/>])(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(r"\]\((?=\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):)")
_IMAGE_SHAPE = re.compile(r"!(?=\[[^\]]*\]\s*[\[(])")
_REFERENCE = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)")
_TOP_HEADING = re.compile(r"^( {0,3})(#{1,2}(?:[ \t]|$))")
_NBSP_RUN = re.compile(r"[ \t\u00a0]*\u00a0[ \t\u00a0]*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def html_to_markdown(html: str, base_url: str = "") -> str:
    """A post's HTML as Markdown: no raw HTML but the allowed tags, no images, only safe links."""
    html = autop(_SHORTCODE.sub("", html))
    with warnings.catch_warnings():
        # A body that is only a URL or a file name makes Beautiful Soup warn; it is still text.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    return defuse(tidy_markdown(_Converter(base_url).convert_soup(soup)))


def html_to_text(html: str) -> str:
    """The text of an HTML fragment on one line (for excerpts and titles)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    return " ".join(soup.get_text(" ").translate(_INVISIBLE).split())


def autop(html: str) -> str:
    """Wrap bare text blocks in <p> as WordPress does when it shows a classic-editor post."""
    chunks = re.split(r"\n[ \t]*\n", html.replace("\r\n", "\n").strip())
    out, pre_depth = [], 0
    for chunk in chunks:
        bare = pre_depth == 0 and not _BLOCK_TAG.match(chunk.lstrip())
        for match in _PRE.finditer(chunk):
            pre_depth = max(0, pre_depth + (-1 if match.group(1) else 1))
        if bare and chunk.strip():
            # Single line breaks inside a classic-editor paragraph are shown as line breaks.
            inner = chunk if _BLOCK_TAG.search(chunk) else chunk.strip().replace("\n", "<br>\n")
            chunk = f"<p>{inner}</p>"
        out.append(chunk)
    return "\n\n".join(out)


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


def escape_text(text: str) -> str:
    """Plain text made literal in Markdown: no emphasis, headings, lists, links or raw HTML."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("*", r"\*").replace("_", r"\_").replace("`", r"\`")
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    if re.search(r"\][(\[:]", text):
        # '\](' is still '](' to the link check, so the parenthesis is escaped as well.
        text = re.sub(r"[\[\]]", lambda m: "\\" + m.group(), text).replace("\\](", "\\]\\(")
    text = _TILDE_FENCE.sub(r"\1&#126;", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def defuse(markdown: str) -> str:
    """Break what neighbouring text pieces can form together: tags, bad links, images, '#'/'##'."""
    lines, fence = [], None
    for line in _TILDE_FENCE.sub(r"\1&#126;", markdown).split("\n"):
        match = FENCE.match(line)
        if fence is not None or match:
            if fence is None:
                fence = match.group(1)
            elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines.append(line)
            continue
        line = _TOP_HEADING.sub(r"\1\\\2", _REFERENCE.sub(r"\1\\[", line))
        pieces, last = [], 0
        for span in CODE_SPAN.finditer(line):
            pieces += [_defuse_text(line[last : span.start()]), span.group()]
            last = span.end()
        lines.append("".join([*pieces, _defuse_text(line[last:])]))
    return "\n".join(lines)


def _defuse_text(text: str) -> str:
    text = _STRAY_TAG.sub("&lt;", text)
    text = _IMAGE_SHAPE.sub(r"!\\", text)
    # '](' before a scheme other than http(s)/mailto is not a link the converter made.
    return _LINK_TARGET.sub(lambda m: "](" if m.group(1).lower() in URL_SCHEMES else "]\\(", text)


def tidy_spaces(text: str) -> str:
    """Runs of non-breaking spaces used as spacing become one space, none at line ends."""
    lines = []
    for line in text.translate(_INVISIBLE).split("\n"):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        rest = line[len(indent) :].strip(" \t\u00a0")
        # One NBSP between two words ("10\u00a0a.m.") is typography and stays.
        rest = _NBSP_RUN.sub(lambda m: m.group() if m.group() == "\u00a0" else " ", rest)
        lines.append(indent + rest if rest else "")
    return "\n".join(lines)


def tidy_markdown(markdown: str) -> str:
    """Tidy spaces, keep at most one blank line in a row, and trim the ends."""
    return re.sub(r"\n{3,}", "\n\n", tidy_spaces(markdown)).strip("\n")


class _Converter(MarkdownConverter):
    """markdownify with this column's rules: '###' at most, no images, safe links, allowed tags."""

    def __init__(self, base_url: str) -> None:
        super().__init__(
            heading_style=ATX, bullets="-", autolinks=False, sup_symbol="<sup>", sub_symbol="<sub>"
        )
        self.base_url = base_url

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
        return f"{prefix}[{text}]({href}){suffix}"

    def convert_br(self, el, text, parent_tags):
        return " " if "_inline" in parent_tags else "<br>\n"

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

    # Python-Markdown has no '~~'; <del> and friends are in the allowed raw HTML.
    convert_del = convert_s = convert_strike = abstract_inline_conversion(lambda self: "<del>")
    convert_ins = abstract_inline_conversion(lambda self: "<ins>")
    convert_mark = abstract_inline_conversion(lambda self: "<mark>")
