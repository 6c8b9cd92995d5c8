"""``advice serve``: build with drafts into a temporary folder, serve it, rebuild on every change.

Rebuilds run the pipeline's stages (builder/pipeline.py) and are incremental: only changed entry
files are read again, the writer rewrites only pages whose Markdown changed, and the engine
re-renders only those, with the engine's objects of the last full build kept in memory, unless
something every page shows changed (mkdocs.yml, topics, hand-written pages, the theme), which
takes a full build. The search index is refreshed in the background once the pages are ready.
While entries are invalid the preview shows the others (and an entry that was valid before,
as it was then), and every page shows the problems; when nothing can be built (mkdocs.yml does
not read, the engine fails) the last build, if any, stays up, and the panel says which of the two.
Everything the preview writes is in its own folders, so previews and builds never meet.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..blueprint.column import load
from ..blueprint.pages import PageCache
from ..blueprint.settings import CONFIG_FILE
from ..engine.interface import LiveSite, engine_for
from ..entries.entry_cache import EntryCache
from ..entries.forked import keep_frozen, thaw
from ..entries.model import Column, Entry
from ..entries.problems import printable
from ..errors import BuildError
from ..search import SearchIndex, SearchIndexError, preview_part_entries, spawn_indexer, stop_indexer
from .console import tell
from .describe import describe_site, site_theme
from .pipeline import InvalidColumn, generate, search_index
from .writer import WriteReport

WATCHED = ("qa", "overrides", CONFIG_FILE)


class Preview:
    """One preview site in ``site_dir`` (its working files beside it) and its last build."""

    def __init__(self, root: Path, site_dir: Path, serve_url: str) -> None:
        self.root, self.site_dir, self.serve_url = root, site_dir, serve_url
        self.work = site_dir.with_name(f"{site_dir.name}.work")
        self.problems: list[str] = []  # what the last rebuild found; empty after a good one
        self.built = False  # whether the last rebuild built the site (with or without problems)
        self._good: dict[str, Entry] = {}  # by path: each entry as the site last showed it
        self._layout: str | None = None
        self._pages = PageCache()
        self._indexer: threading.Thread | None = None
        self._site: LiveSite | None = None  # the last full build, kept for page updates
        self._entries = EntryCache()
        self._indexer_ready = None  # an indexer process started ahead, for the next rebuild

    def rebuild(self) -> str | None:
        """Rebuild what changed; a line saying what changed and how long it took, or None on failure."""
        start = time.perf_counter()
        try:
            settings, column = load(self.root, theme=site_theme, cache=self._entries)
            if settings is None:
                raise InvalidColumn(column.diagnostics)
            column.entries = self._with_last_good(column)
            self.wait_for_search()  # a full build empties the folder the indexer is writing to
            self.work.mkdir(exist_ok=True)
            part_entries = preview_part_entries(len(column.entries))
            catalog, docs_dir, report = generate(
                self.root,
                settings,
                column,
                self.work / "docs",
                include_drafts=True,
                cache=self._pages,
            )
            site = describe_site(
                self.root,
                settings,
                catalog,
                docs_dir,
                report.html_pages,
                strict=False,
                serve_url=self.serve_url,
            )
            engine = engine_for(settings)
            layout = self._layout_signature(settings.docs_dir, site.nav, engine.theme_dir)
            dirty = (
                layout == self._layout
                and self._site is not None
                and self._site.ready
                and self.site_dir.joinpath("index.html").exists()
            )
            self._remove_pages(report.removed)
            indexer, self._indexer_ready = self._indexer_ready, None
            search = search_index(
                site,
                self.work / "search-pages",
                self.work,
                self.work / "search-index",  # the last index, in the preview's own folder
                part_entries,
                synonyms=settings.search_synonyms,
                indexer=indexer,
            )
            search.start()
            try:
                if dirty and self._site is not None:
                    warnings = self._site.update(report.written, report.removed, report.html_pages)
                else:
                    thaw()  # what the last full build kept may be garbage now
                    self._site = engine.live_site()
                    warnings = self._site.build(site, self.site_dir).warnings
                    keep_frozen()  # kept until the next full build: not walked on every edit
            except BaseException:
                search.discard()
                raise
            self._publish_search_when_ready(search)
        except InvalidColumn as invalid:
            self.problems, self.built = [str(problem) for problem in invalid.diagnostics], False
            return None
        except (BuildError, OSError) as error:
            self.problems, self.built = [str(error)], False
            return None
        self._good = {entry.path: entry for entry in column.entries}
        self.problems, self.built = [str(problem) for problem in column.diagnostics], True
        # The next edit's indexer, its start-up paid now rather than after that edit's pages.
        self._indexer_ready = spawn_indexer()
        first, self._layout = self._layout is None, layout
        summary = _summary(report, len(catalog.entries), time.perf_counter() - start, not dirty, first)
        # One line each: a warning's own newlines (a file name may hold one) stay escaped.
        lines = [summary, *(w for w in warnings if not w.startswith("A 'dirty' build"))]
        return "\n".join(map(printable, lines))

    @property
    def panel_heading(self) -> str:
        """What the problems panel says the preview shows, true to the last rebuild."""
        if self.built:
            return (
                "The preview shows every entry it can: an entry with a problem as it last built "
                "cleanly, or not at all. Fix these problems and save:"
            )
        if self.site_dir.joinpath("index.html").exists():
            return "The preview shows the last good build. Fix these problems and save:"
        return "Nothing could be built yet. Fix these problems and save:"

    def _with_last_good(self, column: Column) -> list[Entry]:
        """The valid entries, and the last good version of each entry that has a problem now.

        So an entry being fixed keeps its page in the preview. Left out when its slug or aliases
        are now another entry's, or its topic is gone.
        """
        broken = {problem.path for problem in column.diagnostics}
        valid = {entry.path for entry in column.entries}
        taken = {entry.slug for entry in column.entries} | {a for e in column.entries for a in e.aliases}
        kept = [
            entry
            for path, entry in self._good.items()
            if path in broken
            and path not in valid
            and entry.topic in column.topics
            and not taken.intersection([entry.slug, *entry.aliases])
        ]
        return sorted(column.entries + kept, key=lambda entry: entry.path)

    def close(self) -> None:
        """Wait for the search index, then remove the preview's working files."""
        self.wait_for_search()
        if self._indexer_ready is not None:
            stop_indexer(self._indexer_ready)
            self._indexer_ready = None
        shutil.rmtree(self.work, ignore_errors=True)

    def wait_for_search(self) -> None:
        """Block until the background search index of the last rebuild is written."""
        if self._indexer is not None:
            self._indexer.join()
            self._indexer = None

    def _layout_signature(self, docs_dir: str, nav: tuple, theme_dir: Path) -> str:
        """A digest of everything every page shows: config, topics, hand-written pages, theme."""
        digest = hashlib.sha256(repr(nav).encode())
        folders = [self.root / docs_dir, self.root / "overrides", theme_dir]
        files = [self.root / CONFIG_FILE, self.root / "qa" / "topics.yml"]
        files += [
            p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file()
        ]
        for path in files:
            if path.exists():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        return digest.hexdigest()

    def _remove_pages(self, removed: list[str]) -> None:
        # An update renders only what was written: drop the HTML of pages no longer generated.
        for rel in removed:
            if rel.endswith(".md"):
                page = rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
                shutil.rmtree(self.site_dir / page, ignore_errors=True)

    def _publish_search_when_ready(self, search: SearchIndex) -> None:
        # The pages are ready now; the search index follows when it is done.
        def publish() -> None:
            try:
                search.finish(self.site_dir, own_site=True)
            except SearchIndexError as error:
                tell(*f"advice serve: {error}".split("\n"))
            finally:
                search.discard()

        self._indexer = threading.Thread(target=publish, name="advice-search-publish", daemon=True)
        self._indexer.start()


def _summary(report: WriteReport, entries: int, seconds: float, full: bool, first: bool) -> str:
    """What a rebuild did and how long it took, e.g. ``rebuilt the changed pages in 0.4 s: qa/one.md``."""
    if first:
        return f"built all pages of {entries} entr{'y' if entries == 1 else 'ies'} in {seconds:.1f} s"
    changed = [*report.written, *report.removed]
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    what = "built all" if full else "rebuilt the changed"
    return f"{what} pages in {seconds:.1f} s: {shown or 'none changed'}"


def serve_column(root: Path, host: str, port: int, on_rebuild: Callable[[Preview, str | None], None]) -> None:
    """Serve the column on ``host``:``port`` until interrupted; ``on_rebuild(preview, summary)`` after
    each rebuild (``summary`` None when it failed). InvalidColumn when mkdocs.yml cannot be used."""
    from ..engine.server import PreviewServer

    settings, column = load(root, theme=site_theme)
    if settings is None:
        raise InvalidColumn(column.diagnostics)
    folder = Path(tempfile.mkdtemp(prefix="advice-serve-"))
    preview = Preview(root, folder / "site", f"http://{host}:{port}/")

    def rebuild() -> None:
        on_rebuild(preview, preview.rebuild())

    server = PreviewServer(
        preview.site_dir, host, port, rebuild, lambda: preview.problems, lambda: preview.panel_heading
    )
    try:
        rebuild()
        for path in (*WATCHED, settings.docs_dir):
            if (root / path).exists():
                server.watch(str(root / path))
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C or SIGTERM (`timeout` sends one more) must not cut the clean-up short.
        handlers = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
        server.shutdown()
        preview.close()
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
