"""Catalog to pages: ``{docs path: Markdown with front matter}``, ready for the site engine.

Each kind of page has its module (entry_page, listings); this one puts them together. Pure:
the same catalog always gives byte-identical pages.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..entries.forked import forked_results
from ..entries.model import Tick
from . import urls
from .catalog import Catalog
from .entry_page import render_entry_page, topic_neighbours
from .listings import listing_pages, listings, render_home, render_indexes, render_listing
from .page_cache import NoCache, PageCache
from .settings import Settings
from .templates import compile_templates, page_file, use_words
from .views import EntryView, view_entries

__all__ = ["PageCache", "iter_pages", "render_pages", "render_robots", "view_entries"]


def render_pages(*args, **kwargs) -> dict[str, str]:
    """Every generated page and file of the site, keyed by its path inside the docs folder:
    ``iter_pages`` (with its arguments), gathered."""
    return dict(sorted(iter_pages(*args, **kwargs)))


def iter_pages(
    catalog: Catalog,
    settings: Settings,
    home_intro: str = "",
    home_meta: dict | None = None,
    progress: Tick | None = None,
    views: dict[str, EntryView] | None = None,
    cache: PageCache | None = None,
) -> Iterator[tuple[str, str]]:
    """Every generated page and file of the site as ``(docs path, text)`` pairs, each handed
    over as soon as it is rendered: a whole build (no ``cache``) writes each page and drops it,
    so a big column's pages (gigabytes, with long answers) are never all in memory at once.

    With a ``cache`` (the preview server keeps one), pages whose inputs did not change since the
    last call are taken from it instead of being rendered again.
    """
    views = views if views is not None else view_entries(catalog)
    neighbours = topic_neighbours(catalog)
    entries, found = catalog.entries, listings(catalog, bool(settings.site_url), settings.words)
    # A whole build has nothing to reuse: its entry and listing pages are rendered on every core.
    spread = forked_results if cache is None else map
    cache = cache if cache is not None else NoCache()

    def page_or_listing(item: int) -> str | dict[str, str]:
        if item < len(entries):
            entry = entries[item]
            return render_entry_page(entry, views, catalog, settings, cache, neighbours[entry.slug])
        return render_listing(found[item - len(entries)], views, catalog, settings, cache)

    use_words(settings.language, settings.word_overrides)
    compile_templates()  # once, here, rather than in each worker
    # Entry pages and listings in one pool of workers, the listings last (they are fewer).
    for item, rendered in enumerate(spread(page_or_listing, range(len(entries) + len(found)))):
        if item < len(entries):
            yield urls.entry_source(entries[item].slug), rendered
            if progress:
                progress(item + 1, len(entries))
        else:
            yield from rendered.items()
    yield "index.md", render_home(catalog, views, settings, home_intro, home_meta or {})
    yield from render_indexes(catalog, settings).items()
    search_meta = {"advice": {"kind": "search"}}
    latest = [views[entry.slug] for entry in catalog.entries[:5]]
    yield "search.md", page_file(
        urls.SEARCH, settings.words["search"], "search_empty.html", meta=search_meta,
        catalog=catalog, latest=latest, ask=settings.ask is not None,
    )  # fmt: skip
    if settings.ask is not None:
        ask_meta = {"advice": {"kind": "ask"}}
        ask_page = page_file(urls.ASK, settings.words["ask"], "ask.html", meta=ask_meta, ask=settings.ask)
        yield urls.source_path(urls.ASK), ask_page


def render_robots(settings: Settings) -> str:
    """robots.txt: everything may be crawled; the sitemap's address when the site has one."""
    sitemap = f"Sitemap: {settings.site_url}sitemap.xml\n" if settings.site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def generated_sources(catalog: Catalog, settings: Settings) -> set[str]:
    """The docs paths of every page and file the build generates (the keys of ``iter_pages``, the
    feeds, redirects and robots.txt), without rendering one."""
    paths = {"index.md", "search.md", "robots.txt"}
    paths |= {urls.entry_source(entry.slug) for entry in catalog.entries}
    paths |= {f"{alias}index.html" for entry in catalog.entries for alias in entry.aliases}
    paths |= {urls.source_path(url) for url in (urls.TOPICS, urls.TAGS, urls.ARCHIVE)}
    paths |= {urls.source_path(urls.ASK)} if settings.ask else set()
    for listing in listings(catalog, with_feeds=bool(settings.site_url)):
        paths |= {urls.source_path(url) for url in listing_pages(listing, settings.per_page)}
        paths |= {listing.feed} if listing.feed else set()
    return paths | ({urls.SITE_FEED} if settings.site_url else set())
