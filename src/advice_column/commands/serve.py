"""``advice serve``: the preview with drafts, rebuilt on every change (builder/preview.py)."""

from __future__ import annotations

from pathlib import Path

from ..builder.console import say, tell


def serve(root: Path, dev_addr: str) -> int:
    """Serve the column at ``dev_addr`` (HOST:PORT) until interrupted; 2 for an address that is not
    one, 1 when nothing can listen there."""
    from ..builder.preview import serve_column
    from ..engine.server import address_problem

    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        tell(f"advice serve: address must be HOST:PORT, not {dev_addr!r}")
        return 2
    if problem := address_problem(host, int(port)):  # before building, not after
        tell(f"advice serve: cannot listen on {dev_addr}: {problem}; try another --dev-addr")
        return 1
    ready = f"advice serve: ready at http://{host}:{port}/"

    def show(preview, summary: str | None) -> None:
        nonlocal ready
        tell(*(f"advice serve: {line}" for line in (summary or "").split("\n") if line))
        if preview.problems:
            say(*(line for problem in preview.problems for line in problem.split("\n")))
            tell(f"advice serve: {_problems_note(preview)}")
        if ready:  # after the first build only
            tell(ready)
            ready = ""

    serve_column(root, host, int(port), show)
    tell("advice serve: stopped")
    return 0


def _problems_note(preview) -> str:
    """The line after the problems: what the preview serves now, and never a build that did not happen."""
    count = f"{len(preview.problems)} problem{'' if len(preview.problems) == 1 else 's'}"
    if preview.built:
        return f"{count}; serving every entry it can (an entry with a problem as it last built cleanly)"
    if preview.site_dir.joinpath("index.html").exists():
        return f"{count}; still serving the last good build"
    return f"{count}; nothing built yet: every address shows the problems until they are fixed"
