"""The slug index of a column, cached so ``advice check FILE`` reads only the files that changed.

It is kept with the column's other cached state in the user's private cache folder, outside the
repository (nothing a pull request commits is read). Each file's claim is stored with the file's
inode, modification time (ns) and size, and used again only when all three still match. A file
changed in the last two seconds is not stored: its time may not yet tell a second change apart.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from ..build.workspace import WorkspaceError, column_cache
from ..entries.loader import find_entry_files
from ..entries.problems import Diagnostic
from ..entries.slug_index import Claim, SlugIndex, read_claim
from ..entries.slugs import is_valid_slug

QA_DIR = "qa"
CACHE_FILE = "check-slug-index.json"
_VERSION = 2
_RACY_NS = 2_000_000_000


def entry_index(root: Path, diagnostics: list[Diagnostic]) -> tuple[list[tuple[str, str]], SlugIndex]:
    """Every entry file under ``qa/`` as ``(relative path, path)`` in path order, and their slug index.

    Files that changed are read; the others' claims come from the cache, which is then updated.
    """
    listing = _scan(root / QA_DIR)
    if listing is None:  # a symbolic link: the loader's own listing knows which ones to refuse
        listing = [(rel, str(path), None) for rel, path in find_entry_files(root / QA_DIR, diagnostics, root)]
    stored, stored_claims = _load(root)
    index = SlugIndex()
    keys: dict[str, list[int]] = {}
    claims: dict[str, list] = {}
    racy = time.time_ns() - _RACY_NS
    for rel, path, entry in listing:
        try:
            info = entry.stat() if entry is not None else os.stat(path)
        except OSError:
            index.add(rel, read_claim(rel, Path(path)))
            continue
        key = [info.st_ino, info.st_mtime_ns, info.st_size]
        if stored.get(rel) == key and (rel not in stored_claims or _from_json(rel, stored_claims[rel])):
            claim = _from_json(rel, stored_claims[rel]) if rel in stored_claims else None
        else:
            claim = read_claim(rel, Path(path))
        index.add(rel, claim)
        if info.st_mtime_ns < racy:
            keys[rel] = key
            if claim is not None:
                claims[rel] = _to_json(claim)
    if keys != stored or claims != stored_claims:
        _save(root, keys, claims)
    return [(rel, path) for rel, path, _ in listing], index


def _scan(qa_path: Path) -> list[tuple[str, str, os.DirEntry]] | None:
    """Every ``*.md`` under ``qa_path`` by relative path, or None when there is a symbolic link."""
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
                    found.append((f"{rel_folder}/{item.name}", item.path, item))
    found.sort(key=lambda item: item[0])
    return found


def _to_json(claim: Claim) -> list:
    return [claim.slug, list(claim.aliases), claim.follow_up_of, [list(line) for line in claim.lines]]


def _from_json(rel: str, fields) -> Claim | None:
    """The claim stored for ``rel``, or None when anything in it is not as this module writes it."""
    try:
        slug, aliases, follow, lines = fields
        valid = (
            isinstance(slug, str)
            and is_valid_slug(slug)
            and all(isinstance(alias, str) for alias in aliases)
            and (follow is None or isinstance(follow, str))
            and all(isinstance(key, str) and type(line) is int for key, line in lines)
        )
    except (TypeError, ValueError):
        return None
    if not valid:
        return None
    return Claim(rel, slug, tuple(aliases), follow, places=tuple((key, (line, 1)) for key, line in lines))


def _load(root: Path) -> tuple[dict, dict]:
    """The stored ``(inode, time, size)`` of each file, and the claims that are not just the file name."""
    try:
        with open(column_cache(root) / CACHE_FILE, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError, WorkspaceError):
        return {}, {}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {}, {}
    files, claims = data.get("files"), data.get("claims")
    return (files, claims) if isinstance(files, dict) and isinstance(claims, dict) else ({}, {})


def _save(root: Path, files: dict[str, list], claims: dict[str, list]) -> None:
    """Write the cache atomically; nothing when the cache folder cannot be trusted or written."""
    try:
        folder = column_cache(root)
        handle, temporary = tempfile.mkstemp(prefix=".check-", dir=folder)
    except (OSError, WorkspaceError):
        return  # only a cache: the next check reads the files again
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"version": _VERSION, "files": files, "claims": claims}, file, separators=(",", ":"))
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        os.unlink(temporary)
