"""Each engine's theme as `advice check` looks names up in it (blueprint/docs_files.py), found
without loading the engine: its folders in the order the build puts them together, first found
first, and the theme files the engine renders or leaves out instead of copying them into the site.

The engines' own templates are found with ``importlib.util.find_spec``, which locates a package
without importing it: `advice check` never loads MkDocs, Material or Zensical.
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files as package_files
from pathlib import Path

from ..blueprint.docs_files import ThemeFolder, ThemeFolders
from ..blueprint.settings import Settings

THEME_DIR = Path(str(package_files("advice_column.engine") / "theme"))
ZENSICAL_THEME_DIR = Path(str(package_files("advice_column.engine") / "zensical_theme"))
# The package theme's partials that Zensical renders as they are (advice-base.html includes them).
ZENSICAL_PARTIALS = ("column-meta.html", "sections.html", "old-links.html")
THEME_CONFIG = "mkdocs_theme.yml"  # a theme's own settings, at its top
# Theme files MkDocs does not copy to the site (mkdocs/structure/files.py, add_files_from_theme).
MKDOCS_NOT_COPIED = (".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", THEME_CONFIG, "locales/*")
MKDOCS_NOT_COPIED += ("*.md", "*.markdown", "*.mdown", "*.mkdn", "*.mkd", "404.html", "sitemap.xml")
# Zensical 0.1 copies every file of its theme folders but templates and dot-files (measured: a
# .py, a .yml and locales/ reach the site); zensical_engine.py leaves the folders' notes (.md)
# and theme config out.
ZENSICAL_NOT_COPIED = (".*", "*/.*", "*.html", "*.md", "sitemap.xml", THEME_CONFIG)
ICON_EXAMPLE = "material/lightbulb"  # in both Material's and Zensical's .icons


def mkdocs_theme(root: Path, settings: Settings, themes: tuple[Path, ...] = ()) -> ThemeFolders:
    """MkDocs' theme: the column's folder, this package's theme, ``themes`` (further folders, the
    search wing's), Material's then MkDocs' templates, as runner.py's ``load_engine_config`` and
    MkDocs' ``Theme.dirs`` put them."""
    folders = [root / settings.custom_dir] if settings.custom_dir else []
    folders += [THEME_DIR, *themes, *installed_templates("material", "mkdocs")]
    return ThemeFolders(tuple(map(ThemeFolder, folders)), MKDOCS_NOT_COPIED, ICON_EXAMPLE)


def zensical_theme(root: Path, settings: Settings, themes: tuple[Path, ...] = ()) -> ThemeFolders:
    """Zensical's theme: the one folder zensical_engine.py puts together, then Zensical's templates."""
    overrides = root / settings.custom_dir if settings.custom_dir else None
    folders = (*zensical_layers(overrides, themes), *map(ThemeFolder, installed_templates("zensical_ui")))
    return ThemeFolders(folders, ZENSICAL_NOT_COPIED, ICON_EXAMPLE)


def zensical_layers(overrides: Path | None, themes: tuple[Path, ...]) -> tuple[ThemeFolder, ...]:
    """What makes the one theme folder Zensical is given, first found first: the column's
    ``overrides/``, the package theme's assets and partials, its Zensical layer, then ``themes``."""
    ours = [ThemeFolder(THEME_DIR / "partials" / name, f"partials/{name}") for name in ZENSICAL_PARTIALS]
    ours += [ThemeFolder(THEME_DIR / "assets", "assets"), ThemeFolder(ZENSICAL_THEME_DIR)]
    column = [ThemeFolder(overrides)] if overrides is not None else []
    return (*column, *ours, *map(ThemeFolder, themes))


def installed_templates(*packages: str) -> list[Path]:
    """The ``templates`` folders of the installed ``packages``, found without importing them."""
    folders = []
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            folders.append(Path(spec.submodule_search_locations[0], "templates"))
    return folders
