"""Which posts of an export become entries, and with what values; every other post is named with why."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from ..entries.fields import MAX_SUMMARY
from ..entries.slugs import is_valid_slug, slugify
from .entry import (
    ImportedEntry,
    clean_tags,
    clean_title,
    find_asker,
    split_question_answer,
    without_bidi_controls,
    without_signature,
)
from .html_to_markdown import html_to_text
from .languages import post_in_one_language
from .links import BlogAddresses, PostLinks
from .post_text import post_markdown
from .wxr import Export, WordPressPost

_NOT_POSTS = {"page": "page", "attachment": "attachment", "nav_menu_item": "navigation menu item"}
DRAFT_STATUSES = frozenset({"draft", "pending", "future"})
_HIDDEN = "not published on the blog"


@dataclass(frozen=True)
class Options:
    """How posts that are not plainly public are treated."""

    hidden_as_drafts: bool = False  # private and password-protected posts come in as drafts
    date: datetime.date | None = None  # for posts whose export gives no date at all
    language: str | None = None  # of a multilingual (qTranslate) post, the one kept; default its first


@dataclass
class ExportEntries:
    """The export's posts as entries, the posts left out or not importable (named, with why), counts."""

    entries: list[ImportedEntry] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def export_entries(export: Export, source: str, options: Options) -> ExportEntries:
    """Every post of ``export`` as an entry (topic not chosen yet), or named in ``left_out``."""
    result = ExportEntries()
    addresses = BlogAddresses(export.base_url)
    kept: list[tuple[WordPressPost, str]] = []
    language_notes: dict[int, str] = {}
    for post in export.posts:
        if (reason := _left_out(post, options)) is not None:
            _count_or_name(result, post, reason)
            continue
        post, note = post_in_one_language(post, options.language)
        if note:
            language_notes[id(post)] = note
        slug = _slug(post, {slug for _, slug in kept})
        addresses.add(post.post_id, post.link, post.guid, slug)
        kept.append((post, slug))
    links_of: dict[str, PostLinks] = {}
    for post, slug in kept:
        if post.approved_comments:
            result.skipped["comment"] = result.skipped.get("comment", 0) + post.approved_comments
        links_of[slug] = PostLinks(addresses)
        try:
            entry = _entry(post, slug, export, links_of[slug], source, options)
        except RecursionError:
            entry = "its HTML is nested too deeply to convert; simplify the post in WordPress"
        if isinstance(entry, str):
            result.not_imported.append(f"{source}: {_name(post)}: {entry}")
        elif id(post) in language_notes:
            result.entries.append(replace(entry, changes=(language_notes[id(post)], *entry.changes)))
        else:
            result.entries.append(entry)
    result.entries = [
        _with_link_notes(entry, links_of[entry.slug], result.entries) for entry in result.entries
    ]
    return result


def _with_link_notes(entry: ImportedEntry, links: PostLinks, entries: list[ImportedEntry]) -> ImportedEntry:
    """A note when a rewritten link leads to a post that will not be published."""
    published = {other.slug for other in entries if not other.draft}
    unpublished = [slug for slug in links.rewritten if slug not in published]
    if not unpublished:
        return entry
    note = f"links to posts that are not published here (drafts or not imported): {', '.join(unpublished)}"
    return replace(entry, attention=(*entry.attention, note))


def _left_out(post: WordPressPost, options: Options) -> str | None:
    """Why this item is not imported ('page' for a kind that is only counted), else None."""
    if post.post_type != "post":
        return _NOT_POSTS.get(post.post_type, f"'{post.post_type}' item")
    if post.status == "trash":
        return "in the trash"
    if post.status == "auto-draft":
        return "an empty automatic draft"
    if options.hidden_as_drafts:
        return None
    if post.password:
        return "password-protected (use --hidden-as-drafts to bring it in as a draft)"
    if post.status == "private":
        return "private (use --hidden-as-drafts to bring it in as a draft)"
    return None


def _count_or_name(result: ExportEntries, post: WordPressPost, reason: str) -> None:
    if post.post_type != "post":
        result.skipped[reason] = result.skipped.get(reason, 0) + 1
    else:
        result.left_out.append(f"{_name(post)}: {reason}")


def _name(post: WordPressPost) -> str:
    title = html_to_text(post.title_html)
    return f"'{title}'" if title else f"untitled post {post.post_id or '(no id)'}"


def _slug(post: WordPressPost, taken: set[str]) -> str:
    """WordPress's slug when it is valid here, else one from it, the title or the post's id."""
    name = unquote(post.post_name.strip())
    title = clean_title(html_to_text(post.title_html))[0] if post.title_html.strip() else ""
    slug = name if is_valid_slug(name) else slugify(name) or slugify(title)
    if not slug:
        slug = f"post-{post.post_id}" if post.post_id.isdigit() else "post"
    if slug in taken and post.post_id.isdigit():
        slug = f"{slug}-{post.post_id}"
    return slug


def _entry(
    post: WordPressPost, slug: str, export: Export, links: PostLinks, source: str, options: Options
) -> ImportedEntry | str:
    """The post as an entry, or why it cannot be one."""
    markdown, notes = post_markdown(post, export.base_url, links)
    if not markdown.strip():
        dropped = "; ".join(notes) or "the post has no text"
        return f"nothing left to import ({dropped})"
    day = post.date or export.date or options.date
    if day is None:
        return "the export gives no date for it; pass --date YYYY-MM-DD"
    split = split_question_answer(markdown)
    title, title_notes = clean_title(
        html_to_text(post.title_html), split.answer if split.uncertain else split.question
    )
    hidden = post.status == "private" or bool(post.password)
    public = post.status == "publish" and not hidden
    alias = links.addresses.old_path(post.link) if public else None
    attention = title_notes + split.notes + _to_look_at(post, day, export, links, hidden)
    asker = None if split.uncertain else find_asker(split.question, split.answer)
    return ImportedEntry(
        source=f"{source}: '{title}'",
        title=title,
        date=day,
        slug=slug,
        question=without_signature(split.question, asker),
        answer=split.answer,
        tags=clean_tags(list(post.tags)),
        asker=asker,
        summary=_summary(post),
        draft=post.status in DRAFT_STATUSES or hidden or split.uncertain,
        aliases=(alias,) if alias else (),
        categories=post.categories,
        old_ids=(post.post_id,) if post.post_id.isdigit() and public else (),
        attention=attention,
        changes=notes,
    )


def _to_look_at(
    post: WordPressPost, day: datetime.date, export: Export, links: PostLinks, hidden: bool
) -> tuple[str, ...]:
    """What a person should check in the entry made from this post."""
    notes = []
    if links.left_behind:
        where = ", ".join(links.left_behind)
        notes.append(f"links to files or pages left on the old blog (copy them or change the links): {where}")
    if post.date is None:
        origin = "the export's date" if export.date else "--date"
        notes.append(f"the post has no date; used {origin} {day.isoformat()}: correct 'date:'")
    if hidden:
        notes.append(f"{_HIDDEN}: imported as a draft")
    return tuple(notes)


def _summary(post: WordPressPost) -> str | None:
    """The post's hand-written excerpt, when it fits on one line of at most MAX_SUMMARY characters."""
    text = without_bidi_controls(html_to_text(post.excerpt_html))
    return text if 0 < len(text) <= MAX_SUMMARY else None
