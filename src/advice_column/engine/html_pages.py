"""Generated pages whose body is HTML already go to the theme without a pass through Markdown;
every other page's HTML is sanitised.

Most generated pages (entries, listings, indexes) are front matter and HTML made by the page
templates; Python-Markdown would only parse that HTML to hand it back unchanged, which costs
more than the rest of rendering such a page, and so does setting up the site's Markdown
extensions for each page. Their front matter is JSON, read here rather than by MkDocs' YAML
loader. The generator says which pages these are (never a page's own text, which a
hand-written file could imitate); every other page is Markdown as usual. This replaces
``Page.read_source`` and ``Page.render`` on those pages: only on the MkDocs it was verified with
(shortcuts.py); elsewhere Python-Markdown renders them too, into the same HTML.

The plugin is the engine's own: it also carries the shortcuts' verdict for the build and hands
pages the theme's sandboxed environment (templates.py).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Mapping

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from ..blueprint.markdown_html import sanitize_page_html
from ..blueprint.templates import HTML_PAGE_START
from .shortcuts import verified

PLUGIN_NAME = "advice-html-pages"
_ID = re.compile(r'\sid="([^"]+)"')


class HtmlPages(BasePlugin):
    """Renders each page in ``paths`` from its HTML body instead of with Python-Markdown."""

    def __init__(self, paths: frozenset[str] = frozenset(), *, fast: bool = False) -> None:
        self.paths = paths  # docs paths (src_uri) of the pages that are HTML only
        self.fast = fast  # whether this build takes the engine's shortcuts (shortcuts.py)
        self.make_env: Callable | None = None  # the theme's environment as pages see it (templates.py)

    @event_priority(-90)  # after the site's plugins changed it; before the engine keeps it (runner.py)
    def on_env(self, env, *, config, files):
        return env if self.make_env is None else self.make_env(env)

    @event_priority(-100)
    def on_pre_page(self, page, *, config, files):
        if self.fast and page.file.src_uri in self.paths:
            # MkDocs calls page.read_source(config) next (build.py: _populate_page).
            page.read_source = functools.partial(_read_html_page, page)
        else:
            vars(page).pop("read_source", None)  # Page.read_source again
        return page

    @event_priority(-100)  # after any other plugin, which sees the page as it is
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if self.fast and page.file.src_uri in self.paths:
            # MkDocs calls page.render(config, files) next (build.py: _populate_page).
            page.render = functools.partial(_render_html, page, markdown)
        else:
            vars(page).pop("render", None)  # Page.render again
        return markdown

    @event_priority(-100)  # after any other plugin: what it added is checked too
    def on_page_content(self, html: str, *, page, config, files) -> str:
        # A page rendered from Markdown holds hand-written text (docs/, the home page's intro),
        # which a pull request can change: it is sanitised like an entry's answer.
        return html if page.file.src_uri in self.paths else sanitize_page_html(html)


def _read_html_page(page, config) -> None:
    """What ``Page.read_source`` leaves on a page, for a generated page's JSON front matter."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        source = page.file.content_string
    if not source.startswith(HTML_PAGE_START):  # another plugin's source: read as MkDocs would
        page.markdown, page.meta = meta.get_data(source)
        return
    front, _, body = source[len("---\n") :].partition("\n---\n")
    page.markdown, page.meta = body.lstrip("\n"), json.loads(front)


def _render_html(page, body: str, config, files) -> None:
    """What ``Page.render`` leaves on a page, for a body that is HTML already."""
    page.content = body.rstrip("\n")  # as Python-Markdown ends its HTML
    page.toc = get_toc([])
    page._title_from_render = None  # the title is in the front matter
    # What MkDocs would have found in the HTML, for links to #anchors on this page.
    page.present_anchor_ids = {html.unescape(anchor) for anchor in _ID.findall(body)}
    page.links_to_anchors = {}
    # This call holds the body: once done, the page lets go of it (and reads Page.render again),
    # so a page dropping its content frees it. Otherwise every page of the site stays in memory.
    vars(page).pop("render", None)


def use_html_pages(config, paths: frozenset[str]) -> None:
    """Render the pages at ``paths`` (inside docs_dir) from their HTML, from now on."""
    engine_plugin(config).paths = paths


def engine_plugin(config) -> HtmlPages:
    """The engine's own plugin on ``config``, added the first time (shortcuts gated, no pages)."""
    if PLUGIN_NAME not in config.plugins:  # adding it again would register its events twice
        config.plugins[PLUGIN_NAME] = HtmlPages(fast=verified())
    return config.plugins[PLUGIN_NAME]


def gate_shortcuts(config, versions: Mapping[str, str | None] | None = None) -> bool:
    """Decide whether this build takes the engine's shortcuts: only on the MkDocs and Material
    ``versions`` (default: installed) they were verified with (shortcuts.py)."""
    plugin = config.plugins[PLUGIN_NAME]
    plugin.fast = verified(versions)
    return plugin.fast


def takes_shortcuts(config) -> bool:
    """Whether this build takes the engine's shortcuts (see :func:`gate_shortcuts`)."""
    plugin = config.plugins.get(PLUGIN_NAME)
    return plugin is not None and plugin.fast


def html_page_paths(config) -> frozenset[str]:
    """The pages (docs paths) rendered from their HTML: reading one again costs next to nothing."""
    plugin = config.plugins.get(PLUGIN_NAME)
    return plugin.paths if plugin is not None else frozenset()
