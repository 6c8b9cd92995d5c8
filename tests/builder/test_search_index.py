"""A large column's search index is built in parts (bounded memory) and searched as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint import urls
from advice_column.builder.search_index import count_indexed_pages

from ..conftest import ColumnDir, entry_text, served

WORDS = ["quokka", "bramble", "cobalt", "damson", "ember", "fjord", "gossamer", "hickory", "indigo",
         "juniper", "kestrel", "lichen"]  # fmt: skip


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    """Twelve entries indexed in parts of five: pagefind/, pagefind/part-1/, pagefind/part-2/."""
    from ..conftest import MKDOCS_YML, TOPICS_YML

    column = ColumnDir(tmp_path_factory.mktemp("parts") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    column.write("qa/topics.yml", TOPICS_YML)
    for number, word in enumerate(WORDS):
        topic = "salary" if number % 3 == 0 else "interviews"
        text = entry_text(title=f"Question {number}", topic=topic, answer=f"The answer mentions {word}.")
        column.write(f"qa/e{number:02d}.md", text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urls, "PART_ENTRIES", 5)
        assert column.run("build") == 0
    return column.root / "site"


def test_index_is_written_in_parts_and_counted_whole(parted_site):
    assert (parted_site / "pagefind/pagefind-entry.json").exists()
    assert sorted(p.name for p in (parted_site / "pagefind").glob("part-*")) == ["part-1", "part-2"]
    assert count_indexed_pages(parted_site) == len(WORDS)
    parts = json.loads((parted_site / urls.SEARCH_PARTS_FILE).read_text(encoding="utf-8"))
    assert parts == ["pagefind/part-1/", "pagefind/part-2/"]
    home = LexborHTMLParser((parted_site / "index.html").read_text(encoding="utf-8"))
    assert home.css_first("form.advice-header-search").attributes["data-parts"] == "search/parts.json"


@pytest.fixture(scope="module")
def parted_url(parted_site):
    with served(parted_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("number", [0, 7, 11], ids=["part-0", "part-1", "part-2"])
def test_search_finds_entries_in_every_part(page: Page, parted_url: str, number: int):
    page.goto(f"{parted_url}search/?q={WORDS[number]}")
    results = page.locator(".advice-result__title")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text(f"Question {number}")


@pytest.mark.browser
def test_topic_filter_counts_every_part(page: Page, parted_url: str):
    page.goto(f"{parted_url}search/?q=answer")
    message = page.locator(".advice-results__message")
    expect(message).to_have_text(f"{len(WORDS)} results for “answer”")
    page.locator(".advice-filter--topic input[value='Salary & pay']").check()
    expect(message).to_have_text("4 results for “answer” in Salary & pay")


@pytest.mark.browser
def test_header_search_as_you_type_finds_entries_in_every_part(page: Page, parted_url: str):
    page.goto(parted_url)
    page.locator("#advice-header-q").fill(WORDS[11])
    expect(page.locator(".advice-panel__title")).to_have_text(["Question 11"])


@pytest.mark.browser
def test_an_edit_reindexes_only_its_part(tmp_path, monkeypatch, page: Page):
    from ..conftest import MKDOCS_YML, TOPICS_YML

    column = ColumnDir(tmp_path / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    column.write("qa/topics.yml", TOPICS_YML)
    for number, word in enumerate(WORDS):
        column.write(f"qa/e{number:02d}.md", entry_text(title=f"Question {number}", answer=f"About {word}."))
    monkeypatch.setattr(urls, "PART_ENTRIES", 5)
    assert column.run("build") == 0
    site = column.root / "site"

    def parts() -> dict[str, str]:
        digests = {"part-0": (site / "pagefind/advice-sources.sha256").read_text()}
        for number in (1, 2):
            digests[f"part-{number}"] = (site / f"pagefind/part-{number}/advice-sources.sha256").read_text()
        return digests

    before = parts()
    meta_before = {p.name for p in (site / "pagefind/part-1").glob("*.pf_meta")}
    column.write("qa/e11.md", entry_text(title="Question 11", answer="About walrus."))  # part 2
    assert column.run("build") == 0
    after = parts()
    assert after["part-0"] == before["part-0"] and after["part-1"] == before["part-1"]
    assert after["part-2"] != before["part-2"]
    assert {p.name for p in (site / "pagefind/part-1").glob("*.pf_meta")} == meta_before
    assert count_indexed_pages(site) == len(WORDS)
    with served(site) as url:  # part 2 was indexed again, from the edited entry
        page.goto(f"{url}search/?q=walrus")
        expect(page.locator(".advice-result__title")).to_have_text(["Question 11"])


def test_a_part_is_indexed_again_when_any_of_its_pages_was_rewritten(tmp_path):
    from advice_column.builder.search_index import build_index

    docs = tmp_path / "docs"
    (docs / "qa").mkdir(parents=True)
    for number, word in enumerate(WORDS[:6]):
        (docs / "qa" / f"e{number}.md").write_text(f"---\ntitle: Q\n---\n<p>{word}</p>\n", encoding="utf-8")
    source, key = tmp_path / "source", b"k" * 32

    def index(into: str, previous: str | None = None) -> list[str]:
        old = tmp_path / previous if previous else None
        build_index(docs, "en", source, tmp_path / into, key, 2, old)
        return [(source / f"digest-part-{n}.txt").read_text().split("\n")[1] for n in range(3)]

    first = index("one")
    assert index("two", "one") == first  # nothing changed: every part reused
    # The same length, another word: the part of e3 is made again, from the page as it is now.
    (docs / "qa/e3.md").write_text("---\ntitle: Q\n---\n<p>zzzzzz</p>\n", encoding="utf-8")
    third = index("three", "two")
    assert [third[0], third[2]] == [first[0], first[2]] and third[1] != first[1]
    assert "zzzzzz" in (source / "part-1/qa/e3/index.html").read_text(encoding="utf-8")
