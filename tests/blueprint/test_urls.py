"""Every site path from one module: links between pages, and the folders the site generates."""

from __future__ import annotations

import posixpath

import pytest

from advice_column.blueprint import urls
from advice_column.blueprint.text import shorten
from advice_column.entries.aliases import RESERVED_FIRST_SEGMENTS


@pytest.mark.parametrize(
    "page",
    ["", "qa/x/", "topics/salary/", "topics/salary/page/3/", "archive/2025/", "search/", "a/b/c/d/"],
)
@pytest.mark.parametrize(
    "target",
    ["", "qa/y/", "tags/c-/", "feed.xml", "topics/salary/feed.xml", "search/parts.json", "archive/2024/#m03"],
)
def test_a_relative_link_leads_back_to_its_target(page, target):
    path = target.partition("#")[0]
    link = urls.relative(page, path)
    assert not link.startswith("/")
    assert urls.resolve(page, link) == path
    # The link MkDocs' own rule (a path relative to the page's folder) makes.
    expected = posixpath.relpath("/" + path, "/" + page)
    assert link == (
        ("./" if expected == "." else expected + "/") if path.endswith("/") or not path else expected
    )


def test_generated_folders_are_the_ones_validation_keeps_aliases_out_of():
    generated = {urls.ENTRIES, urls.TOPICS, urls.TAGS, urls.ARCHIVE, urls.SEARCH, urls.ASK, "assets/"}
    assert set(urls.RESERVED_PREFIXES) == generated
    assert {prefix.rstrip("/") for prefix in generated} | {urls.SITE_FEED} <= RESERVED_FIRST_SEGMENTS


def test_paths_of_each_kind_of_page():
    assert urls.entry("a-b") == "qa/a-b/" and urls.entry_source("a-b") == "qa/a-b.md"
    assert urls.topic_feed("salary") == "topics/salary/feed.xml"
    assert [urls.listing_page("tags/x/", n) for n in (1, 2)] == ["tags/x/", "tags/x/page/2/"]
    assert urls.source_path("") == "index.md" and urls.source_path("archive/") == "archive/index.md"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short\u00a0text", 20, "short\u00a0text"),
        ("one two three four", 12, "one two…"),
        ("one two, three four", 13, "one two…"),
        ("abcdefghijkl", 8, "abcdefg…"),
    ],
)
def test_shorten_cuts_at_a_word(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
