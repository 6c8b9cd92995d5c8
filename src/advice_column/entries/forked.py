"""Work spread over the usable cores by forked processes: the package's one pool and GC policy.

Every process pool of the package starts here, so that the number of cores (CPU affinity
honoured: a container or ``taskset`` may give this process fewer than the machine has) and the
garbage collector's handling around a fork are decided in one place.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_MAX_POOL = 4  # a pool's workers: beyond this, sending items and results costs more than it saves
_CHUNK = 64  # items per message: fewer round trips, still an even spread at the end
_kept_frozen = False  # True between keep_frozen() and thaw()


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), else the machine's count."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is only safe while this process runs one thread: a thread's lock may be held."""
    return threading.active_count() == 1


def forked_map(function: Callable, items: Sequence, *, fewest: int = 400, chunk: int = _CHUNK) -> list:
    """``[function(item) for item in items]``, in forked processes when there are ``fewest`` or more.

    Forked children see this process's memory as it is now, so ``function`` may read anything
    built before the call (a closure too); only the items and the results cross between processes.
    """
    return list(forked_results(function, items, fewest=fewest, chunk=chunk))


def forked_results(
    function: Callable, items: Sequence, *, fewest: int = 400, chunk: int = _CHUNK
) -> Iterator:
    """``forked_map``, each result handed over as soon as it is there (in order), none kept.

    The caller may drop each result before the next: the whole list is never held at once.
    ``chunk`` items go to a worker in one message.
    """
    workers = min(usable_cores(), _MAX_POOL)
    if len(items) < fewest or workers < 2 or not can_fork():
        yield from map(function, items)
        return
    global _job
    _job = function  # forked children inherit it: a closure need not be pickled
    try:
        with frozen_for_fork(), ProcessPoolExecutor(workers, multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_run_job, items, chunksize=chunk)
    finally:
        _job = None


def start_forked(target: Callable, argument_lists: Sequence[tuple]) -> list:
    """One started forked process (a daemon) running ``target(*arguments)`` per argument tuple."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=target, args=arguments, daemon=True) for arguments in argument_lists]
    with frozen_for_fork():
        for process in processes:
            process.start()
    return processes


@contextmanager
def frozen_for_fork():
    """The heap frozen while children are forked: their collector never scans what they inherit,
    so it never writes to (and copies) the memory pages they share with this process."""
    gc.freeze()
    try:
        yield
    finally:
        if not _kept_frozen:
            gc.unfreeze()


def keep_frozen() -> None:
    """Freeze what exists now until :func:`thaw`: the collector need not walk it meanwhile
    (a preview's site, kept from one full build to the next); forks leave it frozen."""
    global _kept_frozen
    gc.freeze()
    _kept_frozen = True


def thaw() -> None:
    """Let the collector see everything again: what was kept frozen may be garbage now."""
    global _kept_frozen
    gc.unfreeze()
    _kept_frozen = False


_job: Callable | None = None


def _run_job(item):
    return _job(item)  # type: ignore[misc]
