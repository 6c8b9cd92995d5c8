"""One tag, one page: spellings that are one tag meet on one page, distinct tags never share one."""

from __future__ import annotations

import re
import unicodedata

import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.catalog import assign_tag_slugs
from advice_column.entries.loader import load_column
from advice_column.entries.slugs import stable_slug
from advice_column.entries.tags import tag_key

from ..conftest import entry_text

CAFE_NFC = unicodedata.normalize("NFC", "café")
CAFE_NFD = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize(
    "spellings",
    [
        ["cover letter", "cover-letter", "cover_letter", "Cover  Letter", "COVER – LETTER"],
        [CAFE_NFC, CAFE_NFD, "CAFÉ"],
        ["Ｃ＋＋", "c++"],  # full-width forms
    ],
)
def test_spellings_of_one_tag_share_its_key(spellings):
    assert len({tag_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize("tags", [["c", "c#", "c++"], ["cafe", CAFE_NFC], ["año", "ano"], ["日本", "職場"]])
def test_distinct_tags_get_distinct_safe_slugs(tags):
    keys = {tag_key(tag) for tag in tags}
    assert len(keys) == len(tags)
    slugs = assign_tag_slugs(sorted(keys))
    assert len(set(slugs.values())) == len(keys)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(--[0-9a-f]{10})?", slug) for slug in slugs.values())


def test_published_tag_addresses_stay_and_the_plain_spelling_keeps_its_slug():
    slugs = assign_tag_slugs(["c++", "c#", "c", "cover letter", "café", "日本"])
    assert slugs["c"] == "c" and slugs["cover letter"] == "cover-letter"
    assert slugs["café"] == stable_slug("café") == "cafe"  # alone on its slug: unchanged
    assert slugs["日本"] == stable_slug("日本")
    assert slugs["c#"].startswith("c--") and slugs["c++"].startswith("c--")
    # The same keys in any order give the same slugs.
    assert assign_tag_slugs(["c", "c#", "c++"]) == {key: slugs[key] for key in ("c", "c#", "c++")}


def test_check_names_the_one_spelling_to_use(column, capsys):
    column.write("qa/a.md", entry_text(extra="tags: [cover letter]\n"))
    column.write("qa/b.md", entry_text(extra="tags: [cover letter]\n"))
    column.write("qa/c.md", entry_text(extra="tags: [salary, cover-letter]\n"))
    column.write("qa/d.md", entry_text(extra=f"tags: [{CAFE_NFD}, Cover_Letter]\n"))
    column.write("qa/e.md", entry_text(extra=f"tags: [{CAFE_NFC}]\n"))
    assert column.run("check") == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" QA")[0] for line in lines] == ["qa/c.md:5:16:", "qa/d.md:5:15:"]
    assert all("QA035" in line and "use that one spelling" in line for line in lines)
    assert "tag 'cover-letter' is written 'cover letter' in other entries" in lines[0]
    assert "tag 'Cover_Letter' is written 'cover letter'" in lines[1]
    # NFD is normalised to NFC when read, so café is café and needs no report


def test_on_a_tie_the_spelling_first_in_path_order_is_the_one(column, capsys):
    for name, tag in (
        ("a", "Cover Letter"),
        ("b", "cover-letter"),
        ("c", "cover-letter"),
        ("d", "Cover Letter"),
    ):
        column.write(f"qa/{name}.md", entry_text(extra=f"tags: [{tag}]\n"))
    assert column.run("check") == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["qa/b.md", "qa/c.md"]
    assert all("tag 'cover-letter' is written 'Cover Letter' in other entries" in line for line in lines)


def test_tags_that_are_not_one_tag_each_list_their_entry(column):
    """'C#' and 'C++' were both tags/c-/: one entry was on no tag page."""
    tags = ["C#", "C++", "C", "cafe", CAFE_NFC, "cover letter"]
    for number, tag in enumerate(tags):
        column.write(f"qa/e{number}.md", entry_text(title=f"Question {number}?", extra=f"tags: [{tag!r}]\n"))
    assert load_column(column.root).diagnostics == []
    assert column.run("build") == 0
    site = column.root / "site"
    listings = set()
    for number, tag in enumerate(tags):
        page = LexborHTMLParser((site / f"qa/e{number}/index.html").read_text(encoding="utf-8"))
        (link,) = page.css("a.advice-tag")
        assert link.text() == tag
        listing_url = (site / f"qa/e{number}" / link.attributes["href"]).resolve()
        listing = LexborHTMLParser((listing_url / "index.html").read_text(encoding="utf-8"))
        assert [a.text() for a in listing.css("a.advice-item__title")] == [f"Question {number}?"]
        listings.add(listing_url)
    assert len(listings) == len(tags)
