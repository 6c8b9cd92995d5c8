"""``advice init``: start a new column, in a folder of its own, from this package's templates.

The templates live in ``scaffold/`` beside this module. Package data leaves out dotfiles, so a
template named ``dot-github`` becomes ``.github``. ``@@NAME@@`` markers are filled in one pass;
the title reaches YAML only through ``yaml.safe_dump`` and Markdown only escaped.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from importlib.resources import files as package_files
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from ..blueprint.config_yaml import CONFIG_FILE
from ..builder.whole_file import write_whole_file
from ..entries.body import split_sections
from ..entries.entry_file import entry_path, entry_text
from .package_source import TAG, PackageSource, SourceError, package_source, tested_constraints

MAX_TITLE = 100
TEMPLATES = "scaffold"
CONSTRAINTS = "constraints.txt"
CONSTRAINTS_HEADER = """\
# Every package advice-column needs, at the version it was tested with (requirements.txt reads
# this file), so the site builds the same here and in the workflows. Written by `advice init`;
# to upgrade, change the version in requirements.txt and write this file again with that
# version's `advice init` (or delete a line to let pip choose).
"""
DOT_PREFIX = "dot-"
SITE_NAME_LINE = 'site_name: "@@SITE_NAME@@"\n'
EXAMPLE_TEMPLATE = "example-entry.md"
EXAMPLE_FRONT = {
    "title": "The neighbours' dog barks all night. Do I talk to them or go to the landlord?",
    "topic": "everyday",
    "tags": ["neighbours", "noise"],
    "asker": "Wide Awake",
    "summary": "Talk to them first, in daylight and briefly; go to the landlord only if nothing changes.",
}
# A folder holding only these is still "empty": `git init` or a fresh clone comes first for many.
TOLERATED = frozenset({".git"})
_MARKER = re.compile(r"@@([A-Z_]+)@@")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")


class InitError(Exception):
    """The column cannot be created as asked; the message says why and what to do instead."""


def init_column(target: Path, title: str, source: str = TAG) -> list[str]:
    """Write a new column into ``target`` (missing or empty); returns the relative paths written.

    ``source``: where the column installs advice-column from (see package_source.py).
    """
    title = check_title(title)
    _check_target(target)
    try:
        package = package_source(source)
    except SourceError as error:
        raise InitError(str(error)) from None
    files = render_column(title, datetime.date.today(), package, tested_constraints())
    _write_all(target, files)
    return sorted(files)


def render_column(
    title: str, today: datetime.date, source: PackageSource, pins: dict[str, str]
) -> dict[str, str]:
    """Every file of a new column by relative path, with the title, source, pins and date filled in."""
    values = {
        "TITLE_MARKDOWN": markdown_text(title),
        "REQUIREMENT": source.requirement,
        "PACKAGE_HOME": source.home,
    }
    files = {}
    for rel, text in _templates():
        if rel == EXAMPLE_TEMPLATE:
            front = {"title": EXAMPLE_FRONT["title"], "date": today, **EXAMPLE_FRONT}
            sections, _ = split_sections(text, 1)
            files[entry_path(front["title"], today)] = entry_text(front, sections.question, sections.answer)
        elif rel == CONFIG_FILE:
            files[rel] = _with_site_name(text, title)
        else:
            files[rel] = _MARKER.sub(lambda match: values[match.group(1)], text)
    files[CONSTRAINTS] = constraints_text(pins)
    return files


def constraints_text(pins: dict[str, str]) -> str:
    """The column's constraints.txt: each package advice-column needs, at the version it was tested with."""
    lines = [f"{name}=={version}" for name, version in sorted(pins.items())]
    return CONSTRAINTS_HEADER + "\n".join(lines) + "\n"


def check_title(title: str) -> str:
    """The title, trimmed, or InitError when it could not be a site name."""
    title = title.strip()
    if not title:
        raise InitError('the title is empty; pass --title "The column\'s name"')
    if not title.isprintable():
        raise InitError("the title must be one line of text, without tabs or control characters")
    if "<" in title or ">" in title:
        # MkDocs hands the site name to the theme as HTML, so "<" would start a tag on every page.
        raise InitError("the title may not contain '<' or '>'; they would be read as HTML")
    if len(title) > MAX_TITLE:
        raise InitError(f"the title is {len(title)} characters; the limit is {MAX_TITLE}")
    return title


def markdown_text(text: str) -> str:
    """``text`` escaped to show as written in Markdown: no emphasis, links, headings or HTML."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _write_all(target: Path, files: dict[str, str]) -> None:
    """Write every file, or, when one cannot be written, remove those already written and re-raise."""
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    try:
        for rel, text in files.items():
            # Never replaces a file, even one that appeared since the folder was found empty.
            write_whole_file(target, rel, text)
            written.append(target / rel)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file; give the name of a new or empty folder")
    if not target.is_dir():
        return
    present = sorted(path.name for path in target.iterdir() if path.name not in TOLERATED)
    if present:
        shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
        raise InitError(
            f"{target} is not empty (it holds {shown}); nothing was written. "
            "Give the name of a new or empty folder."
        )


def _templates(folder: Traversable | None = None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Each template's relative path in the new column (``dot-x`` as ``.x``) and its text."""
    folder = folder or package_files("advice_column.authoring") / TEMPLATES
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.name.startswith((".", "__")):
            continue  # editor and interpreter leftovers in a source checkout
        name = "." + item.name.removeprefix(DOT_PREFIX) if item.name.startswith(DOT_PREFIX) else item.name
        if item.is_dir():
            yield from _templates(item, f"{prefix}{name}/")
        else:
            yield prefix + name, item.read_text(encoding="utf-8")


def _with_site_name(template: str, title: str) -> str:
    """mkdocs.yml with its site_name line written by the YAML library, quoting whatever it needs."""
    if SITE_NAME_LINE not in template:
        raise InitError(f"the package's {CONFIG_FILE} template has no {SITE_NAME_LINE.strip()!r} line")
    line = yaml.safe_dump({"site_name": title}, allow_unicode=True, width=10_000)
    return template.replace(SITE_NAME_LINE, line, 1)
