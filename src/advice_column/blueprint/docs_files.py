"""What ``docs/`` may publish: an allow-list of file kinds, at no path the theme or the build writes.

A pull request can add any file to docs/, and MkDocs publishes each one as it is: an HTML page
with a script runs on the site's origin, and a file at the path of a theme file replaces it on
every page (theme files never override docs files: mkdocs/structure/files.py,
``Files.add_files_from_theme``). So docs/ publishes Markdown pages, HTML pages (sanitised by the
build), and only kinds of file that a browser never runs; stylesheets and scripts are the site's
code and live in ``overrides/``.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..entries import problems as codes
from ..entries.problems import Diagnostic
from . import urls
from .config_yaml import CONFIG_FILE

PAGE = ".md"
HTML_PAGE = ".html"  # published sanitised, like the HTML of a Markdown page (builder/writer.py)
AS_IS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".json", ".txt", ".csv"}
TOP_NAMES = {"CNAME", ".nojekyll"}  # GitHub Pages' files, at the top of docs/ only
HOME = "index.md"  # the home page's text: the build puts it into the generated home page
_UNSEEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi and zero-width, unassigned

_CODE = f"the site's code: put it in overrides/ (theme.custom_dir) and name it in {CONFIG_FILE}'s "
_WHY_NOT = {
    ".css": "a stylesheet can load other sites' files and hide or fake any text; it is "
    + _CODE
    + "extra_css",
    ".js": "a script is " + _CODE + "extra_javascript",
    ".mjs": "a script is " + _CODE + "extra_javascript",
    ".svg": "an SVG file can run script: use a PNG or WebP image, or write the SVG inside a "
    "Markdown page, where it is sanitised",
    ".xml": "an XML file can run script in a browser (XHTML, XSLT); the build writes the feeds "
    "and the sitemap",
    ".htm": "rename it to .html (HTML pages are published sanitised) or write it in Markdown",
    ".xhtml": "rename it to .html (HTML pages are published sanitised) or write it in Markdown",
    ".shtml": "rename it to .html (HTML pages are published sanitised) or write it in Markdown",
    ".markdown": "rename it to .md",
    ".mdown": "rename it to .md",
    ".mkdn": "rename it to .md",
    ".mkd": "rename it to .md",
}
_ALLOWED = (
    "docs/ publishes Markdown pages (.md), HTML pages (.html, sanitised), images (.png .jpg .gif "
    ".webp .avif .ico), PDFs and plain data (.json .txt .csv); move anything else out of docs/"
)
# What the build and MkDocs write at the top of the site, besides the generated folders.
_BUILD_WRITES = {"index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", urls.SITE_FEED}
_BUILD_FOLDERS = (urls.ENTRIES, urls.TOPICS, urls.TAGS, urls.ARCHIVE, urls.SEARCH)


class ThemeFolder(NamedTuple):
    """A folder of the theme, or one file of it, and the path inside the theme where it lands."""

    path: Path
    at: str = ""  # the top of the theme


@dataclass(frozen=True)
class ThemeFolders:
    """The theme as the checks look names up in it, as the site engine puts it together
    (engine/interface.py, ``Engine.theme``): its folders, first found first; the patterns
    (fnmatch, of lowercase paths inside the theme) of the files the engine renders or leaves out
    instead of copying them into the site; and one of its icons, for messages."""

    folders: tuple[ThemeFolder, ...]
    not_copied: tuple[str, ...] = ()
    icon_example: str = ""


def kind_problem(rel: str) -> str | None:
    """Why docs/ may not publish the file at ``rel`` (a path inside docs/), or None when it may."""
    if problem := _name_problem(rel):
        return problem
    name = posixpath.basename(rel)
    if rel in TOP_NAMES:
        return None
    if name.startswith("."):
        return "a file whose name starts with '.' is never published; delete it or rename it"
    extension = posixpath.splitext(name)[1]
    if extension in (PAGE, HTML_PAGE) or extension in AS_IS:
        return None
    lower = extension.lower()
    if lower in (PAGE, HTML_PAGE) or lower in AS_IS:  # MkDocs tells pages apart by their extension
        return f"write the extension in lowercase: {lower}"
    return _WHY_NOT.get(lower, _ALLOWED)


def _name_problem(rel: str) -> str | None:
    """A path becomes an address and a line of the build's output: it must be text a reader sees."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:  # os.walk gives undecodable bytes as lone surrogates
        return "its name is not UTF-8 text; rename it"
    if any(unicodedata.category(char) in _UNSEEN for char in rel):
        return "its name holds a control or invisible character; rename it"
    return None


def site_address(rel: str) -> str:
    """Where the docs file at ``rel`` lands in the built site (MkDocs' directory URLs)."""
    if not rel.endswith(PAGE):
        return rel
    folder, name = posixpath.split(rel[: -len(PAGE)])
    if name.lower() in ("index", "readme"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name, "index.html")


def build_writes(address: str) -> bool:
    """True when the build or the engine writes ``address`` (a site path) itself."""
    folded = address.casefold()
    # A file the build writes is no folder either: robots.txt/x.png would stop the build.
    parents = {"/".join(folded.split("/")[:count]) for count in range(1, folded.count("/") + 2)}
    return not parents.isdisjoint(_BUILD_WRITES) or folded.startswith(_BUILD_FOLDERS)


def file_problems(docs_dir: str, names: Iterable[str], theme: frozenset[str]) -> list[Diagnostic]:
    """A problem for each file of docs/ (``names``, relative POSIX paths) that the site may not
    publish: a kind not allowed, or the path of a file the build, the theme or another file has."""
    problems, taken = [], {}
    folded = {path.casefold() for path in theme}  # as a case-insensitive disk (macOS, Windows) sees them
    for rel in sorted(names):
        message = kind_problem(rel)
        address = site_address(rel)
        if message is None and rel != HOME:
            message = _place_problem(rel, address, folded, taken)
        if message is not None:
            problems.append(Diagnostic(f"{docs_dir}/{rel}", 1, 1, _code_of(rel), message))
    return problems


def _place_problem(rel: str, address: str, theme: set[str], taken: dict[str, str]) -> str | None:
    if build_writes(address):
        return f"this file would take {address}, where the build writes its own files; rename or move it"
    if address.casefold() in theme:
        return f"this file would replace the theme's {address}; rename or move it"
    if address.casefold() in taken:
        return f"this file and {taken[address.casefold()]} would both be {address}; keep one"
    taken[address.casefold()] = rel
    return None


def _code_of(rel: str) -> str:
    return codes.DOCS_KIND if kind_problem(rel) else codes.DOCS_PLACE


def theme_files(theme: ThemeFolders) -> frozenset[str]:
    """The files the theme copies into the site (paths inside it); templates are rendered instead."""
    found = set()
    for folder in theme.folders:
        for file in _files_of(folder):
            if not any(fnmatch.fnmatch(file.lower(), pattern) for pattern in theme.not_copied):
                found.add(file)
    return frozenset(found)


def theme_has(theme: ThemeFolders, rel: str) -> bool:
    """True when the file at ``rel`` (a path inside the theme) is in one of its folders."""
    return any((path := _path_in(folder, rel)) is not None and path.is_file() for folder in theme.folders)


def _path_in(folder: ThemeFolder, rel: str) -> Path | None:
    """Where ``rel`` (a path inside the theme) would be in ``folder``; None when it lands elsewhere."""
    if not folder.at:
        return folder.path / rel
    if rel == folder.at:
        return folder.path
    return folder.path / rel[len(folder.at) + 1 :] if rel.startswith(folder.at + "/") else None


def _files_of(folder: ThemeFolder) -> Iterator[str]:
    """The paths inside the theme of the folder's files (its dot-folders are never published)."""
    if folder.at and folder.path.is_file():
        yield folder.at
        return
    for path, dirnames, filenames in os.walk(folder.path):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        rel = Path(path).relative_to(folder.path).as_posix()
        for name in filenames:
            yield posixpath.join(folder.at, name if rel == "." else f"{rel}/{name}")
