"""Every problem of ``docs/`` that would stop the build or publish what it should not, found
without building: the files' kinds and places (docs_files.py), each page's text, template and
links (docs_pages.py), and the ``nav`` entries of mkdocs.yml, which name docs files too."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..entries import problems as codes
from ..entries.problems import Diagnostic
from ..entries.values import line_problem
from .docs_files import HTML_PAGE, PAGE, ThemeFolders, file_problems, theme_files, theme_has
from .docs_pages import NOT_UTF8_MESSAGE, PageText, is_text, link_target, read_page, site_extensions
from .settings import CONFIG_FILE, Settings
from .templates import GENERATOR_KEY

# MkDocs leaves this folder out of the site (exclude_docs' default, mkdocs/structure/files.py)
# and renders none of its pages; a page of the site may still link to it.
NEVER_BUILT = "templates/"


def docs_problems(
    root: Path, settings: Settings, theme_folders: ThemeFolders, generated: Callable[[], set[str]]
) -> list[Diagnostic]:
    """The problems of the site's docs folder, against the engine's theme (``theme_folders``);
    ``generated()`` gives the docs paths the build generates (called only when a link leads to
    none of the column's own files)."""
    docs, folder = root / settings.docs_dir, settings.docs_dir
    names = docs_names(docs)
    theme = theme_files(theme_folders)
    problems = file_problems(folder, names, theme)
    extensions = site_extensions(settings.raw)
    links: list[tuple[str, int, str, str]] = []  # path, line, link, the docs path it needs
    for rel in names:
        if rel.endswith(HTML_PAGE) and not is_text(_read(docs / rel)):
            problems.append(Diagnostic(f"{folder}/{rel}", 1, 1, codes.NOT_UTF8, NOT_UTF8_MESSAGE))
        if not rel.endswith(PAGE) or rel.startswith(NEVER_BUILT):
            continue
        page = read_page(f"{folder}/{rel}", _read(docs / rel), extensions)
        problems += page.problems
        problems += _front_matter_problems(f"{folder}/{rel}", page, theme_folders)
        for line, url in page.links:
            if target := link_target(rel, url):
                links.append((f"{folder}/{rel}", line, url, target))
    links += [(CONFIG_FILE, line, entry, entry) for line, entry in _nav_entries(root, settings)]
    missing = [link for link in links if link[3] not in names and link[3] not in theme]
    if missing:
        built = generated()
        for path, line, url, target in missing:
            if target not in built:
                problems.append(Diagnostic(path, line, 1, codes.DOCS_LINK, _missing(path, url, target)))
    return sorted(problems)


def docs_names(docs: Path) -> set[str]:
    """The files of the docs folder as relative POSIX paths (dot-folders are never published)."""
    names = set()
    for folder, dirnames, filenames in os.walk(docs):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        rel = Path(folder).relative_to(docs).as_posix()
        names |= {name if rel == "." else f"{rel}/{name}" for name in filenames}
    return names


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)  # links are reported, never read
    with os.fdopen(fd, "rb") as file:
        return file.read()


def _missing(path: str, url: str, target: str) -> str:
    if path == CONFIG_FILE:
        return f"nav entry '{url}' is not a page of the site; check its spelling or remove it"
    where = "" if url == target else f" ({target})"
    return f"link '{url}' leads to no file of the site{where}; correct the link or remove it"


def _front_matter_problems(path: str, page: PageText, theme: ThemeFolders) -> list[Diagnostic]:
    """What the theme could not use in the page's front matter: a ``template`` or ``icon``
    (the theme's .icons/NAME.svg) it lacks, a ``hide`` it cannot test (Material's base.html:
    ``"navigation" in page.meta.hide``), the generator's own ``advice``, and markup in any text
    (Material prints page.meta values unescaped, some through ``striptags``, which unescapes)."""
    problems = []
    for key, value in page.meta.items():
        code = codes.DOCS_FRONT_MATTER
        if key == "template" and not _theme_has(value, "", theme):
            message = f"template {value!r} is not one of the theme's; remove that line"
        elif key == "icon" and not _theme_has(value, ".icons/", theme, ".svg"):
            example = f" (e.g. {theme.icon_example!r})" if theme.icon_example else ""
            message = f"icon {value!r} is not one of the theme's icons{example}"
        elif key == "hide" and not isinstance(value, list | str):
            message = "hide must be a list of what to hide, e.g. [navigation, toc]"
        elif key == GENERATOR_KEY:
            message = f"'{GENERATOR_KEY}' is the column's own key for the pages it generates; remove it"
        elif found := next(filter(None, (line_problem(text, str(key)) for text in _texts(value))), None):
            code, message = codes.MARKUP_IN_TEXT, found
        else:
            continue
        problems.append(Diagnostic(path, page.meta_lines.get(str(key), 1), 1, code, message))
    return problems


def _texts(value: object) -> Iterator[str]:
    """Every string in a value (front matter, the nav), however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _theme_has(name: object, prefix: str, theme: ThemeFolders, suffix: str = "") -> bool:
    """True when Jinja finds ``prefix + name + suffix`` in a theme folder (it refuses '..')."""
    if not isinstance(name, str) or any(part in ("", ".", "..") for part in name.split("/")):
        return False
    return theme_has(theme, f"{prefix}{name}{suffix}")


def _nav_entries(root: Path, settings: Settings) -> list[tuple[int, str]]:
    """The docs paths the site's ``nav`` names (not other sites or absolute paths), with their lines."""
    entries = [entry for entry in _texts(settings.raw.get("nav")) if entry != "index.md"]
    entries = [entry for entry in entries if not (urlsplit(entry).scheme or entry.startswith("/"))]
    if not entries:
        return []
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8-sig").split("\n")
    return [(_line_with(lines, entry), PurePosixPath(entry).as_posix()) for entry in entries]


def _line_with(lines: list[str], text: str) -> int:
    return next((number for number, line in enumerate(lines, 1) if text in line), 1)
