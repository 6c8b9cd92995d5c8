"""Where the engine leans on MkDocs' and Material's insides for speed: only on the versions verified.

The shortcuts call functions MkDocs keeps private, replace methods on its pages and rely on how
Material's templates read a page. Each pays (scripts/bench, 1,000 entries, on two cores):
pages on every core (parallel_build.py, 1.24x the wall time without), generated pages that
skip Markdown (html_pages.py, 2.1x the engine's CPU time without), the navigation and the
parts kept per place (nav_cache.py, 1.6x and 1.7x), preview edits that re-render only their
pages (live_site.py, 0.1 s to pages ready, 2.6-4.2 s without). A test builds a site both ways
and finds the same bytes. On any other MkDocs or Material (pyproject.toml allows any below 2
and 10), MkDocs' public ``mkdocs.commands.build.build`` builds every page: slower, the same site.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.metadata import version

# The distributions whose insides the shortcuts use, at the versions they were verified with
# (constraints.txt pins these).
VERIFIED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}


def verified(versions: Mapping[str, str | None] | None = None) -> bool:
    """True when ``versions`` (default: the installed ones) are the ones the shortcuts were verified with."""
    return dict(installed_versions() if versions is None else versions) == VERIFIED


@functools.cache
def installed_versions() -> dict[str, str]:
    """The installed version of each distribution in ``VERIFIED`` (both are dependencies)."""
    return {name: version(name) for name in VERIFIED}
