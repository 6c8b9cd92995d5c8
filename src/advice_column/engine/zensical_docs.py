"""The docs folder as Zensical is given it: a private copy laid out so that Zensical reads our
pages as MkDocs does.

Three differences of Zensical 0.1 from MkDocs need it. Zensical resolves every link of a page's
HTML against the page's source file, raw HTML included, where MkDocs leaves raw HTML alone: the
generated pages' links are relative to the page's address (``qa/x.md`` is ``qa/x/``), so such a
page becomes ``qa/x/index.md`` here, whose folder is its address. Zensical has no plugins: each
page's front matter is escaped and laid out by its kind here (page_kinds.py, as for MkDocs). And
Zensical has no hook to sanitise the HTML of a page rendered from Markdown, which a pull request
can change (docs/, the home page's intro): each one is rendered and sanitised here, as
html_pages.py does for MkDocs, and Zensical is given the HTML.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import markdown
import yaml

from ..blueprint.markdown_html import sanitize_page_html
from .page_kinds import lay_out

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def mirror_docs(
    docs_dir: Path, target: Path, html_pages: frozenset[str], extensions: list, configs: dict
) -> list[str]:
    """Copy ``docs_dir`` to ``target`` as Zensical reads it (other files as hard links where it
    can); the site path of each page written."""
    pages: list[str] = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        here = Path(folder).relative_to(docs_dir)
        for name in sorted(names):
            source = (here / name).as_posix()
            rel = zensical_path(source, html_pages)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            if not name.endswith(".md"):
                _link_or_copy(docs_dir / source, target / rel)
                continue
            text = (docs_dir / source).read_text(encoding="utf-8")
            body = page_body(text, source in html_pages, extensions, configs)
            (target / rel).write_text(body, encoding="utf-8")
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
        return stem[: -len("index")]
    return stem + "/"


def page_body(text: str, is_html: bool, extensions: list, configs: dict) -> str:
    """A page as Zensical is given it: front matter for its kind (JSON), and HTML, sanitised
    unless the generator made all of it (``is_html``)."""
    match = _FRONT.match(text)
    front, body = (match.group(1) or "", text[match.end() :]) if match else ("", text)
    meta = (json.loads(front) if is_html else yaml.safe_load(front)) or {}
    if not is_html:
        body = sanitize_page_html(markdown.markdown(body, extensions=extensions, extension_configs=configs))
        heading = _H1.search(body)
        if heading and "title" not in meta:  # MkDocs titles such a page by its first heading
            meta["title"] = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
        body = f'<div class="advice-page">\n{body}\n</div>\n'
    lay_out(meta)
    return f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n{body}"


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
