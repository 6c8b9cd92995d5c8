"""docs/ publishes an allow-list of file kinds, each at a path nothing else of the site takes."""

from __future__ import annotations

import pytest

from advice_column.blueprint.docs_files import build_writes, kind_problem, site_address, theme_files
from advice_column.blueprint.docs_pages import link_target, read_page, site_extensions
from advice_column.blueprint.settings import Settings
from advice_column.builder.describe import THEMES
from advice_column.engine.mkdocs_engine import MkDocsEngine

from ..conftest import REPO


@pytest.mark.parametrize(
    "rel",
    [
        "about.md",
        "guides/start.md",
        "old-page.html",
        "assets/logo.png",
        "assets/photo.jpg",
        "images/chart.webp",
        "favicon.ico",
        "files/guide.pdf",
        "wordpress-ids.json",  # advice import writes it; the old-links script reads it
        "notes.txt",
        "data/salaries.csv",
        "CNAME",
        ".nojekyll",
    ],
)
def test_kinds_docs_may_publish(rel):
    assert kind_problem(rel) is None


@pytest.mark.parametrize(
    ("rel", "says"),
    [
        ("assets/advice-search.js", "a script is the site's code"),
        ("module.mjs", "a script is the site's code"),
        ("stylesheets/extra.css", "a stylesheet can load other sites' files"),
        ("logo.svg", "an SVG file can run script"),
        ("feed.xml", "an XML file can run script"),
        ("old.htm", "rename it to .html"),
        ("page.xhtml", "rename it to .html"),
        ("page.shtml", "rename it to .html"),
        ("notes.markdown", "rename it to .md"),
        ("Page.HTML", "write the extension in lowercase: .html"),
        (".htaccess", "never published"),
        ("assets/.hidden.png", "never published"),
        ("sub/CNAME", "docs/ publishes Markdown pages (.md)"),
        ("search/bundle/pagefind.pf_meta", "docs/ publishes Markdown pages (.md)"),
        ("tool.py", "docs/ publishes Markdown pages (.md)"),
        ("swf.swf", "docs/ publishes Markdown pages (.md)"),
        ("Makefile", "docs/ publishes Markdown pages (.md)"),
        # a name becomes an address and a line of the build's log (MkDocs crashed on the first)
        ("bad\udcff.md", "its name is not UTF-8 text"),
        ("x\n::error file=mkdocs.yml::y.md", "control or invisible character"),
        ("about\u202egpj.md", "control or invisible character"),
        ("sub\u200b/page.md", "control or invisible character"),
    ],
)
def test_kinds_docs_may_not_publish_say_what_to_do(rel, says):
    assert says in kind_problem(rel)


@pytest.mark.parametrize(
    ("rel", "address"),
    [
        ("about.md", "about/index.html"),
        ("guides/index.md", "guides/index.html"),
        ("guides/README.md", "guides/index.html"),
        ("README.md", "index.html"),
        ("search.md", "search/index.html"),
        ("evil.html", "evil.html"),
        ("assets/logo.png", "assets/logo.png"),
    ],
)
def test_where_each_file_lands(rel, address):
    assert site_address(rel) == address


@pytest.mark.parametrize(
    ("address", "taken"),
    [
        ("robots.txt", True),
        ("Robots.TXT", True),
        ("robots.txt/x.png", True),  # the build writes a file there, so no folder can be
        ("feed.xml", True),
        ("sitemap.xml.gz", True),
        ("index.html", True),
        ("search/index.html", True),
        ("qa/x/index.html", True),
        ("search/bundle/pagefind.js", True),
        ("about/index.html", False),
        ("assets/logo.png", False),
        ("qa-archive/index.html", False),
        ("robots.txt.png", False),
    ],
)
def test_paths_the_build_writes(address, taken):
    assert build_writes(address) is taken


def mkdocs_theme(root, custom_dir=None):
    settings = Settings("Column", raw={"theme": {"name": "material", "custom_dir": custom_dir}})
    return MkDocsEngine().theme(root, settings, THEMES)


def test_the_theme_files_are_the_ones_mkdocs_copies(tmp_path):
    found = theme_files(mkdocs_theme(tmp_path))
    assert {"assets/advice-old-links.js", "assets/advice-column.css", "assets/images/favicon.png"} <= found
    assert not [name for name in found if name.endswith(".html") or name.startswith(".")]
    (tmp_path / "overrides/assets").mkdir(parents=True)
    (tmp_path / "overrides/assets/house.css").write_text("p {}")
    assert "assets/house.css" in theme_files(mkdocs_theme(tmp_path, "overrides"))


@pytest.mark.parametrize(
    ("page", "url", "target"),
    [
        ("about.md", "contact.md", "contact.md"),
        ("about.md", "contact.md#form", "contact.md"),
        ("guides/start.md", "../about.md", "about.md"),
        ("guides/start.md", "img/a%20b.png", "guides/img/a b.png"),
        ("about.md", "../../etc/passwd.txt", "../../etc/passwd.txt"),
        ("about.md", "contact/", None),  # no extension: MkDocs says so at 'info' level only
        ("about.md", "#top", None),
        ("about.md", "/absolute.md", None),
        ("about.md", "https://example.org/x.md", None),
        ("about.md", "mailto:someone@example.org", None),
    ],
)
def test_the_file_a_link_needs(page, url, target):
    assert link_target(page, url) == target


def test_links_are_found_where_markdown_finds_them():
    text = (
        "---\ntitle: About\n---\n# About\n\n[one](one.md) and ![pic](pic.png)\n\n"
        "```\n[not a link](code.md)\n```\n\n    [indented code](code2.md)\n\n`[span](span.md)`\n\n"
        '[ref][r]\n\n[r]: two.md\n\n<a href="raw.md">raw HTML is not checked by MkDocs</a>\n'
    )
    page = read_page("docs/about.md", text.encode(), site_extensions({}))
    assert page.problems == []
    assert page.links == [(6, "one.md"), (6, "pic.png"), (18, "two.md")]


def test_admonitions_are_read_as_the_site_reads_them():
    text = "# A\n\n!!! note\n\n    See [the guide](guide.md).\n"
    plain = read_page("docs/a.md", text.encode(), site_extensions({}))
    with_admonitions = read_page(
        "docs/a.md", text.encode(), site_extensions({"markdown_extensions": ["admonition"]})
    )
    assert plain.links == []  # indented: a code block
    assert with_admonitions.links == [(5, "guide.md")]


def test_options_of_an_extension_never_reach_check():
    raw = {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["/"]}}, {"toc": {"permalink": True}}]}
    assert site_extensions(raw) == ("toc", "tables", "fenced_code")


def test_this_repository_s_docs_are_publishable():
    names = [p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*") if p.is_file()]
    assert names and all(kind_problem(name) is None for name in names)


@pytest.mark.parametrize("front", ["x: " + "[" * 50_000, "date: 2025-13-45", "x: [unclosed"])
def test_front_matter_mkdocs_cannot_read_is_text_held_to_the_limits(front):
    page = read_page("docs/a.md", f"---\n{front}\n---\n# A\n".encode(), site_extensions({}))
    assert page.meta == {}
    assert [d.code for d in page.problems] == (["QA042"] * 3 if "[[" in front else [])


def test_no_file_of_docs_may_take_a_generated_path():
    """Whatever the build generates, a docs file at that path is reported (aliases are checked
    against docs/ from the entry's side, entries/links.py; index.md is the home page's text)."""
    from advice_column.blueprint.catalog import build_catalog
    from advice_column.blueprint.docs_files import file_problems
    from advice_column.blueprint.pages import generated_sources

    from .test_pages import SETTINGS, TOPICS, make

    entries = [make(f"e{n}", f"202{n % 3}-01-0{n + 1}", tags=(f"t{n % 2}",)) for n in range(7)]
    generated = generated_sources(build_catalog(TOPICS, entries), SETTINGS) - {"index.md"}
    found = {d.path.removeprefix("docs/") for d in file_problems("docs", generated, frozenset())}
    assert found == generated
