"""The MkDocs engine behind the interface: it builds a plain description of the site, reports the
pages it wrote, and gives each page what Material expects of its front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.builder.describe import describe_site
from advice_column.builder.pipeline import generate, load_valid
from advice_column.engine.interface import BuildResult, NavItem, engine_for
from advice_column.engine.mkdocs_engine import MkDocsEngine

HOSTILE = '</title><script>alert(1)</script> & "quotes"'


def build(column, *, hand_written: str = "") -> tuple[BuildResult, Path]:
    """Generate and build ``column`` with the engine, a hand-written page added to the generated
    folder as it is (as if nothing had checked it)."""
    settings, loaded = load_valid(column.root)
    catalog, docs_dir, written = generate(column.root, settings, loaded, column.root / "docs-out")
    if hand_written:
        (docs_dir / "about.md").write_text(hand_written, encoding="utf-8")
    site = describe_site(column.root, settings, catalog, docs_dir, written.html_pages)
    out = column.root / "out"
    return engine_for(settings).build(site, out), out


def page(out: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / path / "index.html").read_text(encoding="utf-8"))


def test_mkdocs_is_the_default_engine(column):
    settings, _ = load_valid(column.root)
    assert isinstance(engine_for(settings), MkDocsEngine)


def test_an_engine_no_one_knows_is_refused():
    from advice_column.blueprint.settings import Settings
    from advice_column.engine.errors import BuildError

    settings = Settings("A column", raw={"extra": {"advice": {"engine": "hugo"}}})
    with pytest.raises(BuildError, match="unknown engine 'hugo'; valid: mkdocs"):
        engine_for(settings)


def test_the_engine_reports_every_page_it_wrote(column):
    column.entry("one")
    result, out = build(column)
    assert {"", "qa/one/", "topics/", "tags/", "archive/", "search/"} <= result.pages
    assert all((out / path / "index.html").is_file() for path in result.pages)


def test_generated_pages_are_laid_out_by_their_kind(column):
    column.entry("one", title=HOSTILE)
    _, out = build(column)
    entry = page(out, "qa/one")
    # Material hides the sidebars a page's front matter names (hide: [navigation, toc]).
    assert "hidden" in entry.css_first(".md-sidebar--primary").attributes
    assert entry.css_first("title").text().startswith(HOSTILE)
    scripts = entry.css("script:not([type='application/ld+json'])")  # JSON-LD holds the title as data
    assert all("alert(1)" not in node.text() for node in scripts)
    # The search kind is shown with the search template, whose results list main.html lacks.
    assert page(out, "search").css_first(".advice-results") is not None
    assert page(out, "topics").css_first(".advice-results") is None


def test_a_hand_written_page_s_front_matter_is_text_to_the_theme(column):
    column.entry("one")
    front = f"---\ntitle: '{HOSTILE}'\ndescription: '{HOSTILE}'\nhide: [toc]\n---\n# About\n"
    _, out = build(column, hand_written=front)
    about = page(out, "about")
    assert about.css_first("title").text().startswith(HOSTILE)
    assert about.css_first("meta[name=description]").attributes["content"] == HOSTILE
    assert "hidden" not in about.css_first(".md-sidebar--primary").attributes  # its own hide: [toc]
    assert all("alert(1)" not in node.text() for node in about.css("script"))


def test_navigation_titles_are_text(column):
    from advice_column.engine.runner import mkdocs_nav

    nav = (
        NavItem("<b>Topics</b>", children=(NavItem(None, "topics/index.md"),)),
        NavItem("A & B", "about.md"),
    )
    assert mkdocs_nav(nav) == [{"&lt;b&gt;Topics&lt;/b&gt;": ["topics/index.md"]}, {"A &amp; B": "about.md"}]
