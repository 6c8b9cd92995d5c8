"""Read ``qa/``: every entry file and ``qa/topics.yml``, validated into a :class:`Column`.

Pure: no printing and no MkDocs. ``advice check`` and ``advice build`` both call
:func:`load_column`, so they report the very same problems.
"""

from __future__ import annotations

import codecs
import difflib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import frontmatter as fm
from .body import find_unsafe_markup, split_sections
from .diagnostics import Diagnostic
from .model import Column, Entry, Topic
from .progress import Tick
from .slugs import is_valid_slug, slugify

MAX_FILE_BYTES = 256 * 1024
MAX_TITLE = 200
MAX_SHORT_TEXT = 100
MAX_SUMMARY = 500
REQUIRED = ("title", "date", "topic")
OPTIONAL = ("tags", "asker", "summary", "slug", "draft", "updated", "aliases", "follow_up_of")
# Site folders the generator writes; an alias there would replace a real page.
RESERVED_PREFIXES = ("qa/", "topics/", "tags/", "archive/", "search/", "assets/", "pagefind/")
TOPICS_FILE = "topics.yml"
_CHUNK = 500  # entries loaded per task (and between progress reports)
_PARALLEL_FROM_CHUNKS = 5  # 2,500 entries: below that, starting processes costs more than it saves


def load_column(root: Path, qa_dir: str = "qa", progress: Tick | None = None) -> Column:
    """Load and validate every entry under ``root/qa_dir`` and its topics file."""
    column = Column()
    qa_path = root / qa_dir
    column.topics = load_topics(root, qa_dir, column.diagnostics)
    paths = find_entry_files(qa_path, column.diagnostics, root)
    chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    done = 0
    for entries, diagnostics in _map_chunks(root, chunks, column.topics):
        column.entries += entries
        column.diagnostics += diagnostics
        done += len(entries) + len({d.path for d in diagnostics if d.path.endswith(".md")})
        if progress:
            progress(min(done, len(paths)), len(paths))
    if not column.topics:  # the topics file's own problem is reported; no entry can be placed
        column.entries = []
    column.entries = _drop_duplicate_slugs(column.entries, column.diagnostics)
    column.entries = _check_links_between_entries(column.entries, column.diagnostics)
    column.diagnostics.sort()
    return column


def load_entries(
    root: Path, paths: list[tuple[str, Path]], topics: dict[str, Topic]
) -> tuple[list[Entry], list[Diagnostic]]:
    """The valid entries among ``paths`` and the problems of the others."""
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for rel, path in paths:
        entry = load_entry(root, path, topics, diagnostics, rel=rel)
        if entry is not None:
            entries.append(entry)
    return entries, diagnostics


def _map_chunks(root: Path, chunks: list, topics: dict[str, Topic]):
    """:func:`load_entries` of each chunk in order, on every core for a large column."""
    workers = min(os.cpu_count() or 1, 4)
    # Forking is only safe while this process runs one thread, and pays off from a few thousand.
    if len(chunks) < _PARALLEL_FROM_CHUNKS or workers < 2 or threading.active_count() > 1:
        yield from (load_entries(root, chunk, topics) for chunk in chunks)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(load_entries, *zip(*((root, chunk, topics) for chunk in chunks), strict=True))


def find_entry_files(qa_path: Path, diagnostics: list[Diagnostic], root: Path) -> list[tuple[str, Path]]:
    """``(relative path, path)`` of each ``*.md`` under ``qa_path``, sorted; links leading out are refused."""
    if not qa_path.is_dir():
        diagnostics.append(Diagnostic(_rel(qa_path, root), 1, 1, "QA050", "the qa/ folder is missing"))
        return []
    real_qa = str(qa_path.resolve())
    found: list[tuple[str, str]] = []
    folders = [(str(qa_path), _rel(qa_path, root))]
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
    rel = rel or _rel(path, root)
    problems: list[Diagnostic] = []

    def report(line: int, col: int, code: str, message: str) -> None:
        problems.append(Diagnostic(rel, line, col, code, message))

    text = read_text_file(path, report)
    entry = None
    if text is not None:
        try:
            entry = _parse_entry(rel, path, text, topics, report)
        except fm.YamlProblem as problem:
            report(problem.line, problem.col, problem.code, problem.message)
    diagnostics.extend(problems)
    return entry if not problems else None


def read_text_file(path: Path, report) -> str | None:
    """The file's text with ``\\n`` line endings and no BOM, or None after reporting why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report(1, 1, "QA003", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return None
        data = path.read_bytes()
    except OSError as error:
        report(1, 1, "QA004", f"cannot read file: {error.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # utf-8-sig counts from after the BOM it removed.
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, start) + 1
        col = start - (data.rfind(b"\n", 0, start) + 1) + 1
        report(line, col, "QA002", f"file is not valid UTF-8 (byte 0x{data[start]:02x}); save it as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        report(1, 1, "QA001", "file is empty; an entry needs front matter, '## Question' and '## Answer'")
        return None
    if "\x00" in text:
        report(data.count(b"\n", 0, data.index(b"\x00")) + 1, 1, "QA002", "file contains a NUL byte")
        return None
    return text


def _parse_entry(rel: str, path: Path, text: str, topics: dict[str, Topic], report) -> Entry | None:
    front = fm.split_front_matter(text)
    node = fm.compose_mapping(front.yaml_text, front.yaml_line)
    values = _read_fields(node, front.yaml_line, topics, report)
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


def _read_fields(node, first_line: int, topics: dict[str, Topic], report) -> dict:
    values: dict = {}
    items, problems = fm.mapping_items(node, first_line)
    for problem in problems:
        report(problem.line, problem.col, problem.code, problem.message)
    for key, key_node, value_node in items:
        line, col = fm.position(key_node, first_line)
        reader = _FIELD_READERS.get(key)
        if reader is None:
            hint = difflib.get_close_matches(key, REQUIRED + OPTIONAL, n=1)
            suggestion = (
                f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(REQUIRED + OPTIONAL)}"
            )
            report(line, col, "QA021", f"unknown key '{key}'{suggestion}")
            continue
        try:
            value = reader(value_node, key, topics)
        except fm.FieldError as error:
            report(*fm.position(value_node, first_line), error.code, str(error))
        except _ValueProblem as problem:
            report(*fm.position(problem.node or value_node, first_line), problem.code, problem.message)
        else:
            values[key] = value
    present = {key for key, _, _ in items}
    for key in REQUIRED:
        if key in present:
            continue
        report(first_line - 1, 1, "QA020", f"missing required key '{key}'")
    if "updated" in values and "date" in values and values["updated"] < values["date"]:
        updated_node = next(value for key, _, value in items if key == "updated")
        message = f"'updated' ({values['updated']}) is before 'date' ({values['date']})"
        report(*fm.position(updated_node, first_line), "QA023", message)
    return values


class _ValueProblem(Exception):
    def __init__(self, code: str, message: str, node=None) -> None:
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def _title(node, key, topics) -> str:
    return _bounded_text(node, key, MAX_TITLE)


def _bounded_text(node, key: str, limit: int) -> str:
    value = fm.read_text(node, key).strip()
    if not value:
        raise _ValueProblem("QA025", f"'{key}' is empty")
    if len(value) > limit:
        raise _ValueProblem("QA025", f"'{key}' is {len(value)} characters; the limit is {limit}")
    if "\n" in value:
        raise _ValueProblem("QA025", f"'{key}' must be one line")
    return value


def _topic(node, key, topics) -> str:
    value = fm.read_text(node, key).strip()
    # Without topics the topics file is broken or empty, and says so once; not once per entry.
    if topics and value not in topics:
        hint = difflib.get_close_matches(value, list(topics), n=1)
        suggestion = f"did you mean '{hint[0]}'? " if hint else ""
        valid = ", ".join(sorted(topics))
        raise _ValueProblem("QA024", f"unknown topic '{value}'; {suggestion}valid: {valid}")
    return value


def _tags(node, key, topics) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for tag, item in fm.read_text_list(node, key):
        tag = " ".join(tag.split())
        if not tag or len(tag) > MAX_SHORT_TEXT:
            raise _ValueProblem("QA025", f"each tag must be 1 to {MAX_SHORT_TEXT} characters", item)
        if tag.casefold() in seen:
            raise _ValueProblem("QA029", f"tag '{tag}' is listed twice (tags ignore case)", item)
        seen.add(tag.casefold())
        tags.append(tag)
    return tuple(tags)


def _slug(node, key, topics) -> str:
    value = fm.read_text(node, key).strip()
    if not is_valid_slug(value):
        suggestion = slugify(value)
        hint = f"; try '{suggestion}'" if suggestion else ""
        raise _ValueProblem(
            "QA026",
            f"slug {value!r} must be lowercase letters, digits and single hyphens{hint}",
        )
    return value


def _aliases(node, key, topics) -> tuple[str, ...]:
    aliases = []
    for alias, item in fm.read_text_list(node, key):
        path = normalize_alias(alias)
        if path is None:
            raise _ValueProblem(
                "QA028",
                f"alias {alias!r} must be a path on this site like '2019/12/old-post/' "
                "(no scheme, host, '..', '?' or '#')",
                item,
            )
        aliases.append(path)
    return tuple(aliases)


def normalize_alias(alias: str) -> str | None:
    """An old site path as ``a/b/``, or None when it could lead off the site or out of it."""
    path = alias.strip().strip("/")
    parts = path.split("/")
    if (
        not path
        or any(part in ("", ".", "..") for part in parts)
        or any(char in path for char in "\\?#:%<>\"'`{}|^ \t")
        or not path.isprintable()
    ):
        return None
    return path + "/"


_FIELD_READERS = {
    "title": _title,
    "date": lambda node, key, topics: fm.read_date(node, key),
    "topic": _topic,
    "tags": _tags,
    "asker": lambda node, key, topics: _bounded_text(node, key, MAX_SHORT_TEXT),
    "summary": lambda node, key, topics: _bounded_text(node, key, MAX_SUMMARY),
    "slug": _slug,
    "draft": lambda node, key, topics: fm.read_bool(node, key),
    "updated": lambda node, key, topics: fm.read_date(node, key),
    "aliases": _aliases,
    "follow_up_of": lambda node, key, topics: _slug(node, key, topics),
}


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


def load_topics(root: Path, qa_dir: str, diagnostics: list[Diagnostic]) -> dict[str, Topic]:
    """Read ``qa/topics.yml``: ``key: {title, description}`` for each topic."""
    path = root / qa_dir / TOPICS_FILE
    rel = _rel(path, root)

    def report(line: int, col: int, code: str, message: str) -> None:
        diagnostics.append(Diagnostic(rel, line, col, code, message))

    if not path.is_file():
        report(1, 1, "QA050", "topics file is missing; list topics as 'key: {title: ..., description: ...}'")
        return {}
    text = read_text_file(path, report)
    if text is None:
        return {}
    try:
        node = fm.compose_mapping(text, 1)
        return _read_topics(node, report)
    except fm.YamlProblem as problem:
        report(problem.line, problem.col, problem.code, problem.message)
        return {}


def _read_topics(node, report) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    items, problems = fm.mapping_items(node, 1)
    for problem in problems:
        report(problem.line, problem.col, "QA050", problem.message)
    for key, key_node, value_node in items:
        line, col = fm.position(key_node, 1)
        if not is_valid_slug(key):
            report(line, col, "QA050", f"topic key '{key}' must be lowercase letters, digits and hyphens")
            continue
        if not isinstance(value_node, fm.MappingNode):
            report(line, col, "QA050", f"topic '{key}' needs 'title' and 'description' under it")
            continue
        fields = {}
        field_items, problems = fm.mapping_items(value_node, 1)
        for problem in problems:
            report(problem.line, problem.col, "QA050", problem.message)
        for name, name_node, text_node in field_items:
            if name not in ("title", "description"):
                report(
                    *fm.position(name_node, 1),
                    "QA050",
                    f"unknown key '{name}' in topic '{key}'; allowed: title, description",
                )
                continue
            try:
                fields[name] = _bounded_text(
                    text_node, name, MAX_SHORT_TEXT if name == "title" else MAX_SUMMARY
                )
            except (fm.FieldError, _ValueProblem) as error:
                report(*fm.position(text_node, 1), "QA050", f"topic '{key}': {error}")
        if "title" not in fields:
            report(line, col, "QA050", f"topic '{key}' has no 'title'")
            continue
        topics[key] = Topic(key, fields["title"], fields.get("description", ""))
    if not topics:
        report(1, 1, "QA050", "no topics defined; add at least one 'key: {title: ..., description: ...}'")
    return topics


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
