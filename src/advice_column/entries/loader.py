"""Read ``qa/``: every entry file and ``qa/topics.yml``, validated into a :class:`Column`.

Pure: no printing and no MkDocs. ``advice check`` and ``advice build`` both call
:func:`load_column`, so they report the very same problems.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path, PurePosixPath

from . import frontmatter as fm
from .body import find_unsafe_markup, split_sections
from .fields import REQUIRED, read_fields
from .model import Column, Entry, Tick, Topic
from .problems import Diagnostic
from .slugs import is_valid_slug, slugify
from .textfile import read_text_file, relative
from .topics import load_topics

# Site folders the generator writes; an alias there would replace a real page.
RESERVED_PREFIXES = ("qa/", "topics/", "tags/", "archive/", "search/", "assets/", "pagefind/")
_CHUNK = 500  # entries loaded per task (and between progress reports)
_PARALLEL_FROM_CHUNKS = 5  # 2,500 entries: below that, starting processes costs more than it saves


class EntryCache:
    """What a preview keeps between loads: each file's entry and problems, by the file's stat.

    Held in memory by the process that loads (never stored in the column), so only files whose
    size or modification time changed are read again.
    """

    def __init__(self) -> None:
        self.topics: dict[str, Topic] | None = None
        self.files: dict[str, tuple[tuple, Entry | None, list[Diagnostic]]] = {}

    def split(self, paths: list[tuple[str, Path]], topics: dict[str, Topic]) -> tuple[list, list]:
        """``(kept, to_read)``: the cached results of unchanged files and the paths to read."""
        if topics != self.topics:  # an entry's topic is checked against them
            self.topics, self.files = topics, {}
        kept, to_read = [], []
        for rel, path in paths:
            cached = self.files.get(rel)
            if cached is not None and cached[0] == _stat_key(path):
                kept.append(cached)
            else:
                to_read.append((rel, path))
        return kept, to_read

    def store(self, paths: list[tuple[str, Path]], entries: list[Entry], problems: list[Diagnostic]) -> None:
        """Remember what reading ``paths`` gave."""
        by_path = {entry.path: entry for entry in entries}
        by_file: dict[str, list[Diagnostic]] = {}
        for problem in problems:
            by_file.setdefault(problem.path, []).append(problem)
        for rel, path in paths:
            self.files[rel] = (_stat_key(path), by_path.get(rel), by_file.get(rel, []))


def _stat_key(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def load_column(
    root: Path,
    qa_dir: str = "qa",
    progress: Tick | None = None,
    *,
    with_text: bool = True,
    cache: EntryCache | None = None,
) -> Column:
    """Load and validate every entry under ``root/qa_dir`` and its topics file.

    ``with_text=False`` leaves each entry's question and answer empty: enough to validate, and
    a large column's text then need not travel back from the worker processes. With a
    ``cache``, only files that changed since the last load with it are read.
    """
    column = Column()
    qa_path = root / qa_dir
    column.topics = load_topics(root, qa_dir, column.diagnostics)
    paths = find_entry_files(qa_path, column.diagnostics, root)
    if cache is not None and with_text:
        kept, paths = cache.split(paths, column.topics)
        column.entries += [entry for _, entry, _ in kept if entry is not None]
        column.diagnostics += [problem for _, _, problems in kept for problem in problems]
    chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    done = 0
    loaded = _map_chunks(root, chunks, column.topics, with_text)
    for chunk, (entries, diagnostics) in zip(chunks, loaded, strict=True):
        column.entries += entries
        column.diagnostics += diagnostics
        if cache is not None and with_text:
            cache.store(chunk, entries, diagnostics)
        done += len(entries) + len({d.path for d in diagnostics if d.path.endswith(".md")})
        if progress:
            progress(min(done, len(paths)), len(paths))
    column.entries.sort(key=lambda entry: entry.path)
    if not column.topics:  # the topics file's own problem is reported; no entry can be placed
        column.entries = []
    column.entries = check_across_entries(column.entries, column.diagnostics)
    column.diagnostics.sort()
    return column


def load_entries(
    root: Path, paths: list[tuple[str, Path]], topics: dict[str, Topic], with_text: bool = True
) -> tuple[list[Entry], list[Diagnostic]]:
    """The valid entries among ``paths`` and the problems of the others."""
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for rel, path in paths:
        entry = load_entry(root, path, topics, diagnostics, rel=rel)
        if entry is not None:
            entries.append(entry if with_text else dataclasses.replace(entry, question="", answer=""))
    return entries, diagnostics


def _map_chunks(root: Path, chunks: list, topics: dict[str, Topic], with_text: bool):
    """:func:`load_entries` of each chunk in order, on every core for a large column."""
    workers = min(os.cpu_count() or 1, 4)
    # Forking is only safe while this process runs one thread, and pays off from a few thousand.
    if len(chunks) < _PARALLEL_FROM_CHUNKS or workers < 2 or threading.active_count() > 1:
        yield from (load_entries(root, chunk, topics, with_text) for chunk in chunks)
        return
    import multiprocessing  # deferred with the pool: `advice check` on a few files starts faster
    from concurrent.futures import ProcessPoolExecutor

    arguments = zip(*((root, chunk, topics, with_text) for chunk in chunks), strict=True)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(load_entries, *arguments)


def find_entry_files(qa_path: Path, diagnostics: list[Diagnostic], root: Path) -> list[tuple[str, Path]]:
    """``(relative path, path)`` of each ``*.md`` under ``qa_path``, sorted; links leading out are refused."""
    if not qa_path.is_dir():
        diagnostics.append(Diagnostic(relative(qa_path, root), 1, 1, "QA050", "the qa/ folder is missing"))
        return []
    real_qa = str(qa_path.resolve())
    found: list[tuple[str, str]] = []
    folders = [(str(qa_path), relative(qa_path, root))]
    while folders:  # os.scandir, not pathlib: this runs once per file of a 10,000-entry column
        folder, rel_folder = folders.pop()
        with os.scandir(folder) as items:
            for item in items:
                rel = f"{rel_folder}/{item.name}"
                if item.is_symlink():
                    target = os.path.realpath(item.path)
                    if target != real_qa and not target.startswith(real_qa + os.sep):
                        message = "symbolic link leads outside qa/; it is ignored"
                        diagnostics.append(Diagnostic(rel, 1, 1, "QA004", message))
                        continue
                    if os.path.isdir(target):
                        continue  # the folder it points to is inside qa/ and read anyway
                if item.is_dir(follow_symlinks=False):
                    folders.append((item.path, rel))
                elif item.name.endswith(".md"):
                    found.append((rel, item.path))
    return [(rel, Path(path)) for rel, path in sorted(found)]


def load_entry(
    root: Path, path: Path, topics: dict[str, Topic], diagnostics: list[Diagnostic], rel: str | None = None
) -> Entry | None:
    """Validate one entry file; problems go to ``diagnostics``, a valid entry is returned."""
    rel = rel or relative(path, root)
    problems: list[Diagnostic] = []

    def report(line: int, col: int, code: str, message: str) -> None:
        problems.append(Diagnostic(rel, line, col, code, message))

    text = read_text_file(path, report)
    if text is None:
        diagnostics.extend(problems)
        return None
    entry, problems = read_entry(rel, text, topics)
    diagnostics.extend(problems)
    return entry


def read_entry(rel: str, text: str, topics: dict[str, Topic]) -> tuple[Entry | None, list[Diagnostic]]:
    """Validate one entry's text (``\\n`` line endings) as the file ``rel``: the entry or its problems."""
    problems: list[Diagnostic] = []

    def report(line: int, col: int, code: str, message: str) -> None:
        problems.append(Diagnostic(rel, line, col, code, message))

    entry = None
    try:
        entry = _parse_entry(rel, PurePosixPath(rel), text, topics, report)
    except fm.YamlProblem as problem:
        report(problem.line, problem.col, problem.code, problem.message)
    return (entry if not problems else None), problems


def _parse_entry(rel: str, path: PurePosixPath, text: str, topics: dict[str, Topic], report) -> Entry | None:
    front = fm.split_front_matter(text)
    node = fm.compose_mapping(front.yaml_text, front.yaml_line)
    values = read_fields(node, front.yaml_line, topics, report)
    sections, body_problems = split_sections(front.body, front.body_line)
    for problem in body_problems:
        report(problem.line, problem.col, problem.code, problem.message)
    if sections is not None:
        for section, line in (
            (sections.question, sections.question_line),
            (sections.answer, sections.answer_line),
        ):
            for problem in find_unsafe_markup(section, line):
                report(problem.line, problem.col, problem.code, problem.message)
    if "slug" not in values:
        values["slug"] = path.stem
        if not is_valid_slug(path.stem):
            report(
                1,
                1,
                "QA026",
                f"file name {path.name!r} is not a valid slug; rename it to "
                f"'{slugify(path.stem) or 'entry'}.md' or set 'slug:'",
            )
    if any(key not in values for key in REQUIRED) or sections is None:
        return None
    return Entry(
        path=rel,
        question=sections.question,
        answer=sections.answer,
        **values,
    )


def check_across_entries(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Entry]:
    """The entries that pass the checks between entries (slugs, follow-ups, aliases); report the rest."""
    return _check_links_between_entries(_drop_duplicate_slugs(entries, diagnostics), diagnostics)


def _check_links_between_entries(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Entry]:
    """Drop entries whose follow_up_of names no entry, or whose aliases clash; report each."""
    slugs = {entry.slug for entry in entries}
    alias_owner: dict[str, str] = {}
    kept = []
    for entry in entries:
        problems = []
        if entry.follow_up_of and (entry.follow_up_of not in slugs or entry.follow_up_of == entry.slug):
            problems.append(
                ("QA034", f"follow_up_of '{entry.follow_up_of}' is not the slug of another entry")
            )
        for alias in entry.aliases:
            if alias.startswith(RESERVED_PREFIXES) or alias == "search/":
                problems.append(("QA028", f"alias '{alias}' is inside a folder the site generates"))
            elif alias in alias_owner:
                problems.append(("QA028", f"alias '{alias}' is also claimed by {alias_owner[alias]}"))
            else:
                alias_owner[alias] = entry.path
        diagnostics.extend(Diagnostic(entry.path, 1, 1, code, message) for code, message in problems)
        if not problems:
            kept.append(entry)
    return kept


def _drop_duplicate_slugs(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Entry]:
    """Keep the first entry of each slug (in path order) and report the others."""
    first: dict[str, Entry] = {}
    kept = []
    for entry in entries:
        if entry.slug in first:
            diagnostics.append(
                Diagnostic(
                    entry.path,
                    1,
                    1,
                    "QA027",
                    f"slug '{entry.slug}' is also used by {first[entry.slug].path}; "
                    "rename the file or set another 'slug:'",
                )
            )
        else:
            first[entry.slug] = entry
            kept.append(entry)
    return kept
