"""Catalog to pages: ``{docs path: Markdown with front matter}``, ready for the site engine.

Page bodies are HTML blocks rendered from this package's templates with autoescaping on, so
every contributor string is escaped wherever it lands; Markdown passes such blocks through
untouched. Pure: the same catalog always gives byte-identical pages.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import quote

import jinja2
import yaml

from ..entries.model import Entry, Tick
from .catalog import Catalog
from .markdown_html import plain_text, render_many, render_markdown
from .settings import Settings
from .structured_data import entry_json_ld
from .urls import part_folder, search_parts

# libyaml's emitter is some twenty times faster than PyYAML's, and front matter is on every page.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HOME_LATEST = 10
DESCRIPTION_LENGTH = 160
# GitHub answers 414 for URLs much past 8 KB; a comment link stays under this.
MAX_COMMENT_URL = 8000

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("advice_column.site", "page_templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["longdate"] = lambda day: f"{day.day} {day:%B %Y}"


def pagination_window(number: int, count: int, width: int = 2) -> list[int | None]:
    """Page numbers to link around page ``number``: first, last, and neighbours; None for a gap."""
    shown = sorted({1, count, *range(max(1, number - width), min(count, number + width) + 1)})
    window: list[int | None] = []
    for page in shown:
        if window and page - window[-1] > 1:  # type: ignore[operator]
            window.append(None)
        window.append(page)
    return window


_env.globals["pagination_window"] = pagination_window


@dataclass(frozen=True)
class EntryView:
    """What listings and the entry page show of an entry, computed once per build."""

    entry: Entry
    question_html: str
    answer_html: str
    description: str


def view_entries(catalog: Catalog, cache: PageCache | None = None) -> dict[str, EntryView]:
    """Every published entry's rendered sections, by slug; Markdown already in ``cache`` is reused."""
    rendered = cache.sections if cache is not None else {}
    texts = {text for entry in catalog.entries for text in (entry.question, entry.answer)}
    missing = sorted(texts - rendered.keys())
    rendered.update(zip(missing, render_many(missing), strict=True))
    for gone in rendered.keys() - texts:  # keep the cache the size of the column
        del rendered[gone]
    kept = cache.views if cache is not None else {}
    views = {}
    for entry in catalog.entries:
        view = kept.get(entry.slug)
        # The loader's cache hands back the very same Entry for a file that did not change.
        views[entry.slug] = view if view is not None and view.entry is entry else view_entry(entry, rendered)
    if cache is not None:
        cache.views = views
    return views


def render_pages(
    catalog: Catalog,
    settings: Settings,
    home_intro: str = "",
    home_meta: dict | None = None,
    progress: Tick | None = None,
    views: dict[str, EntryView] | None = None,
    cache: PageCache | None = None,
) -> dict[str, str]:
    """Every generated page of the site, keyed by its path inside the docs folder.

    With a ``cache`` (the preview server keeps one), pages whose inputs did not change since the
    last call are taken from it instead of being rendered again.
    """
    views = views if views is not None else view_entries(catalog)
    cache = cache if cache is not None else PageCache()
    pages: dict[str, str] = {}
    for done, entry in enumerate(catalog.entries, start=1):
        pages[f"qa/{entry.slug}.md"] = render_entry_page(entry, views, catalog, settings, cache)
        if progress:
            progress(done, len(catalog.entries))
    for key, topic in catalog.topics.items():
        pages.update(
            render_listing(
                f"topics/{key}/",
                topic.title,
                topic.description,
                [views[e.slug] for e in catalog.by_topic[key]],
                catalog,
                settings,
                filter_topic=topic.title,
                feed=f"topics/{key}/feed.xml" if settings.site_url else None,
                cache=cache,
            )
        )
    for tag in catalog.tags.values():
        pages.update(
            render_listing(
                f"tags/{tag.slug}/",
                f"Tagged “{tag.name}”",
                f"Questions tagged “{tag.name}”.",
                [views[e.slug] for e in tag.entries],
                catalog,
                settings,
                cache=cache,
            )
        )
    for year, entries in catalog.by_year.items():
        pages.update(
            render_listing(
                f"archive/{year}/",
                f"Questions from {year}",
                "",
                [views[e.slug] for e in entries],
                catalog,
                settings,
                cache=cache,
            )
        )
    pages["index.md"] = render_home(catalog, views, settings, home_intro, home_meta or {})
    pages["topics/index.md"] = _page("topics/", "Topics", "topics.html", catalog=catalog)
    pages["tags/index.md"] = _page("tags/", "Tags", "tags.html", catalog=catalog)
    pages["archive/index.md"] = _page("archive/", "Archive", "archive.html", catalog=catalog)
    parts = [part_folder(number) + "/" for number in range(1, search_parts(len(catalog.entries)))]
    search_meta = {"template": "search.html", "advice": {"search_parts": parts}}
    pages["search.md"] = _page("search/", "Search", None, meta=search_meta)
    return dict(sorted(pages.items()))


def view_entry(entry: Entry, rendered: dict[str, str] | None = None) -> EntryView:
    """An entry's sections as safe HTML (from ``rendered`` when there) and its one-line description."""
    rendered = rendered or {}
    question_html = rendered.get(entry.question) or render_markdown(entry.question)
    answer_html = rendered.get(entry.answer) or render_markdown(entry.answer)
    description = entry.summary or first_sentence(plain_text(answer_html))
    return EntryView(entry, question_html, answer_html, description)


def render_entry_page(
    entry: Entry,
    views: dict[str, EntryView],
    catalog: Catalog,
    settings: Settings,
    cache: PageCache | None = None,
) -> str:
    """The entry's own page: question, answer, byline, tags, related questions."""
    view = views[entry.slug]
    topic = catalog.topics[entry.topic]
    tags = [catalog.tag_of(tag) for tag in entry.tags]
    related = [views[other.slug] for other in catalog.related[entry.slug]]
    follows = catalog.by_slug.get(entry.follow_up_of or "")
    followed_by = catalog.follow_ups.get(entry.slug, [])
    key = (
        view,
        topic,
        settings,
        tuple((tag.name, tag.slug) for tag in tags),
        tuple((other.entry.slug, other.entry.title) for other in related),
        (follows.slug, follows.title) if follows else None,
        tuple((later.slug, later.title) for later in followed_by),
    )

    def render() -> str:
        advice = {
            "kind": "entry",
            "comment_url": comment_url(settings, entry),
            "comment_label": settings.comment_label,
            "draft": entry.draft,
            "lastmod": (entry.updated or entry.date).isoformat(),
        }
        json_ld = entry_json_ld(
            entry, topic, view.question_html, view.answer_html, view.description, settings
        )
        return _page(
            entry.url,
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
        )

    return (cache or PageCache()).get(f"qa/{entry.slug}.md", key, render)


def render_listing(
    url: str,
    title: str,
    description: str,
    views: list[EntryView],
    catalog: Catalog,
    settings: Settings,
    filter_topic: str | None = None,
    feed: str | None = None,
    cache: PageCache | None = None,
) -> dict[str, str]:
    """A list of entries split into pages of ``settings.per_page``: ``url``, ``url/page/2/``, …"""
    cache = cache or PageCache()
    per_page = settings.per_page
    count = max(1, -(-len(views) // per_page))
    urls = [url] + [f"{url}page/{number}/" for number in range(2, count + 1)]
    pages = {}
    for number, page_url in enumerate(urls, start=1):
        page_title = title if number == 1 else f"{title} (page {number} of {count})"
        shown = views[(number - 1) * per_page : number * per_page]
        context = {
            "description": description or page_title,
            "heading": title,
            "intro": description,
            "views": shown,
            "total": len(views),
            "number": number,
            "pagination": urls,
            "filter_topic": filter_topic,
            "catalog": catalog,
            "feed": feed,
            "meta": {"advice": {"feed": feed}} if feed else None,
        }
        items = tuple(_item_key(view, catalog) for view in shown)
        key = (page_title, description, items, len(views), tuple(urls), filter_topic, feed)
        path = _source_path(page_url)
        pages[path] = cache.get(
            path, key, functools.partial(_page, page_url, page_title, "listing.html", **context)
        )
    return pages


def _item_key(view: EntryView, catalog: Catalog) -> tuple:
    """All that a listing shows of an entry (see _item.html)."""
    entry = view.entry
    topic = catalog.topics[entry.topic].title
    return entry.slug, entry.title, entry.date, topic, entry.draft, view.description


class PageCache:
    """What a preview server keeps between rebuilds, so that an edit re-renders only what it touched:
    pages by path with the inputs they were rendered from, and Markdown already rendered."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[object, str]] = {}
        self.sections: dict[str, str] = {}
        self.views: dict[str, EntryView] = {}
        self.catalog: Catalog | None = None  # the last one, whose related questions may be reused
        self.written: dict[str, str | bytes] = {}  # what the writer last wrote, by path

    def get(self, path: str, key: object, render) -> str:
        """The page at ``path``: from the cache when ``key`` is unchanged, else ``render()``."""
        kept = self._pages.get(path)
        if kept is not None and kept[0] == key:
            return kept[1]
        text = render()
        self._pages[path] = (key, text)
        return text


def render_home(
    catalog: Catalog, views: dict[str, EntryView], settings: Settings, intro: str, meta: dict
) -> str:
    """The home page: the hand-written intro (Markdown), the latest entries and the topics."""
    latest = [views[entry.slug] for entry in catalog.entries[:HOME_LATEST]]
    title = str(meta.get("title") or settings.site_name)
    heading = f'<h1 id="title">{html.escape(title)}</h1>'
    return _page(
        "",
        title,
        "home.html",
        description=str(meta.get("description") or ""),
        meta={key: value for key, value in meta.items() if key not in ("title", "description")},
        markdown_before=f"{heading}\n\n{intro.strip()}",
        catalog=catalog,
        latest=latest,
        feed="feed.xml" if settings.site_url else None,
    )


def render_robots(settings: Settings) -> str:
    """robots.txt: everything may be crawled; the sitemap's address when the site has one."""
    sitemap = f"Sitemap: {settings.site_url}sitemap.xml\n" if settings.site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def render_template(name: str, **context) -> str:
    """Render one of this package's page templates (autoescaped)."""
    return _env.get_template(name).render(**context)


def comment_url(settings: Settings, entry: Entry) -> str:
    """The reply link: the configured template with each placeholder percent-encoded."""
    absolute = (settings.site_url or "/") + entry.url
    title = entry.title
    while True:
        url = _fill(settings.comment_url, {"title": title, "url": absolute, "slug": entry.slug})
        if len(url) <= MAX_COMMENT_URL or len(title) <= 20:
            return url
        title = title[: len(title) * 3 // 4] + "…"


def _fill(template: str, values: dict[str, str]) -> str:
    url = re.sub(r"\{(\w+)\}", lambda m: quote(values[m.group(1)], safe=""), template)
    return url.replace(" ", "%20")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, cut at a word to at most 160 characters."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(sentence) <= DESCRIPTION_LENGTH:
        return sentence
    return sentence[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at site path ``from_url`` to ``to_url`` (both like 'a/b/' or 'a/f.xml')."""
    here = from_url.split("/")[:-1]
    *there, target_file = to_url.split("/")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    down = "".join(f"{part}/" for part in there[common:])
    return "../" * (len(here) - common) + down + target_file or "./"


def _source_path(url: str) -> str:
    return f"{url}index.md" if url else "index.md"


def _page(
    url: str,
    title: str,
    template: str | None,
    description: str = "",
    meta: dict | None = None,
    markdown_before: str = "",
    **context,
) -> str:
    # Material prints page.meta.title and page.meta.description into the HTML without escaping
    # (material/templates/base.html: <title>{{ page.meta.title }}…), so they are stored escaped.
    front = {
        "title": html.escape(title),
        **({"description": html.escape(description)} if description else {}),
    }
    front.update(meta or {})
    header = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    parts = [f"---\n{header}---\n"]
    if markdown_before:
        parts.append(markdown_before + "\n")
    if template:
        link = lambda target: relative_url(url, target)  # noqa: E731 - a closure per page
        body = _env.get_template(template).render(url=url, title=title, link=link, **context)
        parts.append(body.strip() + "\n")
    return "\n".join(parts)
