"""Group entries the ways readers browse them: by topic, tag and year, plus related questions.

Every grouping is one pass over the entries and related questions go through a tag index,
so the cost grows with the number of entries, never with its square.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..entries.model import Entry, Topic
from ..entries.slugs import stable_slug
from ..entries.tags import key_digest, tag_key

RELATED_COUNT = 5
# Only this many neighbours (by date) of a popular tag or topic are scored: a tag on
# 3,000 entries would otherwise make related questions cost entries x tag size.
NEIGHBOURS = 40
# The same topic outweighs any one shared tag (a tag shared by two entries weighs 1/ln 4 = 0.72):
# a salary question's neighbours are salary questions before one that merely shares "updates".
# Two shared tags still outweigh the topic alone.
TOPIC_WEIGHT = 1.0


@dataclass(frozen=True)
class Tag:
    """A tag as first written, its URL slug, and its entries newest first."""

    name: str
    slug: str
    entries: tuple[Entry, ...]


@dataclass
class Catalog:
    """The published entries (newest first) and every grouping of them."""

    topics: dict[str, Topic]
    entries: list[Entry]
    by_topic: dict[str, list[Entry]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    tag_slug: dict[str, str] = field(default_factory=dict)
    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    related: dict[str, list[Entry]] = field(default_factory=dict)
    by_slug: dict[str, Entry] = field(default_factory=dict)
    follow_ups: dict[str, list[Entry]] = field(default_factory=dict)
    grouping: tuple = ()  # each entry's slug, date, topic and tags, in order

    def tag_of(self, name: str) -> Tag:
        """The tag a name belongs to (see entries/tags.py for when two names are one tag)."""
        return self.tags[self.tag_slug[tag_key(name)]]


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Sort by date, newest first; the slug breaks ties so the order is stable."""
    return sorted(entries, key=lambda e: (-e.date.toordinal(), e.slug))


def build_catalog(
    topics: dict[str, Topic],
    entries: list[Entry],
    include_drafts: bool = False,
    previous: Catalog | None = None,
    *,
    with_related: bool = True,
) -> Catalog:
    """Group the entries to publish (drafts and scheduled entries only when asked) by topic, tag and year.

    Related questions are taken from ``previous`` (a preview's last catalog) when no entry's
    slug, date, topic or tags changed since: an edited answer does not change them. Without
    ``with_related`` there are none (what pages exist does not depend on them).
    """
    published = newest_first([e for e in entries if include_drafts or not (e.draft or e.scheduled)])
    catalog = Catalog(topics=topics, entries=published)
    catalog.by_topic = {key: [] for key in sorted(topics)}
    by_year: dict[int, list[Entry]] = defaultdict(list)
    tag_entries: dict[str, list[Entry]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for entry in published:
        catalog.by_topic[entry.topic].append(entry)
        by_year[entry.date.year].append(entry)
        for tag in entry.tags:
            key = tag_key(tag)
            spelling.setdefault(key, tag)
            tag_entries[key].append(entry)
    catalog.by_year = dict(sorted(by_year.items(), reverse=True))
    catalog.tag_slug = assign_tag_slugs(sorted(spelling))
    catalog.tags = {
        catalog.tag_slug[key]: Tag(spelling[key], catalog.tag_slug[key], tuple(tag_entries[key]))
        for key in sorted(spelling, key=lambda k: catalog.tag_slug[k])
    }
    catalog.by_slug = {entry.slug: entry for entry in published}
    catalog.grouping = tuple(_grouping_key(entry) for entry in published)
    if previous is not None and previous.grouping == catalog.grouping:
        by_slug = catalog.by_slug
        catalog.related = {slug: [by_slug[e.slug] for e in group] for slug, group in previous.related.items()}
    elif with_related:
        catalog.related = find_related(published, catalog.by_topic, tag_entries)
    for entry in reversed(published):  # oldest follow-up first, as the story unfolded
        if entry.follow_up_of in catalog.by_slug:
            catalog.follow_ups.setdefault(entry.follow_up_of, []).append(entry)
    return catalog


def _grouping_key(entry: Entry) -> tuple:
    """What related questions are computed from (see find_related)."""
    return entry.slug, entry.date, entry.topic, entry.tags


def assign_tag_slugs(keys: list[str]) -> dict[str, str]:
    """The slug of each tag key, distinct by construction; a published tag keeps its address.

    Each key's slug is its frozen ``stable_slug`` ('c++', 'c#' and 'c' are all 'c'). Among keys
    sharing one, the key that is the slug itself ('c') keeps it, else the first in order; the
    others add '--' and a hash of their key ('c--1a2b3c4d5e'), which no stable slug contains.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        groups[stable_slug(key)].append(key)
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for slug, members in groups.items():
        owner = next((key for key in members if key.replace(" ", "-") == slug), members[0])
        for key in members:
            own = slug if key == owner else f"{slug}--{key_digest(key)}"
            if own in taken:  # two 40-bit hashes that agree: the whole hash tells them apart
                own = f"{slug}--{key_digest(key, 64)}"
            taken.add(own)
            slugs[key] = own
    return slugs


def find_related(
    entries: list[Entry], by_topic: dict[str, list[Entry]], tag_entries: dict[str, list[Entry]]
) -> dict[str, list[Entry]]:
    """Up to five entries per entry, ranked by topic and shared tags (rarer tags weigh more)."""
    order = {entry.slug: index for index, entry in enumerate(entries)}
    # Positions in ``entries`` of each group's members, ascending since groups are newest first.
    tag_positions = {key: [order[e.slug] for e in group] for key, group in tag_entries.items()}
    topic_positions = {key: [order[e.slug] for e in group] for key, group in by_topic.items()}
    related = {}
    for index, entry in enumerate(entries):
        scores: dict[int, float] = defaultdict(float)
        for tag in entry.tags:
            positions = tag_positions[tag_key(tag)]
            weight = 1.0 / math.log(2 + len(positions))
            for other in _neighbours(positions, index):
                scores[other] += weight
        for other in _neighbours(topic_positions[entry.topic], index):
            scores[other] += TOPIC_WEIGHT
        scores.pop(index, None)
        # The best few of a hundred or more: highest score, then closest in date, then newest.
        ranked = heapq.nsmallest(
            RELATED_COUNT, [(-score, abs(other - index), other) for other, score in scores.items()]
        )
        related[entry.slug] = [entries[other] for _, _, other in ranked]
    return related


def _neighbours(positions: list[int], index: int) -> list[int]:
    """The members of a group (as ascending positions) closest in date to position ``index``."""
    if len(positions) <= NEIGHBOURS:
        return positions
    middle = bisect.bisect_left(positions, index)
    start = max(0, min(middle - NEIGHBOURS // 2, len(positions) - NEIGHBOURS))
    return positions[start : start + NEIGHBOURS]
