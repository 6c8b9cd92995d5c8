"""Classic-editor HTML as WordPress shows it: paragraphs from blank lines, entities, bare embed URLs.

Also the tree repairs that keep the Markdown converter's work bounded: nesting flattened past a
depth (500 unclosed ``<div>`` must not raise RecursionError) and runs of spaces collapsed
(markdownify's whitespace patterns are quadratic on them).
"""

from __future__ import annotations

import re
from html.entities import html5

from bs4 import BeautifulSoup, NavigableString, Tag

MAX_DEPTH = 40
# wpautop's block elements (wp-includes/formatting.php, ``$allblocks``), and the three more
# this converter drops whole.
_ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    r"area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|"
    r"header|footer|nav|figure|figcaption|details|menu|summary|script|iframe|object)"
)
_BLOCK_OPEN = re.compile(rf"(<{_ALL_BLOCKS}[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</{_ALL_BLOCKS}>)", re.IGNORECASE)
_P_AROUND_BLOCK = re.compile(rf"<p>\s*(</?{_ALL_BLOCKS}[^>]*>)\s*</p>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*(</?{_ALL_BLOCKS}[^>]*>)", re.IGNORECASE)
_P_AFTER_BLOCK = re.compile(rf"(</?{_ALL_BLOCKS}[^>]*>)\s*</p>", re.IGNORECASE)
_BR_AFTER_BLOCK = re.compile(rf"(</?{_ALL_BLOCKS}[^>]*>)\s*<br>", re.IGNORECASE)
_BR_BEFORE_BLOCK = re.compile(r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_GUTENBERG = "<!-- wp:"
_PRE_OPEN = re.compile(r"<pre\b", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
_NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,31};?)")
# oEmbed: in the classic editor a URL alone on its line shows the video, tweet or post it names.
_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"'\[\]]+)[ \t]*$", re.MULTILINE)
_SPACE_RUN = re.compile(r"[ \t\r\n]{2,}")
_KEEP_SPACES = frozenset({"pre", "code", "textarea"})
# Inline markup that only wraps a line break or spaces ('<strong><br></strong>', which the
# visual editor leaves behind) would come out as '**<br>**'.
_INLINE = ["strong", "b", "em", "i", "u", "span", "mark", "del", "ins", "s", "strike", "sup", "sub", "font"]


def classic_html(html: str) -> str:
    """The HTML WordPress would show for this post text (``wpautop``), ready for a parser."""
    html = _NAMED_REFERENCE.sub(_literal_unknown_reference, html.replace("\r\n", "\n"))
    pieces = []
    for text, is_pre in _split_pre(html):
        pieces.append(text if is_pre else _autop(_URL_LINE.sub(r'<a href="\1">\1</a>', text)))
    return "\n\n".join(piece for piece in pieces if piece.strip())


def _literal_unknown_reference(match: re.Match) -> str:
    """'R&D;' is text, not an entity: HTML parsers would drop its ';'."""
    return match.group() if match.group(1) in html5 else "&amp;" + match.group(1)


def _split_pre(html: str) -> list[tuple[str, bool]]:
    """The text cut into ``(piece, is_pre)``; a ``<pre>`` keeps its blank lines (wpautop does too)."""
    pieces, position = [], 0
    while (start := _PRE_OPEN.search(html, position)) is not None:
        end = _PRE_CLOSE.search(html, start.end())
        stop = end.end() if end else len(html)
        pieces += [(html[position : start.start()], False), (html[start.start() : stop], True)]
        position = stop
    pieces.append((html[position:], False))
    return pieces


def _autop(html: str) -> str:
    """WordPress's ``wpautop``: blank lines make paragraphs, a line break inside one is a <br>.

    As in WordPress, block-editor posts are left as they are, and block tags get paragraphs of
    their own first, so that a blockquote's second paragraph stays inside the quote.
    """
    if _GUTENBERG in html:
        return html
    # A tag written over several lines is one tag, not lines of text.
    html = _TAG.sub(lambda match: match.group().replace("\n", " "), html.strip())
    html = _BLOCK_CLOSE.sub("\\1\n\n", _BLOCK_OPEN.sub("\n\n\\1", html))
    chunks = [chunk.strip("\n") for chunk in re.split(r"\n[ \t]*\n", html) if chunk.strip()]
    html = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    html = re.sub(r"<p>\s*</p>", "", html)
    html = _P_AROUND_BLOCK.sub(r"\1", html)
    html = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", html, flags=re.IGNORECASE)
    html = re.sub(r"</blockquote></p>", "</p></blockquote>", html, flags=re.IGNORECASE)
    html = _P_AFTER_BLOCK.sub(r"\1", _P_BEFORE_BLOCK.sub(r"\1", html))
    lines = [line.rstrip(" \t") for line in html.split("\n")]
    html = "\n".join(
        line if index == len(lines) - 1 or line.endswith(("<br>", "<br />", "<br/>")) else line + "<br>"
        for index, line in enumerate(lines)
    )
    html = _BR_BEFORE_BLOCK.sub(r"\1", _BR_AFTER_BLOCK.sub(r"\1", html))
    return re.sub(r"<br>\s*$", "", html)


def repair_tree(soup: BeautifulSoup) -> None:
    """Bound the converter's work and fix what it would misread; in place."""
    _flatten_deep(soup)
    _collapse_spaces(soup)
    for element in soup.find_all(_INLINE):
        if not element.get_text().strip():
            element.unwrap()
    for paragraph in soup.find_all("p"):
        if not paragraph.get_text().strip() and not paragraph.find(lambda tag: tag.name != "br"):
            paragraph.decompose()  # only line breaks: an empty line of the editor
    for table in soup.find_all("table"):
        _footer_rows_last(table)


def _flatten_deep(soup: BeautifulSoup) -> None:
    """Past ``MAX_DEPTH`` levels an element is replaced by its text (the converter recurses)."""
    depth = {id(soup): 0}
    too_deep = []
    for element in soup.descendants:  # a generator: deep trees do not recurse here
        if isinstance(element, Tag):
            level = depth[id(element.parent)] + 1
            depth[id(element)] = level
            if level == MAX_DEPTH:
                too_deep.append(element)
    for element in too_deep:
        element.replace_with(NavigableString(element.get_text(" ")))


def _collapse_spaces(soup: BeautifulSoup) -> None:
    for text in soup.find_all(string=_SPACE_RUN.search):
        if not any(parent.name in _KEEP_SPACES for parent in text.parents):
            text.replace_with(_SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text))


def _footer_rows_last(table: Tag) -> None:
    """A <tfoot>'s rows become the table's last rows; a Markdown table has no footer."""
    for footer in table.find_all("tfoot", recursive=False):
        rows = footer.find_all("tr", recursive=False)
        footer.extract()
        body = table.find_all("tbody", recursive=False)
        target = body[-1] if body else table
        for row in rows:
            target.append(row)
