"""`advice serve` tells the truth: problems on every preview page, the site's 404 page, a busy port."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Error, Page, expect

from ..conftest import entry_text, free_port
from .test_preview import wait_for

pytestmark = pytest.mark.browser
PANEL = "#advice-build-problems"
BROKEN_TOPIC = "<img src=x onerror=document.title='owned'>"


def start_serving(column, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "serve"]
    command += ["-a", f"127.0.0.1:{port}"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(server: subprocess.Popen) -> tuple[str, str]:
    server.send_signal(signal.SIGTERM)
    return server.communicate(timeout=30)


def test_problems_show_on_every_page_until_fixed(column, page: Page):
    entry = column.entry("one", title="First title")
    column.entry("two", title="Second title", date="2024-01-01")
    port = free_port()
    server = start_serving(column, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(f"{base}qa/one/")
        page.goto(f"{base}qa/one/")
        expect(page.locator(PANEL)).to_have_count(0)
        entry.write_text(entry_text(title="First title", topic=BROKEN_TOPIC), encoding="utf-8")
        # Live reload brings the panel to the open page, naming the file and line.
        panel = page.locator(PANEL)
        expect(panel).to_contain_text("qa/one.md:4:8: QA024 unknown topic", timeout=30_000)
        expect(panel).to_contain_text(BROKEN_TOPIC)  # shown as text, never as markup
        expect(panel.locator("img")).to_have_count(0)
        assert page.title() != "owned"
        for path in ("", "qa/two/", "topics/", "no-such-page/"):
            page.goto(base + path)
            expect(page.locator(PANEL)).to_contain_text("qa/one.md:4:8: QA024")
        page.goto(f"{base}qa/two/")
        entry.write_text(entry_text(title="Fixed title"), encoding="utf-8")
        expect(page.locator(PANEL)).to_have_count(0, timeout=30_000)
        page.goto(f"{base}qa/one/")
        expect(page.locator("article h1")).to_have_text("Fixed title")
    finally:
        _, err = stop(server)
    assert server.returncode == 0
    assert err.count("ready at") == 1
    assert "last good build" not in err  # the site was built each time, broken entry aside
    assert "advice serve: 1 problem; serving every entry it can" in err
    assert "advice serve: rebuilt the changed pages in " in err
    assert "qa/one.md" in err.split("1 problem; serving every entry it can", 1)[1]


def test_one_invalid_entry_of_seventeen_at_start_the_others_are_served_under_the_panel(column, page: Page):
    for number in range(16):
        column.entry(f"fine-{number}", title=f"Fine question {number}", date=f"2025-01-{number + 1:02}")
    column.entry("broken", title="Broken", topic=BROKEN_TOPIC)
    port = free_port()
    server = start_serving(column, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/qa/fine-0/")
        page.goto(f"http://127.0.0.1:{port}/")
        expect(page.locator(".advice-home")).to_contain_text("Fine question 15")
        panel = page.locator(PANEL)
        expect(panel).to_contain_text("qa/broken.md:4:8: QA024")
        expect(panel).to_contain_text("The preview shows every entry it can")
        expect(panel).not_to_contain_text("last good build")
        page.goto(f"http://127.0.0.1:{port}/qa/broken/")  # never built: the site's own 404 page
        expect(page.locator(PANEL)).to_contain_text("qa/broken.md:4:8: QA024")
        expect(page.locator("body")).not_to_contain_text("No page here")
    finally:
        out, err = stop(server)
    assert "qa/broken.md:4:8: QA024" in out
    assert "advice serve: built all pages of 16 entries" in err
    assert "last good build" not in err


def test_a_column_broken_from_the_start_shows_its_problems(column, page: Page):
    column.entry("one", topic=BROKEN_TOPIC)
    port = free_port()
    server = start_serving(column, port)
    try:
        panel = page.locator(PANEL)
        for _ in range(120):  # the server answers once the first (failed) build is done
            try:
                page.goto(f"http://127.0.0.1:{port}/")
                break
            except Error:  # not listening yet
                page.wait_for_timeout(500)
        expect(panel).to_contain_text("qa/one.md:4:8: QA024", timeout=30_000)
        column.entry("one", title="Fixed now")
        expect(panel).to_have_count(0, timeout=30_000)
        expect(page.locator(".advice-home")).to_contain_text("Fixed now")
    finally:
        stop(server)


def test_unknown_addresses_get_the_sites_own_404_page(column):
    column.entry("one")
    port = free_port()
    server = start_serving(column, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/qa/one/")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page/", timeout=10)
        body = missing.value.read().decode("utf-8")
    finally:
        stop(server)
    assert missing.value.code == 404
    assert "<title>" in body and "Test Column" in body  # the site's page, with its header


def test_a_busy_port_is_reported_before_building(column):
    column.entry("one")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = start_serving(column, port)
        _, err = server.communicate(timeout=60)
    assert server.returncode == 1
    assert f"advice serve: cannot listen on 127.0.0.1:{port}: Address already in use" in err
    assert "built" not in err and "ready at" not in err
    assert "Traceback" not in err
