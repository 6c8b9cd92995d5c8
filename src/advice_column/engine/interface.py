"""The site engine as the rest of the package sees it: a plain description of the site in, HTML out.

The builder describes the site (:class:`SiteDescription`) and asks the engine that
:func:`engine_for` picks to build it (:meth:`Engine.build`) or to keep it live for a preview
(:meth:`Engine.live_site`). Which engine that is, its config object, template names, CSS classes
and escaping habits stay behind this module: MkDocs with Material by default (mkdocs_engine.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from ..blueprint.docs_files import ThemeFolders
from ..blueprint.settings import Settings
from ..entries.model import Tick
from ..errors import BuildError

# What a generated page is; its front matter names it under ``advice.kind`` (templates.py,
# GENERATOR_KEY), and the engine picks the page's layout from it. A page without one is hand-written.
PageKind = Literal["home", "entry", "listing", "index", "search", "ask"]


@dataclass(frozen=True)
class NavItem:
    """One item of the site navigation: a page (``path`` inside the docs folder, or an address
    elsewhere) or a section of ``children``. ``title`` is plain text (None: the page's own)."""

    title: str | None
    path: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class SiteDescription:
    """Everything an engine needs to render the column, as plain values.

    ``docs_dir`` holds the generated pages and the hand-written files: each page a ``.md`` file
    with front matter (title, description, the generator's ``advice`` block with the page's
    :data:`PageKind`); every other file is static and published as it is. ``html_pages`` are the
    generated pages whose body is HTML already (JSON front matter on one line): no Markdown.
    The theme (the column's own folder over the engine's) is the engine's to read from ``settings``.
    """

    root: Path  # the column's folder
    settings: Settings  # the validated values of the column's config file
    docs_dir: Path
    nav: tuple[NavItem, ...]
    html_pages: frozenset[str] = frozenset()
    themes: tuple[Path, ...] = ()  # further theme folders (the search wing's): the engine's own win
    cache_dir: Path | None = None  # a folder outside the column, only the user's, for the engine's cache
    strict: bool = True  # a warning fails the build
    serve_url: str | None = None  # a preview's address, instead of the site's own


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the engine's warnings, and the site path of every page it wrote."""

    warnings: list[str] = field(default_factory=list)
    pages: frozenset[str] = frozenset()  # e.g. "qa/some-question/", "" for the home page


class LiveSite(Protocol):
    """A preview's site: one full build kept in memory, then page-by-page updates."""

    @property
    def ready(self) -> bool:
        """True when :meth:`update` can follow the last :meth:`build`."""

    def build(self, site: SiteDescription, out_dir: Path) -> BuildResult:
        """A full build into ``out_dir``, kept for updates."""

    def update(self, written: Sequence[str], removed: Sequence[str], html_pages: frozenset[str]) -> list[str]:
        """Re-render the docs files ``written`` and forget ``removed`` ones; the warnings."""


class Engine(Protocol):
    """A site engine: builds a :class:`SiteDescription` into a folder of HTML."""

    name: str
    theme_dir: Path  # its own templates and assets: a change there changes every page

    def build(self, site: SiteDescription, out_dir: Path, progress: Tick | None = None) -> BuildResult:
        """Render the whole site into ``out_dir``; raises BuildError when the engine aborts."""

    def live_site(self) -> LiveSite:
        """A site for ``advice serve`` to build once and update as files change."""

    def theme(self, root: Path, settings: Settings, themes: tuple[Path, ...] = ()) -> ThemeFolders:
        """The theme the column at ``root`` gets, with the further ``themes`` (as in
        :attr:`SiteDescription.themes`), for `advice check` to look names up in; found without
        loading the engine, so that a check stays quick."""


def _mkdocs() -> Engine:
    from .mkdocs_engine import MkDocsEngine  # deferred: `advice check` never loads MkDocs

    return MkDocsEngine()


def _zensical() -> Engine:
    from .zensical_engine import ZensicalEngine

    return ZensicalEngine()


# The engines a column may ask for, by the name its config gives (``extra.advice.engine``).
ENGINES: dict[str, Callable[[], Engine]] = {"mkdocs": _mkdocs, "zensical": _zensical}
DEFAULT_ENGINE = "mkdocs"


def engine_for(settings: Settings) -> Engine:
    """The engine the column's config asks for: MkDocs with Material unless it names another."""
    advice = (settings.raw.get("extra") or {}).get("advice") or {}
    name = str(advice.get("engine") or DEFAULT_ENGINE)
    if name not in ENGINES:
        raise BuildError(f"unknown engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name]()
