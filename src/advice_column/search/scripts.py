"""The search scripts as readers download them: without their comments and indentation.

The sources (assets/*.js) explain themselves at length; a reader's browser needs none of it
(at 10,000 entries, home and a query fetched 376.7 kB gzipped with them, 373.3 kB without).
rjsmin only removes comments and white space: it renames nothing, so the script that runs is
the one in the sources, line for line.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import rjsmin

SCRIPTS = ("advice-search.js", "advice-search-page.js")


def write_scripts(out: Path) -> None:
    """Write the search scripts, minified, into ``out`` (the site's search folder)."""
    for name in SCRIPTS:
        source = files("advice_column.search").joinpath("assets", name).read_text(encoding="utf-8")
        (out / name).write_text(rjsmin.jsmin(source), encoding="utf-8")
