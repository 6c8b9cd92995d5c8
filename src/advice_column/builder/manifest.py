"""Nothing lost: every published entry must come out of the build exactly where it belongs.

Checked against the site as it was described, never by reading our own markup back: one page
per entry; each entry once across the pages of its topic's listing, of each of its tags'
listings and of its year in the archive, as the generator paged them; the listing each tag link
of its own page leads to; each of these pages reported written by the engine and on disk; in
the sitemap, the search index and the feeds, every one of which must be well-formed XML. Any
mismatch fails the build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..blueprint import urls
from ..blueprint.catalog import Catalog
from ..blueprint.feeds import feed_problem
from ..blueprint.listings import listing_pages, listings
from ..entries.model import Entry

_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class SiteManifest:
    """Where every entry must come out, as site URLs: taken from the catalog before the site is
    rendered, so the entries' text need not stay in memory while it is."""

    entries: list[str]  # every entry page, newest first
    listings: dict[str, list[str]]  # each listing's URL: the entries it lists, in order
    pages: dict[str, dict[str, list[str]]]  # each listing's URL: its pages, each with its entries
    tag_links: dict[str, list[str]]  # each entry page: the listings its tag links lead to
    topics: list[str]  # the topics' keys (each has a feed)


def site_manifest(catalog: Catalog, per_page: int) -> SiteManifest:
    """What ``verify_site`` checks the built site against."""
    found = listings(catalog)
    paged = {
        listing.url: {url: _urls(entries) for url, entries in listing_pages(listing, per_page).items()}
        for listing in found
    }
    tag_links = {
        urls.entry(entry.slug): [urls.tag(catalog.tag_of(tag).slug) for tag in entry.tags]
        for entry in catalog.entries
    }
    listed = {listing.url: _urls(listing.entries) for listing in found}
    return SiteManifest(_urls(catalog.entries), listed, paged, tag_links, list(catalog.topics))


def verify_site(
    manifest: SiteManifest,
    site_dir: Path,
    written: Set[str],
    indexed: int | None,
    *,
    site_url: str = "",
    feed_entries: int = 0,
) -> list[str]:
    """Problems where the built site and the manifest disagree; empty when every entry arrived once.

    ``written`` are the site paths of the pages the engine reports it wrote. The sitemap and
    feeds are checked when there is a ``site_url`` (neither exists without one); the search
    index when ``indexed`` (its page count) is given.
    """
    built = [url for url in written if _is_entry(url) and _on_disk(site_dir, url)]
    problems = _difference("entry pages", manifest.entries, built)
    if indexed is not None:
        problems += verify_index(manifest, indexed)
    listed = {url: _listed(site_dir, written, pages, problems) for url, pages in manifest.pages.items()}
    for url, expected in manifest.listings.items():
        problems += _difference(url, expected, listed.get(url, []))
    for own, links in manifest.tag_links.items():
        problems += [
            f"{own}: its tag link leads to {url}, which does not list it"
            for url in links
            if own not in listed.get(url, [])
        ]
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


def _feed_problem(site_dir: Path, path: str) -> str | None:
    feed = site_dir / path
    if not feed.is_file():
        return f"{path} was not written"
    problem = feed_problem(feed.read_bytes())
    return f"{path} is not a valid feed: {problem}" if problem else None


def _listed(site_dir: Path, written: Set[str], pages: dict[str, list[str]], problems: list[str]) -> list[str]:
    """The entries a listing's pages list, the pages that were not written left out (and noted)."""
    found = []
    for url, entries in pages.items():
        if url in written and _on_disk(site_dir, url):
            found += entries
        else:
            problems.append(f"{url}: the listing page was not written")
    return found


def _is_entry(url: str) -> bool:
    return url.startswith(urls.ENTRIES) and url.count("/") == urls.ENTRIES.count("/") + 1


def _on_disk(site_dir: Path, url: str) -> bool:
    return (site_dir / url / "index.html").is_file()


def _check_sitemap(entries: list[str], site_dir: Path, site_url: str) -> list[str]:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return ["sitemap.xml was not written"]
    try:
        locations = [loc.text or "" for loc in ElementTree.parse(sitemap).getroot().iter(f"{_SITEMAP}loc")]
    except ElementTree.ParseError as error:
        return [f"sitemap.xml is not well-formed XML: {error}"]
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
