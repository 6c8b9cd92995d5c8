"""Parts of every page rendered once per place in the site rather than once per page.

The site navigation:

Material puts the whole navigation into every page (the drawer on small screens): at 10,000
entries that was a third of rendering. For a page that is not in the navigation (every entry,
tag, year and later listing page) nothing in Material's navigation templates reads the page
except through the ``url`` filter: its HTML is a function of where the page sits. So it is kept
by the list of its links as seen from the page, and pages at the same place share it. A page
in the navigation (its item is marked current) is rendered as usual, and so is every page of a
site whose ``overrides/`` replaces a template the navigation uses.

Material's app configuration (its ``config`` block: base address, features, translations) reads
nothing of a page but its base address, so pages with the same base share it.
"""

from __future__ import annotations

from pathlib import Path

import material
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.utils import normalize_url

_MATERIAL_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
# Material's navigation templates (partials/nav.html and what it imports and includes).
NAV_TEMPLATES = ("partials/nav.html", "partials/nav-item.html", "partials/logo.html", "partials/source.html")


def use_nav_cache(env, config) -> None:
    """Give ``env`` the ``advice_site_nav()`` global that the theme's partials/nav.html calls."""
    template = env.from_string(_MATERIAL_NAV.read_text(encoding="utf-8"))
    custom = config.theme.custom_dir
    shared = not any(custom and Path(custom, name).exists() for name in NAV_TEMPLATES)
    kept: dict[tuple, Markup] = {}
    links: dict[int, list[str]] = {}  # the navigation's link targets, by navigation

    @pass_context
    def advice_site_nav(context) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        key = None
        if shared and page is not None and nav is not None and page not in nav.pages:
            targets = links.get(id(nav))
            if targets is None:
                targets = links[id(nav)] = nav_targets(nav, config)
            key = tuple(normalize_url(target, page) for target in targets)
            if (html := kept.get(key)) is not None:
                return html
        html = Markup(template.render(context.get_all()))
        if key is not None:
            kept[key] = html
        return html

    env.globals["advice_site_nav"] = advice_site_nav
    blocks: dict[tuple[str, str], Markup] = {}
    env.globals["advice_kept"] = lambda name, base_url: blocks.get((name, str(base_url)))
    env.globals["advice_keep"] = lambda name, base_url, html: blocks.setdefault((name, str(base_url)), html)


def nav_targets(nav, config) -> list[str]:
    """Every address Material's navigation templates pass through the ``url`` filter."""
    targets = [str(config.extra.get("homepage") or (nav.homepage.url if nav.homepage else ""))]
    if config.theme.get("logo"):
        targets.append(str(config.theme["logo"]))
    items = list(nav.items)
    while items:
        item = items.pop()
        if getattr(item, "children", None):
            items.extend(item.children)
        if getattr(item, "url", None) is not None:
            targets.append(str(item.url))
    return targets
