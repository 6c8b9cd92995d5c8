"""The process that builds the search index beside MkDocs, and how its result is published.

``python -m advice_column.builder.indexer PARENT_PID`` waits for its work (a JSON line on stdin)
and runs :func:`.search_index.build_index`; :class:`BackgroundIndex` starts it, waits for it
and moves the index it made into the site.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..blueprint import urls
from ..blueprint.urls import BUNDLE
from ..engine.lifetime import die_with_parent
from .search_index import WORDS_FOLDER, SearchIndexError, build_index

_DONE = "indexed in"  # the child's last line, with the seconds it took
KEPT_PARTS = "kept-parts.txt"  # beside the bundle: the parts of a private previous index kept as they are
_PART_FOLDER = re.compile(r"part-[0-9]+")


def spawn_indexer() -> subprocess.Popen:
    """An indexer process started ahead: its imports done, it waits for its work on stdin.

    Started from the thread that will keep running (the kernel kills it when that thread ends)."""
    # -P: the column's folder (the working directory) is never on the child's import path.
    command = [sys.executable, "-P", "-m", "advice_column.builder.indexer", str(os.getpid())]
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
        if self._process is not None and self._process.poll() is not None:  # it ended while waiting
            stop_indexer(self._process)
            self._process = None
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
            words = self.bundle.parent / WORDS_FOLDER
            if words.exists():
                target = site_dir / urls.SEARCH_WORDS
                shutil.rmtree(target, ignore_errors=True)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(words), target)
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
