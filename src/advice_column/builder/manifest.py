"""Nothing lost: every published entry must come out of the build exactly where it belongs.

Checked on the built HTML itself: one page per entry; each entry once on its topic's listing,
on each of its tags' listings and in its year of the archive (all pages of each listing), and on
the listing each tag link of its own page leads to; in the sitemap, the search index and the
feeds, every one of which must be well-formed XML. Any mismatch fails the build.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..blueprint import urls
from ..blueprint.catalog import Catalog
from ..blueprint.feeds import feed_problem
from ..blueprint.listings import listings
from ..entries.model import Entry

_ITEM_LINK = re.compile(r'<a class="advice-item__title" href="([^"]+)"')
_TAG_LINK = re.compile(r'<a class="advice-tag" href="([^"]+)"')
_NEXT_LINK = re.compile(r'<a rel="next" href="([^"]+)"')
_LOC = re.compile(r"<loc>([^<]*)</loc>")
_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class SiteManifest:
    """Where every entry must come out, as site URLs: taken from the catalog before the site is
    rendered, so the entries' text need not stay in memory while it is."""

    entries: list[str]  # every entry page, newest first
    listings: dict[str, list[str]]  # each listing's URL: the entries it lists, in order
    topics: list[str]  # the topics' keys (each has a feed)


def site_manifest(catalog: Catalog) -> SiteManifest:
    """What ``verify_site`` checks the built site against."""
    found = {listing.url: _urls(listing.entries) for listing in listings(catalog)}
    return SiteManifest(_urls(catalog.entries), found, list(catalog.topics))


def verify_site(
    manifest: SiteManifest, site_dir: Path, indexed: int | None, *, site_url: str = "", feed_entries: int = 0
) -> list[str]:
    """Problems where the built site and the manifest disagree; empty when every entry arrived once.

    The sitemap and feeds are checked when there is a ``site_url`` (neither exists without one);
    the search index when ``indexed`` (its page count) is given.
    """
    built = {path.parent.name for path in (site_dir / urls.ENTRIES).glob("*/index.html")}
    problems = _difference("entry pages", manifest.entries, [urls.entry(slug) for slug in built])
    if indexed is not None:
        problems += verify_index(manifest, indexed)
    listed: dict[str, list[str]] = {}
    for url, expected in manifest.listings.items():
        listed[url] = listed_entries(site_dir, url)
        problems += _difference(url, expected, listed[url])
    problems += _check_tag_links(manifest.entries, site_dir, listed)
    if site_url:
        problems += _check_sitemap(manifest.entries, site_dir, site_url)
        feeds = {
            path: _feed_problem(site_dir, path)
            for path in (urls.SITE_FEED, *map(urls.topic_feed, manifest.topics))
        }
        problems += [problem for problem in feeds.values() if problem]
        if feeds[urls.SITE_FEED] is None:
            problems += _check_feed(manifest.entries[:feed_entries], site_dir / urls.SITE_FEED, site_url)
    return problems


def verify_index(manifest: SiteManifest, indexed: int) -> list[str]:
    """The problem when the search index holds another number of pages than there are entries."""
    if indexed != len(manifest.entries):
        return [f"search index holds {indexed} pages for {len(manifest.entries)} entries"]
    return []


def _check_tag_links(entries: list[str], site_dir: Path, listed: dict[str, list[str]]) -> list[str]:
    """Each entry is on the listing behind every tag link of its own page."""
    problems = []
    for own in entries:
        page = site_dir / own / "index.html"
        if not page.is_file():
            continue  # reported as a missing entry page
        for href in _TAG_LINK.findall(page.read_text(encoding="utf-8")):
            url = urls.resolve(own, href)
            if url not in listed:
                listed[url] = listed_entries(site_dir, url)
            if own not in listed[url]:
                problems.append(f"{own}: its tag link leads to {url}, which does not list it")
    return problems


def _feed_problem(site_dir: Path, path: str) -> str | None:
    feed = site_dir / path
    if not feed.is_file():
        return f"{path} was not written"
    problem = feed_problem(feed.read_bytes())
    return f"{path} is not a valid feed: {problem}" if problem else None


def listed_entries(site_dir: Path, url: str) -> list[str]:
    """The entry URLs a listing links to, across all its pages, in order."""
    found = []
    while url:
        path = site_dir / url / "index.html"
        if not path.is_file():
            break  # reported by the caller as entries missing from this listing
        page = path.read_text(encoding="utf-8")
        found += [urls.resolve(url, href) for href in _ITEM_LINK.findall(page)]
        following = _NEXT_LINK.search(page)
        url = urls.resolve(url, following.group(1)) if following else ""
    return found


def _check_sitemap(entries: list[str], site_dir: Path, site_url: str) -> list[str]:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return ["sitemap.xml was not written"]
    locations = _LOC.findall(sitemap.read_text(encoding="utf-8"))
    in_sitemap = [loc[len(site_url) :] for loc in locations if loc.startswith(site_url + urls.ENTRIES)]
    return _difference("sitemap.xml", entries, in_sitemap)


def _check_feed(entries: list[str], feed: Path, site_url: str) -> list[str]:
    if not feed.exists():
        return [f"{feed.name} was not written"]
    root = ElementTree.parse(feed).getroot()
    links = [link.get("href", "") for link in root.iter(f"{_ATOM}link") if link.get("rel") == "alternate"]
    in_feed = [link[len(site_url) :] for link in links if link.startswith(site_url + urls.ENTRIES)]
    if in_feed != entries:
        return [f"{feed.name} does not list the latest {len(entries)} entries in order"]
    return []


def _difference(where: str, expected: list[str], found: list[str]) -> list[str]:
    problems = []
    if missing := sorted(set(expected) - set(found)):
        problems.append(f"{where}: missing {', '.join(missing)}")
    if extra := sorted(set(found) - set(expected)):
        problems.append(f"{where}: not expected {', '.join(extra)}")
    if twice := sorted(url for url, count in Counter(found).items() if count > 1):
        problems.append(f"{where}: listed more than once {', '.join(twice)}")
    return problems


def _urls(entries: list[Entry]) -> list[str]:
    return [urls.entry(entry.slug) for entry in entries]
