"""Listing pages: every topic, tag and year as pages of entries, and the indexes above them."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..entries.model import Entry
from . import urls
from .catalog import Catalog
from .page_cache import PageCache
from .settings import Settings
from .templates import hand_written_meta, page_file, render_template
from .views import EntryView
from .words import month_name, words_for

POPULAR_TAGS = 15  # the most-used tags shown on the home page


@dataclass(frozen=True)
class Listing:
    """A list of entries at ``url`` (split into pages), as readers and the build's checks see it."""

    url: str
    title: str
    description: str
    entries: list[Entry]
    topic_title: str | None = None  # a topic listing offers a search inside the topic
    feed: str | None = None
    months: bool = False  # a year: each month's first entry carries an anchor


def listings(catalog: Catalog, with_feeds: bool = True, words: dict[str, str] | None = None) -> list[Listing]:
    """Every topic, tag and year listing of the column: the one list pages and checks share."""
    words = words or words_for("en")
    found = [
        Listing(
            urls.topic(key),
            topic.title,
            topic.description,
            catalog.by_topic[key],
            topic_title=topic.title,
            feed=urls.topic_feed(key) if with_feeds else None,
        )
        for key, topic in catalog.topics.items()
    ]
    found += [
        Listing(
            urls.tag(tag.slug),
            words["tagged"].format(tag=tag.name),
            words["tagged_intro"].format(tag=tag.name),
            list(tag.entries),
        )
        for tag in catalog.tags.values()
    ]
    found += [
        Listing(urls.year(year), words["from_year"].format(year=year), "", entries, months=True)
        for year, entries in catalog.by_year.items()
    ]
    return found


def month_anchor(entry: Entry) -> str:
    """The id of a year listing's first entry of a month: 'm03'."""
    return f"m{entry.date.month:02d}"


ARCHIVE_TITLES = 5  # the archive index shows each year's newest questions by title


def month_links(
    catalog: Catalog, per_page: int, language: str = "en"
) -> dict[int, list[tuple[str, int, str]]]:
    """For the archive index: each year's months, newest first, as (name, count, site path#anchor)."""
    years = {}
    for year, entries in catalog.by_year.items():
        months: dict[int, list] = {}
        for index, entry in enumerate(entries):
            if entry.date.month not in months:
                page = urls.listing_page(urls.year(year), index // per_page + 1)
                name = month_name(entry.date, language)
                months[entry.date.month] = [name, 0, f"{page}#{month_anchor(entry)}"]
            months[entry.date.month][1] += 1
        years[year] = [tuple(month) for month in months.values()]
    return years


def listing_pages(listing: Listing, per_page: int) -> dict[str, list[Entry]]:
    """The listing split into pages of ``per_page``: ``url``, ``url/page/2/``, … each with its entries."""
    count = max(1, -(-len(listing.entries) // per_page))
    return {
        urls.listing_page(listing.url, number): listing.entries[(number - 1) * per_page : number * per_page]
        for number in range(1, count + 1)
    }


def render_listing(
    listing: Listing, views: dict[str, EntryView], catalog: Catalog, settings: Settings, cache: PageCache
) -> dict[str, str]:
    """The listing's pages (``listing_pages``), each rendered."""
    paged = listing_pages(listing, settings.per_page)
    count, pagination = len(paged), list(paged)
    anchors = _month_anchors(listing.entries) if listing.months else {}
    about = (listing.url, listing.description, listing.topic_title, listing.feed, listing.months)
    topics = tuple((slug, topic.title) for slug, topic in catalog.topics.items())
    pages = {}
    for number, (page_url, entries) in enumerate(paged.items(), start=1):
        title = listing.title if number == 1 else f"{listing.title} (page {number} of {count})"
        shown = [views[entry.slug] for entry in entries]
        context = {
            "description": listing.description or title,
            "heading": listing.title,
            "intro": listing.description,
            "views": shown,
            "total": len(listing.entries),
            "number": number,
            "pagination": pagination,
            "topic_title": listing.topic_title,
            "catalog": catalog,
            "feed": listing.feed,
            "anchors": anchors,
            "meta": {"advice": {"kind": "listing", **_feed(listing.feed)}},
        }
        # What the page shows, not the Entry objects: an edit to an answer changes those, and
        # would re-render every page of its topic, tags and year.
        total = len(listing.entries)
        key = functools.partial(_page_key, title, about, shown, catalog, anchors, total, pagination)
        # The very views shown as last time (a preview keeps an unchanged entry's view) need no more.
        same = (title, about, shown, topics, anchors, total, pagination)
        path = urls.source_path(page_url)
        pages[path] = cache.get(
            path, key, functools.partial(page_file, page_url, title, "listing.html", **context), same
        )
    return pages


def _feed(feed: str | None) -> dict:
    return {"feed": feed} if feed else {}


def _month_anchors(entries: list[Entry]) -> dict[str, str]:
    anchors, seen = {}, set()
    for entry in entries:
        if (entry.date.year, entry.date.month) not in seen:
            seen.add((entry.date.year, entry.date.month))
            anchors[entry.slug] = month_anchor(entry)
    return anchors


def _page_key(title, about, shown, catalog, anchors, total, pagination) -> tuple:
    items = tuple(_item_key(view, catalog, anchors) for view in shown)
    return title, about, items, total, tuple(pagination)


def _item_key(view: EntryView, catalog: Catalog, anchors: dict[str, str]) -> tuple:
    """All that a listing shows of an entry (see _item.html)."""
    entry = view.entry
    topic = catalog.topics[entry.topic].title
    extra = (entry.asker, anchors.get(entry.slug))
    marks = (entry.draft, entry.scheduled)
    return entry.slug, entry.title, entry.date, entry.topic, topic, marks, view.description, extra


def render_home(
    catalog: Catalog,
    views: dict[str, EntryView],
    settings: Settings,
    intro: str,
    meta: dict,
    latest: int = 10,
) -> str:
    """The home page: the hand-written intro (Markdown), latest entries, topics and popular tags."""
    title = str(meta.get("title") or settings.site_name)
    popular = sorted(catalog.tags.values(), key=lambda tag: (-len(tag.entries), tag.name.casefold()))
    front = {key: value for key, value in meta.items() if key not in ("title", "description")}
    front = hand_written_meta(front)
    front["advice"] = {"kind": "home"}
    masthead = render_template("_masthead.html", title=title, settings=settings)
    return page_file(
        "",
        title,
        "home.html",
        description=str(meta.get("description") or ""),
        meta=front,
        markdown_before=f"{masthead.strip()}\n\n{intro.strip()}",
        catalog=catalog,
        latest=[views[entry.slug] for entry in catalog.entries[:latest]],
        popular_tags=popular[:POPULAR_TAGS],
        feed=urls.SITE_FEED if settings.site_url else None,
    )


def render_indexes(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The topics, tags and archive index pages."""
    meta = {"advice": {"kind": "index"}}
    months = month_links(catalog, settings.per_page, settings.language)
    words = settings.words
    return {
        urls.source_path(urls.TOPICS): page_file(
            urls.TOPICS, words["topics"], "topics.html", meta=meta, catalog=catalog
        ),
        urls.source_path(urls.TAGS): page_file(
            urls.TAGS, words["tag_index"], "tags.html", meta=meta, catalog=catalog
        ),
        urls.source_path(urls.ARCHIVE): page_file(
            urls.ARCHIVE,
            words["archive"],
            "archive.html",
            meta=meta,
            catalog=catalog,
            months=months,
            latest_per_year=ARCHIVE_TITLES,
        ),
    }
