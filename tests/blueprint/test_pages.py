"""Page generation as a pure function: paths, links, escaping, pagination, comment links."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from advice_column.blueprint import urls
from advice_column.blueprint.catalog import build_catalog
from advice_column.blueprint.entry_page import MAX_COMMENT_URL, comment_url
from advice_column.blueprint.pages import render_pages
from advice_column.blueprint.settings import Settings
from advice_column.blueprint.templates import pagination_window
from advice_column.blueprint.text import summary
from advice_column.blueprint.urls import relative as relative_url
from advice_column.entries.model import Entry, Topic

TOPICS = {"interviews": Topic("interviews", "Interviews & <more>", "About <b>interviews</b>.")}
SETTINGS = Settings(
    site_name="Column",
    site_url="https://example.org/col/",
    comment_url="https://github.com/o/r/issues/new?title=Re%3A%20{title}&body={url}",
    per_page=5,
)


def make(slug: str, day: str = "2025-01-01", **fields) -> Entry:
    values = dict(
        path=f"qa/{slug}.md",
        slug=slug,
        title=f"Title {slug}",
        date=datetime.date.fromisoformat(day),
        topic="interviews",
        question="What now?",
        answer="Do this. Then that.",
    )
    values.update(fields)
    return Entry(**values)


def split(page: str) -> tuple[dict, HTMLParser]:
    _, front, body = page.split("---\n", 2)
    return yaml.safe_load(front), HTMLParser(body)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("", "qa/x/", "qa/x/"),
        ("qa/x/", "qa/y/", "../y/"),
        ("topics/interviews/", "qa/x/", "../../qa/x/"),
        ("topics/interviews/page/2/", "topics/interviews/", "../../"),
        ("tags/", "", "../"),
        ("qa/x/", "qa/x/", "./"),
    ],
)
def test_relative_url(source, target, expected):
    assert relative_url(source, target) == expected


def test_pages_for_every_entry_topic_tag_year_and_index():
    entries = [make("a", tags=("Follow-up",)), make("b", "2024-03-03", tags=("follow-up", "C++"))]
    pages = render_pages(build_catalog(TOPICS, entries), SETTINGS)
    assert set(pages) == {
        "index.md",
        "search.md",
        "qa/a.md",
        "qa/b.md",
        "topics/index.md",
        "topics/interviews/index.md",
        "tags/index.md",
        "tags/follow-up/index.md",
        "tags/c/index.md",
        "archive/index.md",
        "archive/2025/index.md",
        "archive/2024/index.md",
    }


def test_generation_is_deterministic():
    entries = [make(f"e{n}", f"202{n % 5}-0{1 + n % 9}-1{n % 9}", tags=(f"t{n % 3}",)) for n in range(20)]
    first = render_pages(build_catalog(TOPICS, entries), SETTINGS)
    second = render_pages(build_catalog(TOPICS, list(reversed(entries))), SETTINGS)
    assert first == second


def test_contributor_text_is_escaped_in_body_and_front_matter():
    hostile = '<script>alert(1)</script> & "quotes"'
    entry = make(
        "x", title=hostile, asker="<img src=x onerror=alert(1)>", tags=("<b>tag</b>",), summary=hostile
    )
    pages = render_pages(build_catalog(TOPICS, [entry]), SETTINGS)
    front, tree = split(pages["qa/x.md"])
    # Plain text in the front matter: the engine escapes it for its theme (test_escaping.py).
    assert front["title"] == hostile
    assert front["description"] == hostile
    assert tree.css_first("h1").text() == hostile
    assert tree.css_first(".advice-question__asker").text() == "<img src=x onerror=alert(1)> asks"
    assert tree.css_first(".advice-tag").text().strip() == "<b>tag</b>"
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        _, body = split(page)
        assert not body.css("script:not([type='application/ld+json']), img, b"), page


def test_entry_page_parts():
    entries = [
        make("main", tags=("shared",), asker="Shawn", updated=datetime.date(2025, 2, 1)),
        make("other", "2024-01-01", tags=("shared",)),
    ]
    front, tree = split(render_pages(build_catalog(TOPICS, entries), SETTINGS)["qa/main.md"])
    assert tree.css_first("article[data-search-body] h1").text() == "Title main"
    assert tree.css_first(".advice-question__asker").text() == "Shawn asks"
    assert [t.attributes["datetime"] for t in tree.css(".advice-byline time")] == ["2025-01-01", "2025-02-01"]
    topic = tree.css_first(".advice-byline__topic")
    assert (topic.attributes["href"], topic.attributes["data-search-filter"]) == (
        "../../topics/interviews/",
        "topic",
    )
    assert [a.attributes["href"] for a in tree.css(".advice-tag")] == ["../../tags/shared/"]
    # The older question of the topic is in the footer, so not again among related questions.
    assert front["advice"]["older"] == {"url": "qa/other/", "title": "Title other"}
    assert "newer" not in front["advice"] and not tree.css(".advice-related a")


def test_listings_are_paginated():
    entries = [make(f"e{n:02d}", f"2025-01-{n + 1:02d}") for n in range(12)]
    pages = render_pages(build_catalog(TOPICS, entries), SETTINGS)
    paths = sorted(p for p in pages if p.startswith("topics/interviews/"))
    assert paths == [
        "topics/interviews/index.md",
        "topics/interviews/page/2/index.md",
        "topics/interviews/page/3/index.md",
    ]
    listed = []
    for path in paths:
        _, tree = split(pages[path])
        listed += [a.text() for a in tree.css(".advice-item__title")]
    assert listed == [f"Title e{n:02d}" for n in reversed(range(12))]
    _, second = split(pages["topics/interviews/page/2/index.md"])
    nav = second.css_first(".advice-pagination")
    assert nav.css_first("a[rel=prev]").attributes["href"] == "../../"
    assert nav.css_first("a[rel=next]").attributes["href"] == "../3/"
    assert nav.css_first("[aria-current=page]").text() == "2"


@pytest.mark.parametrize(
    ("number", "count", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 30, [1, 2, 3, None, 30]),
        (15, 30, [1, None, 13, 14, 15, 16, 17, None, 30]),
        (30, 30, [1, None, 28, 29, 30]),
    ],
)
def test_pagination_window_stays_small(number, count, expected):
    assert pagination_window(number, count) == expected


@pytest.mark.parametrize(
    "title",
    ['Pay cut & a "promotion": is this a trick?', "Résumé gaps #2 — 50% off?", "a/b?c=d&e#f"],
)
def test_comment_url_encodes_every_value(title):
    url = comment_url(SETTINGS, make("x", title=title))
    query = parse_qs(urlsplit(url).query)
    assert query["title"] == [f"Re: {title}"]
    assert query["body"] == ["https://example.org/col/qa/x/"]
    assert "#" not in url and " " not in url


def test_comment_url_stays_under_the_length_github_accepts():
    settings = Settings(
        site_name="C", comment_url="https://github.com/o/r/issues/new?title={title}&x={title}"
    )
    url = comment_url(settings, make("x", title="日本語" * 66))
    long_template = Settings(site_name="C", comment_url="https://e.org/?" + "a" * 7000 + "{title}")
    assert len(url) < MAX_COMMENT_URL
    assert len(comment_url(long_template, make("x", title="日本語" * 66))) <= MAX_COMMENT_URL


def test_mailto_comment_template():
    settings = Settings(site_name="C", comment_url="mailto:editor@example.org?subject=Re: {title}")
    url = comment_url(settings, make("x", title="Raise & bonus?"))
    assert url == "mailto:editor@example.org?subject=Re:%20Raise%20%26%20bonus%3F"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yes. Ask for the raise in writing, and do it this week.",
            "Yes. Ask for the raise in writing, and do it this week.",
        ),
        (
            "Is it fair? Yes, and ask again next month if they say no. Wait.",
            "Is it fair? Yes, and ask again next month if they say no.",
        ),
        (
            'He said "call me." Then he never called back at all.',
            'He said "call me." Then he never called back at all.',
        ),
        (
            "Ask (politely.) Then wait for the whole week and see.",
            "Ask (politely.) Then wait for the whole week and see.",
        ),
        (
            '"Fine?" she said, and we went on with the meeting. Later.',
            '"Fine?" she said, and we went on with the meeting.',
        ),
    ],
)
def test_summary_is_whole_sentences_of_eight_words_or_more(text, expected):
    assert summary(text) == expected


def test_long_summary_is_cut_at_a_word():
    cut = summary("word " * 60)
    assert len(cut) <= 160 and cut.endswith(" word…") and cut[:-1] == " ".join(["word"] * (len(cut) // 5))


def test_description_falls_back_to_the_answers_first_sentence():
    answer = "**Yes**, do it now and keep a copy of every message. Then rest."
    pages = render_pages(build_catalog(TOPICS, [make("x", answer=answer)]), SETTINGS)
    front, _ = split(pages["qa/x.md"])
    assert front["description"] == "Yes, do it now and keep a copy of every message."


def test_home_page_keeps_the_hand_written_intro():
    pages = render_pages(
        build_catalog(TOPICS, [make("x")]), SETTINGS, "Welcome to *the* column.", {"title": "Ask us"}
    )
    front, tree = split(pages["index.md"])
    assert front["title"] == "Ask us"
    body = pages["index.md"].split("---\n", 2)[2]
    masthead = '<header class="advice-masthead">\n<h1 id="title" class="advice-masthead__name">Ask us</h1>\n'
    assert body.lstrip().startswith(masthead)
    assert "</header>\n\nWelcome to *the* column.\n" in body
    assert [a.text() for a in tree.css(".advice-item__title")] == ["Title x"]
    assert tree.css_first(".advice-topics a").attributes["href"] == "topics/interviews/"


def test_entry_page_lists_no_entry_twice_and_replies_right_after_the_answer():
    entries = [
        make("first", "2025-01-01", tags=("shared",)),
        make("reply", "2025-02-01", tags=("shared",), follow_up_of="first"),
        make("third", "2025-03-01", tags=("shared",)),
        make("fourth", "2024-03-01", tags=("shared",)),
    ]
    pages = render_pages(build_catalog(TOPICS, entries), SETTINGS)
    for entry in entries:
        url = urls.entry(entry.slug)
        front, tree = split(pages[urls.entry_source(entry.slug)])
        hrefs = [urls.resolve(url, a.attributes["href"]) for a in tree.css("a[href]")]
        footer = [front["advice"][side]["url"] for side in ("newer", "older") if side in front["advice"]]
        linked = [path for path in hrefs + footer if path.startswith("qa/")]
        assert sorted(linked) == sorted(set(linked)), (entry.slug, linked)
        assert url not in linked
        answer = tree.css_first("section.advice-answer")
        following = answer.next
        while following.tag == "-text":
            following = following.next
        assert "advice-reply" in following.attributes["class"]


def test_an_edited_answer_renders_again_only_the_pages_that_show_it():
    from dataclasses import replace

    from advice_column.blueprint.pages import PageCache, view_entries

    entries = [make(f"e{n}", f"2025-0{1 + n % 9}-1{n % 9}", tags=("t",), summary="Same.") for n in range(12)]
    cache = PageCache()

    def pages_of(column: list[Entry]) -> dict[str, str]:
        catalog = build_catalog(TOPICS, column)
        return render_pages(catalog, SETTINGS, views=view_entries(catalog, cache), cache=cache)

    before = pages_of(entries)
    entries[3] = replace(entries[3], answer="Do this. Then that. And one more thing.")
    after = pages_of(entries)
    listing_pages = [path for path in after if path.count("/") >= 2 and not path.startswith("qa/")]
    assert len(listing_pages) >= 4  # the topic's and the tag's two pages each, and the years
    # The listings show title, date, topic, asker and summary: none of them changed.
    assert [path for path in listing_pages if after[path] is not before[path]] == []
    entry_pages = [path for path in after if path.startswith("qa/")]
    assert [path for path in entry_pages if after[path] is not before[path]] == ["qa/e3.md"]
    assert "one more thing" in after["qa/e3.md"]


def test_a_whole_build_hands_each_page_over_as_it_is_rendered(monkeypatch):
    # A whole build writes each page and drops it: a big column's pages never all sit in memory.
    from advice_column.blueprint import pages as pages_module

    rendered = []
    real = pages_module.render_entry_page

    def counted(entry, *args):
        rendered.append(entry.slug)
        return real(entry, *args)

    monkeypatch.setattr(pages_module, "render_entry_page", counted)
    entries = [make(f"e{n}", f"2025-01-0{n + 1}") for n in range(5)]
    pages = pages_module.iter_pages(build_catalog(TOPICS, entries), SETTINGS)
    path, text = next(pages)
    assert rendered == ["e4"] and path == "qa/e4.md" and "Title e4" in text
    assert dict(pages).keys() >= {f"qa/e{n}.md" for n in range(4)}
    assert sorted(rendered) == [f"e{n}" for n in range(5)]  # each page once: a whole build caches none


@pytest.mark.parametrize("site_url", ["https://example.org/col/", ""])
def test_generated_sources_are_what_the_build_generates(site_url):
    """The paths a docs page may link to (``advice check``) are the files the build writes."""
    import dataclasses

    from advice_column.blueprint.feeds import render_feeds
    from advice_column.blueprint.pages import generated_sources, view_entries
    from advice_column.blueprint.redirects import render_redirects

    settings = dataclasses.replace(SETTINGS, site_url=site_url)
    entries = [make(f"e{n:02d}", f"202{n % 3}-01-{n + 1:02d}", tags=(f"t{n % 4}",)) for n in range(13)]
    entries += [make("old", aliases=("2019/old-post/",)), make("secret", draft=True)]
    catalog = build_catalog(TOPICS, entries)
    built = set(render_pages(catalog, settings)) | set(render_redirects(catalog, settings))
    built |= set(render_feeds(catalog, view_entries(catalog), settings))
    assert generated_sources(catalog, settings) == built | {"robots.txt"}  # generate() adds it
