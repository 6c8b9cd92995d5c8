"""Accessibility in a real browser: axe-core finds no serious or critical problem, in light and dark,
on a phone-width screen, and reading and searching work from the keyboard alone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from advice_column.entries.loader import load_column
from advice_column.site.catalog import build_catalog
from advice_column.site.settings import read_settings

from ..conftest import SAMPLE, served, tab_until

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent.parent / "assets" / "axe-core" / "axe.min.js"
COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)
ENTRY = CATALOG.entries[0]
FOLLOW_UP = next(entry for entry in CATALOG.entries if entry.follow_up_of)
PAGES = {
    "home": "",
    "entry": ENTRY.url,
    "follow-up": FOLLOW_UP.url,
    "earlier-question": CATALOG.by_slug[FOLLOW_UP.follow_up_of].url,
    "topic": f"topics/{ENTRY.topic}/",
    "topics": "topics/",
    "tag": f"tags/{CATALOG.tag_of(ENTRY.tags[0]).slug}/",
    "tags": "tags/",
    "archive": "archive/",
    "year": f"archive/{ENTRY.date.year}/",
    "about": "about/",
    "search": "search/?q=interview",
    "search-with-tags": "search/?q=interview&tag=" + ENTRY.tags[0],
    "header-results": "#header-results",
    "404": "404.html",
}
SITE_PATH = urlsplit(read_settings(SAMPLE).site_url).path.lstrip("/")


@pytest.fixture(scope="session")
def at_site_path(sample_site: Path, tmp_path_factory):
    """The sample site served under its site_url's path, as MkDocs builds the 404 page for."""
    root = tmp_path_factory.mktemp("served")
    (root / SITE_PATH.rstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / SITE_PATH.rstrip("/")).symlink_to(sample_site, target_is_directory=True)
    with served(root) as url:
        yield url + SITE_PATH


def violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of these impacts, every rule on (best practices included)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def serious_violations(page: Page) -> list[str]:
    return violations(page)


def open_page(page: Page, url: str) -> None:
    if url.endswith("#header-results"):  # the header's results panel, open on the home page
        page.goto(url.removesuffix("#header-results"))
        page.locator("#advice-header-q").fill("interview")
        expect(page.locator(".advice-panel__option").first).to_be_visible()
        return
    page.goto(url)
    if "search/" in url:
        expect(page.locator(".advice-result").first).to_be_visible()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_axe_violations(page: Page, site_url: str, name: str, scheme: str, request):
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    base = request.getfixturevalue("at_site_path") if name == "404" else site_url
    open_page(page, base + PAGES[name])
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    assert serious_violations(page) == []


@pytest.mark.parametrize("name", ["home", "entry", "topic", "search"])
def test_readable_on_a_phone(page: Page, site_url: str, name: str, tmp_path: Path):
    page.set_viewport_size({"width": 375, "height": 740})
    open_page(page, site_url + PAGES[name])
    assert serious_violations(page) == []
    # Nothing wider than the screen: no sideways scrolling to read.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("h1").first).to_be_visible()
    page.screenshot(path=str(tmp_path / f"{name}-375.png"), full_page=True)


def test_palette_toggle_switches_to_dark_and_back(page: Page, site_url: str):
    page.emulate_media(color_scheme="light")
    page.goto(site_url + ENTRY.url)
    page.locator("label[for='__palette_1']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[for='__palette_0']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"


def test_keyboard_reader_opens_the_latest_entry_from_the_home_page(page: Page, site_url: str):
    page.goto(site_url)
    focused = "document.activeElement === document.querySelector('.advice-home .advice-item__title')"
    assert tab_until(page, focused), "Tab never reached the latest entry"
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text(CATALOG.entries[0].title)
