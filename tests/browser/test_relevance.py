"""Search as readers word it, on a 70-entry career column with graded queries (scripts/relevance.py):
how well the first five results answer, and what the page says it did."""

from __future__ import annotations

import importlib.util
import re
import shutil
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from advice_column.cli import main

from ..conftest import REPO, served
from .conftest import every_result

pytestmark = pytest.mark.browser
MESSAGE = ".advice-results__message"
RESULT_LINK = ".advice-result__title"
HEADER_INPUT = "#advice-header-q"


def _load_relevance():
    spec = importlib.util.spec_from_file_location("advice_relevance", REPO / "scripts" / "relevance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


relevance = _load_relevance()
QUERIES = relevance.load_queries()


@pytest.fixture(scope="module")
def relevance_url(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("relevance") / "column"
    shutil.copytree(relevance.RELEVANCE_SET, root)
    assert main(["--root", str(root), "build"]) == 0
    with served(root / "site") as url:
        yield url


def results_for(page: Page, url: str, query: str) -> list[str]:
    return relevance.ours(page, url, query)


def test_graded_reader_queries_find_their_answers(page: Page, relevance_url: str):
    runs = relevance.run_queries(page, relevance_url, relevance.ours, QUERIES)
    found = relevance.score(runs)
    weak = [
        (run["query"], round(relevance.ndcg(run["ranked"], run["relevant"]), 2))
        for run in runs
        if run["relevant"]
    ]
    # Plain MkDocs + Material's search scores 0.63 on this set, and finds nothing for 1 of 38;
    # this search scored 0.64 before it read queries as readers write them (9 of 38 empty).
    assert found["ndcg5"] >= 0.85, sorted(weak, key=lambda item: item[1])[:8]
    assert found["recall5"] >= 0.75
    assert found["zero_results"] == []
    assert found["nonsense_found"] == []


def message(page: Page, url: str, query: str) -> str:
    results_for(page, url, query)
    return page.locator(MESSAGE).inner_text()


def test_stop_words_never_decide_whether_a_page_matches(page: Page, relevance_url: str):
    ranked = results_for(page, relevance_url, "should I tell my boss I'm interviewing")
    assert set(ranked[:2]) == {
        "should-i-tell-my-manager-im-interviewing-elsewhere",
        "how-do-i-job-hunt-without-my-boss-finding-out",
    }
    assert re.fullmatch(
        r"\d+ results for “should I tell my boss I'm interviewing”", page.locator(MESSAGE).inner_text()
    )


def test_pages_with_most_of_the_words_follow_and_the_page_says_so(page: Page, relevance_url: str):
    ranked = results_for(page, relevance_url, "career change at 40")  # no page says "40"
    assert "im-41-and-tired-of-teaching" in ranked[:3]
    assert (
        page.locator(MESSAGE).inner_text().endswith("No page has all of your words; these have most of them.")
    )


def test_a_misspelt_word_finds_what_its_correction_finds(page: Page, relevance_url: str):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    ranked = results_for(page, relevance_url, "salary")
    assert not [url for url in fetched if "/search/words/" in url], "the words load only for a misspelling"
    ranked = results_for(page, relevance_url, "negociate salery")
    expect(page.locator(MESSAGE)).to_have_text(
        re.compile(r"^Showing results for “negotiate salary”: \d+ results$")
    )
    assert ranked[0] == "the-offer-is-lower-than-i-hoped-how-do-i-negotiate"
    assert [url.rsplit("/", 1)[1] for url in fetched if "/search/words/" in url] == ["n.json", "s.json"]
    assert results_for(page, relevance_url, "resignaton letter")[0] == "what-should-a-resignation-letter-say"


@pytest.mark.parametrize("query", ["xyzzy", "asdfgh", "qwertyuiop zxcvbnm"])
def test_nonsense_still_finds_nothing(page: Page, relevance_url: str, query: str):
    assert results_for(page, relevance_url, query) == []
    expect(page.locator(MESSAGE)).to_have_text(f"No results for “{query}”")


def test_synonyms_find_the_columnists_words(page: Page, relevance_url: str):
    let_go = results_for(page, relevance_url, "let go from my job what do I say")
    assert "i-was-fired-what-do-i-say-when-they-ask-why-i-left" in let_go[:2]
    assert "laid-off-after-nine-years-how-do-i-explain-it" in let_go  # the first five
    assert results_for(page, relevance_url, "CV too long")[0] in {
        "should-my-cv-be-two-pages",
        "does-my-resume-really-have-to-fit-on-one-page",
    }


def test_working_from_home_is_not_homework(page: Page, relevance_url: str):
    # The take-home assignment entry says "homework", never "working from home" or "remote".
    page.goto(f"{relevance_url}search/?q={quote('working from home')}")
    page.wait_for_function(relevance._OURS_DONE, arg="working from home")
    ranked = [relevance.slug_of(href) for href in every_result(page)]
    assert "i-work-from-home-and-cant-switch-off" in ranked[:2]
    assert "the-take-home-assignment-looks-like-free-work" not in ranked


def test_the_header_and_the_search_page_agree(page: Page, relevance_url: str):
    for query in ("pay rise", "negociate salery", "interview nerves"):
        page.goto(relevance_url)
        page.locator(HEADER_INPUT).focus()
        page.keyboard.type(query, delay=20)
        expect(page.locator(".advice-panel")).to_have_attribute("data-query", query)
        header = [
            relevance.slug_of(href)
            for href in page.locator(".advice-panel__option").evaluate_all("a => a.map(o => o.href)")
        ]
        status = page.locator(".advice-panel__status")
        if query == "negociate salery":
            expect(status).to_have_text("Showing results for “negotiate salary”.")
        assert header == results_for(page, relevance_url, query)
