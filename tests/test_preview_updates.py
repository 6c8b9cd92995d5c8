"""Preview updates re-render only what an edit rewrote; the pages must be those a full build makes."""

from __future__ import annotations

from pathlib import Path

from advice_column.build.preview import Preview

URL = "http://127.0.0.1:8000/"
# Not re-rendered by an update: the sitemap (every page's lastmod) and the search index, which
# follows in the background.
NOT_UPDATED = ("sitemap.xml", "sitemap.xml.gz", "pagefind/")


def pages(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    return {rel: path.read_bytes() for rel, path in files.items() if not rel.startswith(NOT_UPDATED)}


def test_edits_additions_and_deletions_give_the_pages_of_a_full_build(column, tmp_path):
    column.entry("kept", title="Kept as it is", extra="tags: [pay]\n")
    column.entry("edited", title="Before the edit", date="2024-05-01", extra="tags: [pay, offers]\n")
    gone = column.entry("deleted", title="Soon deleted", date="2019-03-03", extra="tags: [rare]\n")
    preview = Preview(column.root, tmp_path / "live", URL)
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
    fresh = Preview(column.root, tmp_path / "fresh", URL)
    assert fresh.rebuild().startswith("built all pages")
    fresh.wait_for_search()
    full = pages(tmp_path / "fresh")
    assert sorted(live) == sorted(full)
    assert [rel for rel in full if live[rel] != full[rel]] == []


def test_a_changed_topic_title_rebuilds_every_page(column, tmp_path):
    column.entry("one")
    preview = Preview(column.root, tmp_path / "live", URL)
    assert preview.rebuild().startswith("built all pages")
    topics = column.root / "qa/topics.yml"
    topics.write_text(topics.read_text().replace("Interviews", "Job interviews"), encoding="utf-8")
    assert preview.rebuild().startswith("built all pages")
    assert "Job interviews" in (tmp_path / "live/qa/one/index.html").read_text(encoding="utf-8")
