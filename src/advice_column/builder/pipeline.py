"""The build, stage by stage: the one place that says what runs, in which order.

``advice build`` (:func:`build_column`):
    load_valid -> [lock .advice/, undo a cut-short publish] -> generate -> describe_site
    -> render, with the search index made beside it -> verify pages -> [index done] -> publish
``advice serve`` (:class:`.preview.Preview`) runs the same functions, drafts included, up to
render, into a folder of its own; its search index follows in the background.
"""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..blueprint.catalog import Catalog, build_catalog
from ..blueprint.column import load
from ..blueprint.feeds import render_feeds
from ..blueprint.pages import PageCache, iter_pages, render_robots, view_entries
from ..blueprint.placeholders import example_addresses
from ..blueprint.redirects import render_redirects
from ..blueprint.settings import Settings
from ..engine.interface import BuildResult, SiteDescription, engine_for
from ..engine.memory import give_back_free_memory
from ..entries.entry_cache import EntryCache
from ..entries.model import Column, Entry, Tick
from ..entries.problems import Diagnostic
from ..entries.schedule import scheduled_entries
from ..errors import BuildError
from ..search import SearchIndex, spawn_indexer, stop_indexer
from ..user_cache import column_cache
from .describe import describe_site, site_theme
from .manifest import SiteManifest, site_manifest, verify_index, verify_site
from .progress import Progress
from .publish import publish, recover
from .workspace import (
    build_lock,
    fresh_build_folder,
    refuse_unless_folder,
    remove,
    work_folder,
)
from .writer import WriteReport, merge_pages, read_hand_written, write_tree

__all__ = ["BuildError", "build_column"]


class InvalidColumn(BuildError):
    """The entries or settings have problems; ``diagnostics`` lists them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


class GenerateError(BuildError):
    """A hand-written page clashes with a generated one."""


class LostEntries(BuildError):
    """The built site does not hold every entry where it belongs."""


@dataclass(frozen=True)
class Published:
    """What ``advice build`` published: how many entries, where, and the engine's warnings."""

    entries: int
    site_dir: str
    warnings: list[str]
    drafts: int = 0  # left out
    example_addresses: list[str] = field(default_factory=list)  # still example.org, as init wrote them
    scheduled: list[Entry] = field(default_factory=list)  # left out until their date, the next first


def build_column(root: Path, progress: Progress) -> Published:
    """``advice build``: every stage, in order; the old site stays unless all of them succeed."""
    with _indexer_ahead() as indexer:
        return _build_column(root, progress, indexer)


def _build_column(root: Path, progress: Progress, indexer: subprocess.Popen) -> Published:
    with progress.stage("loading entries") as tick:
        settings, column = load_valid(root, tick)
    site_dir, waiting = root / settings.site_dir, "waiting for another build of this column to finish"
    with _file_errors_reported():
        cache, work = column_cache(root), work_folder(root)
        refuse_unless_folder(site_dir, root)
        with build_lock(work, lambda: progress.note(waiting)), _fresh_build_folder(cache, work) as build_dir:
            with progress.stage("generating pages") as tick:
                catalog, docs_dir, written = generate(root, settings, column, cache / "docs", progress=tick)
            site, engine = (
                describe_site(root, settings, catalog, docs_dir, written.html_pages),
                engine_for(settings),
            )
            manifest = site_manifest(catalog, settings.per_page)
            drafts = sum(entry.draft for entry in column.entries)
            scheduled = [
                replace(entry, question="", answer="") for entry in scheduled_entries(column.entries)
            ]
            # Every entry is in the pages now: its text (gigabytes, in a big column of long
            # answers) need not stay in memory while the site renders and the search wing indexes.
            del catalog, column
            give_back_free_memory()
            kept = cache / "search-index"  # the last index, never site/ (anyone's pull request)
            synonyms, pages = settings.search_synonyms, cache / "search-pages"
            with search_index(site, pages, work, kept, synonyms=synonyms, indexer=indexer) as search:
                progress.start_background("indexing for search")
                with progress.stage("rendering pages") as tick:
                    built = engine.build(site, build_dir, progress=tick)
                with progress.stage("verifying pages"):  # while the index may still be in the making
                    lost = lost_entries(manifest, settings, build_dir, built)
                with progress.wait_for("indexing for search") as took:
                    indexed = search.finish(build_dir)
                    took(indexed.seconds)
            with progress.stage("publishing"):
                verify(manifest, lost, indexed.pages)
                publish(build_dir, site_dir, cache)
    entries = len(manifest.entries)
    return Published(
        entries, settings.site_dir, built.warnings, drafts, example_addresses(settings), scheduled
    )


def load_valid(
    root: Path, progress: Tick | None = None, cache: EntryCache | None = None
) -> tuple[Settings, Column]:
    """Settings and entries; raises InvalidColumn when either has a problem."""
    settings, column = load(root, progress, theme=site_theme, cache=cache)
    if settings is None or column.diagnostics:
        raise InvalidColumn(column.diagnostics)
    return settings, column


def generate(
    root: Path,
    settings: Settings,
    column: Column,
    docs_dir: Path,
    *,
    include_drafts: bool = False,
    progress: Tick | None = None,
    cache: PageCache | None = None,
) -> tuple[Catalog, Path, WriteReport]:
    """Group the entries and write the site's Markdown pages to ``docs_dir``."""
    previous = cache.catalog if cache is not None else None
    catalog = build_catalog(column.topics, column.entries, include_drafts=include_drafts, previous=previous)
    if cache is not None:
        cache.catalog = catalog
    hand = read_hand_written(root / settings.docs_dir)
    views = view_entries(catalog, cache)
    pages = iter_pages(catalog, settings, hand.home_intro, hand.home_meta, progress, views, cache)
    others = render_feeds(catalog, views, settings) | render_redirects(catalog, settings)
    others["robots.txt"] = render_robots(settings)
    problems: list[Diagnostic] = []
    # Each page is written as it comes (a whole build's pages are never all in memory at once).
    files = merge_pages(itertools.chain(pages, others.items()), hand, settings.docs_dir, problems)
    written = write_tree(files, docs_dir, cache.written if cache is not None else None)
    if problems:  # the docs folder is the build's own; the site is left as it was
        raise GenerateError("\n".join(map(str, problems)))
    return catalog, docs_dir, written


def search_index(
    site: SiteDescription,
    source_dir: Path,
    work_dir: Path,
    kept: Path,
    part_entries: int | None = None,
    *,
    synonyms: tuple[tuple[str, ...], ...] = (),
    indexer: subprocess.Popen | None = None,
) -> SearchIndex:
    """The search index of the generated entries, made by a child process (see its ``start``).

    ``kept`` is a private folder holding the last index, whose unchanged parts are reused.
    ``indexer``: a process from ``spawn_indexer`` to do it, started ahead.
    """
    folders = site.docs_dir, site.settings.language, source_dir, work_dir, kept
    return SearchIndex(*folders, part_entries, synonyms, indexer)


def lost_entries(manifest: SiteManifest, settings: Settings, site_dir: Path, built: BuildResult) -> list[str]:
    """Where the built site's pages and the manifest disagree: empty when every entry arrived."""
    return verify_site(
        manifest, site_dir, built.pages, None, site_url=settings.site_url, feed_entries=settings.feed_entries
    )


def verify(manifest: SiteManifest, lost: list[str], indexed: int) -> None:
    """Raise LostEntries for the ``lost_entries`` of the pages, or unless every entry is indexed."""
    problems = lost + verify_index(manifest, indexed)
    if problems:
        raise LostEntries("the built site lost entries:\n  " + "\n  ".join(problems))


@contextmanager
def _indexer_ahead() -> Iterator[subprocess.Popen]:
    """An indexer process started now, its imports done on the other core while the entries
    load; stopped when the build ends, however it ends."""
    indexer = spawn_indexer()
    try:
        yield indexer
    finally:
        stop_indexer(indexer)


@contextmanager
def _fresh_build_folder(cache: Path, work: Path) -> Iterator[Path]:
    """A new folder to build in, after undoing a cut-short publish; removed when the build ends."""
    recover(cache)
    build_dir = fresh_build_folder(work)
    try:
        yield build_dir
    finally:
        remove(build_dir)


@contextmanager
def _file_errors_reported() -> Iterator[None]:
    """A full disk or an unwritable folder ends the build with a message, not a traceback."""
    try:
        yield
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise BuildError(f"cannot build: {where}{error.strerror or error}") from None
