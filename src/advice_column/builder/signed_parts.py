"""Search parts reused from the published index only when this user's own signature vouches for them.

``site/`` is in the working tree, so a pull request can plant files in ``site/pagefind/``. Each
part the build indexes gets a record: what it was indexed from, and the SHA-256 of every file,
signed with a key kept outside the repository (HMAC). A later build copies a part only when
the record is signed with that key, names the same sources, and every listed file still has
its hash; only the listed files are copied, so nothing planted beside them is published.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

RECORD = "advice-sources.sha256"
_CHUNK = 1 << 20


def sign_part(key: bytes, sources: str, part: Path) -> None:
    """Write ``part``'s record: ``sources``, each file's hash, and the signature of both."""
    body = "\n".join([sources, *(f"{digest}  {rel}" for rel, digest in _listing(part))])
    (part / RECORD).write_text(f"{body}\n{_sign(key, body)}\n", encoding="utf-8")


def is_signed(key: bytes, sources: str, part: Path) -> bool:
    """Whether ``part`` has a record made from ``sources`` and signed with ``key``; its files unread.

    Enough for a part in a folder only this user can write (a preview's own), kept as it is."""
    return _verified_listing(key, sources, part) is not None


def copy_signed_part(key: bytes, sources: str, old: Path, new: Path) -> bool:
    """Copy the signed part ``old`` to ``new`` if made from ``sources``; False (nothing copied) if not.

    Files are linked rather than copied where the file system allows: no file of a published
    index is ever written again (a new index is a new folder). Each is hashed as it is linked,
    and the part refused unless every hash is the recorded one.
    """
    files = _verified_listing(key, sources, old)
    if files is None:
        return False
    copied: list[Path] = []
    folders: set[Path] = set()
    for rel, digest in files:
        target = new / rel
        copied.append(target)
        try:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            same = _copy_file(old / rel, target) == digest
        except OSError:  # a listed file is gone, or a link now
            same = False
        if not same:
            for path in copied:
                path.unlink(missing_ok=True)
            return False
    (new / RECORD).write_bytes((old / RECORD).read_bytes())
    return True


def _verified_listing(key: bytes, sources: str, old: Path) -> list[tuple[str, str]] | None:
    if os.path.islink(old):
        return None
    try:
        fd = os.open(old / RECORD, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, encoding="utf-8") as file:
            lines = file.read(4 << 20).splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 2 or lines[0] != sources:
        return None
    body, signature = "\n".join(lines[:-1]), lines[-1]
    if not hmac.compare_digest(_sign(key, body), signature):
        return None
    listing = [line.split("  ", 1) for line in lines[1:-1]]
    return [(rel, digest) for digest, rel in listing]


def _listing(part: Path) -> list[tuple[str, str]]:
    """``(relative path, sha256)`` of each file of the part, its further parts (part-N/) excluded."""
    found = []
    for folder, dirnames, filenames in os.walk(part):
        if folder == str(part):
            dirnames[:] = [d for d in dirnames if not d.startswith("part-")]
            filenames = [f for f in filenames if f != RECORD]
        for name in filenames:
            path = Path(folder, name)
            found.append((path.relative_to(part).as_posix(), _hash_file(path)))
    return sorted(found)


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_file(source: Path, target: Path) -> str:
    """Link or copy one file, never following a link; returns the SHA-256 of what ``target`` holds."""
    digest = hashlib.sha256()
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as reader:
        if not _linked(source, reader.fileno(), target):  # another file system: copy
            with open(target, "wb") as writer:
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
            return digest.hexdigest()
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _linked(source: Path, fd: int, target: Path) -> bool:
    """Link ``target`` to ``source``; True when it is the very file open as ``fd`` (then hashed)."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    opened, linked = os.fstat(fd), os.lstat(target)
    if (opened.st_dev, opened.st_ino) != (linked.st_dev, linked.st_ino):
        target.unlink()  # the name now leads to another file: copy the one that was opened
        return False
    return True


def _sign(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("utf-8"), "sha256").hexdigest()
