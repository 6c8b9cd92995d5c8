"""Checks across entries: slugs, follow-ups, aliases and tag spellings, each at its own line.

They run on what every file claims, valid or not, so all problems are reported at once: a
duplicate slug is found even when one of the two files has another problem.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain

from . import problems as codes
from .aliases import alias_key
from .model import Entry
from .problems import Diagnostic
from .tags import tag_key

Place = tuple[int, int]


@dataclass(frozen=True)
class Claim:
    """What one entry file claims (slug, parent, aliases, tags) and where it says so.

    ``places`` maps 'slug', 'follow_up_of', 'aliases.N' and 'tags.N' to a line and column;
    a claim read from the slug index knows lines only, a validated one knows both.
    """

    path: str
    slug: str
    aliases: tuple[str, ...] = ()
    follow_up_of: str | None = None
    tags: tuple[str, ...] = ()
    places: tuple[tuple[str, Place], ...] = ()

    def place(self, key: str) -> Place:
        """Where the file says ``key`` (the first line when it does not: the slug of a file name)."""
        found = dict(self.places)
        return found.get(key) or found.get(key.split(".")[0]) or (1, 1)

    def line_of(self, key: str) -> int:
        """The line of ``key`` in the file, or 1 when the file does not set it."""
        return self.place(key)[0]

    @property
    def lines(self) -> tuple[tuple[str, int], ...]:
        """``(key, line)`` of each place, as the slug index's cache stores them."""
        return tuple((key, line) for key, (line, _) in self.places)


@dataclass(frozen=True)
class HandWrittenPaths:
    """Site paths the hand-written pages take: page folders (``about/``) and other files."""

    pages: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()


NO_PAGES = HandWrittenPaths()


def claim_of(entry: Entry) -> Claim:
    """What a valid entry claims, without the places (for entries read elsewhere)."""
    return Claim(entry.path, entry.slug, entry.aliases, entry.follow_up_of, entry.tags)


def hand_written_paths(names: list[str]) -> HandWrittenPaths:
    """The site paths of files under ``docs/`` given as relative POSIX names, ignoring case."""
    pages, files = set(), set()
    for name in names:
        if name.endswith(".md"):
            folder = name[: -len(".md")]
            is_index = folder == "index" or folder.endswith("/index")
            pages.add((folder[: -len("index")] if is_index else folder + "/").casefold())
        else:
            files.add(name.casefold())
    return HandWrittenPaths(frozenset(pages), frozenset(files))


def check_claims(
    claims: list[Claim], hand_written: HandWrittenPaths = NO_PAGES, *, spellings: bool = True
) -> list[Diagnostic]:
    """Every problem between entries, and with hand-written pages, placed at its line.

    ``spellings=False`` leaves out tag spellings, which need every file's tags.
    """
    problems: list[Diagnostic] = []
    first_of_slug: dict[str, str] = {}
    for claim in claims:
        if claim.slug in first_of_slug:
            message = (
                f"slug '{claim.slug}' is also used by {first_of_slug[claim.slug]}; "
                "rename the file or set another 'slug:'"
            )
            problems.append(Diagnostic(claim.path, *claim.place("slug"), codes.DUPLICATE_SLUG, message))
        else:
            first_of_slug[claim.slug] = claim.path
    for claim in claims:
        parent = claim.follow_up_of
        if parent is not None and (parent not in first_of_slug or parent == claim.slug):
            message = f"follow_up_of '{parent}' is not the slug of another entry"
            problems.append(
                Diagnostic(claim.path, *claim.place("follow_up_of"), codes.BAD_FOLLOW_UP, message)
            )
    problems += _alias_problems(claims, hand_written)
    if spellings:
        problems += _tag_spelling_problems(claims)
    return problems


def _alias_problems(claims: list[Claim], hand_written: HandWrittenPaths) -> list[Diagnostic]:
    problems = []
    owner: dict[str, str] = {}
    for claim in claims:
        for number, alias in enumerate(claim.aliases):
            key = alias_key(alias)
            parts = key.rstrip("/").split("/")
            prefixes = {"/".join(parts[: count + 1]) for count in range(len(parts))}
            if key in hand_written.pages or prefixes & hand_written.files:
                message = f"alias '{alias}' is where a hand-written page of docs/ is; choose another path"
            elif key in owner:
                message = f"alias '{alias}' is also claimed by {owner[key]}"
            else:
                owner[key] = claim.path
                continue
            problems.append(
                Diagnostic(claim.path, *claim.place(f"aliases.{number}"), codes.BAD_ALIAS, message)
            )
    return problems


def _tag_spelling_problems(claims: list[Claim]) -> list[Diagnostic]:
    """One spelling per tag: the most used one (the first in path order on a tie)."""
    uses = Counter(chain.from_iterable(claim.tags for claim in claims))  # each spelling once, in path order
    chosen: dict[str, tuple[str, int]] = {}
    for tag, count in uses.items():
        key = tag_key(tag)
        if key not in chosen or count > chosen[key][1]:  # a tie keeps the first
            chosen[key] = (tag, count)
    others = {tag for tag in uses if chosen[tag_key(tag)][0] != tag}  # none in a tidy column
    problems = []
    for claim in claims:
        if others.isdisjoint(claim.tags):
            continue
        for number, tag in enumerate(claim.tags):
            if (spelling := chosen[tag_key(tag)][0]) != tag:
                place = claim.place(f"tags.{number}")
                message = f"tag '{tag}' is written '{spelling}' in other entries; use that one spelling"
                problems.append(Diagnostic(claim.path, *place, codes.TAG_SPELLING, message))
    return problems
