"""The sample column built with Zensical, searched in a real Chromium: the search page and the
header's results as you type find entries through Pagefind, and a result opens its entry."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page, expect

from advice_column.cli import main

from ..conftest import SAMPLE, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("zensical-sample") / "column"
    shutil.copytree(SAMPLE, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  advice:\n" in text
    config.write_text(text.replace("  advice:\n", "  advice:\n    engine: zensical\n", 1), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    with served(root / "site") as url:
        yield url


def test_the_search_page_finds_entries_and_a_result_opens_one(page: Page, zensical_url: str):
    page.goto(zensical_url + "search/?q=interview", wait_until="networkidle")
    results = page.locator(".advice-result__title")
    expect(results.first).to_be_visible(timeout=20_000)
    assert results.count() >= 2
    title = results.first.inner_text()
    results.first.click()
    expect(page.locator("h1#title")).to_have_text(title)
    assert "/qa/" in page.url


def test_the_header_box_shows_results_as_you_type(page: Page, zensical_url: str):
    page.goto(zensical_url + "topics/", wait_until="networkidle")
    page.locator("#advice-header-q").focus()
    page.keyboard.type("raise", delay=30)
    expect(page.locator(".advice-panel__option").first).to_be_visible(timeout=20_000)
