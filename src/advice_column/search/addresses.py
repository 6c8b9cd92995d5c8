"""Where the search's files are in the site, all under ``search/`` beside the search page.

The search scripts (theme/assets/advice-search.js) read the same names from the header's form.
"""

from __future__ import annotations

FOLDER = "search/"
# Pagefind's bundle: part 0 is search/bundle/, part N is search/bundle/part-N/.
BUNDLE = f"{FOLDER}bundle"
# The list of index parts beyond the first, fetched only when a reader starts a search.
PARTS_FILE = f"{FOLDER}parts.json"
# The columnist's synonyms, and the column's words by first letter (for "Did you mean…").
SYNONYMS_FILE = f"{FOLDER}synonyms.json"
WORDS = f"{FOLDER}words/"
# Pagefind holds a whole index in memory, about 200 kB an entry (2 GB at 10,000). Larger columns
# are indexed in parts of this many entries, one after another, and the search merges them
# (Pagefind's mergeIndex).
PART_ENTRIES = 2500
# A preview indexes in smaller parts, so that an edit re-indexes a small part: the smallest of
# these sizes that splits the column into at most PREVIEW_MOST_PARTS parts (a search merging a
# few dozen parts is fine on the author's own machine). Few sizes: a column growing by one entry
# keeps its part size, and its parts, until it crosses one of these steps.
PREVIEW_PART_SIZES = (25, 50, 100, 250, 500, 1000, PART_ENTRIES)
PREVIEW_MOST_PARTS = 50


def preview_part_entries(entry_count: int) -> int:
    """How many entries each part of a preview's index holds, for a column of ``entry_count``."""
    fitting = (size for size in PREVIEW_PART_SIZES if entry_count <= size * PREVIEW_MOST_PARTS)
    return next(fitting, PREVIEW_PART_SIZES[-1])


def inside(address: str) -> str:
    """``address`` (one of the above) inside the search folder: ``bundle``, ``parts.json``, …"""
    return address.removeprefix(FOLDER)


def part_folder(number: int) -> str:
    """Where part ``number`` of the index is, inside the bundle."""
    return "" if number == 0 else f"part-{number}"
