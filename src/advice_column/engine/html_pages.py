"""Generated pages whose body is HTML already go to the theme without a pass through Markdown.

Most generated pages (entries, listings, indexes) are front matter and HTML made by the page
templates; Python-Markdown would only parse that HTML to hand it back unchanged, which costs
more than the rest of rendering such a page. The generator says which pages these are (never a
page's own text, which a hand-written file could imitate); every other page is Markdown as usual.
"""

from __future__ import annotations

import html
import re

from mkdocs.plugins import BasePlugin, event_priority

PLUGIN_NAME = "advice-html-pages"
_ID = re.compile(r'\sid="([^"]+)"')


class HtmlPages(BasePlugin):
    """Keeps the body of each page in ``paths`` aside while MkDocs renders it, then puts it back."""

    def __init__(self, paths: frozenset[str] = frozenset()) -> None:
        self.paths = paths  # docs paths (src_uri) of the pages that are HTML only
        self._bodies: dict[str, str] = {}

    @event_priority(-100)  # after any other plugin, which sees the page as it is
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.file.src_uri not in self.paths:
            return markdown
        self._bodies[page.file.src_uri] = markdown
        return ""

    @event_priority(100)  # before any other plugin, which sees the page's HTML
    def on_page_content(self, content: str, *, page, config, files) -> str:
        body = self._bodies.pop(page.file.src_uri, None)
        if body is None:
            return content
        # What MkDocs would have found in the HTML, for links to #anchors on this page.
        page.present_anchor_ids = {html.unescape(anchor) for anchor in _ID.findall(body)}
        return body


def use_html_pages(config, paths: frozenset[str]) -> None:
    """Render the pages at ``paths`` (inside docs_dir) from their HTML, from now on."""
    if PLUGIN_NAME in config.plugins:  # adding it again would register its events twice
        config.plugins[PLUGIN_NAME].paths = paths
    else:
        config.plugins[PLUGIN_NAME] = HtmlPages(paths)
