"""MkDocs with Material, behind the engine interface (interface.py)."""

from __future__ import annotations

from pathlib import Path

from ..entries.model import Tick
from .interface import BuildResult, SiteDescription
from .live_site import LiveSite
from .runner import THEME_DIR, built_pages, load_engine_config, run_engine
from .theme_assets import minify_theme_assets


class MkDocsEngine:
    """Builds the column with MkDocs and Material, this package's theme folder between the
    column's ``overrides/`` and Material's templates."""

    name = "mkdocs"
    theme_dir = THEME_DIR

    def build(self, site: SiteDescription, out_dir: Path, progress: Tick | None = None) -> BuildResult:
        """Render the whole site into ``out_dir``; raises EngineError when MkDocs aborts."""
        config = load_engine_config(site, out_dir)
        pages: list[frozenset[str]] = []
        on_site = lambda built: pages.append(built_pages(built))  # noqa: E731
        warnings = run_engine(config, serve_url=site.serve_url, progress=progress, on_site=on_site)
        minify_theme_assets(out_dir)
        return BuildResult(warnings, pages[0] if pages else frozenset())

    def live_site(self) -> LiveSite:
        """MkDocs' objects of one full build kept in memory, for page-by-page updates."""
        return LiveSite()
