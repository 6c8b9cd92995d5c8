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
# The search page's list of extra index parts, fetched only when a reader starts a search.
SEARCH_PARTS_FILE = "search/parts.json"
# The columnist's synonyms, and the column's words by first letter (for "Did you mean…"), both
# fetched only by a search.
SEARCH_SYNONYMS_FILE = "search/synonyms.json"
SEARCH_WORDS = "search/words/"
BUNDLE = "pagefind"
# Folders the site generates; an alias (an entry's old address) may not point inside them.
RESERVED_PREFIXES = (ENTRIES, TOPICS, TAGS, ARCHIVE, SEARCH, ASK, "assets/", f"{BUNDLE}/")
# Pagefind holds a whole index in memory, about 200 kB an entry (2 GB at 10,000). Larger columns
# are indexed in parts of this many entries, one after another, and the search merges them
# (Pagefind's mergeIndex); part 0 is pagefind/, part N is pagefind/part-N/.
PART_ENTRIES = 2500
# A preview indexes in smaller parts, so that an edit re-indexes a small part: the smallest of
# these sizes that splits the column into at most PREVIEW_MOST_PARTS parts (a search merging a
# few dozen parts is fine on the author's own machine). Few sizes: a column growing by one entry
# keeps its part size, and its parts, until it crosses one of these steps.
PREVIEW_PART_SIZES = (25, 50, 100, 250, 500, 1000, PART_ENTRIES)
PREVIEW_MOST_PARTS = 50


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


def search_parts(entry_count: int, part_entries: int | None = None) -> int:
    """How many index parts a column of ``entry_count`` entries is split into."""
    return max(1, -(-entry_count // (part_entries or PART_ENTRIES)))


def preview_part_entries(entry_count: int) -> int:
    """How many entries each part of a preview's index holds, for a column of ``entry_count``."""
    fitting = (size for size in PREVIEW_PART_SIZES if entry_count <= size * PREVIEW_MOST_PARTS)
    return next(fitting, PREVIEW_PART_SIZES[-1])


def part_folder(number: int) -> str:
    """Where part ``number`` of the index is, inside the site."""
    return BUNDLE if number == 0 else f"{BUNDLE}/part-{number}"


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
