"""The one way every URL segment of the site is made."""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 100
# Apostrophes join the letters around them: "can't" is "cant", "I'm" is "im".
_APOSTROPHES = re.compile(r"['’ʼ`´]")
# A thousands separator inside a number joins its digits: "2,000" is "2000", not "2-000".
_DIGIT_GROUPS = re.compile(r"(?<=\d)[,.\u00a0\u2009\u202f](?=\d{3}(?!\d))")


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens, other scripts spelled out; '' if none.

    For naming new things (files of new entries, suggestions): "Straße" is 'strasse', "Łódź" is
    'lodz', "Привет" is 'privet', "£2,000" is '2000'. URLs derived from existing content use
    :func:`stable_slug`.
    """
    text = _DIGIT_GROUPS.sub("", _APOSTROPHES.sub("", text))
    spelled = "".join(_spell_out(char) for char in text)
    return _hyphenated(_APOSTROPHES.sub("", spelled))


def is_valid_slug(text: str) -> bool:
    """True for a slug that is safe as one URL path segment."""
    return len(text) <= MAX_SLUG_LENGTH and SLUG.fullmatch(text) is not None


def hashed_slug(text: str, prefix: str = "t") -> str:
    """A short slug that depends only on ``text`` (ignoring case): e.g. 't-1a2b3c4d5e'."""
    digest = hashlib.sha1(text.casefold().encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


def stable_slug(text: str) -> str:
    """A tag's URL segment: accents dropped, other letters left out, or a short hash when none is left.

    Frozen: the pages of tags already published keep their addresses, so this never changes.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _hyphenated(ascii_text) or hashed_slug(text)


def _hyphenated(ascii_text: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    return slug[:MAX_SLUG_LENGTH].rstrip("-")


def _spell_out(char: str) -> str:
    """``char`` in ASCII; a Chinese character (one syllable, often one word) as a word of its own."""
    if char.isascii():
        return char
    if unicodedata.category(char) == "Sc":
        return " "  # "£2,000" is '2000': a currency's code ('gbp') would read as a word
    from anyascii import anyascii  # deferred: its tables load through importlib.resources, slow to import

    spelled = anyascii(char)
    return f" {spelled} " if unicodedata.name(char, "").startswith("CJK") else spelled
