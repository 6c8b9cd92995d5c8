"""The page templates' Jinja environment, and the Markdown-with-front-matter file every page is.

Templates autoescape, so every contributor string is escaped wherever it lands; Markdown
passes the rendered HTML blocks through untouched.
"""

from __future__ import annotations

import json

import jinja2
import yaml

from . import urls
from .words import long_date, words_for

# libyaml's emitter is some twenty times faster than PyYAML's, and front matter is on every page.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class HtmlPage(str):
    """A page file whose body, after the front matter, is HTML only: no Markdown to convert.

    Its front matter is one line of JSON (which is YAML too), read and written by C code: YAML's
    Python representer and MkDocs' pure-Python loader cost a millisecond in every three pages."""


HTML_PAGE_START = "---\n{"  # how an HtmlPage begins: its JSON front matter


GENERATOR_KEY = "advice"  # page.meta.advice: what the generator tells the theme (kind, feed, links)


def hand_written_meta(meta: dict) -> dict:
    """A hand-written page's front matter without the generator's ``advice`` key: the theme
    trusts the links and kinds there. (The engine escapes the rest for its theme.)"""
    return {key: value for key, value in meta.items() if key != GENERATOR_KEY}


def pagination_window(number: int, count: int, width: int = 2) -> list[int | None]:
    """Page numbers to link around page ``number``: first, last, and neighbours; None for a gap."""
    shown = sorted({1, count, *range(max(1, number - width), min(count, number + width) + 1)})
    window: list[int | None] = []
    for page in shown:
        if window and page - window[-1] > 1:  # type: ignore[operator]
            window.append(None)
        window.append(page)
    return window


@jinja2.pass_context
def _long_date(context, day) -> str:
    """'7 March 2025', in the language of the pages being made (``use_words``)."""
    return long_date(day, context.get("language", "en"))


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("advice_column.blueprint", "page_templates"),
    autoescape=True,
    auto_reload=False,  # package files: no need to look at their dates on every page
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["longdate"] = _long_date
_env.globals.update(pagination_window=pagination_window, urls=urls, words=words_for("en"), language="en")


def use_words(language: str, overrides: tuple[tuple[str, str], ...] = ()) -> None:
    """Make the pages in ``language`` (theme.language), with mkdocs.yml's replacement words."""
    _env.globals.update(words=words_for(language, overrides), language=language)


def compile_templates() -> None:
    """Compile every page template now, so that forked workers inherit them compiled."""
    for name in _env.list_templates():
        _env.get_template(name)


def render_template(name: str, **context) -> str:
    """Render one of this package's page templates (autoescaped)."""
    return _env.get_template(name).render(**context)


def page_file(
    url: str,
    title: str,
    template: str | None,
    description: str = "",
    meta: dict | None = None,
    markdown_before: str = "",
    **context,
) -> str:
    """The Markdown file of the page at ``url``: front matter, then the template's HTML.

    The template gets ``link(path)``, a relative link from this page to any site path. Without
    ``markdown_before`` the result is an :class:`HtmlPage`.
    """
    # Plain text: the engine escapes them for its theme as it needs (engine/page_kinds.py).
    front = {"title": title, **({"description": description} if description else {})}
    front.update(meta or {})
    if markdown_before:  # MkDocs reads this page's front matter: YAML, as any page has
        header = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    else:  # html_pages.py reads it: JSON, on one line
        header = json.dumps(front, ensure_ascii=False) + "\n"
    parts = [f"---\n{header}---\n"]
    if markdown_before:
        parts.append(markdown_before + "\n")
    if template:
        link = lambda target: urls.relative(url, target)  # noqa: E731 - a closure per page
        body = render_template(template, url=url, title=title, link=link, **context)
        parts.append(body.strip() + "\n")
    text = "\n".join(parts)
    return text if markdown_before else HtmlPage(text)
