"""A column on disk: its settings and its validated entries, loaded together."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

from ..entries import problems as codes
from ..entries.entry_cache import EntryCache
from ..entries.links import NO_PAGES, HandWrittenPaths, hand_written_paths
from ..entries.loader import load_column
from ..entries.misplaced import misplaced_entries
from ..entries.model import Column, Tick
from ..entries.problems import Diagnostic
from ..entries.schedule import schedule
from ..entries.symlinks import find_links, inside, link_problem
from .catalog import build_catalog
from .docs_files import ThemeFolders
from .docs_folder import docs_problems
from .pages import generated_sources
from .settings import CONFIG_FILE, Settings, SettingsError, read_settings

OVERRIDES = "overrides"


def load(
    root: Path,
    progress: Tick | None = None,
    *,
    theme: Callable[[Path, Settings], ThemeFolders],
    with_text: bool = True,
    cache: EntryCache | None = None,
) -> tuple[Settings | None, Column]:
    """Settings and the validated column; problems with either are in ``column.diagnostics``.
    ``theme(root, settings)`` is the site engine's theme, which docs/ is checked against."""
    try:
        settings, error = read_settings(root), None
    except SettingsError as raised:
        settings, error = None, raised
    folders = folder_problems(root, settings) if settings else []
    pages = _hand_written(root / settings.docs_dir) if settings and not folders else NO_PAGES
    column = load_column(root, progress=progress, with_text=with_text, hand_written=pages, cache=cache)
    if error is not None:
        column.diagnostics += error.diagnostics
    column.entries = schedule(column.entries, datetime.date.today())
    # docs/ only when it is a folder of the column's own (folder_problems says why not otherwise).
    misplaced = misplaced_entries(root, settings.docs_dir if settings and not folders else None)
    docs = []
    if settings and not folders:  # what docs/ holds, and what its pages link to
        docs = docs_problems(root, settings, theme(root, settings), lambda: _generated(column, settings))
    column.diagnostics = sorted(column.diagnostics + folders + misplaced + docs)
    return settings, column


def _generated(column: Column, settings: Settings) -> set[str]:
    """What the build generates from the column's entries, for links from docs/ to them."""
    return generated_sources(build_catalog(column.topics, column.entries, with_related=False), settings)


def folder_problems(root: Path, settings: Settings) -> list[Diagnostic]:
    """The hand-written pages and theme overrides must be folders inside the column, without links."""
    folders = [(settings.docs_dir, "docs_dir", "docs"), (OVERRIDES, "", "")]
    if settings.custom_dir:
        folders.append((settings.custom_dir, "theme.custom_dir", OVERRIDES))
    problems = []
    for folder, key, example in folders:
        if linked := _linked_part(root, folder):
            problems.append(link_problem(linked))
        elif key and not inside(root, folder):
            message = f"{key} '{folder}' must be a folder inside the column, e.g. '{example}'"
            problems.append(Diagnostic(CONFIG_FILE, 1, 1, codes.SITE_CONFIG, message))
        else:
            problems += find_links(root, folder)
    return problems


def _linked_part(root: Path, folder: str) -> str | None:
    """The first part of ``folder`` that is a symbolic link (``a`` of ``a/b``), or None."""
    parts = Path(folder).parts
    for end in range(1, len(parts) + 1):
        rel = Path(*parts[:end])
        if (root / rel).is_symlink():
            return rel.as_posix()
    return None


def hand_written_pages(root: Path) -> HandWrittenPaths:
    """Site paths of the column's hand-written pages (none when its settings do not read)."""
    try:
        settings = read_settings(root)
    except SettingsError:
        return NO_PAGES
    return NO_PAGES if folder_problems(root, settings) else _hand_written(root / settings.docs_dir)


def _hand_written(docs: Path) -> HandWrittenPaths:
    """Site paths of the hand-written files in ``docs/``, which no alias may take."""
    names = []
    for folder, dirnames, filenames in os.walk(docs):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        rel = Path(folder).relative_to(docs).as_posix()
        names += [name if rel == "." else f"{rel}/{name}" for name in filenames]
    return hand_written_paths(names)
