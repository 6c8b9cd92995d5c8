"""Freed memory handed back to the system, so that a big build's peak stays the size of its work.

Python frees a page's text when it is done with it, but the C allocator keeps the freed space
for later: after gigabytes of pages have come and gone, the process still holds them (and
every forked worker shares, then copies, what it holds). glibc's ``malloc_trim`` gives the
free space back.
"""

from __future__ import annotations

import ctypes
import functools


def give_back_free_memory() -> None:
    """Return this process's free heap space to the system (glibc only; elsewhere nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
