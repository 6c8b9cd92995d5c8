"""Where the engine leans on MkDocs' and Material's insides for speed: only on the versions verified.

The shortcuts (parallel_build.py, live_site.py's page updates, html_pages.py's pages that skip
Markdown, nav_cache.py's parts rendered once per place) call functions MkDocs keeps private,
replace methods on its pages and read Material's templates by path. Each was measured to pay
(CONTRIBUTING.md, "Performance") and checked, by a test that builds the site both ways, to give
the site MkDocs' public ``mkdocs.commands.build.build`` gives. On any other MkDocs or Material
(pyproject.toml allows any below 2 and 10), every page is built by that public path instead:
slower, the same site.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

# The distributions whose insides the shortcuts use, at the versions they were verified with
# (constraints.txt pins these).
VERIFIED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}


def verified(versions: Mapping[str, str | None] | None = None) -> bool:
    """True when ``versions`` (default: the installed ones) are the ones the shortcuts were verified with."""
    return dict(installed_versions() if versions is None else versions) == VERIFIED


@functools.cache
def installed_versions() -> dict[str, str | None]:
    """The installed version of each distribution in ``VERIFIED`` (None: not installed)."""
    found: dict[str, str | None] = {}
    for name in VERIFIED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found
