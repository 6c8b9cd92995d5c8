"""Fixtures of the browser tests."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from advice_column.blueprint.settings import read_settings

from ..conftest import SAMPLE, served

SITE_PATH = urlsplit(read_settings(SAMPLE).site_url).path.lstrip("/")
RESULT_LINK = ".advice-result__title"
FIRST_PAGE = 10  # results on the search page before "More results"


def every_result(page: Page) -> list[str]:
    """Every result's address on the search page, as a reader reaches them: scrolled to the
    list's end (the rest of the first page loads then), then "More results" until it is gone."""
    links, more = page.locator(RESULT_LINK), page.locator(".advice-results__more")
    expect(links).not_to_have_count(0)
    said = page.locator(".advice-results__message").inner_text()
    total = int(re.findall(r"(\d+) results?\b", said)[0])
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(links).to_have_count(min(total, FIRST_PAGE))
    while more.is_visible():
        shown = links.count()
        more.click()
        expect(links).not_to_have_count(shown)
    return [link.get_attribute("href") for link in links.all()]


@pytest.fixture(scope="session")
def at_site_path(sample_site: Path, tmp_path_factory):
    """The sample site served under its site_url's path, as MkDocs builds the 404 page for."""
    root = tmp_path_factory.mktemp("served")
    (root / SITE_PATH.rstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / SITE_PATH.rstrip("/")).symlink_to(sample_site, target_is_directory=True)
    with served(root) as url:
        yield url + SITE_PATH
