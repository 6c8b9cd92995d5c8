"""A large column's search index is built in parts (bounded memory) and searched as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from selectolax.lexbor import LexborHTMLParser

from advice_column.search import addresses
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import count_indexed_pages
from advice_column.user_cache import column_cache

from ..conftest import ColumnDir, entry_text, served

WORDS = ["quokka", "bramble", "cobalt", "damson", "ember", "fjord", "gossamer", "hickory", "indigo",
         "juniper", "kestrel", "lichen"]  # fmt: skip


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    """Twelve entries indexed in parts of five: search/bundle/, its part-1/ and its part-2/."""
    from ..conftest import MKDOCS_YML, TOPICS_YML

    column = ColumnDir(tmp_path_factory.mktemp("parts") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    column.write("qa/topics.yml", TOPICS_YML)
    for number, word in enumerate(WORDS):
        topic = "salary" if number % 3 == 0 else "interviews"
        text = entry_text(title=f"Question {number}", topic=topic, answer=f"The answer mentions {word}.")
        column.write(f"qa/e{number:02d}.md", text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(addresses, "PART_ENTRIES", 5)
        assert column.run("build") == 0
    return column.root / "site"


def test_index_is_written_in_parts_and_counted_whole(parted_site):
    assert (parted_site / "search/bundle/pagefind-entry.json").exists()
    assert sorted(p.name for p in (parted_site / BUNDLE).glob("part-*")) == ["part-1", "part-2"]
    assert count_indexed_pages(parted_site / BUNDLE) == len(WORDS)
    parts = json.loads((parted_site / addresses.PARTS_FILE).read_text(encoding="utf-8"))
    assert parts == ["search/bundle/part-1/", "search/bundle/part-2/"]
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
    monkeypatch.setattr(addresses, "PART_ENTRIES", 5)
    assert column.run("build") == 0
    bundle = column.root / "site" / BUNDLE

    def parts() -> dict[str, tuple[str, int]]:  # each part's metadata file: name and inode
        files = {"part-0": next(bundle.glob("*.pf_meta"))}
        files |= {f"part-{n}": next((bundle / f"part-{n}").glob("*.pf_meta")) for n in (1, 2)}
        return {part: (path.name, path.stat().st_ino) for part, path in files.items()}

    before = parts()
    column.write("qa/e11.md", entry_text(title="Question 11", answer="About walrus."))  # part 2
    assert column.run("build") == 0
    after = parts()  # parts 0 and 1 are the very files of the last build (linked from the cache)
    assert after["part-0"] == before["part-0"] and after["part-1"] == before["part-1"]
    assert after["part-2"] != before["part-2"]
    assert count_indexed_pages(bundle) == len(WORDS)
    with served(column.root / "site") as url:  # part 2 was indexed again, from the edited entry
        page.goto(f"{url}search/?q=walrus")
        expect(page.locator(".advice-result__title")).to_have_text(["Question 11"])


def test_a_part_is_indexed_again_when_any_of_its_pages_was_rewritten(tmp_path):
    from advice_column.search.index import build_index

    docs = tmp_path / "docs"
    (docs / "qa").mkdir(parents=True)
    for number, word in enumerate(WORDS[:6]):
        (docs / "qa" / f"e{number}.md").write_text(f"---\ntitle: Q\n---\n<p>{word}</p>\n", encoding="utf-8")
    source, kept = tmp_path / "source", tmp_path / "one" / "bundle"

    def index(into: str, previous: Path | None = None) -> list[int]:
        return build_index(docs, "en", source, tmp_path / into, 2, previous)

    assert index("one") == []
    assert index("two", kept) == [0, 1, 2]  # nothing changed: every part reused
    assert not (tmp_path / "two" / "bundle").exists()
    # The same length, another word: the part of e3 is made again, from the page as it is now.
    (docs / "qa/e3.md").write_text("---\ntitle: Q\n---\n<p>zzzzzz</p>\n", encoding="utf-8")
    assert index("three", kept) == [0, 2]
    assert "zzzzzz" in (source / "part-1/qa/e3/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "three" / "bundle" / "part-1" / "pagefind-entry.json").exists()


def test_the_last_index_is_kept_in_the_users_cache_and_never_read_from_site(column):
    """``site/`` is in the working tree (a pull request can plant files there): nothing in it is
    reused or published; the unchanged parts come from the cache, outside the column."""
    column.entry("one", title="First question")
    column.entry("two", title="Second question", date="2024-05-01")
    assert column.run("build") == 0
    bundle = column.root / "site" / BUNDLE
    (bundle / "planted.js").write_text("alert(document.domain)", encoding="utf-8")
    (bundle / "fragment/planted.pf_fragment").write_bytes(b"x")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        language["page_count"] = 99
    (bundle / "pagefind-entry.json").unlink()  # replaced, as a checkout would
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    assert column.run("build") == 0
    assert not (bundle / "planted.js").exists()
    assert not (bundle / "fragment/planted.pf_fragment").exists()
    assert count_indexed_pages(bundle) == 2
    kept = column_cache(column.root) / "search-index"
    assert (kept / "pagefind-entry.json").stat().st_ino == (bundle / "pagefind-entry.json").stat().st_ino
    assert not (column.root / "site").resolve().is_relative_to(kept.resolve().parent)
