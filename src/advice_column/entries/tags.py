"""What a tag is: what it may hold, how a tool cleans one, and when two spellings are one tag.

Two spellings are one tag when they differ only by case, Unicode normalisation (NFC/NFD, full-
width forms), or the spaces, hyphens and underscores between words: "Cover letter",
"cover-letter" and "cover_letter" are one tag. Accents and other symbols tell tags apart
("año" is not "ano", "C#" is not "C++" nor "C"), so each of those has a page of its own.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

MAX_TAG = 100  # characters
MAX_TAGS = 20  # per entry: each distinct tag is a page, so one entry must not make thousands
# A tool's tag loses what looks like an HTML tag ('<b>'), and the double quotes and backticks a
# label may not hold; '<', '>' and '&' alone are text ("R&D"), escaped wherever a tag lands.
_MARKUP = re.compile(r"<[^<>]*>|[\"`]")
_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015\u2212]+")


def clean_tag(text: str) -> str | None:
    """``text`` as a tag for a tool to write: markup and control characters removed, spaces
    collapsed; None if nothing fit."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    tag = written_tag(_MARKUP.sub(" ", text))
    return tag if tag and len(tag) <= MAX_TAG else None


def written_tag(text: str) -> str:
    """A tag as written in an entry, in NFC with single spaces: how it is shown."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@functools.lru_cache(maxsize=1 << 16)  # a column has a few hundred tags, met ten thousand times
def tag_key(name: str) -> str:
    """The identity of a tag: two names with the same key are one tag, on one page."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", name).casefold())
    return _SEPARATORS.sub(" ", folded).strip()


def key_digest(key: str, length: int = 10) -> str:
    """A short hash of a tag key, which tells apart tags whose slugs would be the same."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]
