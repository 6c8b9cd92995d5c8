"""`advice check` reports every file of docs/ the build would refuse or should not publish, at its
line, and the build refuses it with the same line before rendering anything."""

from __future__ import annotations

import pytest

from ..conftest import MKDOCS_YML

PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)
ABOUT = "# About\n\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"docs/assets/advice-search.js": "alert(1)"},
            "docs/assets/advice-search.js:1:1: QA070 a script is the site's code: put it in overrides/",
            id="script-replacing-the-search-script",
        ),
        pytest.param(
            {"docs/stylesheets/extra.css": "@import url(https://tracker.example/x.css);"},
            "docs/stylesheets/extra.css:1:1: QA070 a stylesheet can load other sites' files",
            id="stylesheet",
        ),
        pytest.param(
            {"docs/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'},
            "docs/logo.svg:1:1: QA070 an SVG file can run script",
            id="svg",
        ),
        pytest.param({"docs/feed.xml": "<x/>"}, "docs/feed.xml:1:1: QA070 an XML file", id="xml"),
        pytest.param({"docs/old.htm": "<p>x</p>"}, "docs/old.htm:1:1: QA070 rename it to .html", id="htm"),
        pytest.param({"docs/.htaccess": "x"}, "docs/.htaccess:1:1: QA070 a file whose name starts", id="dot"),
        pytest.param(
            {"docs/robots.txt": "User-agent: *\n"},
            "docs/robots.txt:1:1: QA071 this file would take robots.txt, where the build writes",
            id="robots",
        ),
        pytest.param(
            {"docs/robots.txt/logo.png": PNG},
            "docs/robots.txt/logo.png:1:1: QA071 this file would take robots.txt/logo.png, where the build",
            id="folder-where-the-build-writes-a-file",
        ),
        pytest.param(
            {"docs/search.md": "# Search\n"},
            "docs/search.md:1:1: QA071 this file would take search/index.html, where the build writes",
            id="search-page",
        ),
        pytest.param(
            {"docs/tags/index.md": "# Tags\n"},
            "docs/tags/index.md:1:1: QA071 this file would take tags/index.html",
            id="tags-page",
        ),
        pytest.param(
            {"docs/README.md": "# Read me\n"},
            "docs/README.md:1:1: QA071 this file would take index.html",
            id="readme-is-the-home-page",
        ),
        pytest.param(
            {"docs/404.html": "<p>x</p>"}, "docs/404.html:1:1: QA071 this file would take 404.html", id="404"
        ),
        pytest.param(
            {"docs/search/bundle/pagefind-entry.json": "{}"},
            "docs/search/bundle/pagefind-entry.json:1:1: QA071 this file would take search/",
            id="search-bundle",
        ),
        pytest.param(
            {"docs/assets/images/favicon.png": PNG},
            "docs/assets/images/favicon.png:1:1: QA071 this file would replace the theme's "
            "assets/images/favicon.png",
            id="theme-image",
        ),
        pytest.param(
            {"docs/about.md": "# A\n", "docs/about/index.md": "# B\n"},
            "docs/about/index.md:1:1: QA071 this file and about.md would both be about/index.html",
            id="two-pages-one-address",
        ),
        pytest.param(
            {"docs/about.md": ABOUT + "[" * 9_000 + "\n"},
            "docs/about.md:3:1: QA042 this paragraph has 9000 '['",
            id="9000-brackets",
        ),
        pytest.param(
            {"docs/index.md": "Welcome.\n\n" + "[" * 30_000 + "\n"},
            "docs/index.md:3:1: QA042 ",
            id="home-text-30000-brackets",
        ),
        pytest.param(
            {"docs/about.md": ABOUT + "See [the missing page](missing.md).\n"},
            "docs/about.md:3:1: QA072 link 'missing.md' leads to no file of the site",
            id="broken-link",
        ),
        pytest.param(
            {"docs/guides/start.md": "# Start\n\n![logo](../assets/nologo.png)\n"},
            "docs/guides/start.md:3:1: QA072 link '../assets/nologo.png' leads to no file of the site "
            "(assets/nologo.png)",
            id="broken-image",
        ),
        pytest.param(
            {"docs/about.md": ABOUT + "A [draft](qa/secret.md) is never published.\n"},
            "docs/about.md:3:1: QA072 link 'qa/secret.md' leads to no file",
            id="link-to-a-draft",
        ),
        pytest.param(
            {
                "mkdocs.yml": MKDOCS_YML + "nav:\n  - About: about.md\n  - missing.md\n",
                "docs/about.md": "# A\n",
            },
            "mkdocs.yml:12:1: QA072 nav entry 'missing.md' is not a page of the site",
            id="nav-entry",
        ),
        pytest.param(
            {"docs/about.md": "---\ntemplate: nope.html\n---\n# About\n"},
            "docs/about.md:2:1: QA073 template 'nope.html' is not one of the theme's",
            id="template",
        ),
        pytest.param(
            {"docs/about.md": "---\ntitle: About\nicon: material/no-such-icon\n---\n# About\n"},
            "docs/about.md:3:1: QA073 icon 'material/no-such-icon' is not one of the theme's icons",
            id="icon",
        ),
        pytest.param(
            {"docs/index.md": "---\nhide: 3\n---\nWelcome.\n"},
            "docs/index.md:2:1: QA073 hide must be a list",
            id="hide",
        ),
        pytest.param(
            {"docs/about.md": "---\ntitle: 'T</title><script>alert(1)</script>'\n---\n# About\n"},
            "docs/about.md:2:1: QA036 'title' may not hold '<'",
            id="markup-in-front-matter",
        ),
        pytest.param(
            {
                "docs/index.md": "---\nsubtitle: ok\nsocial:\n  cards: ['&#60;img src=x onerror=alert(1)']\n"
                "---\nHi\n"
            },
            "docs/index.md:3:1: QA036 'social' may not hold '&#'",
            id="character-reference-nested-in-front-matter",
        ),
        pytest.param(
            {
                "docs/about.md": "---\nadvice:\n  newer: {url: 'javascript:alert(1)', title: Newer}\n"
                "---\n# A\n"
            },
            "docs/about.md:2:1: QA073 'advice' is the column's own key",
            id="generator-key-in-front-matter",
        ),
        pytest.param(
            {"docs/about.md": b"# Caf\xe9\n"},
            "docs/about.md:1:1: QA002 file is not valid UTF-8",
            id="page-not-utf8",
        ),
        pytest.param(
            {"docs/index.md": b"Welcome\n\n\xff\n"},
            "docs/index.md:3:1: QA002 file is not valid UTF-8",
            id="home-text-not-utf8",
        ),
        pytest.param(
            {"docs/old.html": b"<p>caf\xe9</p>"},
            "docs/old.html:1:1: QA002 file is not valid UTF-8",
            id="html-page-not-utf8",
        ),
    ],
)
def test_check_reports_what_the_build_refuses_and_the_build_refuses_it_first(column, capsys, files, expected):
    column.entry("one", extra="tags: [follow-up]\n")
    column.entry("secret", title="Not yet", extra="draft: true\n")
    for rel, content in files.items():
        column.write(rel, content)
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert expected in out, out
    assert column.run("build") == 1
    captured = capsys.readouterr()
    assert expected in captured.out, captured
    assert "rendering pages" not in captured.err  # refused before MkDocs starts
    assert not (column.root / "site").exists()


def test_ordinary_docs_pass_check(column, capsys):
    column.entry("one", extra="tags: [follow-up]\n")
    column.write("docs/index.md", "Welcome. Read [about us](about.md).\n")
    column.write(
        "docs/about.md",
        "# About\n\n![Our logo](assets/logo.png) See [contact](contact.md#form), [a question](qa/one.md),\n"
        "[interviews](topics/interviews/index.md), [a tag](tags/follow-up/index.md), "
        "[the feed](feed.xml), [the guide](files/guide.pdf), [a folder](guides/) and "
        "[elsewhere](https://example.org/x.md).\n\n```\n[not a link](nowhere.md)\n```\n",
    )
    column.write(
        "docs/contact.md",
        "---\ntitle: Contact\nicon: material/email\nhide:\n  - toc\n---\n"
        "# Contact\n\n## Form {#form}\n\n[Back](about.md)\n",
    )
    column.write("docs/assets/logo.png", PNG)
    column.write("docs/files/guide.pdf", b"%PDF-1.4\n")
    column.write("docs/wordpress-ids.json", '{"p": {"12": "qa/one/"}}\n')
    column.write("docs/old-page.html", "<p>An old page.</p>\n")
    column.write("docs/CNAME", "column.example.org\n")
    column.write("docs/templates/letter.md", "A template readers copy: [your name](you.md)\n")  # never built
    column.write(
        "mkdocs.yml", MKDOCS_YML + "nav:\n  - About: about.md\n  - contact.md\n  - https://example.org/\n"
    )
    assert column.run("check") == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", ["docs", "docs/about.md"])
def test_a_path_in_docs_checks_the_column(column, capsys, path):
    column.entry("one")
    column.write("docs/about.md", ABOUT + "[Gone](gone.md)\n")
    assert column.run("check", path) == 1
    assert "docs/about.md:3:1: QA072 link 'gone.md'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("engine", "icon", "expected"),
    [
        ("mkdocs", "lucide/lightbulb", "QA073 icon 'lucide/lightbulb' is not one of the theme's icons"),
        ("zensical", "lucide/lightbulb", None),  # Zensical's theme has Lucide's icons; Material's has not
        ("zensical", "material/lightbulb", None),
        ("zensical", "material/no-such-icon", "QA073 icon 'material/no-such-icon' is not one of the theme's"),
    ],
)
def test_docs_pages_are_checked_against_the_engine_s_theme(column, capsys, engine, icon, expected):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML.replace("  advice:\n", f"  advice:\n    engine: {engine}\n"))
    column.write("docs/about.md", f"---\ntitle: About\nicon: {icon}\n---\n# About\n")
    code = column.run("check")
    out = capsys.readouterr().out
    if expected is not None:
        assert code == 1 and f"docs/about.md:3:1: {expected}" in out, out
        return
    assert code == 0, out
    if icon.startswith("lucide/"):  # and Zensical renders it
        assert column.run("build") == 0, capsys.readouterr()
        about = (column.root / "site" / "about" / "index.html").read_text(encoding="utf-8")
        assert "lucide-lightbulb" in about  # the page's icon, in the navigation
