"""The process that builds the search index beside the site engine, and how its result is published.

``python -m advice_column.search.indexer PARENT_PID`` waits for its work (a JSON line on stdin)
and runs :func:`.index.build_index`; :class:`SearchIndex` starts it, waits for it and moves the
index it made into the site, keeping a copy in a private folder for the next build to reuse.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import addresses
from .index import SearchIndexError, count_indexed_pages, made_from

DONE = "indexed in"  # the child's last line, with the seconds it took
KEPT_PARTS = "kept-parts.txt"  # beside the output: the parts of the kept index to take as they are


@dataclass(frozen=True)
class Indexed:
    """What a finished index holds: ``pages`` (all parts together), and the ``seconds`` it took."""

    pages: int
    seconds: float


def spawn_indexer() -> subprocess.Popen:
    """An indexer process started ahead: its imports done, it waits for its work on stdin.

    Started from the thread that will keep running (the kernel kills it when that thread ends)."""
    # -P: the column's folder (the working directory) is never on the child's import path.
    command = [sys.executable, "-P", "-m", "advice_column.search.indexer", str(os.getpid())]
    # Its own process group, so that discard() stops Pagefind too; it dies with this process.
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


class SearchIndex:
    """The search index, built by a child process on the other core while the engine renders the site.

    The child writes each entry's page body where Pagefind reads it (``source_dir``) and runs
    Pagefind on each part whose pages changed. A process, not a thread: thousands of small file
    writes in a thread would each wait for the engine to let go of the interpreter lock.
    ``kept``: a folder only this user can write (the user's cache, never the column's ``site/``),
    holding the last index made: its unchanged parts are reused. ``indexer``: one from
    ``spawn_indexer`` to use instead of starting one (a preview keeps one ready between edits).
    """

    def __init__(
        self,
        docs_dir: Path,
        language: str,
        source_dir: Path,
        work_dir: Path,
        kept: Path,
        part_entries: int | None = None,
        synonyms: tuple[tuple[str, ...], ...] = (),
        indexer: subprocess.Popen | None = None,
    ) -> None:
        self.out = Path(tempfile.mkdtemp(prefix="search-", dir=work_dir)) / addresses.FOLDER
        self._kept = kept
        part_entries = part_entries or addresses.PART_ENTRIES
        self._work = [str(docs_dir), language, str(source_dir), str(self.out), part_entries, str(kept)]
        self._work.append([list(group) for group in synonyms])
        self._process = indexer

    def start(self) -> SearchIndex:
        """Begin indexing; returns at once."""
        if self._process is not None and self._process.poll() is not None:  # it ended while waiting
            stop_indexer(self._process)
            self._process = None
        self._process = self._process or spawn_indexer()
        with contextlib.suppress(BrokenPipeError):  # it is gone: finish() says why
            self._process.stdin.write(json.dumps(self._work) + "\n")
            self._process.stdin.close()
        return self

    def __enter__(self) -> SearchIndex:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.discard()

    def finish(self, site_dir: Path, *, own_site: bool = False) -> Indexed:
        """Wait for the index and move it into ``site_dir/search/``; how many pages it holds.

        ``own_site``: ``site_dir`` is a preview's private folder, never anyone else's files (the
        column's ``site/`` is a pull request's to fill): its unchanged parts are moved into the new
        index rather than linked again from the kept one, file by file. The index it replaces is
        set aside, and removed by ``discard``."""
        process = self._process
        try:
            output = process.stdout.read()
            if process.wait() != 0:
                raise SearchIndexError(output.strip() or f"the search index failed ({process.returncode})")
            bundle = site_dir / addresses.BUNDLE
            new_bundle = self.out / addresses.inside(addresses.BUNDLE)
            kept = self.out.parent / KEPT_PARTS
            numbers = [int(n) for n in kept.read_text(encoding="utf-8").split()] if kept.exists() else []
            reused = [addresses.part_folder(number) for number in numbers if number]
            replaced = self.out.parent / "replaced"
            try:
                for number in numbers:
                    part = addresses.part_folder(number)
                    if own_site and number and _same_part(bundle / part, self._kept / part):
                        os.rename(bundle / part, new_bundle / part)
                    else:
                        _link_tree(self._kept / part, new_bundle / part, parts=number != 0)
                _keep(new_bundle, self._kept, reused)
                replaced.mkdir()
                (site_dir / addresses.FOLDER).mkdir(parents=True, exist_ok=True)
                for item in sorted(self.out.iterdir()):  # bundle/, words/, parts.json, synonyms.json
                    target = site_dir / addresses.FOLDER / item.name
                    if os.path.lexists(target):
                        os.rename(target, replaced / item.name)
                    os.rename(item, target)
            except OSError as error:
                raise SearchIndexError(f"cannot publish the search index: {error}") from None
        except BaseException:
            self.discard()
            raise
        *_, last = output.strip().rsplit("\n", 1)  # the child's last line: "indexed in S s"
        return Indexed(count_indexed_pages(bundle), float(last.split()[2]) if last.startswith(DONE) else 0.0)

    def discard(self) -> None:
        """Stop the indexing if it still runs and remove the unpublished index."""
        if self._process is not None:
            stop_indexer(self._process)
        shutil.rmtree(self.out.parent, ignore_errors=True)


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


def _keep(bundle: Path, kept: Path, reused: list[str]) -> None:
    """Make ``kept`` a copy of ``bundle`` (linked, not copied, where the file system allows).
    ``reused``: the part folders ``bundle`` took from ``kept`` unchanged, moved over as they are.

    The published files are then the kept ones: nothing writes into a published file in place
    (Pagefind writes new files, publishing renames folders, a checkout replaces files)."""
    fresh = kept.with_name(kept.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    if bundle.exists():
        _link_tree(bundle, fresh, parts=False)
        for part in sorted({p.name for p in bundle.glob("part-*")} - set(reused)):
            _link_tree(bundle / part, fresh / part)
        for part in reused:
            if (kept / part).is_dir():
                os.rename(kept / part, fresh / part)
            else:  # the new bundle's copy came from the published site
                _link_tree(bundle / part, fresh / part)
    shutil.rmtree(kept, ignore_errors=True)
    if fresh.exists():
        os.rename(fresh, kept)


def _same_part(published: Path, kept: Path) -> bool:
    """True when the published part was indexed from what the kept one was (both say so)."""
    digest = made_from(published) if published.is_dir() and not published.is_symlink() else None
    return digest is not None and digest == made_from(kept)


def _link_tree(source: Path, target: Path, *, parts: bool = True) -> None:
    """Link each file under ``source`` into ``target``; without ``parts``, not its part-N/ folders."""
    for folder, dirnames, filenames in os.walk(source):
        if not parts and folder == str(source):
            dirnames[:] = [name for name in dirnames if not name.startswith("part-")]
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in filenames:
            try:
                os.link(os.path.join(folder, name), into / name)
            except OSError:  # another file system
                shutil.copyfile(os.path.join(folder, name), into / name)
