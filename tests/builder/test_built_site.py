"""What readers and search engines get: feeds, JSON-LD, sharing tags, sitemap, redirects, follow-ups."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.catalog import build_catalog
from advice_column.entries.loader import load_column

from ..conftest import SAMPLE

# Markup characters are refused by check (see test_hostile.py); quotes, braces and '&' are text.
HOSTILE = '"}, {"@type": "x"} & \\u0022 "q" ]]'


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def json_ld(tree: LexborHTMLParser) -> dict:
    (script,) = tree.css('script[type="application/ld+json"]')
    return json.loads(script.text())


@pytest.fixture(scope="module")
def catalog():
    column = load_column(SAMPLE)
    return build_catalog(column.topics, column.entries)


def test_site_feed_lists_the_latest_entries_with_absolute_links(catalog, sample_site):
    feed = feedparser.parse((sample_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Ask the Career Coach"
    links = [e.link for e in feed.entries]
    site_url = "https://advice-column.github.io/advice-column/"
    assert links == [site_url + e.url for e in catalog.entries[:20]]
    newest = catalog.entries[0]
    first = feed.entries[0]
    assert first.title == newest.title
    assert first.published.startswith(newest.date.isoformat())
    assert first.updated.startswith((newest.updated or newest.date).isoformat())
    assert "Answer" in first.content[0].value


def test_topic_feeds_hold_only_their_topic_and_are_linked(catalog, sample_site):
    for key, entries in catalog.by_topic.items():
        feed = feedparser.parse((sample_site / "topics" / key / "feed.xml").read_bytes())
        assert not feed.bozo
        assert [e.title for e in feed.entries] == [e.title for e in entries]
        page = html(sample_site / "topics" / key / "index.html")
        feed_links = page.css('link[rel~=alternate][rel~=feed][type="application/atom+xml"]')
        alternates = [a.attributes["href"] for a in feed_links]
        assert "feed.xml" in alternates and "../../feed.xml" in alternates


def test_entry_json_ld_is_an_article_about_the_question(catalog, sample_site):
    for entry in catalog.entries:
        data = json_ld(html(sample_site / entry.url / "index.html"))
        assert data["@type"] == "Article"
        assert data["headline"] == entry.title
        assert data["datePublished"] == entry.date.isoformat()
        assert data["dateModified"] == (entry.updated or entry.date).isoformat()
        assert data["author"] == {"@type": "Person", "name": "The Career Coach"}
        assert data["publisher"]["name"] == "Ask the Career Coach"
        assert data["url"].endswith(entry.url)
        question = data["mainEntity"]
        assert question["@type"] == "Question" and question["name"] == entry.title
        assert question["acceptedAnswer"]["@type"] == "Answer"
        assert question["acceptedAnswer"]["text"].split()[:3] == re.sub(r"[*_]", "", entry.answer).split()[:3]
        if entry.asker:
            assert question["author"] == {"@type": "Person", "name": entry.asker}


def test_sharing_tags_and_canonical_on_entry_pages(catalog, sample_site):
    entry = next(e for e in catalog.entries if "&" in e.title)
    tree = html(sample_site / entry.url / "index.html")
    meta = {
        m.attributes.get("property") or m.attributes.get("name"): m.attributes["content"]
        for m in tree.css("meta[content]")
    }
    assert meta["og:title"] == entry.title
    assert meta["og:type"] == "article"
    assert meta["og:url"] == meta["og:url"].strip() and meta["og:url"].endswith(entry.url)
    assert meta["description"] == meta["og:description"] == entry.summary
    assert tree.css_first("link[rel=canonical]").attributes["href"] == meta["og:url"]


def test_sitemap_lastmod_is_the_entrys_own_date(catalog, sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml")
    for entry in catalog.entries:
        match = re.search(rf"<loc>[^<]*/{entry.url}</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
        assert match and match.group(1) == (entry.updated or entry.date).isoformat()


def test_robots_txt_points_at_the_sitemap(sample_site):
    robots = (sample_site / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Sitemap: https://advice-column.github.io/advice-column/sitemap.xml" in robots


def test_follow_up_pages_link_to_each_other(catalog, sample_site):
    pairs = [(e, catalog.by_slug[e.follow_up_of]) for e in catalog.entries if e.follow_up_of]
    assert pairs, "the sample has a follow-up"
    for later, earlier in pairs:
        later_page = html(sample_site / later.url / "index.html")
        earlier_page = html(sample_site / earlier.url / "index.html")
        assert later_page.css_first(".advice-follow-up__earlier").text() == earlier.title
        assert earlier_page.css_first(".advice-follow-up__later").text() == later.title
        assert earlier_page.css_first(".advice-follow-up--later").text().startswith("The reader wrote back: ")
        # The link to the earlier question is near the top: before the question itself.
        later_html = later_page.html
        assert later_html.index("advice-follow-up__earlier") < later_html.index('class="advice-question"')


def test_hostile_text_in_feeds_and_json_ld_stays_text(column):
    column.entry("x", title=f"'{HOSTILE}'", extra=f"asker: '{HOSTILE}'\nsummary: '{HOSTILE}'\n")
    assert column.run("build") == 0
    site = column.root / "site"
    raw = (site / "qa/x/index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(raw)
    assert len(tree.css("script")) == len(re.findall(r"<script\b", raw))  # no script beyond the theme's
    assert not any("alert(1)" in (s.text() or "") for s in tree.css("script:not([type])"))
    data = json_ld(tree)
    assert data["headline"] == HOSTILE and data["mainEntity"]["author"]["name"] == HOSTILE
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].title == HOSTILE
    content = LexborHTMLParser(feed.entries[0].content[0].value)
    assert not content.css("script") and content.css_first("h2").text() == HOSTILE + " asks"


def test_aliases_become_redirect_pages(column):
    column.entry("new-home", extra="aliases: [2012/12/28/old-post/, /blog/old-post]\n")
    assert column.run("build") == 0
    site = column.root / "site"
    for alias, target in (
        ("2012/12/28/old-post", "../../../../qa/new-home/"),
        ("blog/old-post", "../../qa/new-home/"),
    ):
        page = html(site / alias / "index.html")
        refresh = page.css_first('meta[http-equiv="refresh"]').attributes["content"]
        assert refresh == f"0; url={target}"
        assert (
            page.css_first("link[rel=canonical]").attributes["href"]
            == "https://example.org/column/qa/new-home/"
        )
        resolved = (site / alias / target).resolve()
        assert resolved == (site / "qa/new-home").resolve() and (resolved / "index.html").exists()
    assert "old-post" not in (site / "sitemap.xml").read_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("aliases: [qa/other/]\n", "alias 'qa/other/' is inside 'qa', which the site generates"),
        ("aliases: [tags/x/]\n", "alias 'tags/x/' is inside 'tags', which the site generates"),
        ("follow_up_of: nowhere\n", "follow_up_of 'nowhere' is not the slug of another entry"),
        ("follow_up_of: me\n", "follow_up_of 'me' is not the slug of another entry"),
    ],
)
def test_links_between_entries_are_checked(column, capsys, extra, message):
    column.entry("me", extra=extra)
    assert column.run("check") == 1
    assert message in capsys.readouterr().out


def test_two_entries_may_not_claim_one_alias(column, capsys):
    column.entry("a", extra="aliases: [old/]\n")
    column.entry("b", extra="aliases: [old/]\n")
    assert column.run("check") == 1
    assert "qa/b.md:5:11: QA028 alias 'old/' is also claimed by qa/a.md" in capsys.readouterr().out


def test_no_feeds_without_a_site_url(column):
    column.write(
        "mkdocs.yml",
        (column.root / "mkdocs.yml").read_text().replace("site_url: https://example.org/column/\n", ""),
    )
    column.entry("x")
    assert column.run("build") == 0
    assert not (column.root / "site/feed.xml").exists()
    assert not html(column.root / "site/index.html").css('link[type="application/atom+xml"]')
