"""Index the entries with Pagefind, the static search that fetches only what a query needs.

Material's lunr index is fetched whole on every page view (21.6 MB at 5,000 entries); Pagefind
splits its index into small chunks. Only entries are indexed, and within them only the
``data-pagefind-body`` element (title, asker, question, answer, tags), with topic and tag filters.

The entry pages' bodies are known before MkDocs runs (they are generated HTML), so Pagefind's
own process indexes them on the other core while MkDocs renders the site.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from pagefind_bin import get_executable

from ..engine.errors import BuildError
from ..engine.lifetime import die_with_parent
from ..entries.frontmatter import split_front_matter
from ..site import urls
from ..site.urls import BUNDLE
from .signed_parts import copy_signed_part, is_signed, sign_part
from .writer import write_tree

ENTRY_PAGES = "qa/*/index.html"
_DONE = "indexed in"  # the child's last line, with the seconds it took
KEPT_PARTS = "kept-parts.txt"  # beside the bundle: the parts of a private previous index kept as they are
_PART_FOLDER = re.compile(r"part-[0-9]+")


class SearchIndexError(BuildError):
    """Pagefind failed; the message says why."""


def entry_names(docs_dir: Path) -> list[str]:
    """The generated entry pages' file names (``<slug>.md``), in order."""
    folder = docs_dir / "qa"
    return sorted(name for name in os.listdir(folder) if name.endswith(".md")) if folder.is_dir() else []


def entry_documents(docs_dir: Path, language: str, names: list[str]) -> dict[str, str]:
    """``{qa/<slug>/index.html: html}`` for the entry pages ``names``, as Pagefind will see them."""
    documents = {}
    head = f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
    for name in names:
        with open(os.path.join(docs_dir, "qa", name), encoding="utf-8") as file:
            text = file.read()
        body = split_front_matter(text).body if text.startswith("---\n") else text
        documents[f"qa/{name[:-3]}/index.html"] = f"{head}<body>{body}</body></html>"
    return documents


def spawn_indexer() -> subprocess.Popen:
    """An indexer process started ahead: its imports done, it waits for its work on stdin.

    Started from the thread that will keep running (the kernel kills it when that thread ends)."""
    # -P: the column's folder (the working directory) is never on the child's import path.
    command = [sys.executable, "-P", "-m", "advice_column.build.search_index", str(os.getpid())]
    # Its own process group, so that discard() stops Pagefind too; it dies with this process.
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


class BackgroundIndex:
    """The search index, built by a child process on the other core while MkDocs renders the site.

    The child writes each entry's page body where Pagefind reads it (``source_dir``, kept between
    builds so only changed entries are written again) and runs Pagefind on each part. A process,
    not a thread: thousands of small file writes in a thread would each wait for MkDocs to let
    go of the interpreter lock. ``indexer``: one from ``spawn_indexer`` to use instead of
    starting one (a preview keeps one ready between edits).
    """

    def __init__(
        self,
        docs_dir: Path,
        language: str,
        source_dir: Path,
        work_dir: Path,
        key_file: Path,
        previous: Path | None = None,
        part_entries: int | None = None,
        previous_is_private: bool = False,
        indexer: subprocess.Popen | None = None,
    ) -> None:
        self.bundle = Path(tempfile.mkdtemp(prefix="search-", dir=work_dir)) / BUNDLE
        self._previous = previous
        self._work = [str(docs_dir), language, str(source_dir), str(self.bundle), str(key_file)]
        self._work += [part_entries or urls.PART_ENTRIES, str(previous or ""), previous_is_private]
        self._process = indexer

    def start(self) -> BackgroundIndex:
        """Begin indexing; returns at once."""
        self._process = self._process or spawn_indexer()
        with contextlib.suppress(BrokenPipeError):  # it is gone: finish() says why
            self._process.stdin.write(json.dumps(self._work) + "\n")
            self._process.stdin.close()
        return self

    def __enter__(self) -> BackgroundIndex:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.discard()

    def finish(self, site_dir: Path) -> float:
        """Wait for the index and move it (with any further parts) to ``site_dir/pagefind``.

        Returns the seconds the indexing took (it may have ended long before this call)."""
        process = self._process
        try:
            output = process.stdout.read()
            if process.wait() != 0:
                raise SearchIndexError(output.strip() or f"the search index failed ({process.returncode})")
            kept = self.bundle.parent / KEPT_PARTS
            if kept.exists():
                _take_kept_parts(self._previous, self.bundle, kept.read_text(encoding="utf-8").split())
            if self.bundle.exists():
                target = site_dir / BUNDLE
                shutil.rmtree(target, ignore_errors=True)
                shutil.move(str(self.bundle), target)
        finally:
            self.discard()
        *_, last = output.strip().rsplit("\n", 1)  # the child's last line: "indexed in S s"
        return float(last.split()[2]) if last.startswith(_DONE) else 0.0

    def discard(self) -> None:
        """Stop the indexing if it still runs and remove the unpublished bundle."""
        if self._process is not None:
            stop_indexer(self._process)
        shutil.rmtree(self.bundle.parent, ignore_errors=True)


def stop_indexer(process: subprocess.Popen) -> None:
    """Kill an indexer (and its Pagefind) if it still runs, and reap it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def build_index(
    docs_dir: Path,
    language: str,
    source_dir: Path,
    bundle: Path,
    key: bytes,
    part_entries: int | None = None,
    previous: Path | None = None,
    *,
    previous_is_private: bool = False,
) -> list[int]:
    """Write the entry documents and index each part; raises SearchIndexError.

    A part whose documents are the same as those of the same part in ``previous`` (the index
    now published) is copied from it instead: an edit re-indexes one part, not the column, and
    only when ``key`` (a secret outside the repository) signed it: see :mod:`.signed_parts`.
    ``previous_is_private``: it is in a folder only this user can write (a preview's), so such a
    part is not copied at all but kept where it is, and its number returned: the caller moves
    it into ``bundle`` when publishing (see ``BackgroundIndex.finish``). A part whose pages are
    the same files, untouched since the last index from ``source_dir`` (the writer rewrites a
    page only when its text changed), keeps the digest recorded there, without its documents
    being read again.
    """
    part_entries = part_entries or urls.PART_ENTRIES
    names = entry_names(docs_dir)
    parts = [names[start : start + part_entries] for start in range(0, len(names), part_entries)]
    for stale in [*source_dir.glob("part-*"), *source_dir.glob("digest-part-*")]:
        if int(stale.name.rsplit("-", 1)[1].split(".")[0]) >= len(parts):
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    source_dir.mkdir(parents=True, exist_ok=True)
    kept = []
    for number, part in enumerate(parts):  # none when there is no entry: Pagefind refuses that
        record = source_dir / f"digest-part-{number}.txt"
        documents = None  # one part at a time in memory, and only when needed
        files = _file_stamps(docs_dir, part)
        digest = _recorded_digest(record, language, files)
        if digest is None:
            documents = entry_documents(docs_dir, language, part)
            digest = _part_digest(language, list(documents.items()))
        output = bundle if number == 0 else bundle / f"part-{number}"
        old = None if previous is None else previous if number == 0 else previous / f"part-{number}"
        if old is not None and previous_is_private and is_signed(key, digest, old):
            kept.append(number)
        elif old is None or not copy_signed_part(key, digest, old, output):
            # Only a part indexed again needs its documents on disk (written where they changed).
            documents = documents or entry_documents(docs_dir, language, part)
            write_tree(documents, source_dir / f"part-{number}")
            run_pagefind(source_dir / f"part-{number}", output, language)
            sign_part(key, digest, output)
        record.write_text("\n".join([_sources_version(language), digest, *files]), encoding="utf-8")
    return kept


def _take_kept_parts(previous: Path, bundle: Path, numbers: list[str]) -> None:
    """Move the parts ``numbers`` of the private index ``previous`` into ``bundle`` (renames only)."""
    try:
        bundle.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            if number != "0":
                os.rename(previous / f"part-{number}", bundle / f"part-{number}")
                continue
            for name in os.listdir(previous):  # part 0 is the bundle's own files, beside the others
                if not _PART_FOLDER.fullmatch(name):
                    os.rename(previous / name, bundle / name)
    except OSError as error:
        raise SearchIndexError(f"cannot keep the unchanged search parts: {error}") from None


def _file_stamps(docs_dir: Path, names: list[str]) -> list[str]:
    """Each page's name, modification time (ns) and size: any write changes them."""
    stamps = []
    for name in names:
        stat = os.stat(os.path.join(docs_dir, "qa", name))
        stamps.append(f"{name} {stat.st_mtime_ns} {stat.st_size} {stat.st_ino}")
    return stamps


def _recorded_digest(record: Path, language: str, files: list[str]) -> str | None:
    """The part's digest as the last index recorded it, if made from these very files."""
    try:
        version, digest, *recorded = record.read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return None
    return digest if version == _sources_version(language) and recorded == files else None


@functools.cache
def _sources_version(language: str) -> str:
    return f"pagefind {metadata.version('pagefind_bin')} {language}"


def _part_digest(language: str, documents: list[tuple[str, str]]) -> str:
    """What a part is indexed from: Pagefind (by version, not path), the language and every document."""
    digest = hashlib.sha256(f"{_sources_version(language)}\0".encode())
    for path, html in documents:
        digest.update(f"{path}\0{html}\0".encode())
    return digest.hexdigest()


def run_pagefind(site: Path, output: Path, language: str) -> None:
    """Index the entry pages under ``site`` into the bundle folder ``output``."""
    command = [
        str(get_executable()),
        *("--site", str(site), "--glob", ENTRY_PAGES),
        *("--output-path", str(output), "--force-language", language, "--quiet"),
    ]
    # One thread: MkDocs, single-threaded, keeps the other core to itself.
    environment = {**os.environ, "RAYON_NUM_THREADS": "1"}
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            preexec_fn=functools.partial(die_with_parent, os.getpid()),  # this process has one thread
        )
    except OSError as error:
        raise SearchIndexError(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{result.stdout}{result.stderr}".rstrip())


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


if __name__ == "__main__":  # an indexer process (spawn_indexer), given its work on stdin
    die_with_parent(int(sys.argv[1]))
    import time

    line = sys.stdin.readline()
    if not line:
        raise SystemExit(0)  # stopped before it was given work
    started = time.perf_counter()
    try:
        docs, language, source, bundle, key_file, part_entries, previous, private = json.loads(line)
        key = Path(key_file).read_bytes()
        old = Path(previous) if previous else None
        folders = Path(docs), language, Path(source), Path(bundle)
        kept = build_index(*folders, key, int(part_entries), old, previous_is_private=private)
        if kept:
            Path(bundle).parent.joinpath(KEPT_PARTS).write_text(" ".join(map(str, kept)), encoding="utf-8")
    except SearchIndexError as error:
        raise SystemExit(str(error)) from None
    print(f"{_DONE} {time.perf_counter() - started:.2f} s")
