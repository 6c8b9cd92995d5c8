"""Each engine's theme as `advice check` looks names up in it is the theme its build uses, in the
same order, and is found without loading the engine."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from advice_column.blueprint.docs_files import ThemeFolder, theme_files, theme_has
from advice_column.blueprint.settings import read_settings
from advice_column.builder.describe import THEMES
from advice_column.engine.interface import SiteDescription, engine_for
from advice_column.engine.theme_folders import THEME_DIR, ZENSICAL_THEME_DIR
from advice_column.engine.zensical_engine import theme_folder
from advice_column.search import THEME_DIR as SEARCH_THEME

from ..conftest import MKDOCS_YML

WITH_OVERRIDES = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
ZENSICAL_YML = WITH_OVERRIDES.replace("  advice:\n", "  advice:\n    engine: zensical\n")


def column_at(root: Path, config: str) -> Path:
    (root / "overrides" / "assets").mkdir(parents=True)
    (root / "overrides" / "assets" / "house.css").write_text("p {}\n", encoding="utf-8")
    (root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def test_mkdocs_theme_is_mkdocs_template_path_in_order(column):
    """The folders are MkDocs' own ``theme.dirs`` for the column, first found first."""
    from advice_column.engine.runner import load_engine_config

    root = column_at(column.root, WITH_OVERRIDES)
    settings = read_settings(root)
    theme = engine_for(settings).theme(root, settings, THEMES)
    site = SiteDescription(root, settings, root / "docs", nav=(), themes=THEMES)
    dirs = load_engine_config(site, root / "site").theme.dirs
    assert [str(folder.path) for folder in theme.folders] == dirs
    assert [folder.path for folder in theme.folders[:3]] == [root / "overrides", THEME_DIR, SEARCH_THEME]
    assert [Path(folder).parent.name for folder in dirs[3:]] == ["material", "mkdocs"]
    assert {folder.at for folder in theme.folders} == {""}


def test_zensical_theme_is_the_folder_zensical_is_given_then_its_own(column, tmp_path):
    root = column_at(column.root, ZENSICAL_YML)
    settings = read_settings(root)
    theme = engine_for(settings).theme(root, settings, THEMES)
    assert theme.folders[0] == ThemeFolder(root / "overrides")
    assert ThemeFolder(ZENSICAL_THEME_DIR) in theme.folders
    assert theme.folders[-2:] == (ThemeFolder(SEARCH_THEME), theme.folders[-1])
    assert Path(theme.folders[-1].path).parent.name == "zensical_ui"
    # What the build copies into Zensical's one theme folder is what the theme's folders hold.
    theme_folder(tmp_path / "given", root / "overrides", THEMES)
    given = {
        Path(folder, name).relative_to(tmp_path / "given").as_posix()
        for folder, _, names in os.walk(tmp_path / "given")
        for name in names
    }
    assert given == theme_files(replace(theme, folders=theme.folders[:-1], not_copied=("*.md",)))


@pytest.mark.parametrize(
    ("name", "mkdocs", "zensical"),
    [
        ("main.html", True, True),
        ("partials/column-meta.html", True, True),  # a partial Zensical's layer takes from ours
        ("partials/column-footer.html", True, False),  # one it does not
        ("search.html", True, True),  # the search wing's
        ("blog.html", True, True),
        ("fragments/tags/default/tag.html", True, False),  # Material's only
        (".icons/material/lightbulb.svg", True, True),
        (".icons/lucide/lightbulb.svg", False, True),  # Zensical's only
        ("assets/house.css", True, True),  # the column's overrides/
        ("assets/nothing.css", False, False),
    ],
)
def test_what_each_engine_s_theme_has(column, name, mkdocs, zensical):
    root = column_at(column.root, WITH_OVERRIDES)
    found = {}
    for engine, config in (("mkdocs", WITH_OVERRIDES), ("zensical", ZENSICAL_YML)):
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        settings = read_settings(root)
        theme = engine_for(settings).theme(root, settings, THEMES)
        assert theme_has(theme, f".icons/{theme.icon_example}.svg")  # the example a message gives
        found[engine] = theme_has(theme, name)
    assert found == {"mkdocs": mkdocs, "zensical": zensical}


@pytest.mark.parametrize("config", [WITH_OVERRIDES, ZENSICAL_YML], ids=["mkdocs", "zensical"])
def test_the_theme_is_found_without_loading_the_engine(column, config):
    """`advice check` asks for the theme and must stay quick: no engine module is imported."""
    root = column_at(column.root, config)
    code = (
        "import sys; from pathlib import Path\n"
        "from advice_column.blueprint.settings import read_settings\n"
        "from advice_column.builder.describe import site_theme\n"
        f"theme = site_theme(Path({str(root)!r}), read_settings(Path({str(root)!r})))\n"
        "assert len(theme.folders) > 3, theme\n"
        "engines = {'mkdocs', 'material', 'zensical', 'zensical_ui'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & engines))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_column_s_theme_config_never_reaches_zensical(column, tmp_path):
    """Zensical reads a theme folder's mkdocs_theme.yml with PyYAML's unsafe loader: the column's
    stays out of the folder the build gives it, and the build goes on without it."""
    marker = tmp_path / "ran"
    column_at(column.root, ZENSICAL_YML)
    column.write("overrides/mkdocs_theme.yml", f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    column.entry("one")
    assert column.run("build") == 0
    assert not marker.exists()
    assert (column.root / "site" / "assets" / "house.css").is_file()  # the rest of overrides/ is there
