"""Zensical, the successor of Material for MkDocs, as a second site engine (``extra.advice.engine:
zensical`` in mkdocs.yml).

Zensical is given what MkDocs is given (runner.py): the values of mkdocs.yml that passed the
allow-list, never the file, written to a config file of its own in a private folder, beside a
copy of the docs folder (zensical_docs.py) and one theme folder: this package's Zensical layer
(zensical_theme/, which replaces Zensical's search with the column's own search and adds the
search and 404 pages), its assets, then the column's ``overrides/`` (in the order of
theme_folders.py, which `advice check` reads too). It runs in a child process: Zensical keeps its
config in a global and prints to the terminal.
"""

from __future__ import annotations

import copy
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import yaml

from ..blueprint.config_yaml import PythonName
from ..blueprint.docs_files import ThemeFolders
from ..blueprint.settings import Settings
from ..blueprint.words import SCRIPT_WORDS
from ..entries.model import Tick
from ..entries.problems import printable
from ..errors import BuildError
from .config_values import engine_values
from .interface import BuildResult, NavItem, SiteDescription
from .theme_assets import minify_theme_assets
from .theme_folders import THEME_CONFIG, ZENSICAL_THEME_DIR, zensical_layers, zensical_theme

WORK_NAME = "zensical"  # beside the docs folder, in the builder's private cache
# Keys of mkdocs.yml that Zensical 0.1 does not know (a warning, an error in strict mode) or
# that the engine sets itself.
_LEFT_OUT = ("plugins", "remote_branch", "remote_name", "docs_dir", "site_dir", "nav", "not_in_nav")


class ZensicalError(BuildError):
    """Zensical refused the build; the message is what it said."""


class ZensicalEngine:
    """Builds a :class:`SiteDescription` with Zensical; a preview builds the whole site each time."""

    name = "zensical"
    theme_dir = ZENSICAL_THEME_DIR

    def build(self, site: SiteDescription, out_dir: Path, progress: Tick | None = None) -> BuildResult:
        """Render the whole site into ``out_dir`` (an empty folder); BuildError when Zensical fails."""
        from .zensical_docs import mirror_docs  # deferred: it loads MkDocs, which check never does

        work = site.docs_dir.parent / WORK_NAME
        _clear(work)
        config = zensical_config(site)
        extensions, configs = markdown_setup(engine_values(config.get("markdown_extensions") or []))
        pages = mirror_docs(site.docs_dir, work / "docs", site.html_pages, extensions, configs)
        custom_dir = site.settings.custom_dir
        theme_folder(work / "theme", site.root / custom_dir if custom_dir else None, site.themes)
        config_file = work / "mkdocs.yml"
        config_file.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True), encoding="utf-8")
        warnings = run_zensical(config_file, strict=site.strict)
        (work / "site" / "search.json").unlink(missing_ok=True)  # its own search's, written even when off
        _move_contents(work / "site", out_dir)
        minify_theme_assets(out_dir)
        if progress is not None:
            progress(len(pages), len(pages))
        return BuildResult(warnings, frozenset(pages))

    def live_site(self) -> FullBuilds:
        """A preview's site that builds the whole site again on every change."""
        return FullBuilds(self)

    def theme(self, root: Path, settings: Settings, themes: tuple[Path, ...] = ()) -> ThemeFolders:
        """The folder :func:`theme_folder` puts together, then Zensical's own templates."""
        return zensical_theme(root, settings, themes)


class FullBuilds:
    """``advice serve`` with Zensical: each change is a full build (Zensical 0.1 renders pages only
    from its own watcher, ``zensical serve``, which would read the column's files itself)."""

    ready = False  # so the preview never asks for an update

    def __init__(self, engine: ZensicalEngine) -> None:
        self._engine = engine

    def build(self, site: SiteDescription, out_dir: Path) -> BuildResult:
        """A full build into ``out_dir``, over the last one."""
        return self._engine.build(site, out_dir)

    def update(self, written, removed, html_pages) -> list[str]:
        """Never called while ``ready`` is False."""
        raise BuildError("a Zensical preview builds every page again on each change")


def zensical_config(site: SiteDescription) -> dict:
    """The checked values of mkdocs.yml with the keys the engine owns, as Zensical reads them."""
    from .runner import NOT_IN_NAV, STYLESHEET  # deferred: `advice check` never loads MkDocs

    raw = copy.deepcopy(site.settings.raw)  # a function stays a PythonName, written as its tag
    for key in _LEFT_OUT:
        raw.pop(key, None)
    theme = dict(raw.pop("theme", None) or {"name": "material"})
    theme["custom_dir"] = "theme"
    words = site.settings.words
    extra = dict(raw.pop("extra", None) or {})
    extra["advice_words"] = words
    extra["advice_script_words"] = {key: words[key] for key in SCRIPT_WORDS}
    not_in_nav = "\n".join(filter(None, [str(site.settings.raw.get("not_in_nav") or ""), NOT_IN_NAV]))
    if site.serve_url:  # a preview's address
        raw["site_url"] = site.serve_url
    return {
        **raw,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "extra": extra,
        "extra_css": [*raw.get("extra_css", []), STYLESHEET],
        "nav": [nav_entry(item, site.html_pages) for item in site.nav],
        "not_in_nav": not_in_nav,
        # The column's search is the search wing's, which indexes the pages itself.
        "plugins": {"search": {"enabled": False}},
    }


def nav_entry(item: NavItem, html_pages: frozenset[str]):
    """One navigation item in mkdocs.yml's shape; titles are plain text (Zensical escapes them)."""
    from .zensical_docs import zensical_path

    if item.children:
        return {item.title or "": [nav_entry(child, html_pages) for child in item.children]}
    target = item.path or ""
    if "://" not in target:
        target = zensical_path(target, html_pages)
    return {item.title: target} if item.title else target


def markdown_setup(extensions: list) -> tuple[list, dict]:
    """Python-Markdown's ``extensions`` and ``extension_configs`` from mkdocs.yml's list."""
    names, configs = ["toc", "tables", "fenced_code"], {}  # MkDocs' own, as for its pages
    for item in extensions:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


def theme_folder(target: Path, overrides: Path | None, themes: tuple[Path, ...] = ()) -> None:
    """Zensical takes one theme folder: the further ``themes`` (the search wing's), ours over
    them, our assets, then the column's ``overrides/`` (theme_folders.py, ``zensical_layers``)."""
    target.mkdir()
    for layer in reversed(zensical_layers(overrides, themes)):  # the last found first: the first wins
        if layer.at and layer.path.is_file():  # one file of this package's theme
            (target / layer.at).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(layer.path, target / layer.at)
        elif layer.path.is_dir():
            _copy_plain_files(layer.path, target / layer.at)


def run_zensical(config_file: Path, *, strict: bool) -> list[str]:
    """Run ``zensical build`` on ``config_file``; its warnings, or ZensicalError when it fails."""
    # Without --clean: Zensical's cache (.cache beside the config, in the builder's private
    # folder) makes the next build of the same column about 40% cheaper.
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command, cwd=config_file.parent, capture_output=True, text=True, errors="replace", check=False
    )
    lines = [printable(line) for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 0:
        raise ZensicalError("Zensical stopped:\n  " + "\n  ".join(lines[-20:]))
    return [line for line in lines if "warning" in line.lower()]


def _copy_plain_files(source: Path, target: Path) -> None:
    """Copy the folder's files over ``target``, leaving out links (a pull request may plant one)
    and a theme config: Zensical 0.1 reads the theme folder's with PyYAML's unsafe loader
    (zensical/config.py, ``_load_theme_config``), where a ``!!python/object`` tag runs code."""
    for folder, dirs, names in os.walk(source):
        here = Path(folder).relative_to(source)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in names:
            path = Path(folder) / name
            if here == Path(".") and name.lower() == THEME_CONFIG:
                continue
            # Like MkDocs, which publishes a theme folder's files but not its notes (README.md).
            if stat.S_ISREG(os.lstat(path).st_mode) and not name.endswith(".md"):
                (target / here).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target / here / name)


def _move_contents(source: Path, target: Path) -> None:
    """Move the built site into ``target``, replacing what a preview's last build left there (a
    folder Zensical did not write, such as the search index, stays)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        old = target / entry.name
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        elif old.exists() or old.is_symlink():
            old.unlink()
        shutil.move(str(entry), str(old))


def _clear(work: Path) -> None:
    """An empty private folder for this build (Zensical's own cache, ``.cache``, is kept)."""
    work.mkdir(mode=0o700, exist_ok=True)
    for entry in work.iterdir():
        if entry.name != ".cache":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


class _Dumper(yaml.SafeDumper):
    """YAML for Zensical's loader: an allowed function stays a ``!!python/name:`` tag."""


def _python_name(dumper: yaml.SafeDumper, value: PythonName) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value.name}", "")


_Dumper.add_representer(PythonName, _python_name)
