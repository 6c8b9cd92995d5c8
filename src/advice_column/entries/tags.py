"""What a tag may be: one line of plain text, no markup characters, within the length limit."""

from __future__ import annotations

import re
import unicodedata

MAX_TAG = 100
# A third-party UI may insert a tag as HTML (Pagefind's filter labels do), so markup characters
# never reach one: '<' '>' would open a tag, '"' '`' would end an attribute, '&' starts an entity.
_MARKUP = re.compile(r"<[^<>]*>|[<>\"`&]")


def clean_tag(text: str) -> str | None:
    """``text`` as a tag: markup and control characters removed, spaces collapsed; None if nothing fit."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    tag = " ".join(_MARKUP.sub(" ", text).split())
    return tag if tag and len(tag) <= MAX_TAG else None
