"""The built sample column in a real Chromium: search, topic filters, links, reply footer, privacy, drafts.

Expected titles, URLs and groupings come from the column's own data (``load_column`` +
``build_catalog``), never from copies of the sample text.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from advice_column.blueprint.catalog import build_catalog
from advice_column.blueprint.settings import read_settings
from advice_column.entries.loader import load_column
from advice_column.entries.model import Entry

from ..conftest import SAMPLE, tab_until

pytestmark = pytest.mark.browser

COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)
PUBLISHED = CATALOG.entries
DRAFTS = [entry for entry in COLUMN.entries if entry.draft]
CONFIG = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
PER_PAGE = read_settings(SAMPLE).per_page

RESULT = ".advice-result"
RESULT_LINK = ".advice-result__title"
RESULT_META = ".advice-result__meta"
MESSAGE = ".advice-results__message"
SEARCH_INPUT = "#advice-q"
# "3 results for “job”" / "1 result for …" / "No results for …".
DONE = re.compile(r"results? for")
COMMON_WORD = "job"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))


def text_of(entry: Entry) -> str:
    return f"{entry.title}\n{entry.question}\n{entry.answer}"


def only_entry_whose_answer_has(word: str) -> Entry:
    found = [entry for entry in PUBLISHED if word in words(entry.answer)]
    assert len(found) == 1, f"the sample should have exactly one answer with {word!r}: {found}"
    return found[0]


def result_count(page: Page) -> int:
    """The number in Pagefind's "N results for …" line, once a search has finished."""
    message = page.locator(MESSAGE)
    expect(message).to_have_text(DONE)
    text = message.inner_text()
    return 0 if text.startswith("No ") else int(re.match(r"\s*(\d+)", text).group(1))


def topic_checkbox(page: Page, title: str) -> Locator:
    return page.locator(f".advice-filter--topic input[name=topic][value={css_string(title)}]")


def css_string(value: str) -> str:
    """``value`` as a double-quoted CSS string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def all_result_urls(page: Page, query: str) -> list[str]:
    """Every result URL of ``query`` through Pagefind's JS API (the UI shows only the first five)."""
    return page.evaluate(
        """async (query) => {
            const pagefind = await import(new URL("../search/bundle/pagefind.js", location.href).href);
            const search = await pagefind.search(query);
            const data = await Promise.all(search.results.map((result) => result.data()));
            return data.map((item) => item.url);
        }""",
        query,
    )


# 1. Header search box → search page → the one matching entry first.


@pytest.mark.parametrize("word", ["poinsettia", "spreadsheet"])
def test_header_search_finds_the_only_answer_with_a_word(page: Page, site_url: str, word: str) -> None:
    entry = only_entry_whose_answer_has(word)
    page.goto(site_url)
    page.locator("form.advice-header-search input[name=q]").focus()
    page.keyboard.type(word)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{site_url}search/?q={word}")
    first = page.locator(RESULT_LINK).first
    expect(first).to_have_text(entry.title)
    assert urljoin(page.url, first.get_attribute("href")) == site_url + entry.url
    assert result_count(page) == 1

    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + entry.url)
    expect(page.locator("article[data-search-body] h1")).to_have_text(entry.title)
    expect(page.locator(".advice-answer")).to_contain_text(word)


# 2. Topic filters: ticking a box, and the search form on a topic page (?topic=Title).


def topic_with_most_matches(word: str) -> str:
    counts = {key: sum(word in words(text_of(e)) for e in group) for key, group in CATALOG.by_topic.items()}
    return max(counts, key=lambda key: (counts[key], key))


def assert_every_result_in_topic(page: Page, title: str) -> None:
    results = page.locator(RESULT)
    expect(results.first).to_be_visible()
    for index in range(results.count()):
        expect(results.nth(index).locator(RESULT_META)).to_have_text(re.compile(rf" · {re.escape(title)}$"))


def test_ticking_a_topic_filter_narrows_the_results(page: Page, site_url: str) -> None:
    title = COLUMN.topics[topic_with_most_matches(COMMON_WORD)].title
    page.goto(f"{site_url}search/?q={COMMON_WORD}")
    expect(page.locator(RESULT).first).to_be_visible()
    everything = result_count(page)
    topics_shown = {meta.rsplit(" · ", 1)[1] for meta in page.locator(RESULT_META).all_inner_texts()}
    assert len(topics_shown) > 1, f"a search for {COMMON_WORD!r} should span topics: {topics_shown}"

    checkbox = topic_checkbox(page, title)
    label = page.locator(f"label[for={css_string(checkbox.get_attribute('id'))}]")
    in_topic = int(re.search(r"(\d+)\s*$", label.inner_text()).group(1))
    assert 0 < in_topic < everything
    checkbox.check()

    expect(page.locator(MESSAGE)).to_have_text(re.compile(rf"^\s*{in_topic} results? for “{COMMON_WORD}”"))
    assert_every_result_in_topic(page, title)
    assert result_count(page) < everything


def test_search_link_on_a_topic_page_starts_filtered(page: Page, site_url: str) -> None:
    key = topic_with_most_matches(COMMON_WORD)
    title = COLUMN.topics[key].title
    page.goto(f"{site_url}topics/{key}/")
    page.locator("a.advice-listing__search").click()
    expect(topic_checkbox(page, title)).to_be_checked()
    page.locator(SEARCH_INPUT).fill(COMMON_WORD)

    expect(page).to_have_url(re.compile(rf"/search/\?q={COMMON_WORD}&"))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": [COMMON_WORD], "topic": [title]}
    expect(topic_checkbox(page, title)).to_be_checked()
    assert_every_result_in_topic(page, title)
    filtered = result_count(page)
    assert 0 < filtered <= len(CATALOG.by_topic[key])

    topic_checkbox(page, title).uncheck()
    expect(page.locator(MESSAGE)).not_to_have_text(re.compile(rf"^\s*{filtered} results? for .* in "))
    assert result_count(page) > filtered


# 3. Topic and tag links, followed by clicking.


def test_topic_and_tag_links_lead_to_pages_listing_the_entry(page: Page, site_url: str) -> None:
    entry = next(e for e in PUBLISHED if e.tags)  # the newest entry with tags: it is on the home page
    topic = COLUMN.topics[entry.topic]
    tag = CATALOG.tag_of(entry.tags[0])

    page.goto(site_url)
    page.locator(".advice-home ul.advice-topics a", has_text=topic.title).click()
    expect(page).to_have_url(f"{site_url}topics/{topic.key}/")
    expect(page.locator("h1")).to_have_text(topic.title)
    listed = page.locator("ol.advice-list li.advice-item a.advice-item__title")
    expect(listed).to_have_text([e.title for e in CATALOG.by_topic[topic.key]][:PER_PAGE])

    page.locator("ol.advice-list a.advice-item__title", has_text=entry.title).click()
    expect(page).to_have_url(site_url + entry.url)
    expect(page.locator("article h1")).to_have_text(entry.title)

    page.locator(".advice-tags a.advice-tag", has_text=tag.name).click()
    expect(page).to_have_url(f"{site_url}tags/{tag.slug}/")
    expect(page.locator("h1")).to_have_text(f"Tagged “{tag.name}”")
    expect(listed).to_have_text([e.title for e in tag.entries][:PER_PAGE])

    page.locator("ol.advice-list a.advice-item__title", has_text=entry.title).click()
    page.locator(".advice-byline__topic").click()
    expect(page).to_have_url(f"{site_url}topics/{topic.key}/")
    expect(page.locator("h1")).to_have_text(topic.title)


# 4. The reply link under an entry.


def reply_entries() -> list[Entry]:
    punctuated = next(e for e in PUBLISHED if {"&", '"', ":", "?"} <= set(e.title))
    non_ascii = next(e for e in PUBLISHED if not e.title.isascii())
    return [punctuated, non_ascii]


@pytest.mark.parametrize("entry", reply_entries(), ids=lambda e: e.slug)
def test_reply_link_carries_the_title_and_url_encoded(page: Page, site_url: str, entry: Entry) -> None:
    template = CONFIG["extra"]["advice"]["comments"]["url"]
    absolute = CONFIG["site_url"] + entry.url
    values = {"title": entry.title, "url": absolute, "slug": entry.slug}
    expected = re.sub(r"\{(\w+)\}", lambda m: quote(values[m.group(1)], safe=""), template)

    page.goto(site_url + entry.url)
    link = page.locator(".advice-reply a.advice-reply__link")
    expect(link).to_have_count(1)
    href = link.get_attribute("href")
    assert href == expected
    query = parse_qs(urlsplit(href).query, strict_parsing=True)
    assert query["title"] == ["Re: " + entry.title]
    assert query["body"] == ["About " + absolute]


# 5. Privacy: every request stays on 127.0.0.1 and succeeds.


def network_pages() -> list[str]:
    entry = PUBLISHED[0]
    return ["", entry.url, f"topics/{entry.topic}/", "tags/", "archive/", f"search/?q={COMMON_WORD}"]


@pytest.mark.parametrize("path", network_pages(), ids=lambda path: path or "home")
def test_pages_load_only_from_the_site_and_nothing_fails(page: Page, site_url: str, path: str) -> None:
    requested: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(f"{response.url}: HTTP {response.status}"),
    )
    page.goto(site_url + path, wait_until="networkidle")
    if path.startswith("search/"):
        expect(page.locator(RESULT_LINK).first).to_be_visible()
        page.wait_for_load_state("networkidle")

    elsewhere = [
        url
        for url in requested
        if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert requested
    assert elsewhere == []
    assert failed == []
    assert errors == []
    # The sitemap grows with the column; no page view may download it.
    assert not [url for url in requested if url.endswith("sitemap.xml")]


# 6. Keyboard only.


def test_keyboard_reaches_the_search_box_and_finds_results(page: Page, site_url: str) -> None:
    entry = only_entry_whose_answer_has("poinsettia")
    page.goto(f"{site_url}search/")
    expect(page.locator(SEARCH_INPUT)).to_be_visible()
    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    focused = "document.activeElement.matches('#advice-q')"
    assert tab_until(page, focused, presses=60), "Tab never reached the search box"

    page.keyboard.type("poinsettia")
    expect(page.locator(RESULT_LINK).first).to_have_text(entry.title)


# 7. Drafts are neither served nor searchable.


def draft() -> Entry:
    assert len(DRAFTS) == 1
    return DRAFTS[0]


def rarest_title_word(entry: Entry) -> str:
    """The word of ``entry``'s title found in the fewest published entries (longest on a tie)."""
    published = [words(text_of(e)) for e in PUBLISHED]
    candidates = [w for w in words(entry.title) if len(w) >= 4]
    return min(candidates, key=lambda w: (sum(w in p for p in published), -len(w), w))


def test_draft_page_is_not_served(page: Page, site_url: str) -> None:
    response = page.goto(site_url + draft().url)
    assert response is not None
    assert response.status == 404


@pytest.mark.parametrize("query", ["word", "title"])
def test_draft_is_not_found_by_search(page: Page, site_url: str, query: str) -> None:
    entry = draft()
    text = rarest_title_word(entry) if query == "word" else entry.title
    page.goto(f"{site_url}search/?q={quote(text)}")
    expect(page.locator(MESSAGE)).to_have_text(DONE)
    expect(page.locator(f'{RESULT_LINK}[href*="/{entry.slug}/"]')).to_have_count(0)
    urls = all_result_urls(page, text)
    assert not [url for url in urls if entry.slug in url]
