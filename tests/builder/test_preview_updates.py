"""Preview updates re-render only what an edit rewrote; the pages must be those a full build makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from advice_column.search import addresses
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import RECORD, count_indexed_pages

from ..conftest import served

URL = "http://127.0.0.1:8000/"
# Not re-rendered by an update: the sitemap (every page's lastmod) and the search index, which
# follows in the background.
NOT_UPDATED = ("sitemap.xml", "sitemap.xml.gz", "search/bundle/")


def pages(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    return {rel: path.read_bytes() for rel, path in files.items() if not rel.startswith(NOT_UPDATED)}


def test_edits_additions_and_deletions_give_the_pages_of_a_full_build(column, tmp_path, open_preview):
    column.entry("kept", title="Kept as it is", extra="tags: [pay]\n")
    column.entry("edited", title="Before the edit", date="2024-05-01", extra="tags: [pay, offers]\n")
    gone = column.entry("deleted", title="Soon deleted", date="2019-03-03", extra="tags: [rare]\n")
    preview = open_preview(column.root, tmp_path / "live")
    assert preview.rebuild().startswith("built all pages")
    preview.wait_for_search()

    column.entry(
        "edited", title="After the edit", date="2024-05-01", extra="tags: [pay]\n", answer="New words."
    )
    column.entry("added", title="A new question", topic="salary", extra="tags: [offers]\n")
    gone.unlink()
    summary = preview.rebuild()
    preview.wait_for_search()
    assert summary.startswith("rebuilt the changed pages"), summary

    live = pages(tmp_path / "live")
    assert "New words." in live["qa/edited/index.html"].decode()
    assert "qa/added/index.html" in live and "qa/deleted/index.html" not in live
    assert "tags/rare/index.html" not in live and "archive/2019/index.html" not in live
    fresh = open_preview(column.root, tmp_path / "fresh")
    assert fresh.rebuild().startswith("built all pages")
    fresh.wait_for_search()
    full = pages(tmp_path / "fresh")
    assert sorted(live) == sorted(full)
    assert [rel for rel in full if live[rel] != full[rel]] == []


def test_a_changed_topic_title_rebuilds_every_page(column, tmp_path, open_preview):
    column.entry("one")
    preview = open_preview(column.root, tmp_path / "live")
    assert preview.rebuild().startswith("built all pages")
    topics = column.root / "qa/topics.yml"
    topics.write_text(topics.read_text().replace("Interviews", "Job interviews"), encoding="utf-8")
    assert preview.rebuild().startswith("built all pages")
    assert "Job interviews" in (tmp_path / "live/qa/one/index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_preview_search_finds_an_edit_and_not_the_old_words(
    column, tmp_path, page, monkeypatch, open_preview
):
    monkeypatch.setattr(addresses, "PREVIEW_PART_SIZES", (2,))
    for number, word in enumerate(["quokka", "bramble", "cobalt", "damson", "ember"]):
        column.entry(f"e{number}", title=f"Question {number}", answer=f"The answer mentions {word}.")
    preview = open_preview(column.root, tmp_path / "live")
    assert preview.rebuild()
    preview.wait_for_search()
    site = tmp_path / "live"
    assert sorted(p.name for p in (site / BUNDLE).glob("part-*")) == ["part-1", "part-2"]

    def metadata() -> dict[str, tuple[str, int]]:  # each part's metadata file: name and inode
        files = {"part-0": next((site / BUNDLE).glob("*.pf_meta"))}
        files |= {f"part-{n}": next((site / f"search/bundle/part-{n}").glob("*.pf_meta")) for n in (1, 2)}
        return {part: (path.name, path.stat().st_ino) for part, path in files.items()}

    def folders() -> list[int]:  # the part folders themselves: moved into each new index whole
        return [(site / BUNDLE / f"part-{n}").stat().st_ino for n in (1, 2)]

    before, before_folders = metadata(), folders()
    column.entry("e1", title="Question 1", answer="The answer now mentions juniper.")  # in part 0
    assert preview.rebuild().startswith("rebuilt the changed pages")
    preview.wait_for_search()
    after = metadata()  # the other parts are the very files they were: kept, not indexed again
    assert after["part-0"] != before["part-0"]
    assert [after["part-1"], after["part-2"]] == [before["part-1"], before["part-2"]]
    assert folders() == before_folders
    column.entry("e4", title="Question 4", answer="The answer now mentions ember and fennel.")  # part 2
    assert preview.rebuild().startswith("rebuilt the changed pages")
    preview.wait_for_search()
    last = metadata()
    assert [last["part-0"], last["part-1"]] == [after["part-0"], after["part-1"]]
    assert last["part-2"] != after["part-2"]
    assert count_indexed_pages(site / BUNDLE) == 5
    assert sorted(p.name for p in (site / BUNDLE).glob("part-*")) == ["part-1", "part-2"]
    assert not list(site.parent.rglob("kept-parts.txt"))
    # A published part that does not say it was made from what the kept one was is not reused.
    record = site / BUNDLE / "part-1" / RECORD
    record.unlink()  # a link to the kept part's record: replaced, not written through
    record.write_text("something else", encoding="utf-8")
    stale_folders = folders()
    column.entry("e0", title="Question 0", answer="The answer mentions quokka and walrus.")  # part 0
    assert preview.rebuild().startswith("rebuilt the changed pages")
    preview.wait_for_search()
    assert folders()[0] != stale_folders[0] and folders()[1] == stale_folders[1]
    assert record.read_text(encoding="utf-8") != "something else"
    with served(site) as url:
        page.goto(f"{url}search/?q=juniper")
        expect(page.locator(".advice-result__title")).to_have_text(["Question 1"])
        page.goto(f"{url}search/?q=bramble")
        expect(page.locator(".advice-results__message")).to_contain_text("No results")
        page.goto(f"{url}search/?q=fennel")
        expect(page.locator(".advice-result__title")).to_have_text(["Question 4"])
        page.goto(f"{url}search/?q=cobalt")  # from the part kept through both edits
        expect(page.locator(".advice-result__title")).to_have_text(["Question 2"])


def test_an_indexer_that_ended_while_waiting_is_replaced(column, tmp_path, open_preview):
    column.entry("one", answer="First words.")
    site = tmp_path / "live"
    preview = open_preview(column.root, site)
    assert preview.rebuild()
    preview.wait_for_search()
    before = sorted(p.name for p in (site / BUNDLE).glob("*.pf_meta"))
    preview._indexer_ready.kill()  # the process started ahead for the next edit
    preview._indexer_ready.wait()
    column.entry("one", answer="Now about quillwort, a longer answer.")
    assert preview.rebuild().startswith("rebuilt the changed pages")
    preview.wait_for_search()
    assert sorted(p.name for p in (site / BUNDLE).glob("*.pf_meta")) != before
    assert count_indexed_pages(site / BUNDLE) == 1
