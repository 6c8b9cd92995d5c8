"""Hostile input: contributed text stays text everywhere it lands, and unsafe markup never ships."""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.catalog import build_catalog
from advice_column.blueprint.markdown_html import render_markdown
from advice_column.blueprint.pages import render_pages
from advice_column.blueprint.settings import Settings
from advice_column.entries.body import find_unsafe_markup
from advice_column.entries.loader import load_column
from advice_column.entries.model import Entry, Topic

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!-- ]]> <![CDATA[ x",
    "{{ 7*7 }} {% if 1 %}jinja{% endif %}",
    "&lt;b&gt;entity&lt;/b&gt; &amp; &#60;",
    "javascript:alert(1)",
    "\u202eevil\u202c ‮ rtl",
]
# An entry's one-line values (title, asker, summary, tags) are text: `advice check` refuses only
# invisible and bidi controls in them, and everything else must build and stay text
# (test_any_title_asker_and_tag_is_page_text_and_never_markup covers the escaping of all). The
# topics file's titles and descriptions also refuse markup characters and character references.
REFUSED = [payload for payload in PAYLOADS if "\u202e" in payload]
ACCEPTED = [payload for payload in PAYLOADS if payload not in REFUSED] + [
    "Q&A, R & D and 'quotes'",
    "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>",
]
MARKUP = [payload for payload in ACCEPTED if re.search(r"[<>]|&(?:lt|#)", payload)]
TOPIC_TEXTS = [payload for payload in ACCEPTED if payload not in MARKUP]


def as_tag(text: str) -> str:
    """The text as a tag: labels hold no double quotes or backticks."""
    return " ".join(text.replace('"', " ").replace("`", " ").split())


DANGEROUS_TAGS = "iframe, object, embed, frame, frameset, applet, base, meta[http-equiv=refresh], svg script"


def quoted(text: str) -> str:
    """The text as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, list[str]]:
    """A column whose every contributed string is a payload check accepts, built with `advice build`."""
    from ..conftest import MKDOCS_YML, ColumnDir, entry_text

    column = ColumnDir(tmp_path_factory.mktemp("hostile") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    topics = {"interviews": {"title": TOPIC_TEXTS[0], "description": TOPIC_TEXTS[1]}}
    column.write("qa/topics.yml", yaml.safe_dump(topics, allow_unicode=True))
    for number, payload in enumerate(ACCEPTED):
        extra = (
            f"asker: {quoted(payload)}\nsummary: {quoted(payload)}\n"
            f"tags: [{quoted(as_tag(payload))}, {quoted(as_tag('tag ' + payload))}]\n"
        )
        column.write(f"qa/e{number}.md", entry_text(title=quoted(payload), extra=extra))
    assert column.run("build") == 0
    return column.root / "site", ACCEPTED


@pytest.mark.parametrize("payload", MARKUP)
def test_check_refuses_markup_only_in_the_topics_file(column, payload, capsys):
    from ..conftest import entry_text

    column.write("qa/topics.yml", yaml.safe_dump({"interviews": {"title": payload, "description": payload}}))
    extra = f"asker: {quoted(payload)}\nsummary: {quoted(payload)}\ntags: [{quoted(as_tag(payload))}]\n"
    column.write("qa/x.md", entry_text(title=quoted(payload), extra=extra))
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert "QA036" not in out and out.count("QA050") >= 2 and "may not hold" in out, out


@pytest.mark.parametrize("payload", REFUSED)
def test_check_refuses_invisible_characters_in_every_one_line_value(column, payload, capsys):
    from ..conftest import entry_text

    column.write("qa/topics.yml", yaml.safe_dump({"interviews": {"title": payload, "description": payload}}))
    extra = f"asker: {quoted(payload)}\nsummary: {quoted(payload)}\ntags: [{quoted(payload)}]\n"
    column.write("qa/x.md", entry_text(title=quoted(payload), extra=extra))
    assert column.run("check") == 1
    out = capsys.readouterr().out
    refused = {line.split(" ")[0].rsplit(":", 2)[0] for line in out.splitlines() if "QA036" in line}
    assert refused == {"qa/x.md:2", "qa/x.md:5", "qa/x.md:6", "qa/x.md:7"}, out
    assert out.count("QA050") >= 2 and "invisible" in out, out
    assert "\u202e" not in out  # shown escaped, never acted on by the terminal


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_title_round_trips_to_the_page_text(hostile_site):
    site, payloads = hostile_site
    for number, payload in enumerate(payloads):
        tree = LexborHTMLParser((site / f"qa/e{number}/index.html").read_text(encoding="utf-8"))
        assert tree.css_first("article h1").text() == payload
        assert tree.css_first(".advice-question__asker").text() == f"{payload} asks"
        assert [a.text() for a in tree.css(".advice-tag")] == [as_tag(payload), as_tag("tag " + payload)]
        assert tree.css_first('meta[name="description"]').attributes["content"] == payload
        assert tree.css_first('meta[property="og:title"]').attributes["content"] == payload
        assert tree.css_first("title").text() == f"{payload} - Test Column"


def test_no_page_gains_an_element_attribute_or_script(hostile_site):
    site, _ = hostile_site
    for page in all_pages(site):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        assert not tree.css(DANGEROUS_TAGS), page
        assert not tree.css("img"), page  # the theme uses inline SVG icons only
        for node in tree.css("*"):
            for name, value in node.attributes.items():
                assert not name.lower().startswith("on"), (page, node.tag, name)
                if name in ("href", "src", "action"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (
                        page,
                        value,
                    )
        for script in tree.css("script"):
            if script.attributes.get("type") == "application/ld+json":
                json.loads(script.text())  # still valid JSON: the payload could not end the element
            else:
                assert "alert(" not in (script.text() or ""), page


def test_templates_are_not_evaluated_from_contributed_text(hostile_site):
    site, payloads = hostile_site
    number = payloads.index("{{ 7*7 }} {% if 1 %}jinja{% endif %}")
    text = (site / f"qa/e{number}/index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in text and ">49<" not in text


def test_json_ld_and_feeds_carry_the_payload_as_data(hostile_site):
    site, payloads = hostile_site
    for number, payload in enumerate(payloads):
        tree = LexborHTMLParser((site / f"qa/e{number}/index.html").read_text(encoding="utf-8"))
        data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
        assert data["headline"] == payload
        assert data["mainEntity"]["author"]["name"] == payload
    for feed_path in ("feed.xml", "topics/interviews/feed.xml"):
        feed = feedparser.parse((site / feed_path).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert sorted(e.title for e in feed.entries) == sorted(payloads)
        for item in feed.entries:
            content = LexborHTMLParser(item.content[0].value)
            assert not content.css("script, img, iframe")


def test_topic_text_is_escaped_in_navigation_listings_and_filters(hostile_site):
    site, _ = hostile_site
    topic_title, topic_description = TOPIC_TEXTS[0], TOPIC_TEXTS[1]
    tree = LexborHTMLParser((site / "topics/interviews/index.html").read_text(encoding="utf-8"))
    assert tree.css_first(".advice-listing h1").text() == topic_title
    assert tree.css_first(".advice-listing__intro").text() == topic_description
    nav_titles = [node.text().strip() for node in tree.css(".md-nav__link")]
    assert topic_title in nav_titles
    entry = LexborHTMLParser((site / "qa/e0/index.html").read_text(encoding="utf-8"))
    assert entry.css_first("[data-search-filter=topic]").text() == topic_title


def test_tag_slugs_are_safe_path_segments(hostile_site):
    site, _ = hostile_site
    for path in (site / "tags").iterdir():
        if path.is_dir():
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(--[0-9a-f]{10})?", path.name), path.name


BODY_CASES = [
    ("<script>alert(1)</script>", "QA040"),
    ("<iframe src='https://evil.example'></iframe>", "QA040"),
    ("<object data=x></object> <embed src=x>", "QA040"),
    ("<form action=https://evil.example><input name=p></form>", "QA040"),
    ("<style>body{display:none}</style>", "QA040"),
    ('<a href="https://ok.example" onclick="alert(1)">x</a>', "QA040"),
    ("<img src=x onerror=alert(1)>", "QA040"),
    ("[click](javascript:alert(1))", "QA041"),
    ("[click](vbscript:msgbox(1))", "QA041"),
    ("[click](data:text/html;base64,PHNjcmlwdD4=)", "QA041"),
    ("[click][ref]\n\n[ref]: javascript:alert(1)", "QA041"),
    ("<javascript:alert(1)>", "QA041"),
    ("![tracker](https://evil.example/pixel.gif)", "QA040"),
]


@pytest.mark.parametrize(("payload", "code"), BODY_CASES, ids=[c[0][:30] for c in BODY_CASES])
def test_unsafe_markup_in_the_body_is_reported_with_its_line(column, payload, code):
    front = "---\ntitle: T\ndate: 2025-01-01\ntopic: interviews\n---\n"
    column.write("qa/x.md", f"{front}\n## Question\n\nQ?\n\n## Answer\n\nFine.\n{payload}\n")
    (problem, *_) = [d for d in load_column(column.root).diagnostics if d.code == code]
    assert (problem.path, problem.line) == ("qa/x.md", 14 + payload.count("\n"))


@pytest.mark.parametrize(("payload", "code"), BODY_CASES, ids=[c[0][:30] for c in BODY_CASES])
def test_sanitiser_removes_it_even_when_check_is_bypassed(payload, code):
    rendered = LexborHTMLParser(render_markdown(f"Fine.\n\n{payload}\n\nAfter."))
    assert not rendered.css("script, iframe, object, embed, form, input, style, img")
    for node in rendered.css("*"):
        assert not [name for name in node.attributes if name.lower().startswith("on")]
        href = (node.attributes.get("href") or "").lower()
        assert not href.startswith(("javascript:", "vbscript:", "data:"))
    assert "After." in rendered.text()


def test_html_that_check_accepts_in_an_indented_code_block_is_shown_as_code():
    text = "Paste this:\n\n    <div class='x'><script>alert(1)</script></div>\n\nAfter."
    assert find_unsafe_markup(text, 1) == []
    rendered = LexborHTMLParser(render_markdown(text))
    assert rendered.css_first("pre code").text() == "<div class='x'><script>alert(1)</script></div>\n"
    assert not rendered.css("div, script")


def test_entity_obfuscated_javascript_link_is_neutralised():
    rendered = LexborHTMLParser(render_markdown("[x](java&#115;cript:alert(1)) and [y](JaVaScRiPt:alert(1))"))
    hrefs = [a.attributes.get("href") or "" for a in rendered.css("a")]
    assert not any("script:" in href.lower() for href in hrefs)


one_line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80
).filter(lambda text: text.strip() == text and text)


@given(title=one_line, asker=one_line, tag=one_line)
@settings(max_examples=200, deadline=None)
def test_any_title_asker_and_tag_is_page_text_and_never_markup(title, asker, tag):
    entry = Entry(
        path="qa/x.md",
        slug="x",
        title=title,
        date=datetime.date(2025, 1, 1),
        topic="interviews",
        question="Q?",
        answer="A.",
        tags=(tag,),
        asker=asker,
        summary=title,
    )
    settings_ = Settings(site_name="C", site_url="https://example.org/", comment_url="mailto:a@b.c?s={title}")
    page = render_pages(build_catalog(TOPICS, [entry]), settings_)["qa/x.md"]
    front, body = page.split("---\n", 2)[1:]
    tree = LexborHTMLParser(body)
    assert tree.css_first("h1").text() == title
    assert tree.css_first(".advice-question__asker").text() == f"{asker} asks"
    assert tree.css_first(".advice-tag").text().strip() == tag.strip()
    # The same elements and attributes as for a plain entry: nothing was created by the text.
    shape = [(node.tag, sorted(node.attributes)) for node in tree.css("*")]
    assert shape == PLAIN_SHAPE
    assert json.loads(tree.css_first('script[type="application/ld+json"]').text())["headline"] == title
    assert html.unescape(yaml.safe_load(front)["title"]) == title


def _plain_shape() -> list:
    entry = Entry(
        path="qa/x.md",
        slug="x",
        title="Plain",
        date=datetime.date(2025, 1, 1),
        topic="interviews",
        question="Q?",
        answer="A.",
        tags=("plain",),
        asker="Sam",
        summary="Plain",
    )
    settings_ = Settings(site_name="C", site_url="https://example.org/", comment_url="mailto:a@b.c?s={title}")
    body = render_pages(build_catalog(TOPICS, [entry]), settings_)["qa/x.md"].split("---\n", 2)[2]
    return [(node.tag, sorted(node.attributes)) for node in LexborHTMLParser(body).css("*")]


TOPICS = {"interviews": Topic("interviews", "Interviews", "")}
PLAIN_SHAPE = _plain_shape()


def test_hand_written_pages_keep_what_materials_extensions_make():
    from advice_column.blueprint.markdown_html import sanitize_page_html

    kept = [
        '<table><thead><tr><th style="text-align:right">Pay</th></tr></thead></table>',
        '<div class="tabbed-set" data-tabs="1:2"><input checked="checked" id="t1" name="t" type="radio">'
        '<label for="t1">One</label></div>',
        '<div class="admonition note"><p class="admonition-title">Note</p></div>',
        '<details class="tip" open=""><summary>More</summary></details>',
        '<span class="twemoji"><svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg">'
        '<path d="M12 2"></path></svg></span>',
        '<img alt="Logo" src="../assets/logo.png">',
        '<a href="https://example.org/" target="_blank" rel="me">Elsewhere</a>',
    ]
    for html_text in kept:
        assert sanitize_page_html(html_text) == html_text
    cell = '<table><tbody><tr><td style="position:fixed;text-align:left">x</td></tr></tbody></table>'
    assert sanitize_page_html(cell) == cell.replace("position:fixed;", "")
    assert sanitize_page_html('<img src="https://tracker.example/p.gif" alt="t">') == '<img alt="t">'
    assert sanitize_page_html('<img src="//tracker.example/p.gif">') == "<img>"
