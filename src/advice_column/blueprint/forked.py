"""Pure work spread over the machine's cores by forked processes, when there is enough of it."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

_MAX_WORKERS = 4
_CHUNK = 64  # items per message: fewer round trips, still an even spread at the end


def forked_map(function: Callable, items: Sequence, *, fewest: int = 400) -> list:
    """``[function(item) for item in items]``, in forked processes when there are ``fewest`` or more.

    Forked children see this process's memory as it is now, so ``function`` may read anything
    built before the call; only the items and the results cross between processes.
    """
    return list(forked_results(function, items, fewest=fewest))


def forked_results(function: Callable, items: Sequence, *, fewest: int = 400) -> Iterator:
    """``forked_map``, each result handed over as soon as it is there (in order), none kept.

    The caller may drop each result before the next: the whole list is never held at once.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = min(cores, _MAX_WORKERS)
    # Forking is only safe while this process runs one thread (a build's generate step does).
    if len(items) < fewest or workers < 2 or threading.active_count() > 1:
        yield from map(function, items)
        return
    global _job
    _job = function  # forked children inherit it: a closure need not be pickled
    context = multiprocessing.get_context("fork")
    # The children's collector never scans what they inherit, so it copies fewer shared pages.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(_run_job, items, chunksize=_CHUNK)
    finally:
        gc.unfreeze()
        _job = None


_job: Callable | None = None


def _run_job(item):
    return _job(item)  # type: ignore[misc]
