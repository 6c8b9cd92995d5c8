"""Grouping by topic, tag and year, and related questions, on plain data."""

from __future__ import annotations

import datetime

from advice_column.blueprint.catalog import (
    NEIGHBOURS,
    assign_tag_slugs,
    build_catalog,
    find_related,
    newest_first,
)
from advice_column.entries.model import Entry, Topic

TOPICS = {"interviews": Topic("interviews", "Interviews", ""), "salary": Topic("salary", "Salary", "")}


def make(slug: str, day: str, topic: str = "interviews", tags: tuple[str, ...] = (), draft: bool = False):
    return Entry(
        path=f"qa/{slug}.md",
        slug=slug,
        title=slug.title(),
        date=datetime.date.fromisoformat(day),
        topic=topic,
        question="Q",
        answer="A",
        tags=tags,
        draft=draft,
    )


def test_groups_newest_first_and_drafts_left_out():
    entries = [
        make("old", "2021-01-01", tags=("Follow-up",)),
        make("new", "2025-01-01", "salary", tags=("follow-up", "raises")),
        make("draft", "2026-01-01", tags=("follow-up",), draft=True),
    ]
    catalog = build_catalog(TOPICS, entries)
    assert [e.slug for e in catalog.entries] == ["new", "old"]
    assert [e.slug for e in catalog.by_topic["interviews"]] == ["old"]
    assert [e.slug for e in catalog.by_topic["salary"]] == ["new"]
    assert list(catalog.by_year) == [2025, 2021]
    # Tags match ignoring case; the spelling shown is the first one met, newest first.
    assert catalog.tags["follow-up"].name == "follow-up"
    assert [e.slug for e in catalog.tags["follow-up"].entries] == ["new", "old"]
    assert catalog.tag_of("FOLLOW-UP").slug == "follow-up"


def test_drafts_included_for_previews():
    catalog = build_catalog(TOPICS, [make("draft", "2026-01-01", draft=True)], include_drafts=True)
    assert [e.slug for e in catalog.entries] == ["draft"]


def test_topics_without_entries_still_listed():
    assert build_catalog(TOPICS, []).by_topic == {"interviews": [], "salary": []}


def test_tag_slugs_never_collide():
    slugs = assign_tag_slugs(["c", "c++"])
    assert slugs["c"] == "c"
    assert slugs["c++"].startswith("c-")


def test_tag_slugs_for_text_without_ascii_are_stable_and_safe():
    first = assign_tag_slugs(["日本", "職場"])
    assert first == assign_tag_slugs(["日本", "職場"])
    assert all(slug.startswith("t-") and slug.replace("-", "").isalnum() for slug in first.values())
    assert len(set(first.values())) == 2


def test_related_prefers_the_topic_to_one_shared_tag_and_excludes_itself():
    entries = newest_first(
        [
            make("me", "2024-06-01", tags=("rare", "common")),
            make("topic-and-tag", "2018-01-01", tags=("common",)),
            make("shares-both", "2017-01-01", "salary", tags=("rare", "common")),
            make("shares-rare", "2020-01-01", "salary", tags=("rare",)),
            make("shares-common", "2024-05-01", "salary", tags=("common",)),
            make("same-topic", "2024-05-02"),
            make("unrelated", "2024-05-03", "salary"),
            *[make(f"filler-{n}", "2019-01-01", "salary", tags=("common",)) for n in range(2)],
        ]
    )
    catalog = build_catalog(TOPICS, entries)
    related = [e.slug for e in catalog.related["me"]]
    assert related[:5] == ["topic-and-tag", "shares-both", "same-topic", "shares-rare", "shares-common"]
    assert "me" not in related and "unrelated" not in related


def test_related_looks_only_at_neighbours_of_a_huge_tag():
    entries = newest_first(
        [make(f"e{n:04d}", f"20{10 + n // 365:02d}-01-01", tags=("everyone",)) for n in range(3 * NEIGHBOURS)]
    )
    by_topic = {"interviews": entries, "salary": []}
    related = find_related(entries, by_topic, {"everyone": entries})
    # Each entry's related questions come from entries near it in date, never from far away.
    for index, entry in enumerate(entries):
        positions = [entries.index(other) for other in related[entry.slug]]
        assert all(abs(position - index) <= NEIGHBOURS for position in positions)
        assert len(positions) == 5
