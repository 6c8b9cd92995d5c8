"""Images in a post: each becomes its description on a line of its own, or nothing.

Classic-editor posts put an aligned image right before a paragraph's first word
(``<img class="alignleft" alt="…">Lorem``); its description must not run into that word. A
description that is only the file's name (``IMG_6851``, ``penne_low.jpg``) says nothing to a
reader and is dropped.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

_LINE_BLOCKS = frozenset(
    {"p", "div", "li", "dd", "dt", "td", "th", "blockquote", "figure", "figcaption", "section", "article",
     "h1", "h2", "h3", "h4", "h5", "h6", "body", "[document]"}
)  # fmt: skip
_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic|avif)$", re.IGNORECASE)
_SIZE_SUFFIX = re.compile(r"-\d+x\d+$")
_LOOKAROUND = 64  # elements looked at beside an image: a row of images stays linear


def images_to_text(soup: BeautifulSoup) -> None:
    """Replace each ``<img>`` by its description, alone on its line; in place."""
    for image in soup.find_all("img"):
        description = " ".join(str(image.get("alt") or "").split())
        if is_file_name(description, str(image.get("src") or "")):
            description = ""
        unit = _linked(image)
        if not description:
            (image if unit is not image else unit).decompose()
            continue
        text = NavigableString(description)
        image.replace_with(text)
        _own_line(soup, text if unit is image else unit)


def is_file_name(description: str, src: str = "") -> bool:
    """Whether an image's description is only a file's name: no words a reader could use."""
    if not description or re.search(r"\s", description):
        return False
    stem = _SIZE_SUFFIX.sub("", _EXTENSION.sub("", unquote(urlsplit(src).path).rsplit("/", 1)[-1]))
    same_as_file = bool(stem) and _EXTENSION.sub("", description).casefold() == stem.casefold()
    return same_as_file or bool(_EXTENSION.search(description)) or bool(re.search(r"[_/\\]|\d", description))


def _linked(image: Tag) -> Tag:
    """The image, or the link around it when the link holds nothing else."""
    parent = image.parent
    alone = isinstance(parent, Tag) and parent.name == "a" and not parent.get_text().strip()
    if alone and all(child is image or not str(child).strip() for child in parent.children):
        return parent
    return image


def _own_line(soup: BeautifulSoup, unit) -> None:
    """A line break between ``unit`` and the text before or after it in the same block."""
    block = next((parent for parent in unit.parents if parent.name in _LINE_BLOCKS), None)
    if block is None:
        return
    after = _text_beside(unit, block, unit.next_elements, skip_own=True)
    before = _text_beside(unit, block, unit.previous_elements, skip_own=False)
    if before and after:  # in the middle of a sentence (an icon, a logo): a word among words
        if not before[-1].isspace():
            unit.insert_before(" ")
        if after[0].isalnum():
            unit.insert_after(" ")
    elif after:
        unit.insert_after(soup.new_tag("br"))
        following = unit.next_sibling.next_sibling
        if isinstance(following, NavigableString) and following[:1].isspace():
            following.replace_with(following.lstrip())  # ' The rest' starts its line
    elif before:
        unit.insert_before(soup.new_tag("br"))


def _text_beside(unit, block: Tag, elements, skip_own: bool) -> str | None:
    """The text before (or after) ``unit`` in ``block`` with no line break between, if any."""
    own = set(map(id, unit.descendants)) if skip_own and isinstance(unit, Tag) else set()
    for looked, element in enumerate(elements):
        if looked > _LOOKAROUND + len(own):
            return None
        if element is block or (isinstance(element, Tag) and block not in element.parents):
            return None
        if id(element) in own:
            continue
        if isinstance(element, Tag) and element.name in ("br", *_LINE_BLOCKS):
            return None
        if isinstance(element, NavigableString) and str(element).strip():
            return str(element) if block in element.parents else None
    return None
