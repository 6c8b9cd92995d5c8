"""The docs folder as Zensical is given it: a private copy laid out so that it reads our pages as
MkDocs does.

Two differences of Zensical 0.1 from MkDocs need it. Zensical resolves every link of a page's
HTML against the page's source file, raw HTML included, where MkDocs leaves raw HTML alone: the
generated pages' links are relative to the page's address (``qa/x.md`` is ``qa/x/``), so such a
page becomes ``qa/x/index.md`` here, whose folder is its address. And Zensical has no hook to
sanitise the HTML of a hand-written page, which a pull request can change: each one is rendered
and sanitised here, as html_pages.py does for MkDocs, and Zensical is given the HTML.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import markdown

from ..blueprint.markdown_html import sanitize_page_html

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def mirror_docs(
    docs_dir: Path, target: Path, html_pages: frozenset[str], extensions: list, configs: dict
) -> list[str]:
    """Copy ``docs_dir`` to ``target`` (hard links where it can) as Zensical reads it; the site
    path of each page written."""
    pages: list[str] = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        here = Path(folder).relative_to(docs_dir)
        for name in sorted(names):
            source = here / name
            rel = zensical_path(source.as_posix(), html_pages)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".md") and source.as_posix() not in html_pages:
                text = (docs_dir / source).read_text(encoding="utf-8")
                (target / rel).write_text(sanitized_page(text, extensions, configs), encoding="utf-8")
            else:
                _link_or_copy(docs_dir / source, target / rel)
            if rel.endswith(".md"):
                pages.append(site_path(rel))
    return pages


def zensical_path(path: str, html_pages: frozenset[str]) -> str:
    """Where a docs file goes in Zensical's copy: a generated page at its own address."""
    if path in html_pages and not (path == "index.md" or path.endswith("/index.md")):
        return path[: -len(".md")] + "/index.md"
    return path


def site_path(path: str) -> str:
    """A page's site path (its address below the site's), from its path in the docs folder."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def sanitized_page(text: str, extensions: list, configs: dict) -> str:
    """A hand-written Markdown page as its front matter and sanitised HTML, titled as MkDocs
    titles it (its front matter's ``title``, else its first heading)."""
    match = _FRONT.match(text)
    front, body = (match.group(1) or "", text[match.end() :]) if match else ("", text)
    rendered = sanitize_page_html(markdown.markdown(body, extensions=extensions, extension_configs=configs))
    heading = _H1.search(rendered)
    if heading and not re.search(r"^title\s*:", front, re.M):
        title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
        front += f"title: {_yaml_string(title)}\n"
    return f'---\n{front}---\n\n<div class="advice-page">\n{rendered}\n</div>\n'


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
