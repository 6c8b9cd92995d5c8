"""The pages of ``docs/`` as the build renders them: UTF-8, within the renderer's limits, a
template the theme has, and links to files that exist.

MkDocs reads a page as UTF-8 and raises on anything else; Python-Markdown's time grows with the
square of some texts (entries/limits.py), in a docs page as in an entry; a page's ``template:``
that the theme lacks ends the build; and in strict mode a relative link to a file the site does
not have ends it too (``validation.links.not_found`` warns by default:
mkdocs/structure/pages.py, ``_RelativePathTreeprocessor.path_to_url``). Each is reported here,
at its line, before a build.
"""

from __future__ import annotations

import functools
import importlib
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from ..entries import problems as codes
from ..entries.limits import find_render_limits
from ..entries.problems import Diagnostic

# MkDocs' own reading of front matter (mkdocs/utils/meta.py, YAML_RE and get_data).
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_KEY = re.compile(r"([^\s:#'\"-][^:]*?)\s*:(?:\s|$)")
# MkDocs always adds these (mkdocs/config/defaults.py, markdown_extensions).
_ALWAYS = ["toc", "tables", "fenced_code"]
# Of the site's extensions, those that change what is code and what is text (where a link can
# be): only these are loaded here, by name and without options, so no setting runs code in check.
_STRUCTURE = {
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
}  # fmt: skip


NOT_UTF8_MESSAGE = "file is not valid UTF-8; save it as UTF-8"


@dataclass
class PageText:
    """What the build reads in one page: its links and front matter keys, with their lines."""

    links: list[tuple[int, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def read_page(path: str, data: bytes, extensions: tuple[str, ...]) -> PageText:
    """The links and front matter of the Markdown page ``data`` (at ``path``), and its problems:
    not UTF-8, or beyond the renderer's limits (then its links are not looked at)."""
    page = PageText()
    try:
        text = page_text(data)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        page.problems.append(Diagnostic(path, line, 1, codes.NOT_UTF8, NOT_UTF8_MESSAGE))
        return page
    body, first_line = text, 1
    meta, end = front_matter(text)
    if meta is not None:
        page.meta, page.meta_lines = meta, _key_lines(text[:end])
        body, first_line = text[end:], text.count("\n", 0, end) + 1
    page.problems += [problem.placed(path) for problem in find_render_limits(body, first_line)]
    if not page.problems:
        page.links = [(_line_of(text, url), url) for url in _links(body, extensions)]
    return page


def front_matter(text: str) -> tuple[dict | None, int]:
    """A page's front matter and where its body starts, as MkDocs reads them (mkdocs/utils/meta.py,
    get_data); None and 0 when it has none that YAML reads into a mapping (MkDocs shows it as text)."""
    found = _FRONT.match(text)
    if not found:
        return None, 0
    try:
        meta = yaml.safe_load(found.group(1))
    except Exception:  # as MkDocs does: a bad date raises ValueError, 10,000 '[' RecursionError
        return None, 0
    return (meta, found.end()) if isinstance(meta, dict) else (None, 0)


def page_text(data: bytes) -> str:
    """A page's bytes as MkDocs reads them: UTF-8 with or without a BOM, universal newlines."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def is_text(data: bytes) -> bool:
    """True when the bytes are UTF-8, as MkDocs and the HTML sanitiser read them."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def link_target(page: str, url: str) -> str | None:
    """The docs path a link on the page at ``page`` needs for the build to succeed, or None
    when MkDocs does not look for one (another site, an absolute path, an anchor, no extension)."""
    scheme, netloc, path, _, _ = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url or not path:
        return None
    path = unquote(path)
    if not posixpath.splitext(path)[1]:  # 'unrecognized', reported at 'info' level only
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path).lstrip("/"))


def site_extensions(raw: dict) -> tuple[str, ...]:
    """The extensions to read the site's pages with: MkDocs' own and the site's structural ones."""
    names = []
    for item in raw.get("markdown_extensions") or []:
        name = next(iter(item), "") if isinstance(item, dict) else item
        name = str(name).removeprefix("markdown.extensions.")
        if name in _STRUCTURE and name not in names:
            names.append(name)
    return tuple(_ALWAYS + names)


def _links(body: str, extensions: tuple[str, ...]) -> list[str]:
    converter, collector = _converter(extensions)
    converter.reset().convert(body)
    return list(collector.urls)


@functools.lru_cache(maxsize=2)
def _converter(extensions: tuple[str, ...]) -> tuple[markdown.Markdown, _LinkCollector]:
    """One converter for the pages of a site, reset between them (making one costs more)."""
    # Made here: by name, Python-Markdown would look through every installed package's entry points.
    made = [importlib.import_module(_module(name)).makeExtension() for name in extensions]
    converter = markdown.Markdown(extensions=made)
    collector = _LinkCollector(converter)
    converter.treeprocessors.register(collector, "advice-links", 0)  # where MkDocs' 'relpath' is
    return converter, collector


def _module(name: str) -> str:
    return name if "." in name else f"markdown.extensions.{name}"


class _LinkCollector(Treeprocessor):
    """The ``href`` of each link and ``src`` of each image, as MkDocs' treeprocessor finds them."""

    urls: tuple[str, ...] = ()

    def run(self, root) -> None:
        attributes = {"a": "href", "img": "src"}
        found = (element.get(attributes[element.tag]) for element in root.iter() if element.tag in attributes)
        self.urls = tuple(url for url in found if url)


def _key_lines(front: str) -> dict[str, int]:
    """The line of each top-level key of the front matter block (from its opening '---')."""
    lines: dict[str, int] = {}
    for number, line in enumerate(front.split("\n")[1:], 2):
        if found := _KEY.match(line):
            lines.setdefault(found.group(1), number)
    return lines


def _line_of(text: str, url: str) -> int:
    """The first line that holds ``url`` (line 1 when Markdown wrote it another way)."""
    at = text.find(url)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
