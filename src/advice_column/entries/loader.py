"""Read ``qa/``: every entry file and ``qa/topics.yml``, validated into a :class:`Column`.

Pure: no printing and no MkDocs. ``advice check`` and ``advice build`` both call
:func:`load_column`, so they report the very same problems; the importer calls
:func:`read_entry` on text in memory.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import problems as codes
from .body import find_unsafe_markup, split_sections
from .entry_cache import EntryCache
from .fields import REQUIRED, Fields, read_fields, slug_problem
from .frontmatter import compose_mapping, split_front_matter
from .limits import find_render_limits
from .links import NO_PAGES, Claim, HandWrittenPaths, check_claims, claim_of
from .model import Column, Entry, Tick, Topic
from .problems import Diagnostic, Invalid, problem
from .slugs import slugify
from .symlinks import link_problem
from .tab_code import find_tab_code_blocks
from .textfile import CONTROL, find_control_characters, read_text_file, relative
from .topics import TOPICS_FILE, load_topics

_CHUNK = 500  # entries loaded per task (and between progress reports)
_PARALLEL_FROM_CHUNKS = 5  # 2,500 entries: below that, starting processes costs more than it saves


def load_column(
    root: Path,
    qa_dir: str = "qa",
    progress: Tick | None = None,
    *,
    with_text: bool = True,
    hand_written: HandWrittenPaths = NO_PAGES,
    cache: EntryCache | None = None,
) -> Column:
    """Load and validate every entry under ``root/qa_dir`` and its topics file.

    ``with_text=False`` leaves each entry's question and answer empty: enough to validate, and
    a large column's text then need not travel back from the worker processes. With a
    ``cache``, only files that changed since the last load with it are read.
    ``hand_written`` are the site paths of docs/ pages, which no alias may take.
    """
    column = Column()
    qa_path = root / qa_dir
    column.topics = load_topics(root, qa_dir, column.diagnostics)
    paths = entry_files(qa_path, column.diagnostics, root)
    claims: list[Claim] = []
    if cache is not None and with_text:
        kept, paths = cache.split(paths, column.topics)
        column.entries += [entry for entry, _, _ in kept if entry is not None]
        column.diagnostics += [problem for _, problems, _ in kept for problem in problems]
        claims += [claim for _, _, claim in kept if claim is not None]
    chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    done = 0
    loaded = _map_chunks(root, chunks, column.topics, with_text)
    for chunk, (entries, diagnostics, chunk_claims) in zip(chunks, loaded, strict=True):
        column.entries += entries
        column.diagnostics += diagnostics
        claims += chunk_claims
        if cache is not None and with_text:
            cache.store(chunk, entries, diagnostics, chunk_claims)
        done += len(chunk)
        if progress:
            progress(done, len(paths))
    column.entries.sort(key=lambda entry: entry.path)
    claims.sort(key=lambda claim: claim.path)  # in path order: the first file keeps a slug
    if not column.topics:  # the topics file's own problem is reported; no entry can be placed
        column.entries = []
    between = check_claims(claims, hand_written)
    column.diagnostics += between
    refused = {diagnostic.path for diagnostic in between}
    column.entries = [entry for entry in column.entries if entry.path not in refused]
    column.diagnostics.sort()
    return column


def load_entries(
    root: Path, paths: list[tuple[str, str | Path]], topics: dict[str, Topic], with_text: bool = True
) -> tuple[list[Entry], list[Diagnostic], list[Claim]]:
    """The valid entries among ``paths``, the problems of the others, and what each file claims."""
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    claims: list[Claim] = []
    for rel, path in paths:
        text, found = read_text_file(path)
        entry, claim = _read(rel, text, topics, found, with_text) if text is not None else (None, None)
        diagnostics += (diagnostic.placed(rel) for diagnostic in found)
        if claim is not None:
            claims.append(claim)
        if entry is not None:
            entries.append(entry)
    return entries, diagnostics, claims


def _map_chunks(root: Path, chunks: list, topics: dict[str, Topic], with_text: bool):
    """:func:`load_entries` of each chunk in order, on every core for a large column."""
    from .forked import forked_results  # deferred: checking a few files never starts a pool

    def load_chunk(chunk: list) -> tuple:
        return load_entries(root, chunk, topics, with_text)

    yield from forked_results(load_chunk, chunks, fewest=_PARALLEL_FROM_CHUNKS, chunk=1)


def find_entry_files(qa_path: Path, diagnostics: list[Diagnostic], root: Path) -> list[tuple[str, Path]]:
    """``(relative path, path)`` of each ``*.md`` under ``qa_path``, sorted; every link is refused."""
    return [(rel, Path(path)) for rel, path in entry_files(qa_path, diagnostics, root)]


def entry_files(qa_path: Path, diagnostics: list[Diagnostic], root: Path) -> list[tuple[str, str]]:
    """:func:`find_entry_files` with each path as a string: quicker to make and to send to a worker."""
    if qa_path.is_symlink():
        diagnostics.append(link_problem(relative(qa_path, root)))
        return []
    if not qa_path.is_dir():
        diagnostics.append(
            Diagnostic(relative(qa_path, root), 1, 1, codes.TOPICS_FILE, "the qa/ folder is missing")
        )
        return []
    found: list[tuple[str, str]] = []
    folders = [(str(qa_path), relative(qa_path, root))]
    while folders:  # os.scandir, not pathlib: this runs once per file of a 10,000-entry column
        folder, rel_folder = folders.pop()
        with os.scandir(folder) as items:
            for item in items:
                rel = f"{rel_folder}/{item.name}"
                if item.is_symlink():  # wherever it leads (see symlinks.py); topics.yml reports its own
                    if rel != f"{relative(qa_path, root)}/{TOPICS_FILE}":
                        diagnostics.append(link_problem(rel))
                    continue
                if item.is_dir(follow_symlinks=False):
                    folders.append((item.path, rel))
                elif item.name.endswith(".md"):
                    found.append((rel, item.path))
    return sorted(found)


def read_entry(rel: str, text: str, topics: dict[str, Topic]) -> tuple[Entry | None, list[Diagnostic]]:
    """Validate one entry's text (``\\n`` line endings, no BOM) as the file ``rel`` under qa/.

    The entry when it is valid, and every problem of this file alone, placed at ``rel``;
    problems between entries (a slug used twice) need the column: see :func:`load_column`.
    """
    found: list[Diagnostic] = []
    entry, _ = _read(rel, text, topics, found)
    return entry, [diagnostic.placed(rel) for diagnostic in found]


def load_entry(
    root: Path, path: Path, topics: dict[str, Topic], diagnostics: list[Diagnostic], rel: str | None = None
) -> Entry | None:
    """Validate one entry file; problems go to ``diagnostics``, a valid entry is returned."""
    rel = rel or relative(path, root)
    text, found = read_text_file(path)
    entry, _ = _read(rel, text, topics, found) if text is not None else (None, None)
    diagnostics += (diagnostic.placed(rel) for diagnostic in found)
    return entry


def _read(
    rel: str, text: str, topics: dict[str, Topic], found: list[Diagnostic], with_text: bool = True
) -> tuple[Entry | None, Claim | None]:
    """The entry (when ``text`` has no problem) and what it claims; problems go to ``found``.

    ``with_text=False`` leaves the entry's question and answer empty.
    """
    if controls := find_control_characters(text):
        found += controls
        text = CONTROL.sub(" ", text)  # reported once here; the other checks go on without them
    try:
        front = split_front_matter(text)
        fields = read_fields(compose_mapping(front.yaml_text, front.yaml_line), topics)
    except Invalid as error:
        found.append(error.diagnostic)
        return None, None
    found += fields.problems
    sections, body_problems = split_sections(front.body, front.body_line)
    found += body_problems
    found += find_render_limits(front.body, front.body_line)
    found += find_tab_code_blocks(front.body, front.body_line)
    if sections is not None:
        found += find_unsafe_markup(sections.question, sections.question_line)
        found += find_unsafe_markup(sections.answer, sections.answer_line)
    values = fields.values
    if "slug" not in values and "slug" not in fields.where:
        values["slug"] = _slug_from_name(rel, found)
    claim = _claim(rel, fields)
    if found or any(key not in values for key in REQUIRED) or sections is None:
        return None, claim
    question, answer = (sections.question, sections.answer) if with_text else ("", "")
    return Entry(path=rel, question=question, answer=answer, **values), claim


def _slug_from_name(rel: str, found: list[Diagnostic]) -> str:
    name = rel[rel.rfind("/") + 1 :]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # as pathlib's stem, without a Path
    if stem == "index":
        message = f"file name {name!r} is the folder's own page, not an entry; rename it or set 'slug:'"
        found.append(problem(1, 1, codes.BAD_SLUG, message))
    elif slug_problem(stem):
        message = (
            f"file name {name!r} is not a valid slug; rename it to "
            f"'{slugify(stem) or 'entry'}.md' or set 'slug:'"
        )
        found.append(problem(1, 1, codes.BAD_SLUG, message))
    return stem


def _claim(rel: str, fields: Fields) -> Claim | None:
    values = fields.values
    if "slug" not in values:
        return None
    places = [(key, place) for key, place in fields.where.items() if key in ("slug", "follow_up_of")]
    for key in ("aliases", "tags"):
        places += [(f"{key}.{number}", place) for number, place in enumerate(fields.items_where.get(key, ()))]
    return Claim(
        path=rel,
        slug=values["slug"],
        aliases=values.get("aliases", ()),
        follow_up_of=values.get("follow_up_of"),
        tags=values.get("tags", ()),
        places=tuple(places),
    )


def check_across_entries(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Entry]:
    """The entries that pass the checks between entries (slugs, follow-ups, aliases, tag spellings).

    For entries already validated, e.g. a batch being imported; each problem goes to ``diagnostics``.
    """
    between = check_claims([claim_of(entry) for entry in entries])
    diagnostics += between
    refused = {diagnostic.path for diagnostic in between}
    return [entry for entry in entries if entry.path not in refused]
