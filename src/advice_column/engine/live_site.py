"""A site MkDocs built in this process, kept in memory so that an edit re-renders only its pages.

MkDocs' dirty build still walks every file, reads every page's source to build the navigation
and renders the sitemap (seconds at 10,000 entries). After one full build, this keeps MkDocs'
own objects (config, files, navigation, Jinja environment with its compiled templates) and
re-renders just the pages whose Markdown was rewritten, with MkDocs' own ``_populate_page`` and
``_build_page`` (see ``parallel_build.MKDOCS_INTERNALS``). The caller decides when that is
enough: when nothing every page shows (config, navigation, theme) changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from .html_pages import use_html_pages
from .interface import BuildResult, SiteDescription
from .runner import _captured_warnings, aborted, built_pages, load_engine_config, run_engine, site_plugins


class LiveSite:
    """The preview's site: one full MkDocs build, then page-by-page updates."""

    def __init__(self) -> None:
        self._site: tuple | None = None  # (config, files, nav, env) of the last full build

    @property
    def ready(self) -> bool:
        """True when :meth:`update` can follow: a full build ran and the site has no plugins."""
        return self._site is not None

    def build(self, site: SiteDescription, out_dir: Path) -> BuildResult:
        """A full MkDocs build of ``site`` into ``out_dir``, kept for updates."""
        self._site = None
        config = load_engine_config(site, out_dir)
        # A plugin may keep state across pages; its sites are always built in full.
        plain = not site_plugins(config)
        kept: list[tuple] = []
        warnings = run_engine(config, serve_url=site.serve_url, on_site=kept.append)
        self._site = kept[0] if plain and kept else None
        return BuildResult(warnings, built_pages(kept[0]) if kept else frozenset())

    def update(self, written: Sequence[str], removed: Sequence[str], html_pages: frozenset[str]) -> list[str]:
        """Re-render the files ``written`` (paths inside docs_dir) and forget ``removed`` ones.

        ``html_pages``: the site's pages that are HTML only now (see html_pages.py).
        """
        config, files, nav, env = self._site
        use_html_pages(config, html_pages)
        for rel in removed:
            if (file := files.get_file_from_path(rel)) is not None:
                files.remove(file)
        added = [
            File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)
            for rel in written
            if files.get_file_from_path(rel) is None
        ]
        set_exclusions(added, config)
        for file in added:
            files.append(file)
        changed = [files.get_file_from_path(rel) for rel in written]
        changed = [file for file in changed if InclusionLevel.is_in_serve(file.inclusion)]
        pages = [file for file in changed if file.is_documentation_page()]
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        with _captured_warnings() as warnings:
            try:
                for file in changed:
                    if file.is_documentation_page():
                        page = file.page or Page(None, file, config)
                        mkdocs_build._populate_page(page, config, files)
                    else:
                        file.copy_file()
                for file in pages:
                    excluded = file.inclusion.is_excluded()
                    mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=excluded)
            except BaseException as error:
                self._site = None  # half updated: the next rebuild is a full one
                if isinstance(error, MkDocsException):
                    raise aborted(error, warnings) from None
                raise
        return warnings
