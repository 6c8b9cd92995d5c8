"""The slug index of a column, cached so ``advice check FILE`` reads only the files that changed.

It is kept with the column's other cached state in the user's private cache folder, outside the
repository (nothing a pull request commits is read). Each file's claim is stored with the file's
inode, modification and change times (ns) and size, and used again only when all four still
match; the change time cannot be set back, so a rewritten file never passes for the old one. A
file modified in the last two seconds is not stored: its time may not yet tell a second change
apart. The records are one line of text (the claims of the few files that set a key are a line
of JSON), so that reading and comparing them costs little more than the ``stat`` of each file.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from ..entries.loader import find_entry_files
from ..entries.problems import Diagnostic
from ..entries.slug_index import Claim, SlugIndex, read_claim
from ..entries.slugs import is_valid_slug
from ..user_cache import WorkspaceError, column_cache

QA_DIR = "qa"
CACHE_FILE = "check-slug-index.txt"
_HEADER = "advice-column check slug index 3\n"
_RACY_NS = 2_000_000_000
_DAMAGED = Claim("", "")  # a stored claim this module did not write: the file is read again
# A file's record: its relative path, then "inode:mtime:ctime:size". Names cannot hold NUL.
_SEP = "\0"
# File names as the system gives them (undecodable bytes kept), and no newline translation.
_TEXT = {"errors": "surrogateescape", "newline": ""}


def entry_index(root: Path, diagnostics: list[Diagnostic]) -> SlugIndex:
    """Every entry file under ``qa/`` and the slug index of them all.

    When no file changed since the index was stored, one comparison of its records with the
    files' says so; otherwise the changed files are read and the index is stored again.
    """
    files = _scan(root / QA_DIR)
    if files is None:  # a symbolic link: the loader's own listing knows which ones to refuse
        listing = find_entry_files(root / QA_DIR, diagnostics, root)
        files = [(rel, str(path), _stat(path)) for rel, path in listing]
    racy = time.time_ns() - _RACY_NS
    records = {
        rel: f"{info.st_ino}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_size}"
        for rel, _, info in files
        if info is not None and info.st_mtime_ns < racy
    }
    block = _SEP.join(f"{rel}{_SEP}{key}" for rel, key in records.items())
    stored_block, stored_claims = _load(root)
    unchanged = records if block == stored_block else _unchanged(records, stored_block)
    index = SlugIndex(files=[rel for rel, _, _ in files])
    stored = {rel: _from_json(rel, fields) for rel, fields in stored_claims.items() if rel in unchanged}
    index.claims = {rel: claim for rel, claim in stored.items() if claim is not _DAMAGED}
    damaged = len(index.claims) < len(stored)
    for rel, path, _ in files:
        if rel not in unchanged or stored.get(rel) is _DAMAGED:
            index.add_claim(rel, read_claim(rel, Path(path)))
    if block != stored_block or damaged:
        claims = {rel: _to_json(claim) for rel, claim in index.claims.items() if rel in records}
        _save(root, block, claims)
    return index


def _scan(qa_path: Path) -> list[tuple[str, str, os.stat_result | None]] | None:
    """``(relative path, path, stat)`` of every ``*.md`` under ``qa_path``; None at a symbolic link.

    In directory order: the stored records are in the same order while no folder changes.
    """
    found = []
    folders = [(str(qa_path), QA_DIR)]
    while folders:
        folder, rel_folder = folders.pop()
        with os.scandir(folder) as items:
            for item in items:
                if item.is_symlink():
                    return None
                if item.is_dir():
                    folders.append((item.path, f"{rel_folder}/{item.name}"))
                elif item.name.endswith(".md"):
                    found.append((f"{rel_folder}/{item.name}", item.path, _stat(item)))
    return found


def _stat(item: os.DirEntry | Path) -> os.stat_result | None:
    try:
        return item.stat(follow_symlinks=False)
    except OSError:
        return None  # read again each time; reading it reports why it cannot be read


def _unchanged(records: dict[str, str], stored_block: str) -> dict[str, str]:
    """The records that are as stored, by relative path."""
    fields = stored_block.split(_SEP) if stored_block else []
    if len(fields) % 2:
        return {}
    stored = dict(zip(fields[::2], fields[1::2], strict=True))
    return {rel: key for rel, key in records.items() if stored.get(rel) == key}


def _to_json(claim: Claim) -> list:
    return [claim.slug, list(claim.aliases), claim.follow_up_of, [list(line) for line in claim.lines]]


def _from_json(rel: str, fields) -> Claim:
    """The claim stored for ``rel``, or _DAMAGED when anything in it is not as this module writes it."""
    try:
        slug, aliases, follow, lines = fields
        valid = (
            isinstance(slug, str)
            and is_valid_slug(slug)
            and isinstance(aliases, list)
            and all(isinstance(alias, str) for alias in aliases)
            and (follow is None or isinstance(follow, str))
            and isinstance(lines, list)
            and all(isinstance(key, str) and type(line) is int for key, line in lines)
        )
    except (TypeError, ValueError):
        return _DAMAGED
    if not valid:
        return _DAMAGED
    return Claim(rel, slug, tuple(aliases), follow, places=tuple((key, (line, 1)) for key, line in lines))


def _load(root: Path) -> tuple[str, dict]:
    """The stored records and the claims of the files that set a key; nothing when unreadable."""
    try:
        with open(column_cache(root) / CACHE_FILE, encoding="utf-8", **_TEXT) as file:
            header, claims_line, block = file.readline(), file.readline(), file.read()
        claims = json.loads(claims_line) if header == _HEADER else None
    except (OSError, ValueError, WorkspaceError):
        return "", {}
    return (block, claims) if isinstance(claims, dict) else ("", {})


def _save(root: Path, block: str, claims: dict[str, list]) -> None:
    """Write the index atomically; nothing when the cache folder cannot be trusted or written."""
    try:
        folder = column_cache(root)
        handle, temporary = tempfile.mkstemp(prefix=".check-", dir=folder)
    except (OSError, WorkspaceError):
        return  # only a cache: the next check reads the files again
    try:
        with open(handle, "w", encoding="utf-8", **_TEXT) as file:
            file.write(f"{_HEADER}{json.dumps(claims, separators=(',', ':'))}\n{block}")
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        os.unlink(temporary)
