"""The sample column looks like a column in a real Chromium: one section bar at every width, the
column's own footer, a masthead on the home page, and type set for reading (a serif, 60-75
characters a line, quotes in full colour, subheads above the labels, a headline a phone can take)."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Page, expect

from advice_column.blueprint.catalog import build_catalog
from advice_column.cli import main
from advice_column.entries.loader import load_column

from ..conftest import MKDOCS_YML, SAMPLE, TOPICS_YML, ColumnDir, entry_text, served

pytestmark = pytest.mark.browser

COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)
CONFIG = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
ENTRY = CATALOG.entries[0]
LONGEST = max(CATALOG.entries, key=lambda e: len(e.title))
WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 740}}
SECTIONS = ["Topics", "Archive", "About", "Ask a question"]

# The most characters on one rendered line in any element matching the selector.
LONGEST_LINE = """sel => {
  let most = 0;
  for (const block of document.querySelectorAll(sel)) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
      }
    }
    for (const count of lines.values()) most = Math.max(most, count);
  }
  return most;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("path", "current"),
    [("", None), (ENTRY.url, None), (f"topics/{ENTRY.topic}/", "Topics"), ("archive/", "Archive"),
     ("about/", "About"), ("ask/", "Ask a question"), ("404.html", None)],
)  # fmt: skip
def test_one_section_bar_on_every_page_at_every_width(page: Page, site_url, path, current, width, request):
    page.set_viewport_size(WIDTHS[width])
    page.goto((request.getfixturevalue("at_site_path") if path == "404.html" else site_url) + path)
    bar = page.get_by_role("navigation", name="Sections")
    links = bar.get_by_role("link")
    expect(links).to_have_text(SECTIONS)
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    marked = bar.locator("[aria-current]")
    expect(marked).to_have_text([current] if current else [])
    # The drawer and its menu button are gone: the bar is the one navigation.
    expect(page.locator(".md-header label[for='__drawer']")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    links.last.click()
    expect(page.locator("h1")).to_have_text("Ask a question")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_footer_is_the_columns_and_holds_the_only_repository_link(page: Page, site_url: str, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + ENTRY.url)
    expect(page.get_by_text("Made with")).to_have_count(0)
    repository = page.locator(f"a[href='{CONFIG['repo_url']}']").filter(visible=True)
    expect(repository).to_have_count(1)
    expect(page.locator(f"footer a[href='{CONFIG['repo_url']}']")).to_be_visible()
    footer = page.locator("footer")
    for name in ["Topics", "Tags", "Archive", "About", "Contributing", "Feed"]:
        expect(footer.get_by_role("link", name=name, exact=True)).to_be_visible()
    columnist = CONFIG["extra"]["advice"]["columnist"]
    expect(footer).to_contain_text(f"{CONFIG['site_name']}, answered by {columnist}")


def test_the_home_page_has_a_masthead_with_the_columnist(page: Page, site_url: str):
    page.goto(site_url)
    masthead = page.locator(".advice-masthead")
    expect(masthead.locator("h1")).to_have_text(CONFIG["site_name"])
    expect(masthead).to_contain_text(CONFIG["site_description"])
    expect(masthead).to_contain_text("Answers by " + CONFIG["extra"]["advice"]["columnist"])


@pytest.mark.parametrize("width", WIDTHS)
def test_answers_and_the_home_intro_read_at_60_to_75_characters(page: Page, site_url: str, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + ENTRY.url)
    longest = page.evaluate(LONGEST_LINE, ".advice-answer > p")
    assert longest <= 75
    if width == "1280":
        assert longest >= 60
        page.goto(site_url)
        assert 60 <= page.evaluate(LONGEST_LINE, ".md-content__inner > p") <= 75


ANSWER = """Say it plainly, in one breath:

> "I'd like to talk about my pay. Can we set aside half an hour this week?"

### If they say no

Ask when would suit them better, and write it down.
"""


@pytest.fixture(scope="module")
def quoting_site(tmp_path_factory):
    """A column whose answer holds a quoted line to say and a ### subhead."""
    column = ColumnDir(tmp_path_factory.mktemp("quotes") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    column.write("qa/topics.yml", TOPICS_YML)
    column.write("qa/raise.md", entry_text(title="How do I ask?", topic="salary", answer=ANSWER))
    assert main(["--root", str(column.root), "build"]) == 0
    with served(column.root / "site") as url:
        yield url


def test_reading_type_serif_quotes_in_full_colour_and_strong_subheads(page: Page, quoting_site: str):
    page.goto(quoting_site + "qa/raise/")
    style = "(e, name) => getComputedStyle(e)[name]"
    paragraph = page.locator(".advice-answer > p").first
    assert "serif" in paragraph.evaluate(style, "fontFamily").split(",")[-1]
    assert "sans" not in paragraph.evaluate(style, "fontFamily").split(",")[0].lower()
    body_colour = paragraph.evaluate(style, "color")
    quote = page.locator(".advice-answer blockquote p")
    expect(quote).to_have_count(1)
    assert quote.evaluate(style, "color") == body_colour
    label = page.locator(".advice-answer__label")
    size = lambda e: float(e.evaluate(style, "fontSize").removesuffix("px"))  # noqa: E731
    subhead = page.locator(".advice-answer h3")
    assert int(subhead.evaluate(style, "fontWeight")) >= 700
    assert size(subhead) > size(label)


def test_a_long_headline_leaves_room_for_the_question_on_a_phone(page: Page, site_url: str):
    page.set_viewport_size(WIDTHS["375"])
    page.goto(site_url + LONGEST.url)
    heading = page.locator("h1")
    lines = heading.evaluate(
        "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)"
    )
    assert round(lines) <= 4
    assert page.locator(".advice-question").bounding_box()["y"] < WIDTHS["375"]["height"]


def test_a_missing_page_offers_to_search_the_words_of_its_address(page: Page, sample_site, at_site_path):
    """A host answers a missing address with 404.html at that address: its words fill the search box."""
    missing = at_site_path + "2019/12/how-to-ask-for-a-raise.html"
    page.route(missing, lambda route: route.fulfill(status=404, path=sample_site / "404.html"))
    page.goto(missing)
    box = page.get_by_role("searchbox", name="Search the column")
    expect(box).to_have_value("how to ask for a raise")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"search/\?q=how\+to\+ask\+for\+a\+raise$"))
