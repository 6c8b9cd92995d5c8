"""Redirect pages: each alias (an entry's old address) sends readers and search engines on.

They are plain HTML files placed in the docs folder, which MkDocs copies as they are, so
they never appear in the navigation, the sitemap or the search index.
"""

from __future__ import annotations

import html

from . import urls
from .catalog import Catalog
from .settings import Settings


def render_redirects(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """``{alias/index.html: page}`` for every alias of every published entry."""
    pages = {}
    for entry in catalog.entries:
        for alias in entry.aliases:
            target = urls.relative(alias, urls.entry(entry.slug))
            canonical = settings.site_url + urls.entry(entry.slug) if settings.site_url else target
            pages[f"{alias}index.html"] = redirect_page(entry.title, target, canonical)
    return pages


def redirect_page(title: str, target: str, canonical: str) -> str:
    """A minimal page that redirects at once (meta refresh), with a link for anyone it does not."""
    title, target, canonical = html.escape(title), html.escape(target), html.escape(canonical)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n<body>\n"
        f'<p>This question has moved: <a href="{target}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )
