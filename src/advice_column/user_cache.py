"""The user's private cache folder: what a later build or check reads again, outside every repository.

Below every wing that keeps a cache (``advice check``'s slug index, the build's pages and search
documents), so none of them reaches into another for the path.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .errors import BuildError


class WorkspaceError(BuildError):
    """A folder the build works in is not one it can trust; the message says what to delete."""


def cache_folder() -> Path:
    """The user's private cache folder for advice-column ($XDG_CACHE_HOME/advice-column)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return private_folder(Path(base).absolute() / "advice-column")


def column_cache(root: Path) -> Path:
    """The cache of one column checkout (its generated pages and search documents)."""
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:24]
    return private_folder(cache_folder() / "columns" / name)


def private_folder(path: Path) -> Path:
    """``path``, made 0700 if missing; refused unless it is a real folder of this user's only."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError as error:
        raise WorkspaceError(f"cannot make the cache folder {path}: {error.strerror}") from None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise WorkspaceError(
            f"{path} is not a folder only you can write (a link, another user's, or group-writable); "
            "delete it and build again"
        )
    return path
