"""What a preview keeps between loads of a column: each file's results, by the file's stat."""

from __future__ import annotations

import os
from pathlib import Path

from .links import Claim
from .model import Entry, Topic
from .problems import Diagnostic

# What reading one file gives: its entry (when valid), its problems, and what it claims.
FileResult = tuple[Entry | None, list[Diagnostic], Claim | None]
# ``(relative path, path)`` of entry files.
Paths = list[tuple[str, str | Path]]


class EntryCache:
    """Each file's entry, problems and claim, kept while the file's size and times stay the same.

    Held in memory by the process that loads (never stored in the column), so only files whose
    size or modification time changed are read again.
    """

    def __init__(self) -> None:
        self.topics: dict[str, Topic] | None = None
        self.files: dict[str, tuple[tuple, FileResult]] = {}

    def split(
        self, paths: list[tuple[str, str | Path]], topics: dict[str, Topic]
    ) -> tuple[list[FileResult], list]:
        """``(kept, to_read)``: the cached results of unchanged files and the paths to read."""
        if topics != self.topics:  # an entry's topic is checked against them
            self.topics, self.files = topics, {}
        kept, to_read = [], []
        for rel, path in paths:
            cached = self.files.get(rel)
            if cached is not None and cached[0] == _stat_key(path):
                kept.append(cached[1])
            else:
                to_read.append((rel, path))
        return kept, to_read

    def store(
        self,
        paths: Paths,
        entries: list[Entry],
        problems: list[Diagnostic],
        claims: list[Claim],
    ) -> None:
        """Remember what reading ``paths`` gave."""
        by_path = {entry.path: entry for entry in entries}
        claim_of = {claim.path: claim for claim in claims}
        by_file: dict[str, list[Diagnostic]] = {}
        for problem in problems:
            by_file.setdefault(problem.path, []).append(problem)
        for rel, path in paths:
            self.files[rel] = (_stat_key(path), (by_path.get(rel), by_file.get(rel, []), claim_of.get(rel)))


def _stat_key(path: str | Path) -> tuple:
    try:
        stat = os.stat(path)
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)
