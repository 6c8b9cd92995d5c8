"""SIGKILL `advice build` at random moments: no process of the build survives, site/ stays whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..conftest import ColumnDir

ENTRIES = 60
KILLS = 10


def processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes whose arguments contain ``text`` (zombies excluded)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(command)
    return found


def wait_until_gone(text: str) -> list[str]:
    """Give the kernel a moment to deliver the children's death signals; what is left after."""
    deadline = time.monotonic() + 20
    while (left := processes_mentioning(text)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def assert_whole(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "search/bundle/pagefind-entry.json").is_file()
    assert len(list((site / "qa").glob("*/index.html"))) == ENTRIES


def test_sigkill_at_random_moments_leaves_no_process_and_a_whole_site(column: ColumnDir, private_cache):
    for number in range(ENTRIES):
        column.entry(f"entry-{number}", title=f"Question {number}", answer="An answer. " * 40)
    assert column.run("build") == 0
    site = column.root / "site"
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    whole_build = time.monotonic() - started  # the random moments fall within one build
    moments = random.Random(11).sample(range(1, 100), KILLS)
    for percent in moments:
        column.entry("entry-0", title=f"Question 0, edited at {percent}")
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole_build * percent / 100)
        build.send_signal(signal.SIGKILL)
        build.wait()
        # Search children and Pagefind name the column's cache folder in their arguments.
        assert wait_until_gone(str(private_cache)) == []
        assert_whole(site)
    assert column.run("build") == 0
    assert_whole(site)
    assert "edited at" in (site / "qa/entry-0/index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (column.root / ".advice").iterdir()) == [".gitignore", "lock"]


RENDER_IN_TWO_PROCESSES = """
import sys
from pathlib import Path
from advice_column.builder.describe import describe_site
from advice_column.builder.pipeline import generate, load_valid
from advice_column.engine.runner import load_engine_config, run_engine
root, docs, site = map(Path, sys.argv[1:4])
settings, column = load_valid(root)
catalog, docs_dir, _ = generate(root, settings, column, docs)
run_engine(load_engine_config(describe_site(root, settings, catalog, docs_dir), site), workers=2)
"""


def children_of(pid: int) -> set[int]:
    found = set()
    for child in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(child))
    return found


def alive(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + 20
    while (left := {pid for pid in pids if Path(f"/proc/{pid}").exists()}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_rendering_processes_die_with_a_killed_build(column: ColumnDir, tmp_path):
    for number in range(150):
        column.entry(f"entry-{number}", title=f"Question {number}", answer="An answer. " * 40)
    arguments = [str(column.root), str(tmp_path / "docs"), str(tmp_path / "site")]
    build = subprocess.Popen([sys.executable, "-c", RENDER_IN_TWO_PROCESSES, *arguments])
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = children_of(build.pid)
        time.sleep(0.01)
    assert len(workers) >= 2, "the rendering processes never started"
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert alive(workers) == set()
