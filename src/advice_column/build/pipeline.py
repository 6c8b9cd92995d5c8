"""The build's steps between loading and publishing, shared by ``advice build`` and ``advice serve``."""

from __future__ import annotations

from pathlib import Path

from ..engine.runner import column_nav, load_engine_config, site_nav
from ..entries.model import Column
from ..site.catalog import Catalog, build_catalog
from ..site.feeds import render_feeds
from ..site.pages import PageCache, render_pages, render_robots, view_entries
from ..site.redirects import render_redirects
from ..site.settings import Settings
from .progress import Tick
from .publish import work_dir
from .writer import WriteReport, merge_pages, read_hand_written, write_tree

GENERATED_TOP_PAGES = ("index.md", "search.md")


class GenerateError(Exception):
    """A hand-written page clashes with a generated one."""


def generate(
    root: Path,
    settings: Settings,
    column: Column,
    *,
    include_drafts: bool,
    progress: Tick | None = None,
    cache: PageCache | None = None,
) -> tuple[Catalog, Path, WriteReport]:
    """Group the entries and write the site's Markdown pages; returns what was written where."""
    catalog = build_catalog(column.topics, column.entries, include_drafts=include_drafts)
    hand = read_hand_written(root / settings.docs_dir)
    views = view_entries(catalog, cache)
    pages = render_pages(catalog, settings, hand.home_intro, hand.home_meta, progress, views, cache)
    pages |= render_feeds(catalog, views, settings)
    pages |= render_redirects(catalog, settings)
    pages["robots.txt"] = render_robots(settings)
    files, problems = merge_pages(pages, hand, settings.docs_dir)
    if problems:
        raise GenerateError("\n".join(map(str, problems)))
    # Previews (with drafts) and builds each get a folder, so both can run at once.
    docs_dir = work_dir(root) / ("preview-docs" if include_drafts else "docs")
    return catalog, docs_dir, write_tree(files, docs_dir)


def engine_config(
    root: Path,
    settings: Settings,
    catalog: Catalog,
    docs_dir: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    serve_url: str | None = None,
):
    """The MkDocs config for the generated docs, with the column's navigation."""
    hand_written = [p.name for p in docs_dir.glob("*.md") if p.name not in GENERATED_TOP_PAGES]
    nav = column_nav(catalog.topics, site_nav(settings, hand_written))
    return load_engine_config(root, settings, docs_dir, site_dir, nav, strict=strict, serve_url=serve_url)
