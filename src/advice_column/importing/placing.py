"""Where imported entries go: checked in memory as `advice check` would, never overwriting anything."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..blueprint.column import hand_written_pages
from ..builder.whole_file import write_whole_file
from ..entries.aliases import alias_problem
from ..entries.links import HandWrittenPaths, check_claims
from ..entries.loader import check_across_entries, find_entry_files, load_column, read_entry
from ..entries.model import Entry, Topic
from ..entries.problems import Diagnostic
from ..entries.slug_index import Claim, read_claims
from ..entries.tags import tag_key
from .entry import ImportedEntry, entry_text
from .report import ImportReport


@dataclass(frozen=True)
class Planned:
    """An entry that passed the checks: its path, its text and where it came from."""

    rel: str
    text: str
    entry: ImportedEntry
    checked: Entry


def place_entries(
    root: Path, entries: list[ImportedEntry], topics: dict[str, Topic], report: ImportReport
) -> list[Planned]:
    """Write (or plan, in a dry run) each entry that has a topic, passes the check, clashes with nothing."""
    entries = one_spelling_per_tag(entries, _column_spellings(root))
    hand_written = hand_written_pages(root)
    claims = read_claims(find_entry_files(root / "qa", [], root))
    claimed = {alias: claim.path for claim in reversed(claims) for alias in claim.aliases}
    taken = {claim.slug: claim for claim in reversed(claims)}  # the first file keeps a slug
    planned: dict[str, Planned] = {}
    placed: list[Planned] = []
    written: list[Entry] = []
    for entry in entries:
        if entry.topic is None:
            report.not_imported.append(f"{entry.source}: its categories have no topic (see below)")
            continue
        rel = f"qa/{entry.date.year}/{entry.slug}.md"
        entry, notes = _usable_aliases(entry, rel, claimed, hand_written)
        entry, text, checked, problems = _checked(entry, rel, topics)
        if checked is None:
            report.not_imported.append(f"{entry.source}: would not pass 'advice check': {_first(problems)}")
            continue
        if problems:  # the old addresses were the trouble: the entry comes in without them
            notes += (f"its old addresses cannot redirect here ({_first(problems)}); they were left out",)
        kind, where = _outcome(root, rel, entry, text, taken, planned)
        if kind == "conflict":
            report.conflicts.append(where)
            continue
        plan = Planned(where, text, dataclasses.replace(entry, attention=entry.attention + notes), checked)
        planned[entry.slug] = plan
        if kind == "unchanged":
            report.unchanged.append((where, entry.title))
            placed.append(plan)
            continue
        if problem := _across(written, checked):
            report.not_imported.append(f"{entry.source}: would not pass 'advice check': {problem}")
            continue
        if report.dry_run or _write(root, text, rel, report):
            report.written.append((rel, entry.title))
            report.attention.extend(f"{rel}: {note}" for note in plan.entry.attention)
            report.changes.extend(f"{rel}: {note}" for note in plan.entry.changes)
            placed.append(plan)
            written.append(checked)
            claimed.update(dict.fromkeys(entry.aliases, rel))
    return placed


def one_spelling_per_tag(
    entries: list[ImportedEntry], column: dict[str, str] | None = None
) -> list[ImportedEntry]:
    """Each tag written as the column writes it, else as its first spelling in the batch.

    'Holidays' and 'holidays' are one tag, and `advice check` wants one spelling of it.
    """
    spelling = dict(column or {})
    for entry in entries:
        for tag in entry.tags:
            spelling.setdefault(tag_key(tag), tag)
    return [_respelled(entry, spelling, column or {}) for entry in entries]


def _respelled(entry: ImportedEntry, spelling: dict[str, str], column: dict[str, str]) -> ImportedEntry:
    tags = tuple(spelling[tag_key(tag)] for tag in entry.tags)
    notes = tuple(
        f"tag '{old}' is written '{new}', as the column already writes it"
        for old, new in zip(entry.tags, tags, strict=True)
        if old != new and tag_key(old) in column
    )
    return dataclasses.replace(entry, tags=tags, changes=entry.changes + notes)


def _column_spellings(root: Path) -> dict[str, str]:
    """How the column's entries write each tag (the spelling `advice check` would keep)."""
    uses: dict[str, dict[str, int]] = {}
    for entry in load_column(root, with_text=False).entries:  # in path order
        for tag in entry.tags:
            counts = uses.setdefault(tag_key(tag), {})
            counts[tag] = counts.get(tag, 0) + 1
    # The most used spelling; on a tie the first in path order, as `advice check` decides.
    return {key: max(counts, key=counts.__getitem__) for key, counts in uses.items()}


def _usable_aliases(
    entry: ImportedEntry, rel: str, claimed: dict[str, str], hand_written: HandWrittenPaths
) -> tuple[ImportedEntry, tuple[str, ...]]:
    """The entry with only the old addresses this site can redirect; a note for each other one."""
    own = f"qa/{entry.slug}/"
    kept, notes = [], []
    for alias in entry.aliases:
        if alias == own:
            continue  # the old address is the new one: nothing to redirect
        if problem := alias_problem(alias, alias):
            notes.append(f"old address /{alias} cannot redirect here: {problem}")
        elif clash := check_claims([Claim(rel, entry.slug, (alias,))], hand_written, spellings=False):
            notes.append(f"old address /{alias} cannot redirect here: {clash[0].message}")
        elif claimed.get(alias, rel) != rel:
            notes.append(f"old address /{alias} cannot redirect here: {claimed[alias]} already redirects it")
        else:
            kept.append(alias)
    return dataclasses.replace(entry, aliases=tuple(kept)), tuple(notes)


def _checked(
    entry: ImportedEntry, rel: str, topics: dict[str, Topic]
) -> tuple[ImportedEntry, str, Entry | None, list[Diagnostic]]:
    """The entry, its text and what `advice check` makes of it; tried again without aliases if they fail."""
    text = entry_text(entry)
    checked, problems = read_entry(rel, text, topics)
    if checked is None and entry.aliases:
        bare = dataclasses.replace(entry, aliases=())
        bare_text = entry_text(bare)
        bare_checked, _ = read_entry(rel, bare_text, topics)
        if bare_checked is not None:
            return bare, bare_text, bare_checked, problems
    return entry, text, checked, problems


def _across(others: list[Entry], entry: Entry) -> str | None:
    """The first problem `advice check` finds between this entry and the others imported, if any.

    The column's existing files were compared through their claims (slugs and aliases) already.
    """
    diagnostics: list[Diagnostic] = []
    check_across_entries([*others, entry], diagnostics)
    mine = [d for d in diagnostics if d.path == entry.path]
    return f"{mine[0].code} {mine[0].message}" if mine else None


def _first(problems: list[Diagnostic]) -> str:
    problem = problems[0]
    return f"line {problem.line}: {problem.code} {problem.message}"


def _outcome(
    root: Path,
    rel: str,
    entry: ImportedEntry,
    text: str,
    taken: dict[str, Claim],
    planned: dict[str, Planned],
) -> tuple[str, str]:
    """('write', path), ('unchanged', path) when the same text is there, or ('conflict', why)."""
    slug = entry.slug
    if slug in planned:
        other = planned[slug]
        if other.text == text:
            return "unchanged", other.rel
        return "conflict", (
            f"{rel}: {entry.source} has the slug '{slug}' of {other.entry.source}, "
            f"imported as {other.rel}; not imported (set another 'slug:' in WordPress or rename one)"
        )
    holder: Claim | None = taken.get(slug)
    for path in [root / rel, root / holder.path] if holder else [root / rel]:
        if path.is_file():
            where = path.relative_to(root).as_posix()
            if path.read_bytes() == text.encode("utf-8"):
                return "unchanged", where
            if where == rel:
                return (
                    "conflict",
                    f"{rel}: already exists with other content; not overwritten ({entry.source})",
                )
            return (
                "conflict",
                f"{rel}: slug '{slug}' is already used by {where}; not imported ({entry.source})",
            )
    return "write", rel


def _write(root: Path, text: str, rel: str, report: ImportReport) -> bool:
    try:
        write_whole_file(root, rel, text)
    except FileExistsError:
        report.conflicts.append(f"{rel}: appeared while importing; left as it is (not overwritten)")
        return False
    except OSError as error:
        report.errors.append(f"{rel}: cannot write it: {error.strerror}; nothing was written there")
        return False
    return True
