"""Child processes die with the build, even when it is killed (SIGKILL cannot be caught).

The search indexer and the program it runs have a session of their own, so that an interrupted build can
stop them together; that also means a killed build's terminal or CI step would not stop them.
On Linux each asks the kernel for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Have this process killed when ``parent_pid`` (its parent) dies; exit now if it already has."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return  # not Linux: an interrupted build still stops its children's session
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
