"""Gutenberg (block editor) constructs: footnotes kept in post meta, embeds, media blocks.

Works on the parsed post (a Beautiful Soup tree) before it becomes Markdown; the block
comments themselves (``<!-- wp:paragraph -->``) are dropped with every other comment.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Comment, Tag

_URL = re.compile(r"https?://\S+")
# A player's frame address and the page a reader would open instead.
_PLAYER_PAGES = (
    (
        re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|v)/([\w-]{6,20})"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"^https?://player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
)
_MEDIA_BLOCKS = {
    "wp-block-image": "an image",
    "wp-block-gallery": "a gallery",
    "wp-block-cover": "a cover image",
}


def convert_blocks(soup: BeautifulSoup, footnotes_meta: str) -> tuple[str, ...]:
    """Turn the post's blocks into plain HTML in place; the notes say what was changed or dropped."""
    notes: list[str] = []
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    notes += _embeds(soup)
    notes += _frames(soup)
    notes += _media(soup)
    notes += _footnotes(soup, footnotes_meta)
    return tuple(dict.fromkeys(notes))


def _embeds(soup: BeautifulSoup) -> list[str]:
    """An embed block (a video, a post on another site) becomes a link to what it showed."""
    notes = []
    for wrapper in soup.select("figure.wp-block-embed .wp-block-embed__wrapper"):
        url = _URL.search(wrapper.get_text())
        link = soup.new_tag("a", href=url.group()) if url else None
        if link is not None:
            link.string = url.group()
            wrapper.replace_with(_paragraph(soup, link))
            notes.append("an embedded item became a link")
    return notes


def _frames(soup: BeautifulSoup) -> list[str]:
    """A pasted ``<iframe>`` (or an old ``<object>``/``<embed>`` player) becomes a link to what it showed."""
    notes = []
    for frame in soup.find_all(["iframe", "object", "embed"]):
        if frame.parent is None or frame.find_parent(["object"]) is not None:
            continue  # an <embed> inside an <object> goes with it
        url = _frame_address(frame)
        if url is None:
            continue  # dropped with the other machinery, and named there
        link = soup.new_tag("a", href=url)
        link.string = url
        frame.replace_with(_paragraph(soup, link))
        notes.append(f"an embedded <{frame.name}> became a link to what it showed")
    return notes


def _frame_address(frame: Tag) -> str | None:
    movie = frame.find("param", attrs={"name": re.compile("^(movie|src)$", re.I)})
    embed = frame.find("embed")
    candidates = [frame.get("src"), frame.get("data"), movie.get("value") if movie else None]
    candidates.append(embed.get("src") if embed else None)
    for candidate in candidates:
        url = str(candidate or "").strip()
        url = "https:" + url if url.startswith("//") else url
        if not url.startswith(("http://", "https://")):
            continue
        for pattern, page in _PLAYER_PAGES:
            if match := pattern.match(url):
                return page.format(match.group(1))
        return url
    return None


def _media(soup: BeautifulSoup) -> list[str]:
    """Image-like blocks have no text but their caption; audio and video link to their file."""
    notes = []
    for css, what in _MEDIA_BLOCKS.items():
        if soup.select_one(f".{css}"):
            notes.append(f"{what} was dropped (images are not supported); any caption was kept")
    for player in soup.find_all(["audio", "video"]):
        source = player.get("src") or next(
            (s.get("src") for s in player.find_all("source") if s.get("src")), ""
        )
        if source:
            link = soup.new_tag("a", href=source)
            link.string = f"{player.name.capitalize()}: {source.rstrip('/').rsplit('/', 1)[-1]}"
            player.replace_with(_paragraph(soup, link))
            notes.append(f"an {player.name} player became a link to its file; check the file is still online")
    return notes


def _footnotes(soup: BeautifulSoup, footnotes_meta: str) -> list[str]:
    """Markers become numbers and the notes (kept in post meta, not in the text) a list after the text."""
    notes = _read_footnotes(footnotes_meta)
    markers = soup.select("sup[data-fn]")
    if not notes and not markers:
        return []
    order: dict[str, int] = {}
    for marker in markers:
        number = order.setdefault(str(marker.get("data-fn")), len(order) + 1)
        marker.clear()
        marker.string = str(number)
    texts = dict(notes)
    listed = [texts[key] for key in order if key in texts]
    listed += [text for key, text in notes if key not in order]
    if not listed:
        return ["footnote markers without their notes were numbered; the notes were not in the export"]
    section = BeautifulSoup(
        "<h2>Notes</h2><ol>" + "".join(f"<li>{text}</li>" for text in listed) + "</ol>", "html.parser"
    )
    placeholder = soup.find(class_="wp-block-footnotes")
    if isinstance(placeholder, Tag):
        placeholder.replace_with(section)
    else:
        soup.append(section)
    return ["the footnotes became numbered notes at the end of the answer"]


def _read_footnotes(meta: str) -> list[tuple[str, str]]:
    """``[(id, html)]`` from the 'footnotes' post meta: JSON written by the block editor."""
    try:
        items = json.loads(meta) if meta.strip() else []
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [
        (str(item.get("id", "")), str(item.get("content", "")))
        for item in items
        if isinstance(item, dict) and str(item.get("content", "")).strip()
    ]


def _paragraph(soup: BeautifulSoup, child: Tag) -> Tag:
    paragraph = soup.new_tag("p")
    paragraph.append(child)
    return paragraph
