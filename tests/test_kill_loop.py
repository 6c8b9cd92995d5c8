"""SIGKILL `advice build` at random moments: no process of the build survives, site/ stays whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import ColumnDir

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
    assert (site / "pagefind/pagefind-entry.json").is_file()
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
