"""An entry's own page: headline, byline, question, answer, the reply link, follow-ups, related."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..entries.model import Entry
from . import urls
from .ask import reply_destination
from .catalog import Catalog
from .page_cache import PageCache
from .settings import Settings
from .structured_data import entry_json_ld
from .templates import page_file
from .views import EntryView

# GitHub answers 414 for URLs much past 8 KB; a comment link stays under this.
MAX_COMMENT_URL = 8000


def topic_neighbours(catalog: Catalog) -> dict[str, tuple[Entry | None, Entry | None]]:
    """(newer, older) entry in the same topic, by slug: what an entry page's footer leads to."""
    neighbours = {}
    for entries in catalog.by_topic.values():
        for index, entry in enumerate(entries):
            newer = entries[index - 1] if index > 0 else None
            older = entries[index + 1] if index + 1 < len(entries) else None
            neighbours[entry.slug] = (newer, older)
    return neighbours


def render_entry_page(
    entry: Entry,
    views: dict[str, EntryView],
    catalog: Catalog,
    settings: Settings,
    cache: PageCache | None = None,
    neighbours: tuple[Entry | None, Entry | None] = (None, None),
) -> str:
    """The entry's page; ``neighbours`` are the newer and older entries of its topic."""
    view = views[entry.slug]
    topic = catalog.topics[entry.topic]
    tags = [catalog.tag_of(tag) for tag in entry.tags]
    follows = catalog.by_slug.get(entry.follow_up_of or "")
    followed_by = catalog.follow_ups.get(entry.slug, [])
    # No entry twice on one page: the footer skips the earlier question and the replies (linked
    # in the page), related questions skip those and the footer's two.
    story = {entry.slug, *(e.slug for e in [follows, *followed_by] if e)}
    neighbours = tuple(e if e is not None and e.slug not in story else None for e in neighbours)
    linked = story | {e.slug for e in neighbours if e}
    related = [views[o.slug] for o in catalog.related[entry.slug] if o.slug not in linked]
    key = (
        view,
        topic,
        settings,
        tuple((tag.name, tag.slug) for tag in tags),
        tuple((other.entry.slug, other.entry.title) for other in related),
        (follows.slug, follows.title) if follows else None,
        tuple((later.slug, later.title) for later in followed_by),
        tuple((e.slug, e.title) if e else None for e in neighbours),
    )

    def render() -> str:
        advice = {
            "kind": "entry",
            "draft": entry.draft or entry.scheduled,
            "lastmod": (entry.updated or entry.date).isoformat(),
            **_footer_links(neighbours),
        }
        json_ld = entry_json_ld(
            entry, topic, view.question_html, view.answer_html, view.description, settings
        )
        return page_file(
            urls.entry(entry.slug),
            entry.title,
            "entry.html",
            description=view.description,
            meta={"advice": advice},
            view=view,
            topic=topic,
            tags=tags,
            related=related,
            json_ld=json_ld,
            follows=follows,
            followed_by=followed_by,
            columnist=settings.columnist,
            comment_url=comment_url(settings, entry),
            comment_label=settings.comment_label,
            reply_to=reply_destination(settings.comment_url),
        )

    return (cache or PageCache()).get(urls.entry_source(entry.slug), key, render)


def _footer_links(neighbours: tuple[Entry | None, Entry | None]) -> dict:
    """Front matter for the footer's "Newer"/"Older" links (raw titles: the theme escapes them)."""
    links = {}
    for name, other in zip(("newer", "older"), neighbours, strict=True):
        if other is not None:
            links[name] = {"url": urls.entry(other.slug), "title": other.title}
    return links


def comment_url(settings: Settings, entry: Entry) -> str:
    """The reply link: the configured template with each placeholder percent-encoded."""
    absolute = (settings.site_url or "/") + urls.entry(entry.slug)
    title = entry.title
    while True:
        url = _fill(settings.comment_url, {"title": title, "url": absolute, "slug": entry.slug})
        if len(url) <= MAX_COMMENT_URL or len(title) <= 20:
            return url
        title = title[: len(title) * 3 // 4] + "…"


def _fill(template: str, values: dict[str, str]) -> str:
    url = re.sub(r"\{(\w+)\}", lambda m: quote(values[m.group(1)], safe=""), template)
    return url.replace(" ", "%20")
