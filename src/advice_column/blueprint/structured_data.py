"""JSON-LD for an entry page: a schema.org Article about one Question and its Answer.

Google rules QAPage out for a column (one answer, readers cannot add answers), so the page is
an Article whose mainEntity is the Question, with the columnist's Answer accepted.
"""

from __future__ import annotations

import json

from ..entries.model import Entry, Topic
from . import urls
from .markdown_html import plain_text
from .settings import Settings
from .text import shorten

HEADLINE_LENGTH = 110  # Google truncates Article headlines past this


def entry_json_ld(
    entry: Entry, topic: Topic, question_html: str, answer_html: str, description: str, settings: Settings
) -> str:
    """The entry's JSON-LD, safe to place inside a <script> element."""
    url = settings.site_url + urls.entry(entry.slug) if settings.site_url else None
    columnist = {
        "@type": "Person" if settings.columnist else "Organization",
        "name": settings.columnist or settings.site_name,
    }
    publisher = {"@type": "Organization", "name": settings.site_name}
    question = {"@type": "Question", "name": entry.title, "text": plain_text(question_html), "answerCount": 1}
    if entry.asker:
        question["author"] = {"@type": "Person", "name": entry.asker}
    question["acceptedAnswer"] = {"@type": "Answer", "text": plain_text(answer_html), "author": columnist}
    article = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shorten(entry.title, HEADLINE_LENGTH),
        "description": description,
        "datePublished": entry.date.isoformat(),
        "dateModified": (entry.updated or entry.date).isoformat(),
        "author": columnist,
        "publisher": publisher,
        "articleSection": topic.title,
        "keywords": list(entry.tags),
        "mainEntity": question,
    }
    if url:
        article["url"] = article["mainEntityOfPage"] = url
    return script_safe_json(article)


def script_safe_json(value: object) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
