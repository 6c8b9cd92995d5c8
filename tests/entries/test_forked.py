"""The one helper for parallel work: usable cores, forked workers, and the collector around a fork.

Forking runs in a fresh interpreter: it is only done from a process with a single thread, and a
test session may hold others (the browser tests' driver, for one).
"""

from __future__ import annotations

import os

import pytest

from ..builder.test_parallel_loading import run_fresh

pytestmark = pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")


def test_the_core_count_honours_the_cpu_affinity():
    outcome = run_fresh(
        """
        import json, os
        from advice_column.entries.forked import usable_cores
        before = usable_cores()
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        print(json.dumps({"before": before, "after": usable_cores(), "machine": os.cpu_count()}))
        """
    )
    assert outcome["before"] == len(os.sched_getaffinity(0))
    assert outcome["after"] == 1


def test_workers_give_the_results_one_process_gives():
    outcome = run_fresh(
        """
        import json, os
        from advice_column.entries.forked import forked_map
        os.sched_setaffinity(0, set(range(os.cpu_count())))
        table = {n: n * n for n in range(500)}  # read by the workers from the memory they inherit
        def square_plus_pid(n):
            return table[n], os.getpid()
        results = forked_map(square_plus_pid, list(range(500)), fewest=10, chunk=7)
        print(json.dumps({
            "same": [value for value, _ in results] == [n * n for n in range(500)],
            "forked": len({pid for _, pid in results} - {os.getpid()}),
        }))
        """
    )
    assert outcome["same"]
    assert outcome["forked"] >= (1 if len(os.sched_getaffinity(0)) > 1 or os.cpu_count() > 1 else 0)


def test_what_a_preview_keeps_frozen_stays_frozen_across_a_fork():
    outcome = run_fresh(
        """
        import gc, json, os
        from advice_column.entries.forked import forked_map, keep_frozen, thaw
        os.sched_setaffinity(0, set(range(os.cpu_count())))
        kept = [[n] for n in range(1000)]
        keep_frozen()
        frozen = gc.get_freeze_count()
        forked_map(abs, list(range(100)), fewest=10)
        after_fork = gc.get_freeze_count()
        thaw()
        print(json.dumps({"frozen": frozen, "after_fork": after_fork, "thawed": gc.get_freeze_count()}))
        """
    )
    assert outcome["frozen"] > 1000
    assert outcome["after_fork"] >= outcome["frozen"]
    assert outcome["thawed"] == 0
