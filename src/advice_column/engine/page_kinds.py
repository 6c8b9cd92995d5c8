"""Each generated page laid out for Material by its kind (``advice.kind`` in its front matter).

The generator says what a page is; this says what that means to Material: a generated page
uses the whole width (``hide``), the search page has its own template, and the title and
description are escaped, since Material prints ``page.meta`` values as they are
(material/templates/base.html: ``<title>{{ page.meta.title }}``, ``content="{{ page.meta.description }}"``).
"""

from __future__ import annotations

import html

from mkdocs.plugins import BasePlugin

PLUGIN_NAME = "advice-page-kinds"
HIDE_SIDEBARS = ["navigation", "toc"]  # no site navigation or table of contents beside the page
TEMPLATES = {"search": "search.html"}  # the kinds not shown with main.html
_PRINTED_RAW = ("title", "description")


class PageKinds(BasePlugin):
    """Gives each generated page Material's front matter for its kind."""

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        meta = page.meta
        kind = (meta.get("advice") or {}).get("kind") if isinstance(meta.get("advice"), dict) else None
        if kind is None:  # a hand-written page (the writer made its front matter safe)
            return markdown
        for key in _PRINTED_RAW:
            if key in meta:
                meta[key] = html.escape(str(meta[key]))
        meta.setdefault("hide", HIDE_SIDEBARS)  # the home page's own front matter may say otherwise
        if kind in TEMPLATES:
            meta["template"] = TEMPLATES[kind]
        return markdown


def use_page_kinds(config) -> None:
    """Lay out the generated pages by their kind."""
    if PLUGIN_NAME not in config.plugins:
        config.plugins[PLUGIN_NAME] = PageKinds()
