"""The indexes as ways in: topics without entries are not offered, tags are grouped by letter,
the archive names each year's newest questions."""

from __future__ import annotations

from advice_column.blueprint.catalog import build_catalog
from advice_column.blueprint.listings import ARCHIVE_TITLES
from advice_column.blueprint.pages import render_pages
from advice_column.entries.model import Topic

from .test_pages import SETTINGS, make, split

TOPICS = {
    "interviews": Topic("interviews", "Interviews", "Getting through them."),
    "work": Topic("work", "Work", "Nothing here yet."),
}


def pages_of(entries):
    return render_pages(build_catalog(TOPICS, entries), SETTINGS)


def test_a_topic_without_entries_is_not_offered_on_the_home_page_or_the_topics_index():
    pages = pages_of([make("x")])
    for path in ("index.md", "topics/index.md", "topics/interviews/index.md"):
        _, tree = split(pages[path])
        assert [a.text() for a in tree.css(".advice-topics a")] == ["Interviews"], path
    # Its own page still lists itself, so a link to it is not a dead end.
    _, own = split(pages["topics/work/index.md"])
    assert [a.text() for a in own.css(".advice-topics a")] == ["Interviews", "Work"]


def test_tags_are_grouped_by_their_first_letter():
    tags = ("apple", "Avocado", "banana", "2020s", "cherry")
    pages = pages_of([make("x", tags=tags)])
    _, tree = split(pages["tags/index.md"])
    groups = {
        group.attributes["aria-label"]: [a.text() for a in group.css("a")]
        for group in tree.css("section.advice-tag-group")
    }
    assert groups == {"#": ["2020s"], "A": ["apple", "Avocado"], "B": ["banana"], "C": ["cherry"]}


def test_the_archive_names_each_years_newest_questions():
    entries = [make(f"e{n}", f"2025-0{n}-01") for n in range(1, 8)] + [make("old", "2019-03-02")]
    _, tree = split(pages_of(entries)["archive/index.md"])
    years = tree.css("section.advice-archive")
    titles = [[a.text() for a in year.css(".advice-archive__titles a")] for year in years]
    assert titles == [[f"Title e{n}" for n in range(7, 7 - ARCHIVE_TITLES, -1)], ["Title old"]]
    assert years[0].css_first(".advice-more a").text() == "All 7 questions of 2025"
    assert years[1].css_first(".advice-more") is None
