"""A build killed or interrupted at any moment leaves the previous site exactly as it was."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ColumnDir


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def built(column: ColumnDir) -> ColumnDir:
    """A column of 80 entries, built once, then edited so the next build has work to do."""
    for number in range(80):
        column.entry(f"entry-{number}", title=f"Question {number}", answer="An answer. " * 50)
    assert column.run("build") == 0
    column.entry("entry-0", title="Question 0, revised")
    return column


def start_build(column: ColumnDir) -> subprocess.Popen:
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_until_building(column: ColumnDir, process: subprocess.Popen, stage: str) -> None:
    """Wait until the build has a folder in progress and has reached ``stage``'s files."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        builds = list((column.root / ".advice").glob("build-*"))
        if builds and any(builds[0].glob(stage)):
            return
        time.sleep(0.005)
    pytest.fail(f"the build never reached {stage!r}")


@pytest.mark.parametrize("stage", ["assets/*", "qa/*/index.html", "sitemap.xml"])
def test_sigkill_mid_build_keeps_the_old_site(built, stage):
    site = built.root / "site"
    before = snapshot(site)
    process = start_build(built)
    wait_until_building(built, process, stage)
    process.kill()
    process.communicate(timeout=30)
    if process.returncode == -signal.SIGKILL:
        assert snapshot(site) == before
    else:  # on a busy machine the build may finish first: then the new site must be whole
        assert process.returncode == 0
    # The next build clears what the killed one left and publishes.
    assert built.run("build") == 0
    assert not list((built.root / ".advice").glob("build-*"))
    assert "Question 0, revised" in (site / "qa/entry-0/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_build_cleans_up_and_keeps_the_old_site(built, sig):
    site = built.root / "site"
    before = snapshot(site)
    process = start_build(built)
    wait_until_building(built, process, "assets/*")  # the pages are still to come
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted; the previous site is untouched" in err
    assert "Traceback" not in err
    assert snapshot(site) == before
    assert not list((built.root / ".advice").glob("build-*"))
