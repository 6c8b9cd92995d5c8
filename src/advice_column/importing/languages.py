"""Posts written in several languages at once by qTranslate (and its forks): one language kept.

qTranslate stores every language in the same field: ``[:fr]Sous le ciel[:en]Under heaven[:]``
(qTranslate-X, also ``{:fr}…{:}``), and before that ``<!--:fr-->Sous le ciel<!--:-->``. Text
outside any marker belongs to every language.
"""

from __future__ import annotations

import dataclasses
import re

from .wxr import WordPressPost

_LANGUAGE = r"[a-z]{2,3}(?:[_-][A-Za-z]{2})?"
_MARKER = re.compile(rf"\[:({_LANGUAGE})?\]|\{{:({_LANGUAGE})?\}}|<!--:({_LANGUAGE})?-->")


def languages_of(text: str) -> list[str]:
    """The languages marked in ``text``, in the order they first appear."""
    found = (next(filter(None, match.groups()), None) for match in _MARKER.finditer(text))
    return list(dict.fromkeys(language for language in found if language))


def in_language(text: str, language: str) -> str:
    """``text`` as readers of ``language`` saw it; a text without that language keeps its first one."""
    present = languages_of(text)
    if not present:
        return text
    if language not in present:
        language = present[0]
    kept, current, last = [], None, 0
    for match in _MARKER.finditer(text):
        if current is None or current == language:
            kept.append(text[last : match.start()])
        current = next(filter(None, match.groups()), None)
        last = match.end()
    if current is None or current == language:
        kept.append(text[last:])
    return "".join(kept)


def post_in_one_language(post: WordPressPost, wanted: str | None) -> tuple[WordPressPost, str | None]:
    """The post with only ``wanted`` (default: its first language), and a note when it had several."""
    fields = (post.title_html, post.content_html, post.excerpt_html)
    present = languages_of("".join(fields))
    if not present:
        return post, None
    language = wanted if wanted in present else present[0]
    title, content, excerpt = (in_language(text, language) for text in fields)
    post = dataclasses.replace(post, title_html=title, content_html=content, excerpt_html=excerpt)
    others = ", ".join(other for other in present if other != language) or "none"
    if wanted and wanted not in present:
        note = f"a multilingual post (qTranslate) without '{wanted}': kept its first language, '{language}'"
    else:
        note = f"a multilingual post (qTranslate): kept the '{language}' text"
    return post, f"{note}; left out: {others} (choose with --language)"
