"""The column's search: Pagefind's index of the entries, its parts and addresses, the search page
and its scripts. Nothing else in the package knows Pagefind; builds use what this file exports."""

from importlib.resources import files as _package_files
from pathlib import Path as _Path

from .addresses import preview_part_entries
from .background import Indexed, SearchIndex, spawn_indexer, stop_indexer
from .index import SearchIndexError

# The search page (search.html), the header's box (partials/column-search.html) and their scripts
# (assets/): a theme folder the engine adds to its own.
THEME_DIR = _Path(str(_package_files("advice_column.search") / "theme"))

__all__ = [
    "THEME_DIR",
    "Indexed",
    "SearchIndex",
    "SearchIndexError",
    "preview_part_entries",
    "spawn_indexer",
    "stop_indexer",
]
