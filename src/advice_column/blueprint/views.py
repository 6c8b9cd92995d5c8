"""What listings and entry pages show of each entry: its sections as HTML and a summary."""

from __future__ import annotations

from dataclasses import dataclass

from ..entries.model import Entry
from .catalog import Catalog
from .markdown_html import plain_text, render_many, render_markdown
from .page_cache import PageCache
from .text import summary


@dataclass(frozen=True)
class EntryView:
    """An entry with its rendered question and answer and its one-line description."""

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


def view_entry(entry: Entry, rendered: dict[str, str] | None = None) -> EntryView:
    """An entry's sections as safe HTML (from ``rendered`` when there) and its description."""
    rendered = rendered or {}
    question_html = rendered.get(entry.question) or render_markdown(entry.question)
    answer_html = rendered.get(entry.answer) or render_markdown(entry.answer)
    description = entry.summary or summary(plain_text(answer_html))
    return EntryView(entry, question_html, answer_html, description)
