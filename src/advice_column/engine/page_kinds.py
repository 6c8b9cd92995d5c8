"""Each page's front matter as Material expects it: escaped, and a generated page laid out by its kind.

The generator writes plain text and says what each page is (``advice.kind``); this says what
that means to Material. It prints ``page.meta`` values as they are (material/templates/base.html:
``<title>{{ page.meta.title }}``, ``content="{{ page.meta.description }}"``, partials/nav-item.html:
``page.meta.status``), so every text is escaped here, but the names the theme looks files up by;
a generated page uses the whole width (``hide``), and the search page has its own template.
"""

from __future__ import annotations

import html

from mkdocs.plugins import BasePlugin

from ..blueprint.templates import GENERATOR_KEY

PLUGIN_NAME = "advice-page-kinds"
HIDE_SIDEBARS = ["navigation", "toc"]  # no site navigation or table of contents beside the page
TEMPLATES = {"search": "search.html"}  # the kinds not shown with main.html
_NOT_TEXT = (GENERATOR_KEY, "template", "icon")  # the generator's block, and file names


class PageKinds(BasePlugin):
    """Escapes each page's front matter and gives a generated page Material's for its kind."""

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        lay_out(page.meta)
        return markdown


def lay_out(meta: dict) -> None:
    """Escape a page's front matter and add what its kind means to the theme, in place (Zensical's
    theme prints ``page.meta`` as Material's does: zensical_docs.py calls this too)."""
    for key, value in meta.items():
        if key not in _NOT_TEXT:
            meta[key] = _escaped(value)
    advice = meta.get(GENERATOR_KEY)
    kind = advice.get("kind") if isinstance(advice, dict) else None
    if kind is not None:  # hand-written pages never carry the generator's block (writer.py)
        meta.setdefault("hide", HIDE_SIDEBARS)  # the home page's own front matter may say otherwise
        if kind in TEMPLATES:
            meta["template"] = TEMPLATES[kind]


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def use_page_kinds(config) -> None:
    """Escape every page's front matter and lay out the generated pages by their kind."""
    if PLUGIN_NAME not in config.plugins:
        config.plugins[PLUGIN_NAME] = PageKinds()
