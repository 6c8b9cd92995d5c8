"""A column on disk: its settings and its validated entries, loaded together."""

from __future__ import annotations

import os
from pathlib import Path

from ..entries.entry_cache import EntryCache
from ..entries.links import NO_PAGES, HandWrittenPaths, hand_written_paths
from ..entries.loader import load_column
from ..entries.model import Column, Tick
from .settings import Settings, SettingsError, read_settings


def load(
    root: Path, progress: Tick | None = None, *, with_text: bool = True, cache: EntryCache | None = None
) -> tuple[Settings | None, Column]:
    """Settings and the validated column; problems with either are in ``column.diagnostics``."""
    try:
        settings, error = read_settings(root), None
    except SettingsError as raised:
        settings, error = None, raised
    pages = _hand_written(root / settings.docs_dir) if settings else NO_PAGES
    column = load_column(root, progress=progress, with_text=with_text, hand_written=pages, cache=cache)
    if error is not None:
        column.diagnostics.insert(0, error.diagnostic)
    return settings, column


def hand_written_pages(root: Path) -> HandWrittenPaths:
    """Site paths of the column's hand-written pages (none when its settings do not read)."""
    try:
        return _hand_written(root / read_settings(root).docs_dir)
    except SettingsError:
        return NO_PAGES


def _hand_written(docs: Path) -> HandWrittenPaths:
    """Site paths of the hand-written files in ``docs/``, which no alias may take."""
    names = []
    for folder, dirnames, filenames in os.walk(docs):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        rel = Path(folder).relative_to(docs).as_posix()
        names += [name if rel == "." else f"{rel}/{name}" for name in filenames]
    return hand_written_paths(names)
