"""Catalog to pages: ``{docs path: Markdown with front matter}``, ready for the site engine.

Each kind of page has its module (entry_page, listings); this one puts them together. Pure:
the same catalog always gives byte-identical pages.
"""

from __future__ import annotations

import json

from ..entries.model import Tick
from . import urls
from .catalog import Catalog
from .entry_page import render_entry_page, topic_neighbours
from .forked import forked_map
from .listings import listings, render_home, render_indexes, render_listing
from .page_cache import PageCache
from .settings import Settings
from .templates import HIDE_SIDEBARS, compile_templates, page_file
from .views import EntryView, view_entries

__all__ = ["PageCache", "render_pages", "render_robots", "view_entries"]


def render_pages(
    catalog: Catalog,
    settings: Settings,
    home_intro: str = "",
    home_meta: dict | None = None,
    progress: Tick | None = None,
    views: dict[str, EntryView] | None = None,
    cache: PageCache | None = None,
    search_part_entries: int | None = None,
) -> dict[str, str]:
    """Every generated page and file of the site, keyed by its path inside the docs folder.

    With a ``cache`` (the preview server keeps one), pages whose inputs did not change since the
    last call are taken from it instead of being rendered again.
    """
    views = views if views is not None else view_entries(catalog)
    neighbours = topic_neighbours(catalog)
    entries, found = catalog.entries, listings(catalog, with_feeds=bool(settings.site_url))
    # A whole build has nothing to reuse: its entry and listing pages are rendered on every core.
    spread = forked_map if cache is None else _in_this_process
    tick = progress if cache is not None else None  # never from a forked process
    cache = cache if cache is not None else PageCache()

    def entry_page(index: int) -> str:
        entry = entries[index]
        if tick:
            tick(index + 1, len(entries))
        return render_entry_page(entry, views, catalog, settings, cache, neighbours[entry.slug])

    def page_or_listing(item: int) -> str | dict[str, str]:
        if item < len(entries):
            return entry_page(item)
        return render_listing(found[item - len(entries)], views, catalog, settings, cache)

    compile_templates()  # once, here, rather than in each worker
    # Entry pages and listings in one pool of workers, the listings last (they are fewer).
    rendered = spread(page_or_listing, range(len(entries) + len(found)))
    pages = {urls.entry_source(entry.slug): text for entry, text in zip(entries, rendered, strict=False)}
    if progress:
        progress(len(entries), len(entries))
    for listing_pages in rendered[len(entries) :]:
        pages.update(listing_pages)
    pages["index.md"] = render_home(catalog, views, settings, home_intro, home_meta or {})
    pages.update(render_indexes(catalog, settings))
    search_meta = {"template": "search.html", "hide": HIDE_SIDEBARS, "advice": {"kind": "search"}}
    pages["search.md"] = page_file(urls.SEARCH, "Search", None, meta=search_meta)
    pages[urls.SEARCH_PARTS_FILE] = render_search_parts(len(catalog.entries), search_part_entries)
    return dict(sorted(pages.items()))


def _in_this_process(function, items, **_) -> list:
    return [function(item) for item in items]


def render_search_parts(entry_count: int, part_entries: int | None = None) -> str:
    """The index parts beyond the first, as site paths, for the search script to merge."""
    count = urls.search_parts(entry_count, part_entries)
    parts = [urls.part_folder(number) + "/" for number in range(1, count)]
    return json.dumps(parts) + "\n"


def render_robots(settings: Settings) -> str:
    """robots.txt: everything may be crawled; the sitemap's address when the site has one."""
    sitemap = f"Sitemap: {settings.site_url}sitemap.xml\n" if settings.site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"
