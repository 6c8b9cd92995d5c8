"""Every site path the generator owns, computed in one place so pages, feeds, redirects and the
build's checks cannot disagree. Paths are relative to the site root: '' is the home page, folders
end in '/', files do not (``topics/salary/feed.xml``)."""

from __future__ import annotations

import posixpath

ENTRIES = "qa/"
TOPICS = "topics/"
TAGS = "tags/"
ARCHIVE = "archive/"
SEARCH = "search/"
ASK = "ask/"  # how to send the column a question (extra.advice.ask)
SITE_FEED = "feed.xml"
# Folders the site generates; an alias (an entry's old address) may not point inside them.
# The search wing's files are under SEARCH (search/addresses.py).
RESERVED_PREFIXES = (ENTRIES, TOPICS, TAGS, ARCHIVE, SEARCH, ASK, "assets/")


def entry(slug: str) -> str:
    """An entry's page; it depends on the slug only, so it never moves."""
    return f"{ENTRIES}{slug}/"


def entry_source(slug: str) -> str:
    """The Markdown file in the docs folder that becomes an entry's page."""
    return f"{ENTRIES}{slug}.md"


def topic(key: str) -> str:
    """A topic's listing."""
    return f"{TOPICS}{key}/"


def topic_feed(key: str) -> str:
    """A topic's Atom feed."""
    return f"{topic(key)}feed.xml"


def tag(slug: str) -> str:
    """A tag's listing."""
    return f"{TAGS}{slug}/"


def year(number: int) -> str:
    """One year of the archive."""
    return f"{ARCHIVE}{number}/"


def listing_page(url: str, number: int) -> str:
    """Page ``number`` (from 1) of the listing at ``url``: ``url``, ``url/page/2/``, …"""
    return url if number == 1 else f"{url}page/{number}/"


def source_path(url: str) -> str:
    """The Markdown file in the docs folder that becomes the page at ``url``."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (site paths like 'a/b/' or 'a/f.xml')."""
    # posixpath.relpath("/" + to_url, "/" + from_url), without its normalising: a listing page
    # has hundreds of links and site paths are normal already.
    here, there = from_url.split("/"), to_url.split("/")
    here, there = [part for part in here if part], [part for part in there if part]
    shared = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        shared += 1
    target = "/".join([".."] * (len(here) - shared) + there[shared:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target


def resolve(from_url: str, href: str) -> str:
    """The site path a relative link ``href`` on the page at ``from_url`` leads to."""
    path = posixpath.normpath(posixpath.join("/" + from_url, href)).lstrip("/")
    return "" if path in ("", ".") else path + ("/" if href.endswith("/") or href in ("", ".") else "")
