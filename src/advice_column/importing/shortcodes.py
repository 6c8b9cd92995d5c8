"""WordPress shortcodes (``[caption]``, ``[gallery]``, ``[audio]``, plugins' own): converted or removed.

Each one either becomes text the column can show (a caption its text, an embed a link, audio
and video a link to the file) or is removed with a note naming it, so nothing goes silently.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

# '[name attrs]', '[name/]', and '[[name]]' (WordPress's way of writing a shortcode literally).
_OPEN = re.compile(r"\[(\[?)([A-Za-z][\w-]{0,63})((?:\s[^\[\]]{0,2000})?)(/?)\](\]?)")
_CLOSE = re.compile(r"\[/([A-Za-z][\w-]{0,63})\]")
_BARE_URL = re.compile(r"https?://[^\s\"'\[\]<>]+")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_MEDIA_KEYS = ("src", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm", "ogv", "wmv", "flv")
_IMAGE = re.compile(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>", re.IGNORECASE)
# WordPress core's and Jetpack's shortcodes: always shortcodes, even written bare as '[gallery]'.
KNOWN = frozenset(
    {
        "caption", "wp_caption", "gallery", "audio", "video", "playlist", "embed", "youtube",
        "vimeo", "soundcloud", "googlemaps", "twitter", "tweet", "instagram", "slideshow",
        "spotify", "dailymotion", "ted", "polldaddy", "crowdsignal", "recipe", "archives",
    }
)  # fmt: skip


def convert_shortcodes(text: str) -> tuple[str, tuple[str, ...]]:
    """The post's HTML with every shortcode converted or removed, and a note for each kind dropped."""
    notes: dict[str, None] = {}
    out: list[str] = []
    position = 0
    closers = _closers(text)
    for match in _OPEN.finditer(text):
        if match.start() < position:
            continue
        escaped, name, attributes, closed, escaped_end = match.groups()
        if escaped and escaped_end:  # '[[gallery]]' is the literal text '[gallery]'
            out += [text[position : match.start()], match.group()[1:-1]]
            position = match.end()
            continue
        tag = name.lower()
        close = None if closed else _closing(closers, tag, match.end())
        if not _is_shortcode(tag, attributes, close is not None):
            continue
        inner = text[match.end() : close[0]] if close else ""
        out += [text[position : match.start()], _convert(tag, _attributes(attributes), inner, notes)]
        position = close[1] if close else match.end()
    out.append(text[position:])
    return "".join(out), tuple(notes)


def _closers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each '[/name]' is, found in one pass so that many openings stay linear."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _CLOSE.finditer(text):
        found.setdefault(match.group(1).lower(), []).append(match.span())
    return found


def _closing(closers: dict[str, list[tuple[int, int]]], tag: str, start: int) -> tuple[int, int] | None:
    spans = closers.get(tag, [])
    index = bisect.bisect_left(spans, (start, start))
    return spans[index] if index < len(spans) else None


def _is_shortcode(tag: str, attributes: str, paired: bool) -> bool:
    """'[gallery]' or '[contact-form-7 id="1"]' are; '[sic]' and '[note to self]' are not."""
    return tag in KNOWN or "=" in attributes or paired or "-" in tag or "_" in tag


def _attributes(text: str) -> dict[str, str]:
    if url := _BARE_URL.match(text.strip()):  # Jetpack's '[youtube https://...]'
        return {"url": url.group()}
    values = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next(group for group in match.groups()[1:] if group is not None)
        values[match.group(1).lower()] = html.unescape(value)
    return values


def _convert(tag: str, attributes: dict[str, str], inner: str, notes: dict[str, None]) -> str:
    converter = _CONVERTERS.get(tag)
    if converter is not None:
        return converter(attributes, inner, notes)
    notes[f"removed the [{tag}] shortcode (a plugin's; it means nothing on this site)"] = None
    return inner


def _caption(attributes: dict[str, str], inner: str, notes: dict[str, None]) -> str:
    notes["an image with a caption: the image was dropped (images are not supported), the caption kept"] = (
        None
    )
    caption = attributes.get("caption") or _IMAGE.sub("", inner).strip()
    return f"<p><em>{caption}</em></p>" if caption else ""


def _media(kind: str) -> Callable[[dict[str, str], str, dict[str, None]], str]:
    def convert(attributes: dict[str, str], inner: str, notes: dict[str, None]) -> str:
        url = next((attributes[key] for key in _MEDIA_KEYS if attributes.get(key)), inner.strip())
        if not url.startswith(("http://", "https://", "/")):
            notes[f"a [{kind}] player without a file address was removed"] = None
            return ""
        notes[f"the [{kind}] player became a link to its file; check the file is still online"] = None
        label = html.escape(f"{kind.capitalize()}: {url.rstrip('/').rsplit('/', 1)[-1]}")
        return f'<p><a href="{html.escape(url)}">{label}</a></p>'

    return convert


def _embed(attributes: dict[str, str], inner: str, notes: dict[str, None]) -> str:
    url = inner.strip() or attributes.get("url", "")
    if "<" in url:  # an <a> WordPress put around the address
        url = (_BARE_URL.search(url) or re.match("", "")).group()
    if not url.startswith(("http://", "https://")):
        return ""
    notes["an embedded item became a link"] = None
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _dropped(kind: str, why: str) -> Callable[[dict[str, str], str, dict[str, None]], str]:
    def convert(attributes: dict[str, str], inner: str, notes: dict[str, None]) -> str:
        notes[f"removed a [{kind}] ({why})"] = None
        return ""

    return convert


_CONVERTERS = {
    "caption": _caption,
    "wp_caption": _caption,
    "audio": _media("audio"),
    "video": _media("video"),
    **dict.fromkeys(("embed", "youtube", "vimeo", "soundcloud", "twitter", "tweet", "instagram"), _embed),
    **dict.fromkeys(("spotify", "dailymotion", "ted"), _embed),
    "gallery": _dropped("gallery", "images are not supported"),
    "playlist": _dropped("playlist", "players are not supported"),
    "slideshow": _dropped("slideshow", "images are not supported"),
}
