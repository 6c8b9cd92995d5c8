"""Index the entries with Pagefind, the static search that fetches only what a query needs.

Material's lunr index is fetched whole on every page view (21.6 MB at 5,000 entries); Pagefind
splits its index into small chunks. Only entries are indexed, and within them only the
``data-pagefind-body`` element (title, asker, question, answer, tags), with topic and tag filters.

The entry pages' bodies are known before MkDocs runs (they are generated HTML), so Pagefind's
own process indexes them on the other core while MkDocs renders the site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from pagefind_bin import get_executable

from .writer import write_tree

BUNDLE = "pagefind"
ENTRY_PAGES = "qa/*/index.html"


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
    """Pagefind indexing the entries in its own process, on the other core, while MkDocs runs."""

    def __init__(self, docs_dir: Path, language: str, work_dir: Path | None = None) -> None:
        self.docs_dir, self.language = docs_dir, language
        self.folder = Path(tempfile.mkdtemp(prefix="search-", dir=work_dir))
        self._process: subprocess.Popen | None = None

    def start(self) -> BackgroundIndex:
        """Write the entry documents and start Pagefind on them; returns at once."""
        documents = entry_documents(self.docs_dir, self.language)
        write_tree(documents, self.folder / "site")
        if not documents:  # Pagefind refuses to write an index of nothing
            return self
        command = [
            str(get_executable()),
            *("--site", str(self.folder / "site"), "--glob", ENTRY_PAGES),
            *("--output-path", str(self.folder / BUNDLE), "--force-language", self.language, "--quiet"),
        ]
        try:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        except OSError as error:
            raise SearchIndexError(f"cannot run Pagefind: {error}") from None
        return self

    def finish(self, site_dir: Path) -> None:
        """Wait for Pagefind and move its bundle to ``site_dir/pagefind``."""
        try:
            if self._process is None:
                return
            process, self._process = self._process, None
            output, _ = process.communicate()
            if process.returncode != 0:
                raise SearchIndexError(f"Pagefind failed:\n{output}".rstrip())
            target = site_dir / BUNDLE
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(self.folder / BUNDLE), target)
        finally:
            self.discard()

    def discard(self) -> None:
        """Stop Pagefind if it still runs and remove the working folder."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.communicate()  # also closes its output pipe
            self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)


def count_indexed_pages(site_dir: Path) -> int:
    """How many pages the Pagefind bundle in ``site_dir`` holds."""
    entry_file = site_dir / BUNDLE / "pagefind-entry.json"
    if not entry_file.exists():
        return 0
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
