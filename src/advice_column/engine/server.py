"""The preview's web server: MkDocs' live-reload server, with the site's 404 page and a problems panel.

While the last rebuild found problems, every HTML page it serves carries a panel listing them
(``file:line:col: CODE message``, escaped); live reload brings the panel and takes it away.
"""

from __future__ import annotations

import html
import socket
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

PANEL_ID = "advice-build-problems"
_PANEL_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:50vh;overflow:auto;"
    "margin:0;padding:1rem 1.5rem;background:#3b0d0c;color:#fff;border-top:4px solid #ff5252;"
    "font:0.8rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap"
)


_BARE_PAGE = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>advice serve</title></head>'
    b"<body><p>Nothing is built here yet: the preview shows the site once its problems are fixed.</p>"
    b"</body></html>"
)


def problems_panel(problems: list[str], heading: str = "Fix these problems and save:") -> str:
    """The HTML of the panel listing ``problems`` under ``heading``; everything is escaped."""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    heading = html.escape(heading)
    return (
        f'<div id="{PANEL_ID}" role="alert" style="{_PANEL_STYLE}">'
        f'<strong>{heading}</strong><ul style="margin:0.5rem 0 0;padding-left:1.2rem">{items}</ul></div>'
    )


def address_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on ``host:port`` (e.g. the port is taken), or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return error.strerror or str(error)
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        # The server sets SO_REUSEADDR too: a port in TIME_WAIT is free for it.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error.strerror or str(error)
    return None


class PreviewServer(LiveReloadServer):
    """Serves ``site_dir`` with live reload; ``problems()`` lists what the last rebuild found."""

    def __init__(
        self,
        site_dir: Path,
        host: str,
        port: int,
        rebuild: Callable[[], None],
        problems: Callable[[], list],
        heading: Callable[[], str] = lambda: "Fix these problems and save:",
    ) -> None:
        super().__init__(builder=rebuild, host=host, port=port, root=str(site_dir))
        self._site_dir = site_dir
        self._problems = problems
        self._heading = heading
        self.error_handler = self._error_page

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        problems = self._problems()
        if problems:
            panel = problems_panel(problems, self._heading()).encode()
            try:
                end = content.rindex(b"</body>")
            except ValueError:
                end = len(content)
            content = content[:end] + panel + content[end:]
        return super()._inject_js_into_html(content, epoch)

    def _error_page(self, code: int) -> bytes | None:
        """The site's own 404 page (as `mkdocs serve` does), with live reload and any problems."""
        try:
            page = (self._site_dir / f"{code}.html").read_bytes()
        except OSError:  # no good build yet: a bare page that still shows the problems and reloads
            page = _BARE_PAGE
        return self._inject_js_into_html(page, self._visible_epoch)
