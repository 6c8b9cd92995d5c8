"""``advice serve``: build with drafts into a temporary folder, serve it, rebuild on every change.

While an entry is invalid the last good build stays up and the problems go to the terminal.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .engine import EngineError
from .pipeline import GenerateError, generate, load, print_diagnostics, render_site
from .search_index import SearchIndexError


def serve_column(root: Path, dev_addr: str) -> int:
    """Serve the column at ``dev_addr`` (HOST:PORT) until interrupted; returns an exit code."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"advice serve: address must be HOST:PORT, not {dev_addr!r}", file=sys.stderr)
        return 2
    settings, column = load(root)
    if settings is None:
        print_diagnostics(column.diagnostics)
        return 1
    site_dir = Path(tempfile.mkdtemp(prefix="advice-serve-"))
    serve_url = f"http://{host}:{port}/"

    def rebuild() -> None:
        if rebuild_preview(root, site_dir, serve_url):
            print(f"advice serve: ready at {serve_url}", file=sys.stderr, flush=True)

    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir))
    try:
        rebuild()
        for path in ("qa", settings.docs_dir, "overrides", "mkdocs.yml"):
            if (root / path).exists():
                server.watch(str(root / path))
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def rebuild_preview(root: Path, site_dir: Path, serve_url: str) -> bool:
    """One preview build; on invalid content print why and keep what is being served."""
    settings, column = load(root)
    if settings is None or column.diagnostics:
        print_diagnostics(column.diagnostics)
        print("advice serve: still serving the last good build", file=sys.stderr, flush=True)
        return False
    try:
        catalog, docs_dir = generate(root, settings, column, include_drafts=True)
        warnings, _ = render_site(
            root, settings, catalog, docs_dir, site_dir, strict=False, serve_url=serve_url
        )
    except (EngineError, SearchIndexError, GenerateError) as error:
        print(f"advice serve: {error}", file=sys.stderr, flush=True)
        return False
    for warning in warnings:
        print(f"advice serve: {warning}", file=sys.stderr)
    return True
