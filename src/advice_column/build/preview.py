"""``advice serve``: build with drafts into a temporary folder, serve it, rebuild on every change.

Rebuilds are incremental: the writer rewrites only pages whose Markdown changed, and MkDocs'
dirty mode re-renders only those, unless something every page shows changed (mkdocs.yml,
topics, hand-written pages, the theme), which takes a full build. The search index is
refreshed in the background once the pages are ready. While an entry is invalid the last good
build stays up and the problems go to the terminal.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

from ..engine.runner import THEME_DIR, EngineError, run_engine
from ..entries.problems import format_diagnostics
from ..site.column import load
from ..site.pages import PageCache
from ..site.settings import CONFIG_FILE
from .pipeline import GenerateError, engine_config, generate
from .search_index import BUNDLE, BackgroundIndex, SearchIndexError

WATCHED = ("qa", "overrides", CONFIG_FILE)


class Preview:
    """One preview site and what its last build was made from."""

    def __init__(self, root: Path, site_dir: Path, serve_url: str) -> None:
        self.root, self.site_dir, self.serve_url = root, site_dir, serve_url
        self._layout: str | None = None
        self._pages = PageCache()
        self._search_pages = site_dir.with_name(f"{site_dir.name}.pagefind-pages")
        self._indexer: threading.Thread | None = None

    def rebuild(self) -> bool:
        """Rebuild what changed; False (after printing why) when the content is invalid."""
        settings, column = load(self.root)
        if settings is None or column.diagnostics:
            print(format_diagnostics(column.diagnostics), end="", flush=True)
            print("advice serve: still serving the last good build", file=sys.stderr, flush=True)
            return False
        self.wait_for_search()  # a full build empties the folder the indexer is writing to
        try:
            catalog, docs_dir, report = generate(
                self.root, settings, column, include_drafts=True, cache=self._pages
            )
            config = engine_config(
                self.root, settings, catalog, docs_dir, self.site_dir, strict=False, serve_url=self.serve_url
            )
            layout = self._layout_signature(settings.docs_dir, config.nav)
            dirty = layout == self._layout and self.site_dir.joinpath("index.html").exists()
            self._remove_pages(report.removed)
            language = config.theme.get("language") or "en"
            previous = self.site_dir / BUNDLE
            search = BackgroundIndex(docs_dir, language, self._search_pages, previous=previous).start()
            try:
                warnings = run_engine(config, dirty=dirty, serve_url=self.serve_url)
            except BaseException:
                search.discard()
                raise
        except (EngineError, GenerateError) as error:
            print(f"advice serve: {error}", file=sys.stderr, flush=True)
            return False
        self._layout = layout
        for warning in warnings:
            if not warning.startswith("A 'dirty' build"):
                print(f"advice serve: {warning}", file=sys.stderr)
        self._publish_search_when_ready(search)
        return True

    def close(self) -> None:
        """Wait for the search index, then remove the preview's working files."""
        self.wait_for_search()
        shutil.rmtree(self._search_pages, ignore_errors=True)

    def wait_for_search(self) -> None:
        """Block until the background search index of the last rebuild is written."""
        if self._indexer is not None:
            self._indexer.join()

    def _layout_signature(self, docs_dir: str, nav: list) -> str:
        """A digest of everything every page shows: config, topics, hand-written pages, theme."""
        digest = hashlib.sha256(repr(nav).encode())
        folders = [self.root / docs_dir, self.root / "overrides", THEME_DIR]
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
        # MkDocs' dirty mode never deletes: drop the HTML of pages that are no longer generated.
        for rel in removed:
            if rel.endswith(".md"):
                page = rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
                shutil.rmtree(self.site_dir / page, ignore_errors=True)

    def _publish_search_when_ready(self, search: BackgroundIndex) -> None:
        # The pages are ready now; the search index follows when Pagefind is done.
        def publish() -> None:
            try:
                search.finish(self.site_dir)
            except SearchIndexError as error:
                print(f"advice serve: {error}", file=sys.stderr, flush=True)

        self._indexer = threading.Thread(target=publish, name="advice-search-publish", daemon=True)
        self._indexer.start()


def serve_column(root: Path, dev_addr: str) -> int:
    """Serve the column at ``dev_addr`` (HOST:PORT) until interrupted; returns an exit code."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"advice serve: address must be HOST:PORT, not {dev_addr!r}", file=sys.stderr)
        return 2
    settings, column = load(root)
    if settings is None:
        print(format_diagnostics(column.diagnostics), end="", flush=True)
        return 1
    site_dir = Path(tempfile.mkdtemp(prefix="advice-serve-"))
    preview = Preview(root, site_dir, f"http://{host}:{port}/")

    def rebuild() -> None:
        if preview.rebuild():
            print(f"advice serve: ready at {preview.serve_url}", file=sys.stderr, flush=True)

    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir))
    try:
        rebuild()
        for path in (*WATCHED, settings.docs_dir):
            if (root / path).exists():
                server.watch(str(root / path))
        try:
            server.serve()
        except OSError as error:  # the address is taken, or not this machine's
            message = f"cannot listen on {dev_addr}: {error.strerror}; try another --dev-addr"
            print(f"advice serve: {message}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C or SIGTERM (`timeout` sends one more) must not cut the clean-up short.
        handlers = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
        server.shutdown()
        preview.close()
        shutil.rmtree(site_dir, ignore_errors=True)
        print("advice serve: stopped", file=sys.stderr)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return 0


_previews: dict[Path, Preview] = {}


def rebuild_preview(root: Path, site_dir: Path, serve_url: str) -> bool:
    """Rebuild the preview in ``site_dir``; later calls for the same folder are incremental."""
    preview = _previews.setdefault(site_dir, Preview(root, site_dir, serve_url))
    return preview.rebuild()
