"""``advice check [PATH...]``: what the paths name, and the problems of just those files.

Without paths (or with the column, ``qa/`` or ``qa/topics.yml``, which every entry depends on)
the whole column is loaded, as ``advice build`` loads it. With entry files or folders inside
``qa/``, only those entries are read and validated; duplicate slugs, aliases and follow_up_of
are checked against the slug index of the other files, so a pre-commit hook stays quick on a
column of thousands of entries.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..blueprint.column import hand_written_pages, load
from ..blueprint.settings import CONFIG_FILE, SettingsError, read_settings
from ..entries.aliases import alias_key
from ..entries.links import Claim, check_claims
from ..entries.loader import load_entries
from ..entries.model import Tick
from ..entries.problems import Diagnostic
from ..entries.slug_index import SlugIndex
from ..entries.topics import load_topics
from ..errors import AdviceError
from .ask_form import stale_ask_form
from .slug_cache import entry_index

QA_DIR = "qa"
TOPICS_PATH = "qa/topics.yml"


class TargetError(AdviceError):
    """A path on the command line that names nothing ``advice check`` reads; one line says why."""

    exit_code = 2


@dataclass
class Targets:
    """What to check: the whole column, or some entries (files and folders) and the settings."""

    whole: bool = False
    files: set[str] = field(default_factory=set)
    folders: list[str] = field(default_factory=list)
    settings: bool = False

    def selects(self, rel: str) -> bool:
        """True when the file at ``rel`` is one of the targets."""
        return rel in self.files or any(rel.startswith(folder + "/") for folder in self.folders)

    def chosen(self, listing: list[str]) -> list[str]:
        """The files of ``listing`` that are targets."""
        if not self.folders:  # only files: no need to look at every other one
            return list(self.files.intersection(listing))
        return [rel for rel in listing if self.selects(rel)]


@dataclass
class Outcome:
    """The problems found and how many files were checked."""

    diagnostics: list[Diagnostic]
    checked: int


def read_targets(root: Path, paths: list[str]) -> Targets:
    """The targets named by ``paths``; TargetError for one that names nothing check reads."""
    targets = Targets(whole=not paths)
    base = os.path.abspath(root)
    docs = _docs_dir(root)
    for path in paths:
        # Relative to the column, or else to the current folder (`--root DIR check DIR/qa/x.md`).
        found = [p for p in (os.path.join(root, path), path) if os.path.lexists(p)]
        if not found:
            raise TargetError(f"{path}: no such file or folder")
        absolute = os.path.abspath(found[0])
        rel = os.path.relpath(absolute, base).replace(os.sep, "/")
        if rel == ".." or rel.startswith("../"):
            raise TargetError(f"{path} is not inside the column at {root}")
        if rel in (".", QA_DIR, TOPICS_PATH) or rel == docs or rel.startswith(docs + "/"):
            targets.whole = True  # every entry depends on the topics; docs/ links to entries
        elif rel == CONFIG_FILE:
            targets.settings = True
        elif rel.startswith(QA_DIR + "/") and os.path.isdir(absolute):
            targets.folders.append(rel.rstrip("/"))
        elif rel.startswith(QA_DIR + "/") and rel.endswith(".md"):
            targets.files.add(rel)
        else:
            raise TargetError(
                f"{path} is not an entry: advice check reads *.md files and folders under qa/, "
                f"qa/topics.yml, {CONFIG_FILE} and {docs}/"
            )
    return targets


def _docs_dir(root: Path) -> str:
    """The folder of hand-written pages (docs/ unless mkdocs.yml says otherwise)."""
    try:
        return os.path.normpath(read_settings(root).docs_dir).replace(os.sep, "/")
    except SettingsError:
        return "docs"


def check_targets(root: Path, targets: Targets, progress: Tick | None = None) -> Outcome:
    """Every problem of the targets, as ``advice build`` would report them."""
    if targets.whole:
        from ..builder.describe import site_theme  # deferred: checking some entries needs no theme

        _, column = load(root, progress, theme=site_theme, with_text=False)
        checked = len(column.entries) + len({d.path for d in column.diagnostics if d.path.endswith(".md")})
        return Outcome(sorted(column.diagnostics + stale_ask_form(root, column.topics)), checked)
    diagnostics: list[Diagnostic] = []
    if targets.settings:
        try:
            read_settings(root)
        except SettingsError as error:
            diagnostics += error.diagnostics
    checked = _check_entries(root, targets, diagnostics, progress) if targets.files or targets.folders else 0
    return Outcome(sorted(diagnostics), checked + targets.settings)


def _check_entries(root: Path, targets: Targets, diagnostics: list[Diagnostic], progress: Tick | None) -> int:
    """Validate the selected entries and compare them with the others' slugs; returns how many."""
    found: list[Diagnostic] = []
    index = entry_index(root, found)
    chosen = [(rel, root / rel) for rel in sorted(targets.chosen(index.files))]
    diagnostics += [d for d in found if targets.selects(d.path)]
    topics = load_topics(root, QA_DIR, [])  # its own problems are reported when it is checked
    _, problems, claims = load_entries(root, chosen, topics, with_text=False)
    diagnostics += problems
    if progress:
        progress(len(chosen), len(chosen))
    diagnostics += cross_check(claims, index, hand_written_pages(root))
    return len(chosen) + len({d.path for d in found if targets.selects(d.path)})


def cross_check(claims: list[Claim], index: SlugIndex, pages) -> list[Diagnostic]:
    """The checks between entries for the files of ``claims`` (exact, from validating them),
    against the slug index of every other file, as a whole check would run them.

    Only the files that share a slug or an alias key with ``claims`` (or are the entry a claim
    follows up) can change what is reported about them, so only those take part. Tag spellings
    need every file's tags: the whole column's check and the build report them.
    """
    exact = {claim.path: claim for claim in claims}
    slugs = {claim.slug for claim in claims} | {claim.follow_up_of for claim in claims} - {None}
    alias_keys = {alias_key(alias) for claim in claims for alias in claim.aliases}
    related = sorted({*index.related(slugs, alias_keys), *exact})
    everyone = [exact.get(rel) or index.claim_of(rel) for rel in related]
    return [d for d in check_claims(everyone, pages, spellings=False) if d.path in exact]
