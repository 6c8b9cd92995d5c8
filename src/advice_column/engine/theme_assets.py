"""The theme's own stylesheet and scripts as readers download them: without their comments and
indentation (the sources explain themselves at length; a browser needs none of it). rcssmin and
rjsmin only remove comments and white space, so what runs is the source, rule for rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

from .theme_folders import THEME_DIR

MINIFIERS: dict[str, Callable[[str], str]] = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
ASSETS = THEME_DIR / "assets"


def published_asset(name: str) -> str:
    """The text of the theme's asset ``name`` (under ``assets/``) as the site publishes it."""
    source = (ASSETS / name).read_text(encoding="utf-8")
    minify = MINIFIERS.get(Path(name).suffix)
    return minify(source) if minify else source


def minify_theme_assets(site_dir: Path) -> None:
    """Replace the theme's stylesheet and scripts in the built ``site_dir`` by their minified
    text; a file the column's ``overrides/`` put in their place is left as it is."""
    for source in sorted(ASSETS.iterdir()):
        built = site_dir / "assets" / source.name
        if source.suffix not in MINIFIERS or built.is_symlink() or not built.is_file():
            continue
        # Sizes first: a column's file in its place is read only when it could be the same.
        if built.stat().st_size == source.stat().st_size and built.read_bytes() == source.read_bytes():
            built.write_text(published_asset(source.name), encoding="utf-8")
