"""A column built with Zensical (extra.advice.engine: zensical): what a reader gets."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.engine.interface import NavItem
from advice_column.engine.zensical_docs import page_body, site_path, zensical_path
from advice_column.engine.zensical_engine import nav_entry
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import count_indexed_pages

from ..conftest import MKDOCS_YML, ColumnDir

ZENSICAL_YML = MKDOCS_YML.replace("  advice:\n", "  advice:\n    engine: zensical\n")


HTML_PAGES = frozenset({"qa/a.md", "search.md", "topics/index.md", "index.md"})


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("qa/a.md", "qa/a/index.md"),  # its links are relative to qa/a/
        ("search.md", "search/index.md"),
        ("topics/index.md", "topics/index.md"),
        ("index.md", "index.md"),
        ("about.md", "about.md"),  # hand-written: its Markdown links are relative to the file
        ("feed.xml", "feed.xml"),
    ],
)
def test_generated_pages_sit_at_their_address(path, expected):
    assert zensical_path(path, HTML_PAGES) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [("index.md", ""), ("qa/a/index.md", "qa/a/"), ("about.md", "about/"), ("topics/index.md", "topics/")],
)
def test_site_path(path, expected):
    assert site_path(path) == expected


def test_nav_titles_stay_plain_and_generated_pages_move():
    item = NavItem("Topics & more", children=(NavItem(None, "topics/index.md"), NavItem("Q", "qa/a.md")))
    assert nav_entry(item, HTML_PAGES) == {"Topics & more": ["topics/index.md", {"Q": "qa/a/index.md"}]}
    assert nav_entry(NavItem("Out", "https://example.org/"), HTML_PAGES) == {"Out": "https://example.org/"}


@pytest.mark.parametrize(
    ("text", "front"),
    [
        ("# Hi & bye\n\ntext\n", {"title": "Hi &amp; bye"}),  # escaped: the theme prints it as it is
        ("---\ntitle: Own\n---\n# Hi\n", {"title": "Own"}),
    ],
)
def test_a_hand_written_page_keeps_or_gets_its_title(text, front):
    assert page_body(text, False, ["toc"], {}).startswith(f"---\n{json.dumps(front)}\n---\n")


def test_a_generated_page_is_laid_out_for_its_kind():
    text = '---\n{"title": "Say \\"no\\" & go", "advice": {"kind": "search"}}\n---\n\n<p>x</p>\n'
    meta = json.loads(page_body(text, True, [], {}).split("\n")[1])
    assert meta["title"] == "Say &quot;no&quot; &amp; go"  # the theme prints it as it is
    assert meta["template"] == "search.html"
    assert meta["hide"] == ["navigation", "toc"]


def page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small column with two entries and a hand-written page, built once with Zensical."""
    column = ColumnDir(tmp_path_factory.mktemp("zensical") / "column")
    column.write("mkdocs.yml", ZENSICAL_YML)
    column.write("qa/topics.yml", "interviews:\n  title: Interviews & offers\nsalary:\n  title: Salary\n")
    column.entry("follow-up", title="How do I follow up?", extra="tags: [thank-you notes]\n")
    column.entry("raise", title='Can I ask for a "raise"?', topic="salary", answer="Yes: bring numbers.")
    column.write(
        "docs/about.md",
        "# About us\n\nSee [the topics](topics/index.md).\n\n"
        "<script>alert(1)</script><b onclick=x()>hi</b>\n",
    )
    column.write("docs/quoted.md", '---\ntitle: Say "hi" & go\n---\n\nSome text.\n')
    assert column.run("build") == 0
    return column.root / "site"


def test_the_entry_page_holds_the_question_and_answer(zensical_site):
    tree = page(zensical_site, "qa/follow-up/index.html")
    assert tree.css_first("h1#title").text() == "How do I follow up?"
    assert "I interviewed and heard nothing." in tree.css_first(".advice-question").text()
    assert "Send a short, warm note." in tree.css_first(".advice-answer").text()
    # Zensical's theme around it, with the column's stylesheet and search box.
    assert tree.css_first('link[href$="assets/advice-column.css"]') is not None
    assert tree.css_first("form.advice-header-search").attributes["action"] == "../../search/"


def test_listing_links_lead_to_the_entries(zensical_site):
    topic = page(zensical_site, "topics/interviews/index.html")
    hrefs = [a.attributes["href"] for a in topic.css("a.advice-item__title")]
    assert hrefs == ["../../qa/follow-up/"]
    assert (zensical_site / "topics/interviews" / hrefs[0] / "index.html").is_file()
    # An entry's own links are relative to its address, as with MkDocs (not to its source file).
    entry = page(zensical_site, "qa/follow-up/index.html")
    assert entry.css_first("a.advice-byline__topic").attributes["href"] == "../../topics/interviews/"
    tag = page(zensical_site, "tags/thank-you-notes/index.html")
    assert [a.attributes["href"] for a in tag.css("a.advice-item__title")] == ["../../qa/follow-up/"]
    archive = page(zensical_site, "archive/2025/index.html")
    assert len(archive.css("a.advice-item__title")) == 2


def test_titles_are_escaped_once(zensical_site):
    entry = page(zensical_site, "qa/raise/index.html")
    assert entry.css_first("title").text().startswith('Can I ask for a "raise"?')
    assert entry.css_first('meta[property="og:title"]').attributes["content"] == 'Can I ask for a "raise"?'
    tree = page(zensical_site, "topics/interviews/index.html")
    assert tree.css_first("title").text().startswith("Interviews & offers")
    nav_titles = [a.text(strip=True) for a in tree.css("nav.md-nav a.md-nav__link")]
    assert "Interviews & offers" in nav_titles


def test_the_search_page_is_there_and_the_index_built(zensical_site):
    tree = page(zensical_site, "search/index.html")
    assert tree.css_first("form#advice-search-page input#advice-q") is not None
    for script in ("advice-search.js", "advice-search-page.js"):  # the search wing's, in search/
        assert tree.css_first(f'script[src$="{script}"]') is not None
        assert (zensical_site / "search" / script).is_file()
    box = tree.css_first("form.advice-header-search")  # the search wing's header box
    assert urljoin("/column/search/", box.attributes["data-bundle"]) == "/column/search/bundle/"
    words = json.loads(tree.css_first("script#advice-search-words").text())
    assert words  # the search scripts' words, in the column's language
    assert count_indexed_pages(zensical_site / BUNDLE) > 0
    assert not (zensical_site / "search.json").exists()  # Zensical's own search is off


def test_the_404_page_offers_the_search(zensical_site):
    tree = page(zensical_site, "404.html")
    assert tree.css_first("h1").text() == "Page not found"
    assert tree.css_first("form.advice-search-form").attributes["action"] == "/column/search/"


def test_a_hand_written_title_is_escaped_once(zensical_site):
    tree = page(zensical_site, "quoted/index.html")
    assert tree.css_first('meta[property="og:title"]').attributes["content"] == 'Say "hi" & go'
    assert tree.css_first("title").text().startswith('Say "hi" & go')


def test_a_hand_written_page_is_sanitised(zensical_site):
    tree = page(zensical_site, "about/index.html")
    body = tree.css_first(".advice-page")
    assert body.css_first("h1").text(strip=True).startswith("About us")
    assert body.css_first("script") is None
    assert "onclick" not in body.html
    assert body.css_first("a").attributes["href"] == "../topics/"


def test_an_unknown_engine_is_refused_at_its_line(column, capsys):
    column.write("mkdocs.yml", MKDOCS_YML.replace("  advice:\n", "  advice:\n    engine: hugo\n"))
    assert column.run("check") == 1
    expected = "mkdocs.yml:8:13: QA060 extra.advice.engine must be one of: mkdocs, zensical"
    assert expected in capsys.readouterr().out


def current_sections(site: Path, path: str) -> list[str]:
    return [a.text(strip=True) for a in page(site, path).css(".advice-sections a[aria-current]")]


@pytest.mark.parametrize("path", ["topics/interviews/index.html", "tags/index.html"])
def test_the_section_bar_marks_topics_with_either_engine(zensical_site, sample_site, path):
    assert current_sections(zensical_site, path) == ["Topics"]
    assert current_sections(sample_site, path) == ["Topics"]


def test_the_section_bar_marks_nothing_on_an_entry_with_either_engine(zensical_site, sample_site):
    assert current_sections(zensical_site, "qa/follow-up/index.html") == []
    entry = next((sample_site / "qa").iterdir()).relative_to(sample_site)
    assert current_sections(sample_site, f"{entry}/index.html") == []
    assert current_sections(sample_site, "archive/index.html") == ["Archive"]


def test_the_preview_builds_with_zensical_again_after_an_edit(column, tmp_path, open_preview):
    column.write("mkdocs.yml", ZENSICAL_YML)
    column.entry("one", title="First title")
    preview = open_preview(column.root, tmp_path / "live")
    assert preview.rebuild().startswith("built all pages")
    built = tmp_path / "live/qa/one/index.html"
    assert page(tmp_path / "live", "qa/one/index.html").css_first("h1#title").text() == "First title"
    assert "zensical" in built.read_text(encoding="utf-8").casefold()  # Zensical's theme, not Material's
    column.entry("one", title="Second title")
    assert preview.rebuild().startswith("built all pages")
    assert page(tmp_path / "live", "qa/one/index.html").css_first("h1#title").text() == "Second title"
    assert not (tmp_path / "live/qa/qa").exists()  # replaced, not moved into the old folder
    preview.wait_for_search()
