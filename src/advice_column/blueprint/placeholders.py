"""Addresses still set to the example ones ``advice init`` writes, which must not be published."""

from __future__ import annotations

from urllib.parse import urlsplit

from .settings import Settings

EXAMPLE_DOMAIN = "example.org"


def example_addresses(settings: Settings) -> list[str]:
    """A sentence for each of site_url, the reply and the ask address that still points to example.org."""
    found = []
    if _is_example(settings.site_url):
        found.append(f"site_url is still the example address {settings.site_url}")
    if _is_example(settings.comment_url):
        found.append("extra.advice.comments.url (the reply link) still goes to example.org")
    if settings.ask is not None and _is_example(settings.ask.url):
        found.append("extra.advice.ask (where readers send questions) still goes to example.org")
    return found


def _is_example(url: str) -> bool:
    parts = urlsplit(url)
    host = parts.path.partition("?")[0].rpartition("@")[2] if parts.scheme == "mailto" else parts.hostname
    host = (host or "").lower().rstrip(".")
    return host == EXAMPLE_DOMAIN or host.endswith("." + EXAMPLE_DOMAIN)
