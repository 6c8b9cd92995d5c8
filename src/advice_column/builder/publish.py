"""Swap a finished build in as ``site/`` in one step, so a reader or a kill never sees half a site.

On Linux the two folders trade places with one ``renameat2(RENAME_EXCHANGE)``. Elsewhere (or on
a file system without it) the old site is renamed aside first; the names of what was moved are
written to a journal in the user's cache, and every build starts by undoing a publish that was
cut short between the two renames. A folder a pull request planted is never put back: only the
journal, outside the repository, says what to restore.
"""

from __future__ import annotations

import ctypes
import errno
import os
from pathlib import Path

from .workspace import remove

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_JOURNAL = "publishing"


def publish(build_dir: Path, site_dir: Path, journal_dir: Path) -> None:
    """Replace ``site_dir`` with ``build_dir`` at once; the old site is deleted afterwards."""
    if not os.path.lexists(site_dir):
        os.rename(build_dir, site_dir)
    elif exchange(build_dir, site_dir):
        remove(build_dir)  # it holds the old site now
    else:
        previous = build_dir.with_name("old-" + build_dir.name)
        journal = journal_dir / _JOURNAL
        journal.write_text(f"{previous}\n{site_dir}\n", encoding="utf-8")
        os.rename(site_dir, previous)
        os.rename(build_dir, site_dir)
        journal.unlink()
        remove(previous)


def recover(journal_dir: Path) -> None:
    """Put the old site back if a publish was cut short between its two renames."""
    journal = journal_dir / _JOURNAL
    try:
        previous, site_dir = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return
    if not os.path.lexists(site_dir) and os.path.isdir(previous) and not os.path.islink(previous):
        os.rename(previous, site_dir)
    journal.unlink()


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    paths = os.fsencode(first), os.fsencode(second)
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel, or a file system without it
    raise OSError(code, os.strerror(code), str(second))
