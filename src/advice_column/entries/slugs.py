"""The one way every URL segment of the site is made."""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 100


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)
    return slug[:MAX_SLUG_LENGTH].rstrip("-")


def is_valid_slug(text: str) -> bool:
    """True for a slug that is safe as one URL path segment."""
    return len(text) <= MAX_SLUG_LENGTH and SLUG.fullmatch(text) is not None


def stable_slug(text: str) -> str:
    """A slug for any text: its slugified form, or a short hash when none is left (e.g. '日本')."""
    slug = slugify(text)
    if slug:
        return slug
    digest = hashlib.sha1(text.casefold().encode("utf-8")).hexdigest()[:10]
    return f"t-{digest}"
