"""Search as a reader uses it, in a real Chromium: results as you type from the header of any page,
the keyboard, the search page's URL, filters on a phone, and what must never be found."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from advice_column.blueprint.catalog import build_catalog
from advice_column.entries.loader import load_column

from ..conftest import SAMPLE
from .conftest import every_result

pytestmark = pytest.mark.browser

COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)
PUBLISHED = CATALOG.entries
HEADER_INPUT = "#advice-header-q"
OPTION = ".advice-panel__option"
MESSAGE = ".advice-results__message"
RESULT_LINK = ".advice-result__title"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))


def entries_with(word: str) -> list:
    return [e for e in PUBLISHED if word in words(f"{e.title} {e.question} {e.answer}")]


def rare_word() -> str:
    """A word of five letters or more in exactly two entries' answers (and so in a few results)."""
    counts = Counter(w for e in PUBLISHED for w in words(e.answer) if len(w) >= 7)
    return min(w for w, count in counts.items() if count == 2 and len(entries_with(w)) == 2)


def test_header_shows_results_as_you_type_on_an_entry_page(page: Page, site_url: str):
    word = rare_word()
    expected = {e.title for e in entries_with(word)}
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + PUBLISHED[-1].url, wait_until="networkidle")
    assert not [url for url in requested if "/search/bundle/" in url], "Pagefind loaded before any search"

    page.locator(HEADER_INPUT).focus()
    page.keyboard.type(word, delay=30)
    options = page.locator(OPTION)
    expect(options).to_have_count(len(expected))
    assert set(page.locator(".advice-panel__title").all_inner_texts()) == expected
    first_meta = page.locator(".advice-panel__meta").first.inner_text()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} · .+", first_meta), first_meta
    expect(page.locator(".advice-panel__all")).to_have_text(f"All {len(expected)} results")


def test_a_quick_typist_gets_results_for_the_word_not_for_its_first_two_letters(page: Page, site_url: str):
    # Every word starting with two letters has several times the index chunks of the word typed:
    # two letters are searched only when the reader stops there.
    word = rare_word()
    page.goto(site_url)
    page.evaluate(
        """() => { window.shownQueries = [];
        const panel = document.querySelector(".advice-panel");
        new MutationObserver(() => window.shownQueries.push(panel.dataset.query))
            .observe(panel, {attributes: true, attributeFilter: ["data-query"]}); }"""
    )
    box = page.locator(HEADER_INPUT)
    box.focus()
    page.keyboard.type(word, delay=120)
    expect(page.locator(OPTION)).to_have_count(2)
    shown = page.evaluate("window.shownQueries")
    assert shown and shown[-1] == word and all(len(query) >= 3 for query in shown), shown
    box.fill("")
    page.keyboard.type(word[:2], delay=120)
    expect(page.locator(".advice-panel")).to_have_attribute("data-query", word[:2])
    expect(page.locator(".advice-panel")).to_be_visible()


def test_keyboard_moves_through_results_opens_one_and_escape_closes(page: Page, site_url: str):
    word = rare_word()
    page.goto(site_url)
    box = page.locator(HEADER_INPUT)
    box.fill(word)
    expect(page.locator(OPTION)).to_have_count(2)
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    first = page.locator(OPTION).first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(page.locator(".advice-panel")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Backspace")
    expect(page.locator(".advice-panel")).to_be_visible()
    box.press("ArrowDown")
    href = urljoin(page.url, page.locator(OPTION).first.get_attribute("href"))
    box.press("Enter")
    expect(page).to_have_url(href)
    expect(page.locator("article h1")).to_be_visible()


def test_plain_enter_and_all_results_lead_to_the_search_page(page: Page, site_url: str):
    word = rare_word()
    page.goto(site_url + "archive/")
    page.locator(HEADER_INPUT).fill(word)
    page.locator(".advice-panel__all").click()
    expect(page).to_have_url(f"{site_url}search/?q={word}")
    expect(page.locator(RESULT_LINK)).to_have_count(2)
    page.goto(site_url + "tags/")
    page.locator(HEADER_INPUT).fill(word)
    page.locator(HEADER_INPUT).press("Enter")
    expect(page).to_have_url(f"{site_url}search/?q={word}")


def test_search_page_url_follows_query_and_filters_and_back_returns_to_it(page: Page, site_url: str):
    page.goto(site_url + "search/")
    page.locator("#advice-q").fill("job")
    expect(page).to_have_url(f"{site_url}search/?q=job")
    expect(page.locator(MESSAGE)).to_have_text(re.compile(r"^\d+ results for “job”$"))
    topic = max(
        CATALOG.topics.values(), key=lambda t: len([e for e in entries_with("job") if e.topic == t.key])
    )
    page.locator(f".advice-filter--topic input[value='{topic.title}']").check()
    expect(page).to_have_url(re.compile(r"\?q=job&topic="))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["job"], "topic": [topic.title]}
    shared = page.url
    expect(page.locator(MESSAGE)).to_have_text(re.compile(rf"in {re.escape(topic.title)}$"))
    titles = page.locator(RESULT_LINK).all_inner_texts()

    page.locator(RESULT_LINK).first.click()
    expect(page.locator("article h1")).to_have_text(titles[0])
    page.go_back()
    expect(page).to_have_url(shared)
    expect(page.locator("#advice-q")).to_have_value("job")
    expect(page.locator(f".advice-filter--topic input[value='{topic.title}']")).to_be_checked()
    expect(page.locator(RESULT_LINK)).to_have_text(titles)

    page.goto(shared)  # shared or bookmarked: the same search
    expect(page.locator(RESULT_LINK)).to_have_text(titles)


def commonest_word() -> str:
    return max(
        sorted({w for e in PUBLISHED for w in words(e.answer) if len(w) >= 3}),
        key=lambda w: len(entries_with(w)),
    )


def test_a_screen_of_results_loads_first_and_the_rest_as_the_reader_scrolls(page: Page, site_url: str):
    word = commonest_word()
    assert len(entries_with(word)) > 15
    fetched: list[str] = []

    def note(request) -> None:
        if request.url.endswith(".pf_fragment"):  # a result's text
            fetched.append(request.url)

    page.on("request", note)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(f"{site_url}search/?q={word}")
    links, more = page.locator(RESULT_LINK), page.locator(".advice-results__more")
    expect(links).to_have_count(5)
    page.wait_for_load_state("networkidle")
    assert links.count() == 5 and len(fetched) == 5  # each result loads its entry's text
    more.scroll_into_view_if_needed()
    expect(links).to_have_count(10)
    more.click()
    expect(links).to_have_count(min(20, len(entries_with(word))))
    expect(links.nth(10)).to_be_focused()
    assert len(fetched) == len(set(fetched)) == links.count()


def test_counts_shown_are_the_results_a_reader_can_reach(page: Page, site_url: str):
    word = commonest_word()
    assert len(entries_with(word)) > 10, "the results span more than one page"
    page.goto(site_url)
    page.locator(HEADER_INPUT).fill(word)
    all_results = page.locator(".advice-panel__all")
    expect(all_results).to_have_text(re.compile(r"^All \d+ results$"))
    count = int(all_results.inner_text().split()[1])
    all_results.click()
    expect(page.locator(MESSAGE)).to_have_text(f"{count} results for “{word}”")
    reached = every_result(page)
    assert len(reached) == count and len(set(reached)) == count
    assert count >= len(entries_with(word))

    topic = max(CATALOG.topics.values(), key=lambda t: len([e for e in PUBLISHED if e.topic == t.key]))
    page.goto(f"{site_url}search/?topic={quote(topic.title)}")
    in_topic = len([e for e in PUBLISHED if e.topic == topic.key])
    expect(page.locator(MESSAGE)).to_have_text(f"{in_topic} results in {topic.title}")
    assert len(set(every_result(page))) == in_topic


def test_tag_filter_loads_when_opened_and_hides_zero_counts(page: Page, site_url: str):
    filter_files: list[str] = []
    page.on("request", lambda request: "/filter/" in request.url and filter_files.append(request.url))
    page.goto(site_url + "search/?q=job", wait_until="networkidle")
    expect(page.locator(RESULT_LINK).first).to_be_visible()
    assert len(filter_files) == 1, "only the topic filter loads with the page"
    tags = page.locator(".advice-filter--tag")
    expect(tags.locator(".advice-filter__option")).to_have_count(0)
    tags.locator("summary").click()
    expect(tags.locator(".advice-filter__option").first).to_be_visible()
    assert len(filter_files) == 2
    in_results = {tag.casefold() for e in entries_with("job") for tag in e.tags}
    labels = tags.locator("label").all_inner_texts()
    shown = {re.sub(r"\s*\d+$", "", label).casefold() for label in labels}
    assert shown == in_results
    assert all(int(re.search(r"(\d+)$", label).group(1)) > 0 for label in labels)


def test_filters_sit_behind_one_button_on_a_phone(page: Page, site_url: str):
    filter_files: list[str] = []
    page.on("request", lambda request: "/filter/" in request.url and filter_files.append(request.url))
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "search/?q=job", wait_until="networkidle")
    first = page.locator(RESULT_LINK).first
    expect(first).to_be_visible()
    expect(page.locator(".advice-filter--topic")).to_be_hidden()
    assert first.bounding_box()["y"] < 740, "the first result is above the fold"
    assert not filter_files, "the topic filter loads only once the filters are opened"
    toggle = page.locator(".advice-filters__toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".advice-filter--topic input").first).to_be_visible()
    in_topic = Counter(CATALOG.topics[e.topic].title for e in entries_with("job"))
    labels = page.locator(".advice-filter--topic label").all_inner_texts()
    assert {re.sub(r"\s*\d+$", "", label): int(label.split()[-1]) for label in labels} == in_topic
    assert len(filter_files) == 1


def test_column_name_stays_whole_on_a_phone_and_search_opens_from_an_icon(page: Page, site_url: str):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + PUBLISHED[0].url)
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    expect(name).to_have_text(re.compile(r"\S"))
    assert page.evaluate("(e) => e.scrollWidth <= e.clientWidth", name.element_handle()), "name cut short"
    box = page.locator(HEADER_INPUT)
    expect(box).to_be_hidden()
    page.locator(".advice-header-search__open").click()
    expect(box).to_be_focused()
    page.keyboard.type(rare_word())
    expect(page.locator(OPTION).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("query", ["xyzzyqq", "aaaa", "docker"])
def test_a_word_the_column_does_not_hold_finds_nothing(page: Page, site_url: str, query: str):
    assert not entries_with(query)
    page.goto(f"{site_url}search/?q={quote(query)}")
    expect(page.locator(MESSAGE)).to_have_text(f"No results for “{query}”")
    expect(page.locator(RESULT_LINK)).to_have_count(0)
    page.goto(site_url)
    page.locator(HEADER_INPUT).fill(query)
    expect(page.locator(".advice-panel__status")).to_have_text(f"No questions match “{query}”.")
    expect(page.locator(OPTION)).to_have_count(0)


def test_a_word_being_typed_still_finds_its_entries(page: Page, site_url: str):
    word = rare_word()
    page.goto(f"{site_url}search/?q={word[:-1]}")
    expect(page.locator(RESULT_LINK).filter(has_text=next(iter(entries_with(word))).title)).to_have_count(1)


def test_title_matches_rank_above_body_matches(page: Page, site_url: str):
    for word in sorted({w for e in PUBLISHED for w in words(e.title) if len(w) >= 6}):
        in_title = [e for e in PUBLISHED if word in words(e.title)]
        in_body_only = [e for e in entries_with(word) if e not in in_title]
        if len(in_title) == 1 and len(in_body_only) >= 2:
            break
    else:
        pytest.fail("the sample has no word in one title and two other entries' text")
    page.goto(f"{site_url}search/?q={word}")
    expect(page.locator(MESSAGE)).to_have_text(re.compile(r"^\d+ results for"))
    every_result(page)
    titles = page.locator(RESULT_LINK).all_inner_texts()
    assert titles[0] == in_title[0].title
    assert {e.title for e in in_body_only} <= set(titles)


def test_excerpts_come_from_the_question_and_answer_only(page: Page, site_url: str):
    entry = next(e for e in PUBLISHED if e.asker and e.tags)
    # Sorted first: among the rarest words min() would otherwise take whichever the string hash
    # puts first, and a word Pagefind matches by its stem ('reminders' shown as 'remind') fails.
    word = min(
        sorted(words(entry.answer) - {"tags", "asks", "answer", "answers"}),
        key=lambda w: len(entries_with(w)),
    )
    page.goto(f"{site_url}search/?q={word}")
    result = page.locator(".advice-result", has=page.locator(RESULT_LINK, has_text=entry.title))
    excerpt = result.locator(".advice-result__excerpt").inner_text()
    assert word in excerpt.casefold()
    for furniture in ("Tags", f"{entry.asker} asks", "answers", entry.title):
        assert furniture not in excerpt


def test_an_excerpt_starts_with_a_sentence_or_says_text_comes_before(page: Page, site_url: str):
    common = sorted(
        {w for e in PUBLISHED for w in words(e.answer) if len(w) >= 5}, key=lambda w: -len(entries_with(w))
    )
    excerpts = []
    for word in common[:6]:
        page.goto(f"{site_url}search/?q={word}")
        expect(page.locator(".advice-result__excerpt")).to_have_count(5)
        excerpts += page.locator(".advice-result__excerpt").all_inner_texts()
    assert all(text.startswith("… ") or text[0].isupper() or not text[0].isalpha() for text in excerpts)


def test_results_show_the_asker_and_the_summary_that_listings_show(page: Page, site_url: str):
    from advice_column.blueprint.views import view_entries

    entry = next(e for e in PUBLISHED if e.asker and len(entries_with(rare_word_of(e))) == 1)
    summary = view_entries(CATALOG)[entry.slug].description
    page.goto(f"{site_url}search/?q={rare_word_of(entry)}")
    result = page.locator(".advice-result", has=page.locator(RESULT_LINK, has_text=entry.title))
    expect(result.locator(".advice-result__asker")).to_have_text(f"{entry.asker} asks")
    expect(result.locator(".advice-result__summary")).to_have_text(summary)
    expect(result.locator(".advice-result__excerpt mark").first).to_be_visible()
    expect(page.locator(".advice-results__empty")).to_be_hidden()


def rare_word_of(entry) -> str:
    """The word of the entry's answer that the fewest entries hold (the first such, sorted)."""
    return min(sorted(w for w in words(entry.answer) if len(w) >= 5), key=lambda w: len(entries_with(w)))


def test_a_search_that_finds_nothing_offers_topics_latest_questions_and_asking(page: Page, site_url: str):
    page.goto(site_url + "search/")
    expect(page.locator(MESSAGE)).to_have_text("Type a word or two, or choose a topic.")
    empty = page.locator(".advice-results__empty")
    expect(empty).to_be_hidden()
    page.locator("#advice-q").fill("xyzzyqq")
    expect(page.locator(MESSAGE)).to_have_text("No results for “xyzzyqq”")
    expect(empty).to_be_visible()
    with_entries = [t.title for key, t in CATALOG.topics.items() if CATALOG.by_topic[key]]
    expect(empty.locator(".advice-topics a")).to_have_text(with_entries)
    expect(empty.locator(".advice-item__title")).to_have_text([e.title for e in PUBLISHED[:5]])
    ask = empty.locator(".advice-search-empty__ask a")
    expect(ask).to_have_text("Ask this question")
    ask.click()
    expect(page).to_have_url(site_url + "ask/")
    page.go_back()
    page.locator("#advice-q").fill("job")
    expect(page.locator(RESULT_LINK).first).to_be_visible()
    expect(empty).to_be_hidden()


def test_a_spanish_column_searches_in_spanish(page: Page, column):
    from ..blueprint.test_words import spanish
    from ..conftest import served

    spanish(column)
    assert column.run("build") == 0
    with served(column.root / "site") as url:
        page.goto(url + "search/?q=interviewed")
        expect(page.locator("h1")).to_have_text("Buscar")
        expect(page.locator("label[for=advice-q]")).to_have_text("Buscar en preguntas y respuestas")
        expect(page.locator(".advice-filters__toggle")).to_have_text("Filtros")
        expect(page.locator(".advice-filter--topic legend")).to_have_text("Tema")
        expect(page.locator(".advice-filter--tag summary")).to_have_text("Etiquetas")
        expect(page.locator(MESSAGE)).to_have_text("2 resultados para «interviewed»")
        expect(page.locator(".advice-result__asker")).to_have_text(["Shawn pregunta"])
        page.locator("#advice-q").fill("xyzzyqq")
        expect(page.locator(MESSAGE)).to_have_text("Ningún resultado para «xyzzyqq»")
        expect(page.locator(".advice-search-empty__ask a")).to_have_text("Hacer esta pregunta")
        page.goto(url)
        expect(page.locator(HEADER_INPUT)).to_have_attribute("placeholder", "Buscar preguntas")
        page.locator(HEADER_INPUT).fill("interviewed")
        expect(page.locator(".advice-panel__all")).to_have_text("Los 2 resultados")


PAYLOAD = '<img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> str:
    """A built column whose search index holds markup in every field the search shows: title,
    text, topic and tag filters, date. Indexed straight from a page written here, so it holds
    what no validation would let through."""
    from advice_column.cli import main
    from advice_column.search.index import run_pagefind

    from ..conftest import MKDOCS_YML, TOPICS_YML, ColumnDir, entry_text

    column = ColumnDir(tmp_path_factory.mktemp("hostile") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    column.write("qa/topics.yml", TOPICS_YML)
    column.write("qa/plain.md", entry_text())
    assert main(["--root", str(column.root), "build"]) == 0
    text = html_escape(PAYLOAD)
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
        f"<article data-pagefind-body><h1>{text} zebra</h1><p>The zebra says {text}.</p>"
        f'<span data-pagefind-filter="topic">{text}</span><span data-pagefind-filter="tag">{text}</span>'
        f'<span data-pagefind-meta="date">{text}</span><span data-pagefind-meta="topic">{text}</span>'
        f"</article></body></html>"
    )
    source = column.root / "hostile-source"
    column.write("hostile-source/qa/zebra/index.html", page)
    bundle = column.root / "site" / "search" / "bundle"
    for stale in bundle.iterdir():
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    run_pagefind(source, bundle, "en")
    return column.root / "site"


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def test_markup_in_the_index_is_shown_as_text_never_run(page: Page, hostile_site):
    from ..conftest import served

    with served(hostile_site) as url:
        page.goto(url + "search/?q=zebra")
        page.locator(".advice-filter--tag summary").click()
        expect(page.locator(".advice-filter--tag label")).to_have_text([f"{PAYLOAD} 1"])
        expect(page.locator(".advice-filter--topic label")).to_have_text([f"{PAYLOAD} 1"])
        expect(page.locator(RESULT_LINK)).to_have_text(f"{PAYLOAD} zebra")
        expect(page.locator(".advice-result__excerpt mark").first).to_have_text(re.compile("^zebra"))
        assert page.evaluate("window.pwned") is None
        assert page.locator("main img").count() == 0
        page.goto(url)
        page.locator(HEADER_INPUT).fill("zebra")
        expect(page.locator(".advice-panel__title")).to_have_text(f"{PAYLOAD} zebra")
        assert page.evaluate("window.pwned") is None
        assert page.locator("main img, .advice-panel img, .advice-filters img").count() == 0
