"""A column on disk: its settings and its validated entries, loaded together."""

from __future__ import annotations

from pathlib import Path

from ..entries.loader import EntryCache, load_column
from ..entries.model import Column, Tick
from .settings import Settings, SettingsError, read_settings


def load(
    root: Path, progress: Tick | None = None, *, with_text: bool = True, cache: EntryCache | None = None
) -> tuple[Settings | None, Column]:
    """Settings and the validated column; problems with either are in ``column.diagnostics``."""
    column = load_column(root, progress=progress, with_text=with_text, cache=cache)
    try:
        settings = read_settings(root)
    except SettingsError as error:
        column.diagnostics.insert(0, error.diagnostic)
        return None, column
    return settings, column
