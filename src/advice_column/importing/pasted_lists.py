"""Lists typed by hand: lines that start with '- ' or '•', as text pasted into WordPress keeps them.

WordPress shows them as lines of a paragraph (or one paragraph each); they were lists to the
writer, and become lists here instead of lines that start with an escaped '\\-'.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

_BULLET = re.compile(r"^\s*[-•·*‣◦▪–][ \t\u00a0]+(?=\S)")
_MARKER = re.compile(r"^\s*[-•·*‣◦▪–][ \t\u00a0]+")
_PASTED = "data-pasted-list"


def pasted_lists(soup: BeautifulSoup) -> None:
    """Turn runs of bullet lines (two or more) into ``<ul>``; in place."""
    for paragraph in soup.find_all("p"):
        _split(soup, paragraph)
    for first in soup.find_all("ul", attrs={_PASTED: True}):
        if first.parent is None:
            continue
        while isinstance(following := _next_tag(first), Tag) and following.has_attr(_PASTED):
            for item in following.find_all("li", recursive=False):
                first.append(item.extract())
            following.decompose()
    for pasted in soup.find_all("ul", attrs={_PASTED: True}):
        if len(pasted.find_all("li", recursive=False)) < 2:  # a lone '- Shawn' is a sign-off
            pasted.name = "p"
            pasted.li.unwrap()
            pasted.insert(0, str(pasted[_PASTED]))
        del pasted[_PASTED]


def _split(soup: BeautifulSoup, paragraph: Tag) -> None:
    """The paragraph cut into paragraphs and lists where its bullet lines are."""
    lines = _lines(paragraph)
    bullets = _in_runs([_is_bullet(line) for line in lines])
    if not any(bullets):
        return
    pieces: list[Tag] = []
    for line, bullet in zip(lines, bullets, strict=True):
        if bullet:
            marker = _drop_bullet(line)
            if not pieces or pieces[-1].name != "ul":
                pieces.append(soup.new_tag("ul", attrs={_PASTED: marker}))
            item = soup.new_tag("li")
            pieces[-1].append(item)
            target = item
        else:
            if not pieces or pieces[-1].name != "p":
                pieces.append(soup.new_tag("p"))
            elif pieces[-1].contents:
                pieces[-1].append(soup.new_tag("br"))
            target = pieces[-1]
        for node in line:
            target.append(node.extract())
    for piece in reversed(pieces):
        paragraph.insert_after(piece)
    paragraph.decompose()


def _in_runs(bullets: list[bool]) -> list[bool]:
    """Bullet lines that make a list: runs of two or more, or a paragraph of bullets only."""
    if all(bullets):
        return bullets
    kept = list(bullets)
    for index, bullet in enumerate(bullets):
        before = index > 0 and bullets[index - 1]
        after = index + 1 < len(bullets) and bullets[index + 1]
        kept[index] = bullet and (before or after)
    return kept


def _lines(paragraph: Tag) -> list[list]:
    lines: list[list] = [[]]
    for child in list(paragraph.children):
        if isinstance(child, Tag) and child.name == "br":
            lines.append([])
        else:
            lines[-1].append(child)
    return [line for line in lines if "".join(_text(node) for node in line).strip()]


def _text(node) -> str:
    return str(node) if isinstance(node, NavigableString) else node.get_text()


def _is_bullet(line: list) -> bool:
    return bool(_BULLET.match("".join(_text(node) for node in line)))


def _drop_bullet(line: list) -> str:
    """The bullet taken off the line's first words; returns it."""
    for index, node in enumerate(line):
        strings = [node] if isinstance(node, NavigableString) else list(node.find_all(string=True))
        for string in strings:
            if string.strip():
                match = _MARKER.match(str(string))
                if match is None:
                    return ""
                rest = NavigableString(str(string)[match.end() :])
                string.replace_with(rest)
                if string is node:
                    line[index] = rest
                return match.group().strip() + " "
    return ""


def _next_tag(element: Tag):
    sibling = element.next_sibling
    while isinstance(sibling, NavigableString) and not sibling.strip():
        sibling = sibling.next_sibling
    return sibling
