"""Atom feeds, for the whole column and for each topic, from the same catalog as the pages.

Feeds need absolute links, so they are written only when mkdocs.yml has a ``site_url``.
"""

from __future__ import annotations

import html
from xml.etree import ElementTree

from . import urls
from .catalog import Catalog
from .settings import Settings
from .templates import render_template
from .views import EntryView


def render_feeds(catalog: Catalog, views: dict[str, EntryView], settings: Settings) -> dict[str, str]:
    """``{path: Atom XML}`` for the column and each topic; empty without a site_url."""
    if not settings.site_url:
        return {}
    feeds = {
        urls.SITE_FEED: _feed(
            settings.site_name, "", catalog.entries, views, catalog, settings, urls.SITE_FEED
        )
    }
    for key, topic in catalog.topics.items():
        title = f"{topic.title} · {settings.site_name}"
        path = urls.topic_feed(key)
        feeds[path] = _feed(title, urls.topic(key), catalog.by_topic[key], views, catalog, settings, path)
    return feeds


def _feed(title, page_url, entries, views, catalog: Catalog, settings: Settings, path: str) -> str:
    latest = [views[entry.slug] for entry in entries[: settings.feed_entries]]
    updated = max(((v.entry.updated or v.entry.date) for v in latest), default=None)
    return render_template(
        "feed.xml",
        title=title,
        site_url=settings.site_url,
        self_url=settings.site_url + path,
        page_url=settings.site_url + page_url,
        author=settings.columnist or settings.site_name,
        updated=updated,
        views=latest,
        topics=catalog.topics,
        full_text=settings.feed_full_text,
        content=feed_content,
    )


def feed_problem(xml: bytes) -> str | None:
    """Why ``xml`` is not a well-formed Atom document, or None when it is."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        return str(error)
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        return f"the root element is {root.tag}, not an Atom feed"
    return None


def feed_content(view: EntryView) -> str:
    """The entry as HTML for a feed reader; the template escapes it once more for XML."""
    asker = f"{html.escape(view.entry.asker)} asks" if view.entry.asker else "A reader asks"
    return f"<h2>{asker}</h2>\n{view.question_html}\n<h2>Answer</h2>\n{view.answer_html}"
