"""Rendering shortcuts the engine takes must give the site a reader would get without them.

Generated pages whose body is HTML skip Python-Markdown (engine/html_pages.py), and the site
navigation and the parts of a page that read nothing of it are rendered once per place in the
site (engine/nav_cache.py). Each test builds a
copy of the sample column with real MkDocs both ways and compares every file.
"""

from __future__ import annotations

import gc
import html
import inspect
import json
import shutil
from pathlib import Path

import material
import pytest

from advice_column import engine
from advice_column.builder.describe import describe_site
from advice_column.builder.pipeline import generate, load_valid
from advice_column.engine.runner import load_engine_config, run_engine
from advice_column.search import THEME_DIR as SEARCH_THEME

from ..conftest import SAMPLE, entry_text


@pytest.fixture
def sample_column(tmp_path: Path) -> Path:
    root = tmp_path / "column"
    shutil.copytree(SAMPLE, root)
    code = "```\nline one\n\nline three, after a blank line\n```\n"
    text = entry_text(title="What does a code block keep?", answer="Look:\n\n" + code)
    (root / "qa" / "code-block.md").write_text(text, encoding="utf-8")
    # Front matter that YAML and JSON write differently: quotes, a backslash, a colon, an emoji.
    title = 'Is a "50% raise" fair \\o/ or just: café talk? 🙂'
    quoted = entry_text(title=json.dumps(title, ensure_ascii=False))  # a JSON string is YAML too
    (root / "qa" / "quoted.md").write_text(quoted, encoding="utf-8")
    for number in range(3):  # six in networking, as in interviews
        more = entry_text(title=f"Networking question {number}", topic="networking")
        (root / "qa" / f"networking-{number}.md").write_text(more, encoding="utf-8")
    # Five a page: two topics get a second page, not in the navigation, each in the folder of
    # a page that is.
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("per_page: 30", "per_page: 5"), encoding="utf-8"
    )
    return root


def build(root: Path, out: str, *, markdown_everywhere: bool = False) -> dict[str, str]:
    """Build ``root`` into ``root/out``; every file of the site by path."""
    settings, column = load_valid(root)
    catalog, docs_dir, written = generate(root, settings, column, root / f"{out}-docs")
    html_pages = frozenset() if markdown_everywhere else written.html_pages
    run_engine(
        load_engine_config(describe_site(root, settings, catalog, docs_dir, html_pages), root / out),
        workers=1,
    )
    site = root / out
    files = [path for path in site.rglob("*") if path.is_file()]
    return {path.relative_to(site).as_posix(): path.read_text("utf-8", "replace") for path in files}


def without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def test_generated_pages_skip_markdown_and_read_the_same(sample_column, monkeypatch):
    from advice_column.engine import html_pages

    fast = build(sample_column, "fast")
    # Pages rendered from Markdown are sanitised (they hold hand-written text): it may write a
    # character another way, but keeps all that the sample's pages and the home page hold.
    monkeypatch.setattr(html_pages, "sanitize_page_html", lambda html: html)
    unsanitised = build(sample_column, "unsanitised")
    assert [path for path in fast if html.unescape(fast[path]) != html.unescape(unsanitised[path])] == []
    # With every page Markdown (and none sanitised, as pages the generator made are not):
    # Python-Markdown drops blank lines between the HTML blocks; nothing else may differ.
    slow = build(sample_column, "slow", markdown_everywhere=True)
    assert fast.keys() == slow.keys()
    different = [
        path for path in fast if without_blank_lines(unsanitised[path]) != without_blank_lines(slow[path])
    ]
    assert different == []
    quoted = fast["qa/quoted/index.html"]
    assert "<title>Is a &quot;50% raise&quot; fair \\o/ or just: café talk? 🙂 - " in quoted
    page = fast["qa/code-block/index.html"]
    assert "line one\n\nline three, after a blank line" in page  # a code block keeps its blank line
    # A hand-written page is still Markdown: the sample's About page has emphasis and a link.
    about = fast["about/index.html"]
    assert "<em>Ask the Career Coach</em>" in about and '<a href="https://github.com/advice-column' in about


def test_shared_navigation_is_the_navigation_each_page_would_render(sample_column):
    shared = build(sample_column, "shared")
    # A site that overrides a template of the navigation gets it rendered page by page; here the
    # override is Material's own template, so every page must come out the same.
    overrides = sample_column / "overrides" / "partials"
    overrides.mkdir(parents=True, exist_ok=True)
    own = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
    shutil.copy(own, overrides / "nav-item.html")
    each = build(sample_column, "each")
    assert shared.keys() == each.keys()
    assert [path for path in shared if shared[path] != each[path]] == []
    drawer = shared["qa/code-block/index.html"]
    assert 'class="md-nav md-nav--primary"' in drawer and 'href="../../topics/' in drawer
    # The same depth, the same first folder, and links of their own to their topic's first page.
    for topic, other in (("interviews", "networking"), ("networking", "interviews")):
        second = shared[f"topics/{topic}/page/2/index.html"]
        assert f'href="../../../{other}/"' in second and f'href="../../../../topics/{other}/"' not in second


def test_parts_kept_per_place_are_what_each_page_would_render(sample_column):
    shared = build(sample_column, "shared")
    # The site overrides a template that each kept part includes, with Material's own (or the
    # column theme's own) copy, and its main.html renders Material's config and scripts blocks
    # itself: every part is then rendered page by page, and every page must come out the same.
    overrides = sample_column / "overrides"
    (overrides / "partials" / "javascripts").mkdir(parents=True, exist_ok=True)
    material_dir = Path(material.__file__).parent / "templates"
    theme_dir = Path(engine.__file__).parent / "theme"
    for name in ("icons.html", "logo.html", "copyright.html", "javascripts/palette.html"):
        shutil.copy(material_dir / "partials" / name, overrides / "partials" / name)
    shutil.copy(
        SEARCH_THEME / "partials" / "column-search.html", overrides / "partials" / "column-search.html"
    )
    base = (material_dir / "base.html").read_text(encoding="utf-8")
    ours = (theme_dir / "advice-base.html").read_text(encoding="utf-8")
    blocks = []
    for name in ("config", "scripts"):
        start = base.index("{% block " + name + " %}")
        material_block = base[start : base.index("{% endblock %}", start)]
        start = ours.index("{% block " + name + " %}")
        after_kept = ours.index("{% endif %}", start) + len("{% endif %}")  # the column's own lines
        own_lines = ours[after_kept : ours.index("{% endblock %}", start)]
        blocks.append(material_block + own_lines + "{% endblock %}")
    (overrides / "main.html").write_text('{% extends "advice-base.html" %}\n' + "\n".join(blocks) + "\n")
    each = build(sample_column, "each")
    assert shared.keys() == each.keys()

    def squeezed(text: str) -> str:  # the kept parts trim the white space around them
        return " ".join(text.split())

    assert [path for path in shared if squeezed(shared[path]) != squeezed(each[path])] == []
    page = shared["qa/code-block/index.html"]
    config = page.split('<script id="__config" type="application/json">')[1]
    assert '"base": "../.."' in config and '"search.result.none":' in config
    # Pages at the same depth link differently to the search page: it is kept per place.
    assert 'action="../search/"' in shared["about/index.html"]
    assert 'action="./"' in shared["search/index.html"]
    assert 'action="../../search/"' in page and "<title>What does a code block keep?" in page


def test_a_page_rendered_from_its_html_holds_its_body_nowhere_else(sample_column):
    # The parallel build drops each page's body once it has read what other pages show of it,
    # and reads it again to write the page: anything else holding the body would keep every
    # page of a big column in each worker's memory (gigabytes, for long answers).
    settings, column = load_valid(sample_column)
    catalog, docs_dir, written = generate(sample_column, settings, column, sample_column / "docs-out")
    site = describe_site(sample_column, settings, catalog, docs_dir, written.html_pages)
    config = load_engine_config(site, sample_column / "out")
    built = []
    run_engine(config, workers=1, on_site=built.append)
    _, files, _, _ = built[0]
    pages = [file.page for file in files.documentation_pages() if file.src_uri in written.html_pages]
    pages = [page for page in pages if page.content]  # the search page's body is empty
    assert len(pages) > 20
    for page in pages:
        body = page.content
        page.markdown = page.content = None
        assert [holder for holder in gc.get_referrers(body) if not inspect.isframe(holder)] == []
