"""MkDocs with Material, behind the engine interface (interface.py).

Only :meth:`MkDocsEngine.build` and :meth:`MkDocsEngine.live_site` load MkDocs: `advice check`
asks the engine for its theme and must stay quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..blueprint.docs_files import ThemeFolders
from ..blueprint.settings import Settings
from ..entries.model import Tick
from .interface import BuildResult, SiteDescription
from .theme_assets import minify_theme_assets
from .theme_folders import THEME_DIR, mkdocs_theme

if TYPE_CHECKING:
    from .live_site import LiveSite


class MkDocsEngine:
    """Builds the column with MkDocs and Material, this package's theme folder between the
    column's ``overrides/`` and Material's templates."""

    name = "mkdocs"
    theme_dir = THEME_DIR

    def build(self, site: SiteDescription, out_dir: Path, progress: Tick | None = None) -> BuildResult:
        """Render the whole site into ``out_dir``; raises EngineError when MkDocs aborts."""
        from .runner import built_pages, load_engine_config, run_engine

        config = load_engine_config(site, out_dir)
        pages: list[frozenset[str]] = []
        on_site = lambda built: pages.append(built_pages(built))  # noqa: E731
        warnings = run_engine(config, serve_url=site.serve_url, progress=progress, on_site=on_site)
        minify_theme_assets(out_dir)
        return BuildResult(warnings, pages[0] if pages else frozenset())

    def live_site(self) -> LiveSite:
        """MkDocs' objects of one full build kept in memory, for page-by-page updates."""
        from .live_site import LiveSite

        return LiveSite()

    def theme(self, root: Path, settings: Settings, themes: tuple[Path, ...] = ()) -> ThemeFolders:
        """The column's folder, this package's theme, ``themes``, then Material's and MkDocs'."""
        return mkdocs_theme(root, settings, themes)
