"""Parts of every page rendered once per place in the site rather than once per page.

The site navigation:

Material puts the whole navigation into every page (the drawer on small screens): at 10,000
entries that was a third of rendering. For a page that is not in the navigation (every entry,
tag, year and later listing page) nothing in Material's navigation templates reads the page
except through the ``url`` filter: its HTML is a function of where the page sits. So it is kept
by the list of its links as seen from the page, and pages at the same place share it. A page
in the navigation (its item is marked current) is rendered as usual, and so is every page of a
site whose ``overrides/`` replaces a template the navigation uses.

Other parts (``KEPT_PARTS``: the app configuration, style sheets, scripts, the header around
the page's title, the section bar, the footer's small print) read nothing of a page but links to the theme's
files, the search page and the home page. A link from a page to a site path depends only on the
page's depth and on the leading folders the two share; these paths share at most their first
folder with any page. So pages with the same base address and first folder share each part,
unless the site's ``overrides/`` replaces a template the part includes.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.utils import normalize_url

from .html_pages import takes_shortcuts

_OWN_THEME = Path(__file__).resolve().parent / "theme"  # its partials/nav.html calls advice_site_nav()
# Material's navigation templates (partials/nav.html and what it imports and includes).
NAV_TEMPLATES = ("partials/nav.html", "partials/nav-item.html", "partials/logo.html", "partials/source.html")
# Each part kept per place (theme/advice-base.html, header.html, footer.html): the templates it includes.
KEPT_PARTS = {
    "config": (),
    "styles": ("partials/icons.html",),
    "scripts": (),
    "header-start": ("partials/logo.html",),
    "header-end": (
        "partials/palette.html", "partials/javascripts/palette.html", "partials/alternate.html",
        "partials/column-search.html", "partials/source.html", "partials/tabs.html",
        "partials/tabs-item.html",
    ),
    "sections": ("partials/sections.html",),
    "footer-meta": ("partials/column-footer.html", "partials/social.html"),
}  # fmt: skip


def use_nav_cache(env, config) -> None:
    """Give ``env`` the ``advice_site_nav()`` global that the theme's partials/nav.html calls."""
    template = env.from_string(theme_nav_source(config))
    custom = config.theme.custom_dir
    shared = takes_shortcuts(config)
    shared &= not any(custom and Path(custom, name).exists() for name in NAV_TEMPLATES)
    kept: dict[tuple, Markup] = {}
    # The navigation's link targets by their first folder, by navigation. A link to a target in
    # another first folder than the page's depends only on the page's depth (its base address).
    links: dict[int, dict[str, list[str]]] = {}

    @pass_context
    def advice_site_nav(context) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        key = None
        if shared and page is not None and nav is not None and page not in nav.pages:
            targets = links.get(id(nav))
            if targets is None:
                targets = links[id(nav)] = {}
                for target in nav_targets(nav, config):
                    targets.setdefault(target.split("/", 1)[0], []).append(target)
            first = page.url.split("/", 1)[0]
            near = tuple(normalize_url(target, page) for target in targets.get(first, ()))
            key = (str(context.get("base_url")), first, near)
            if (html := kept.get(key)) is not None:
                return html
        html = Markup(template.render(context.get_all()))
        if key is not None:
            kept[key] = html
        return html

    env.globals["advice_site_nav"] = advice_site_nav
    use_kept_parts(env, config)


def use_kept_parts(env, config) -> None:
    """Give ``env`` the globals with which templates keep a part (``KEPT_PARTS``) per place:

    ``advice_place(name)`` is the key of the part on this page (None: render it here);
    ``advice_kept(key)`` the part kept under it, if any; ``advice_keep(key, html)`` keeps it.
    """
    custom = config.theme.custom_dir
    shared = {
        name for name, templates in KEPT_PARTS.items()
        if takes_shortcuts(config)
        and not any(custom and Path(custom, template).exists() for template in templates)
    }  # fmt: skip
    if "navigation.tabs.sticky" in config.theme.get("features", []):
        shared.discard("header-end")  # its tabs mark the page's own
    kept: dict[tuple[str, str, str], str] = {}

    @pass_context
    def advice_place(context, name: str) -> tuple[str, str, str] | None:
        page = context.get("page")
        if name not in shared or page is None:
            return None
        return name, str(context.get("base_url")), page.url.split("/", 1)[0]

    env.globals["advice_place"] = advice_place
    env.globals["advice_kept"] = lambda key: None if key is None else kept.get(key)
    env.globals["advice_keep"] = lambda key, html: html if key is None else kept.setdefault(key, html)


def theme_nav_source(config) -> str:
    """The theme's own partials/nav.html: the next one on the template search path after ours."""
    dirs = [Path(folder).resolve() for folder in config.theme.dirs]
    after = dirs[dirs.index(_OWN_THEME) + 1 :]
    return next(path for folder in after if (path := folder / NAV_TEMPLATES[0]).is_file()).read_text(
        encoding="utf-8"
    )


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
