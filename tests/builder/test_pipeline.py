"""Real builds with MkDocs, Material and Pagefind, asserting on the HTML a reader gets."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.catalog import build_catalog
from advice_column.entries.loader import load_column
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import count_indexed_pages
from advice_column.user_cache import column_cache

from ..conftest import MKDOCS_YML, SAMPLE


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def listed_hrefs(site: Path, first_page: str) -> list[str]:
    """Entry links of a listing, following its pagination, as site paths like 'qa/x/'."""
    hrefs, url = [], first_page
    while url:
        tree = html(site / url / "index.html")
        for link in tree.css(".advice-list .advice-item__title"):
            hrefs.append(_resolve(url, link.attributes["href"]))
        nxt = tree.css_first(".advice-pagination a[rel=next]")
        url = _resolve(url, nxt.attributes["href"]) if nxt else ""
    return hrefs


def _resolve(base: str, href: str) -> str:
    parts = [p for p in base.split("/") if p]
    for segment in href.split("/"):
        if segment == "..":
            parts.pop()
        elif segment and segment != ".":
            parts.append(segment)
    return "/".join(parts) + "/" if parts else ""


@pytest.fixture(scope="module")
def sample():
    column = load_column(SAMPLE)
    assert column.diagnostics == []
    return column, build_catalog(column.topics, column.entries)


def test_sample_column_passes_check(sample):
    column, _ = sample
    assert len(column.entries) >= 15 and len(column.topics) >= 6
    assert any(entry.draft for entry in column.entries), "the sample keeps one draft to prove drafts stay out"


def test_one_page_per_published_entry_and_no_draft_anywhere(sample, sample_site):
    column, catalog = sample
    built = {p.parent.name for p in (sample_site / "qa").glob("*/index.html")}
    assert built == {entry.slug for entry in catalog.entries}
    drafts = [entry for entry in column.entries if entry.draft]
    every_page = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    for draft in drafts:
        assert f"qa/{draft.slug}/" not in every_page
        assert draft.title not in every_page
    assert count_indexed_pages(sample_site / BUNDLE) == len(catalog.entries)


def test_every_entry_listed_on_its_topic_tag_and_archive_pages(sample, sample_site):
    _, catalog = sample
    for key, entries in catalog.by_topic.items():
        assert listed_hrefs(sample_site, f"topics/{key}/") == [e.url for e in entries]
    for tag in catalog.tags.values():
        assert listed_hrefs(sample_site, f"tags/{tag.slug}/") == [e.url for e in tag.entries]
    archived = []
    for year in catalog.by_year:
        archived += listed_hrefs(sample_site, f"archive/{year}/")
    assert archived == [e.url for e in catalog.entries]


def test_sitemap_lists_every_entry_once(sample, sample_site):
    _, catalog = sample
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    entries = [loc for loc in locations if "/qa/" in loc]
    site_url = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text().replace("!!python", "")).get("site_url")
    assert sorted(entries) == sorted(f"{site_url}{e.url}" for e in catalog.entries)


def test_entry_page_shows_question_answer_and_reply_link(sample, sample_site):
    _, catalog = sample
    template = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text())["extra"]["advice"]["comments"]["url"]
    site_url = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text())["site_url"]
    special = [e for e in catalog.entries if re.search(r'[&"?é]', e.title)]
    assert special, "the sample has titles with &, quotes, ? and non-ASCII"
    for entry in catalog.entries:
        tree = html(sample_site / entry.url / "index.html")
        assert tree.css_first("article h1").text() == entry.title
        assert tree.css_first("title").text().startswith(entry.title)
        asker = tree.css_first(".advice-question__asker").text()
        assert asker == (f"{entry.asker} asks" if entry.asker else "A reader asks")
        assert tree.css_first(".advice-answer p") is not None
        link = tree.css_first(".advice-reply a.advice-reply__link")
        expected = template.replace("{title}", quote(entry.title, safe="")).replace(
            "{url}", quote(site_url + entry.url, safe="")
        )
        assert link.attributes["href"] == expected
        assert parse_qs(urlsplit(link.attributes["href"]).query)["title"] == [f"Re: {entry.title}"]


def test_entry_pages_do_not_grow_with_the_column(sample, sample_site):
    _, catalog = sample
    tree = html(sample_site / catalog.entries[0].url / "index.html")
    nav_links = tree.css("nav.md-nav--primary a")
    # Topics and index pages only: no entry is ever in the navigation.
    assert not [a for a in nav_links if "/qa/" in (a.attributes.get("href") or "")]
    assert len(nav_links) < 40


def test_no_third_party_assets(sample_site):
    for page in sample_site.rglob("*.html"):
        tree = html(page)
        for node in tree.css("script[src], link[href], img[src]"):
            url = node.attributes.get("src") or node.attributes.get("href") or ""
            if node.tag == "link" and node.attributes.get("rel") in ("canonical", "alternate"):
                continue
            assert not urlsplit(url).netloc, f"{page}: {url}"


def test_search_index_has_topic_and_tag_filters(sample, sample_site):
    _, catalog = sample
    entry_json = json.loads((sample_site / BUNDLE / "pagefind-entry.json").read_text())
    assert entry_json["languages"]
    filters = list((sample_site / BUNDLE / "filter").glob("*.pf_filter"))
    assert filters, "Pagefind wrote no filter index"
    tree = html(sample_site / catalog.entries[0].url / "index.html")
    assert (
        tree.css_first("[data-search-filter=topic]").text() == catalog.topics[catalog.entries[0].topic].title
    )


def test_build_replaces_site_only_when_everything_succeeds(column, capsys):
    column.entry("good", title="A good question")
    assert column.run("build") == 0
    site = column.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    column.entry("bad", title="Broken", extra="tgas: [x]\n")
    capsys.readouterr()
    assert column.run("build") == 1
    out = capsys.readouterr().out
    assert "qa/bad.md:5:1: QA021 unknown key 'tgas'; did you mean 'tags'?" in out
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list((column.root / ".advice").glob("build-*"))


def test_engine_failure_keeps_the_previous_site(column, capsys):
    column.entry("good")
    assert column.run("build") == 0
    site = column.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # A template of the site's own overrides/ that Jinja cannot read: MkDocs stops mid-build.
    column.write("mkdocs.yml", MKDOCS_YML.replace("font: false", "font: false\n  custom_dir: overrides"))
    column.write("overrides/main.html", '{% extends "advice-base.html" %}{% block content %}{{ super( }}')
    capsys.readouterr()
    assert column.run("build") == 1
    assert "main.html" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_an_engine_that_loses_a_page_keeps_the_previous_site(column, capsys, monkeypatch):
    from advice_column.engine.mkdocs_engine import MkDocsEngine

    column.entry("good", title="A good question")
    assert column.run("build") == 0
    site = column.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    built = MkDocsEngine.build

    def losing_a_page(self, description, out_dir, progress=None):
        result = built(self, description, out_dir, progress)
        shutil.rmtree(out_dir / "qa" / "good")
        return result

    monkeypatch.setattr(MkDocsEngine, "build", losing_a_page)
    capsys.readouterr()
    assert column.run("build") == 1
    err = capsys.readouterr().err
    assert "the built site lost entries" in err and "qa/good/" in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_theme_that_shows_listings_its_own_way_still_publishes(column):
    """The check is of the pages made and written, never of how a theme shows them."""
    column.entry("good", title="A good question")
    column.write(
        "mkdocs.yml",
        (column.root / "mkdocs.yml")
        .read_text()
        .replace("font: false", "font: false\n  custom_dir: overrides"),
    )
    column.write(
        "overrides/main.html",
        '{% extends "advice-base.html" %}\n{% block content %}'
        '{% if page.meta.advice.kind != "listing" %}{{ super() }}{% endif %}{% endblock %}\n',
    )
    assert column.run("build") == 0
    assert (column.root / "site" / "qa" / "good" / "index.html").is_file()


def test_deleted_entry_disappears(column):
    column.entry("one")
    gone = column.entry("two", title="Soon gone", extra="tags: [temporary]\n")
    assert column.run("build") == 0
    assert (column.root / "site/qa/two/index.html").exists()
    gone.unlink()
    assert column.run("build") == 0
    assert not (column.root / "site/qa/two").exists()
    assert not (column.root / "site/tags/temporary").exists()
    assert not (column_cache(column.root) / "docs/qa/two.md").exists()


def test_site_overrides_win_over_the_package_templates(column):
    column.write(
        "mkdocs.yml",
        (column.root / "mkdocs.yml")
        .read_text()
        .replace("font: false", "font: false\n  custom_dir: overrides"),
    )
    column.write("overrides/partials/comments.html", '<p class="house-style">Write to us</p>\n')
    column.write("overrides/partials/column-search.html", '<p class="house-search">Our search</p>\n')
    column.entry("one")
    assert column.run("build") == 0
    tree = html(column.root / "site/qa/one/index.html")
    assert tree.css_first(".house-style").text() == "Write to us"  # Material's hook for comments
    assert tree.css_first(".house-search").text() == "Our search"
    assert tree.css_first(".advice-header-search") is None


def test_hand_written_page_may_not_replace_a_generated_one(column, capsys):
    column.entry("one")
    assert column.run("build") == 0
    site = column.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    column.write("docs/tags/index.md", "# My tags\n")
    capsys.readouterr()
    assert column.run("build") == 1
    assert "docs/tags/index.md:1:1: QA071 " in capsys.readouterr().out
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_missing_comment_link_setting_is_reported(column, capsys):
    column.write("mkdocs.yml", "site_name: X\ntheme:\n  name: material\n")
    column.entry("one")
    assert column.run("build") == 1
    assert "mkdocs.yml:1:1: QA060 set extra.advice.comments.url" in capsys.readouterr().out


def test_preview_builds_drafts_with_a_marker(column, tmp_path, open_preview):
    column.entry("draft", title="Not yet", extra="draft: true\n")
    site = tmp_path / "preview"
    assert open_preview(column.root, site).rebuild()
    tree = html(site / "qa/draft/index.html")
    assert "not published" in tree.css_first(".advice-draft").text()
    assert column.run("build") == 0
    assert not (column.root / "site/qa/draft").exists()


def test_preview_keeps_an_entry_as_it_last_built_while_it_is_broken(column, tmp_path, capsys, open_preview):
    column.entry("one", title="First title")
    site = tmp_path / "preview"
    preview = open_preview(column.root, site)
    assert preview.rebuild()
    column.entry("one", title="Broken title", extra="date: 2020-01-01\n")
    column.entry("two", title="Added meanwhile")
    assert preview.rebuild()  # what is valid is built, the broken entry as it was
    assert any("QA014 duplicate key 'date'" in problem for problem in preview.problems)
    assert preview.panel_heading.startswith("The preview shows every entry it can")
    assert html(site / "qa/one/index.html").css_first("article h1").text() == "First title"
    assert (site / "qa/two/index.html").is_file()
    column.entry("one", title="Fixed title")
    assert preview.rebuild() and preview.problems == []
    assert "Fixed title" in (site / "qa/one/index.html").read_text(encoding="utf-8")


def test_preview_of_a_column_with_an_invalid_entry_from_the_start_shows_the_others(
    column, tmp_path, open_preview
):
    for number in range(16):
        column.entry(f"fine-{number}", title=f"Fine question {number}")
    column.entry("broken", title="Broken question", topic="nope")
    site = tmp_path / "preview"
    preview = open_preview(column.root, site)
    assert preview.rebuild().startswith("built all pages of 16 entries")
    assert [problem.split(" ", 2)[:2] for problem in preview.problems] == [["qa/broken.md:4:8:", "QA024"]]
    assert (site / "qa/fine-3/index.html").is_file() and not (site / "qa/broken").exists()
    assert "Fine question 15" in (site / "index.html").read_text(encoding="utf-8")


def test_preview_never_claims_a_build_that_did_not_happen(column, tmp_path, open_preview):
    column.entry("one")
    config = column.root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "nav: [\n", encoding="utf-8")
    site = tmp_path / "preview"
    preview = open_preview(column.root, site)
    assert preview.rebuild() is None and preview.problems
    assert preview.panel_heading == "Nothing could be built yet. Fix these problems and save:"
    config.write_text(good, encoding="utf-8")
    assert preview.rebuild() and not preview.problems
    config.write_text(good + "nav: [\n", encoding="utf-8")
    assert preview.rebuild() is None
    assert preview.panel_heading == "The preview shows the last good build. Fix these problems and save:"


def test_preview_rebuilds_only_what_an_edit_touches(column, tmp_path, open_preview):
    column.entry("edited", title="Edited one", extra="summary: Stays the same.\n")
    column.entry("untouched", title="Untouched one", date="2020-01-01", topic="salary")
    preview = open_preview(column.root, tmp_path / "preview")
    assert preview.rebuild()
    preview.wait_for_search()
    site = tmp_path / "preview"
    untouched = site / "qa/untouched/index.html"
    stamp = untouched.stat().st_mtime_ns
    column.entry("edited", title="Edited one", extra="summary: Stays the same.\n", answer="A new answer.")
    assert preview.rebuild()
    preview.wait_for_search()
    assert "A new answer." in (site / "qa/edited/index.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp
    assert count_indexed_pages(site / BUNDLE) == 2


def test_preview_drops_deleted_entries_and_follows_topic_changes(column, tmp_path, open_preview):
    column.entry("stays")
    gone = column.entry("goes", title="Going away", date="2020-01-01")
    preview = open_preview(column.root, tmp_path / "preview")
    assert preview.rebuild()
    site = tmp_path / "preview"
    assert (site / "qa/goes/index.html").exists()
    gone.unlink()
    column.write(
        "qa/topics.yml", (column.root / "qa/topics.yml").read_text().replace("Interviews", "Job interviews")
    )
    assert preview.rebuild()
    preview.wait_for_search()
    assert not (site / "qa/goes").exists()
    assert not (site / "archive/2020").exists()
    # A topic's new title reaches the navigation of pages the edit did not otherwise touch.
    assert "Job interviews" in (site / "qa/stays/index.html").read_text(encoding="utf-8")
    assert "Job interviews" in (site / "tags/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "site_dir, message",
    [
        ("..", "site_dir must be a folder inside the column"),
        ("../elsewhere", "site_dir must be a folder inside the column"),
        (".", "site_dir must be a folder inside the column"),
        ("/tmp", "site_dir must be a folder inside the column"),
        ("qa", "site_dir 'qa' must be a folder of its own"),
        ("docs/site", "site_dir 'docs/site' must be a folder of its own"),
    ],
)
def test_site_dir_must_be_a_folder_of_its_own_inside_the_column(column, capsys, site_dir, message):
    column.write("mkdocs.yml", (column.root / "mkdocs.yml").read_text() + f"site_dir: {site_dir}\n")
    column.entry("one")
    assert column.run("build") == 1
    assert f"QA060 {message}" in capsys.readouterr().out
    assert (column.root / "qa/one.md").exists()


def test_a_broken_topics_file_is_one_problem_not_one_per_entry(column, capsys):
    for number in range(3):
        column.entry(f"e{number}")
    column.write("qa/topics.yml", "interviews:\n  title: Interviews\noops\n")
    assert column.run("check") == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["qa/topics.yml:4:1: QA012 YAML does not parse: could not find expected ':'"]


def test_serve_on_a_busy_port_says_so(column, capsys):
    import socket

    column.entry("one")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert column.run("serve", "--dev-addr", f"127.0.0.1:{port}") == 1
    assert (
        f"advice serve: cannot listen on 127.0.0.1:{port}: Address already in use" in capsys.readouterr().err
    )
