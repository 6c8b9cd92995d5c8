"""Index the entries with Pagefind, the static search that fetches only what a query needs.

Material's lunr index is fetched whole on every page view (21.6 MB at 5,000 entries); Pagefind
splits its index into small chunks. Only entries are indexed, and within them only the
``data-pagefind-body`` element (title, asker, question, answer, tags), with topic and tag filters.

The entry pages' bodies are known before MkDocs runs (they are generated HTML), so Pagefind's
own process indexes them on the other core while MkDocs renders the site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind_bin import get_executable

from .writer import write_tree

BUNDLE = "pagefind"
ENTRY_PAGES = "qa/*/index.html"
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


class SearchIndexError(Exception):
    """Pagefind failed; the message says why."""


def entry_documents(docs_dir: Path, language: str) -> dict[str, str]:
    """``{qa/<slug>/index.html: html}`` for each generated entry page, as Pagefind will see it."""
    documents = {}
    for path in sorted((docs_dir / "qa").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        head = f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
        documents[f"qa/{path.stem}/index.html"] = f"{head}<body>{body}</body></html>"
    return documents


class BackgroundIndex:
    """Pagefind indexing the entries on the other core while MkDocs renders the site.

    A thread writes each entry's page body where Pagefind reads it (``source_dir``, kept between
    builds so only changed entries are written again) and waits for Pagefind's process.
    """

    def __init__(self, docs_dir: Path, language: str, source_dir: Path, work_dir: Path | None = None) -> None:
        self.docs_dir, self.language, self.source_dir = docs_dir, language, source_dir
        self.bundle = Path(tempfile.mkdtemp(prefix="search-", dir=work_dir)) / BUNDLE
        self._process: subprocess.Popen | None = None
        self._error: str | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="advice-search-index", daemon=True)

    def start(self) -> BackgroundIndex:
        """Begin indexing; returns at once."""
        self._thread.start()
        return self

    def finish(self, site_dir: Path) -> None:
        """Wait for Pagefind and move its bundle (with any further parts) to ``site_dir/pagefind``."""
        self._thread.join()
        try:
            if self._error:
                raise SearchIndexError(self._error)
            if self.bundle.exists():
                target = site_dir / BUNDLE
                shutil.rmtree(target, ignore_errors=True)
                shutil.move(str(self.bundle), target)
        finally:
            self.discard()

    def discard(self) -> None:
        """Stop Pagefind if it still runs and remove the unpublished bundle."""
        self._stopped = True
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._thread.join()
        shutil.rmtree(self.bundle.parent, ignore_errors=True)

    def _run(self) -> None:
        documents = entry_documents(self.docs_dir, self.language)
        paths = list(documents)
        parts = [paths[start : start + PART_ENTRIES] for start in range(0, len(paths), PART_ENTRIES)]
        for number, part in enumerate(parts):
            write_tree({path: documents[path] for path in part}, self.source_dir / f"part-{number}")
        for stale in self.source_dir.glob("part-*"):
            if int(stale.name.split("-", 1)[1]) >= len(parts):
                shutil.rmtree(stale, ignore_errors=True)
        for number in range(len(parts)):  # none when there is no entry: Pagefind refuses that
            output = self.bundle if number == 0 else self.bundle / f"part-{number}"
            if self._stopped or not self._index(self.source_dir / f"part-{number}", output):
                return

    def _index(self, site: Path, output: Path) -> bool:
        command = [
            str(get_executable()),
            *("--site", str(site), "--glob", ENTRY_PAGES),
            *("--output-path", str(output), "--force-language", self.language, "--quiet"),
        ]
        try:
            # One thread: MkDocs, single-threaded, keeps the other core to itself.
            environment = {**os.environ, "RAYON_NUM_THREADS": "1"}
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
            )
            if self._stopped:  # discard() ran while Pagefind was starting
                self._process.kill()
            output_text, _ = self._process.communicate()
        except OSError as error:
            self._error = f"cannot run Pagefind: {error}"
            return False
        if self._process.returncode != 0 and not self._stopped:
            self._error = f"Pagefind failed:\n{output_text}".rstrip()
        return self._process.returncode == 0


def count_indexed_pages(site_dir: Path) -> int:
    """How many pages the Pagefind bundle in ``site_dir`` holds, all its parts together."""
    total = 0
    for entry_file in [
        site_dir / BUNDLE / "pagefind-entry.json",
        *(site_dir / BUNDLE).glob("part-*/pagefind-entry.json"),
    ]:
        if entry_file.exists():
            entry = json.loads(entry_file.read_text(encoding="utf-8"))
            total += sum(language["page_count"] for language in entry["languages"].values())
    return total
