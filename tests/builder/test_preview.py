"""`advice serve` as a reader of the preview sees it: pages reload when an entry is saved."""

from __future__ import annotations

import glob
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from ..conftest import entry_text, free_port

pytestmark = pytest.mark.browser


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} never answered")


def test_saving_an_entry_reloads_the_page_and_stopping_cleans_up(column, page: Page, tmp_path):
    entry = column.entry("one", title="First title")
    port = free_port()
    temporary = tmp_path / "tmp"  # the preview's own, so other runs on the machine don't count
    temporary.mkdir()
    command = [
        sys.executable,
        "-m",
        "advice_column",
        "--root",
        str(column.root),
        "serve",
        "-a",
        f"127.0.0.1:{port}",
    ]
    environment = {**os.environ, "TMPDIR": str(temporary)}
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/qa/one/")
        assert glob.glob(str(temporary / "advice-serve-*"))  # where the preview is built
        page.goto(f"http://127.0.0.1:{port}/qa/one/")
        expect(page.locator("article h1")).to_have_text("First title")
        entry.write_text(entry_text(title="Second title", answer="Try quillwort."), encoding="utf-8")
        # Live reload: the open page shows the new title without anyone reloading it.
        expect(page.locator("article h1")).to_have_text("Second title", timeout=30_000)
        # The search follows in the background, indexed by the process started ahead for it.
        results = page.locator(".advice-result__title")
        for _ in range(60):
            page.goto(f"http://127.0.0.1:{port}/search/?q=quillwort")
            page.wait_for_selector(".advice-result__title, .advice-results__message:has-text('No results')")
            if results.count():
                break
            time.sleep(0.5)
        expect(results).to_have_text(["Second title"])
        page.goto(f"http://127.0.0.1:{port}/qa/one/")
        entry.write_text(entry_text(title="Broken", extra="tgas: [x]\n"), encoding="utf-8")
        time.sleep(3)
        page.reload()
        expect(page.locator("article h1")).to_have_text("Second title")  # the last good build
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "qa/one.md:5:1: QA021 unknown key 'tgas'; did you mean 'tags'?" in out
    assert (
        "advice serve: 1 problem; serving every entry it can "
        "(an entry with a problem as it last built cleanly)" in err
    )
    assert "advice serve: stopped" in err
    assert "search index" not in err
    assert not list(temporary.iterdir())
