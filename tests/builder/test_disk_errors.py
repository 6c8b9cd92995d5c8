"""A write that fails (a full disk, a file-size limit) ends the build with a message; the old site stays."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys

from .test_interrupt import snapshot

LIMIT = 64 * 1024  # smaller than Material's JavaScript bundle, larger than any page here


def limit_file_size() -> None:
    """In the child: writes past LIMIT bytes fail with EFBIG (the signal that would kill it is ignored)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_failing_write_keeps_the_old_site_and_says_why(column):
    column.entry("one", title="First title")
    assert column.run("build") == 0
    site = column.root / "site"
    before = snapshot(site)
    column.entry("one", title="Second title")
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"]
    build = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit_file_size)
    assert build.returncode == 1
    assert "File too large" in build.stderr
    assert "failed; the published site was left as it was" in build.stderr
    assert "Traceback" not in build.stderr
    assert snapshot(site) == before
    assert column.run("build") == 0
    assert "Second title" in (site / "qa/one/index.html").read_text(encoding="utf-8")
