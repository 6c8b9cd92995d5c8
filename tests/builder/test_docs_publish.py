"""What docs/ publishes, in a real build: its pages, images, PDFs and data as they are, its HTML
pages sanitised, and the theme's files untouched."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from advice_column.engine.theme_assets import published_asset

from ..conftest import MKDOCS_YML

PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)
EVIL = """\
<!doctype html><html><head><title>Old page</title>
<script>alert(document.domain)</script><link rel="stylesheet" href="https://tracker.example/x.css">
<meta http-equiv="refresh" content="0;url=javascript:alert(2)"><base href="https://evil.example/">
</head><body><h1 onmouseover="alert(3)">Our old page</h1><p>Kept <strong>text</strong>.</p>
<iframe src="https://evil.example/"></iframe><a href="javascript:alert(4)">link</a>
<img src="x" onerror="alert(5)"><svg onload="alert(6)"></svg></body></html>
"""


def test_ordinary_docs_are_published_and_html_pages_sanitised(column, capsys):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML + "nav:\n  - About: about.md\n  - contact.md\n")
    column.write(
        "docs/about.md",
        "# About\n\n![Our logo](assets/logo.png)\n\nWrite to us: [contact](contact.md#form).\n",
    )
    column.write(
        "docs/contact.md",
        '---\ntitle: Q&A "tips"\ndescription: Say "hi" & more\nstatus: \'" onmouseover=alert(7) x="\'\n'
        "icon: material/email\nhide: [toc]\n---\n# Contact\n\n## Form {#form}\n\n"
        "[Back](about.md), [old](old.html) or [a question](qa/one.md).\n",
    )
    column.write("docs/assets/logo.png", PNG)
    column.write("docs/files/guide.pdf", b"%PDF-1.4\n")
    column.write("docs/wordpress-ids.json", '{"p": {"12": "qa/one/"}}\n')
    column.write("docs/CNAME", "column.example.org\n")
    column.write("docs/old.html", EVIL)
    assert column.run("check") == 0, capsys.readouterr().out
    assert column.run("build") == 0, capsys.readouterr()
    site = column.root / "site"
    about = LexborHTMLParser((site / "about/index.html").read_text(encoding="utf-8")).css_first("article")
    assert about.css_first("img").attributes["src"] == "../assets/logo.png"
    assert about.css_first("a[href*=contact]").attributes["href"] == "../contact/#form"
    assert (site / "assets/logo.png").read_bytes() == PNG
    assert (site / "files/guide.pdf").read_bytes() == b"%PDF-1.4\n"
    assert (site / "wordpress-ids.json").read_text() == '{"p": {"12": "qa/one/"}}\n'
    assert (site / "CNAME").read_text() == "column.example.org\n"
    old = (site / "old.html").read_text(encoding="utf-8")
    page = LexborHTMLParser(old)
    assert page.css_first("h1").text() == "Our old page" and page.css_first("strong").text() == "text"
    assert page.css("script, link, meta[http-equiv], base, iframe") == []
    assert not [name for node in page.css("*") for name in node.attributes if name.startswith("on")]
    assert "alert" not in old and "javascript:" not in old
    # Front matter reaches the theme as text: Material prints page.meta values unescaped.
    contact = LexborHTMLParser((site / "contact/index.html").read_text(encoding="utf-8"))
    assert contact.css_first("title").text() == 'Q&A "tips" - Test Column'
    assert contact.css_first("meta[name=description]").attributes["content"] == 'Say "hi" & more'
    assert not [name for node in contact.css("*") for name in node.attributes if name.startswith("on")]
    # The theme's own files are the ones published (minified).
    for name in ("advice-old-links.js", "advice-column.css"):
        assert (site / "assets" / name).read_text(encoding="utf-8") == published_asset(name)


def test_a_script_in_docs_never_replaces_the_theme_s(column, capsys):
    column.entry("one")
    assert column.run("build") == 0
    column.write("docs/assets/advice-old-links.js", "alert(document.domain)")
    capsys.readouterr()
    assert column.run("build") == 1
    assert "docs/assets/advice-old-links.js:1:1: QA070" in capsys.readouterr().out
    published = (column.root / "site/assets/advice-old-links.js").read_text(encoding="utf-8")
    assert published == published_asset("advice-old-links.js")


def test_home_text_whose_front_matter_yaml_cannot_read_still_builds(column, capsys):
    column.entry("one")
    column.write("docs/index.md", "---\ndate: 2025-13-45\n---\nWelcome to the column.\n")
    assert column.run("check") == 0
    assert column.run("build") == 0, capsys.readouterr()
    assert "Welcome to the column." in (column.root / "site/index.html").read_text(encoding="utf-8")


def test_a_hand_written_page_never_carries_the_generator_s_key():
    """What the build does even if check was skipped: the generator's key dropped (the engine
    escapes the texts for its theme: tests/engine/test_mkdocs_engine.py)."""
    from advice_column.builder.writer import published

    page = (
        "---\ntitle: '</title><script>alert(1)</script>'\nhide: [toc]\nicon: material/email\n"
        "advice: {kind: listing, newer: {url: 'javascript:alert(2)', title: x}}\n---\n# Body\n"
    )
    assert published("about.md", page.encode()).decode() == (
        "---\ntitle: </title><script>alert(1)</script>\nhide:\n- toc\nicon: material/email\n---\n# Body\n"
    )
    assert published("plain.md", b"# No front matter\n") == b"# No front matter\n"


def test_a_stylesheet_in_overrides_is_published_as_the_column_wrote_it(column):
    # The theme's own files are published minified; one the column put in their place is its own.
    column.write("mkdocs.yml", MKDOCS_YML.replace("font: false", "font: false\n  custom_dir: overrides"))
    mine = "/* The column's colours. */\n.md-header { color: teal; }\n"
    column.write("overrides/assets/advice-column.css", mine)
    column.entry("one")
    assert column.run("build") == 0
    assert (column.root / "site/assets/advice-column.css").read_text(encoding="utf-8") == mine
    assert (column.root / "site/assets/advice-old-links.js").read_text(encoding="utf-8") == published_asset(
        "advice-old-links.js"
    )
