"""The site as the engine is given it (engine/interface.py): the generated folder, the
navigation and the settings, in plain values."""

from __future__ import annotations

from pathlib import Path

from ..blueprint.catalog import Catalog
from ..blueprint.docs_files import ThemeFolders
from ..blueprint.settings import Settings
from ..engine.interface import NavItem, SiteDescription, engine_for
from ..search import THEME_DIR as SEARCH_THEME
from ..user_cache import cache_folder

GENERATED_TOP_PAGES = ("index.md", "search.md")
THEMES = (SEARCH_THEME,)  # theme folders of the wings above the engine, under its own


def describe_site(
    root: Path,
    settings: Settings,
    catalog: Catalog,
    docs_dir: Path,
    html_pages: frozenset[str] = frozenset(),
    *,
    strict: bool = True,
    serve_url: str | None = None,
) -> SiteDescription:
    """The column's site, generated into ``docs_dir``, for the engine to render.

    ``html_pages`` are the generated pages that are HTML only (``WriteReport.html_pages``).
    """
    nav = navigation(settings, catalog, docs_dir)
    return SiteDescription(
        root,
        settings,
        docs_dir,
        nav,
        html_pages,
        themes=THEMES,
        cache_dir=cache_folder(),
        strict=strict,
        serve_url=serve_url,
    )


def site_theme(root: Path, settings: Settings) -> ThemeFolders:
    """The theme the column's engine renders it with, for checking docs/ against (blueprint/column.py)."""
    return engine_for(settings).theme(root, settings, THEMES)


def navigation(settings: Settings, catalog: Catalog, docs_dir: Path) -> tuple[NavItem, ...]:
    """Home, the topics, the index pages, then the site's own pages; titles in the column's
    language (blueprint/words.py)."""
    words = settings.words
    topics = [NavItem(words["all_topics"], "topics/index.md")]
    topics += [NavItem(topic.title, f"topics/{key}/index.md") for key, topic in catalog.topics.items()]
    hand_written = [p.name for p in docs_dir.glob("*.md") if p.name not in GENERATED_TOP_PAGES]
    return (
        NavItem(words["home"], "index.md"),
        NavItem(words["topics"], children=tuple(topics)),
        NavItem(words["tag_index"], "tags/index.md"),
        NavItem(words["archive"], "archive/index.md"),
        NavItem(None, "search.md"),  # titled by its page, in the column's language
        *site_nav(settings, hand_written),
    )


def site_nav(settings: Settings, hand_written: list[str]) -> list[NavItem]:
    """The site's own ``nav`` setting, or else its hand-written pages in name order."""
    nav = settings.raw.get("nav")
    if isinstance(nav, list):
        return [_nav_item(item) for item in nav if item not in ("index.md", {"Home": "index.md"})]
    return [NavItem(None, path) for path in sorted(hand_written) if path.endswith(".md")]


def _nav_item(item) -> NavItem:
    """One item of the config's ``nav``: a path, ``{title: path}`` or ``{title: [items]}``."""
    if not isinstance(item, dict):
        return NavItem(None, str(item))
    title, target = next(iter(item.items()))
    if isinstance(target, list):
        return NavItem(str(title), children=tuple(map(_nav_item, target)))
    return NavItem(str(title), str(target))
