"""Every site path the generator owns, computed in one place so pages, feeds and checks agree."""

from __future__ import annotations

BUNDLE = "pagefind"
# Pagefind holds a whole index in memory, about 200 kB an entry (2 GB at 10,000). Larger columns
# are indexed in parts of this many entries, one after another, and the search page merges
# them (PagefindUI's mergeIndex); part 0 is pagefind/, part N is pagefind/part-N/.
PART_ENTRIES = 2500


def search_parts(entry_count: int) -> int:
    """How many index parts a column of ``entry_count`` entries is split into."""
    return max(1, -(-entry_count // PART_ENTRIES))


def part_folder(number: int) -> str:
    """Where part ``number`` of the index is, inside the site."""
    return BUNDLE if number == 0 else f"{BUNDLE}/part-{number}"
