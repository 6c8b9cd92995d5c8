"""Which slug and aliases each entry file claims, read from its front matter without validating it.

``advice check FILE`` compares the files it is given with every other entry through this index:
a look at each file's first lines instead of reading and validating 10,000 bodies. Only the few
files whose front matter sets ``slug:``, ``aliases:`` or ``follow_up_of:`` are parsed as YAML.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .aliases import alias_key, normalize_alias
from .links import Claim
from .slugs import is_valid_slug
from .textfile import MAX_FILE_BYTES

_HEAD_BYTES = 4096  # front matter is a few lines; a longer one is read to its end
_KEYS = re.compile(rb"^(slug|aliases|follow_up_of)[ \t]*:", re.MULTILINE)
_FRONT_END = re.compile(rb"^---[ \t]*\r?$", re.MULTILINE)


@dataclass
class SlugIndex:
    """Every entry file, and the claims of those whose front matter sets one of the keys."""

    files: list[str] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)  # only those that set a key

    def add(self, rel: str, claim: Claim | None) -> None:
        """Add a file; ``None`` when its front matter sets none of the keys."""
        self.files.append(rel)
        self.add_claim(rel, claim)

    def add_claim(self, rel: str, claim: Claim | None) -> None:
        """Set what a file already added claims; ``None`` when it sets none of the keys."""
        if claim is not None:
            self.claims[rel] = claim

    def claim_of(self, rel: str) -> Claim:
        """What the file at ``rel`` claims."""
        return self.claims.get(rel) or Claim(rel, stem_of(rel))

    def related(self, slugs: set[str], alias_keys: set[str]) -> list[str]:
        """In path order, the files that claim one of ``slugs`` or an alias with one of ``alias_keys``."""
        claims = self.claims
        found = [rel for rel in self.files if rel not in claims and rel[rel.rfind("/") + 1 : -3] in slugs]
        for rel, claim in claims.items():
            if claim.slug in slugs or any(alias_key(alias) in alias_keys for alias in claim.aliases):
                found.append(rel)
        return sorted(found)

    def owner_of(self, slug: str) -> str | None:
        """The first file in path order that claims ``slug``."""
        return next(iter(self.related({slug}, set())), None)


def read_claims(paths: list[tuple[str, Path]]) -> list[Claim]:
    """The claim of each ``(relative path, path)``, in the order given (the file name's slug if none)."""
    return [read_claim(rel, path) or Claim(rel, stem_of(rel)) for rel, path in paths]


def index_files(paths: list[tuple[str, Path]]) -> SlugIndex:
    """The slug index of ``(relative path, path)`` pairs given in path order, each file read."""
    index = SlugIndex()
    for rel, path in paths:
        index.add(rel, read_claim(rel, path))
    return index


def stem_of(rel: str) -> str:
    """The slug a file name gives: ``qa/2025/call-or-email.md`` → ``call-or-email``."""
    return rel[rel.rfind("/") + 1 : -len(".md")]


def read_claim(rel: str, path: Path) -> Claim | None:
    """The slug, aliases and follow_up_of one entry file sets; None when it sets none of them."""
    stem = stem_of(rel)
    head = _front_matter(path)
    if head is None or not _KEYS.search(head):
        return None
    places = tuple(
        (match.group(1).decode(), (head.count(b"\n", 0, match.start()) + 2, 1))
        for match in _KEYS.finditer(head)
    )
    values = _key_values(head.decode("utf-8-sig", errors="replace"))
    if values is None:
        return Claim(rel, stem, places=places)
    slug = values.get("slug")
    follow = values.get("follow_up_of")
    return Claim(
        rel,
        slug.strip() if isinstance(slug, str) and is_valid_slug(slug.strip()) else stem,
        _aliases(values.get("aliases")),
        follow.strip() if isinstance(follow, str) else None,
        places=places,
    )


def _key_values(yaml_text: str) -> dict | None:
    """The plain values of the indexed keys, read from YAML nodes; None when it is not a mapping.

    Composed, never constructed: an alias (``*a``) stays one shared node, so a file nesting
    aliases cannot make this expand them; the file's own check reports them.
    """
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # the file's own problem; checking it reports that
    if not isinstance(root, yaml.MappingNode):
        return None
    values: dict = {}
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name in ("slug", "follow_up_of") and isinstance(value, yaml.ScalarNode):
            values[name] = value.value
        elif name == "aliases" and isinstance(value, yaml.SequenceNode):
            values[name] = [item.value for item in value.value if isinstance(item, yaml.ScalarNode)]
    return values


def _front_matter(path: Path) -> bytes | None:
    """The YAML between the opening and closing ``---`` lines, or None without front matter."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # not a buffered file: this runs 10,000 times
    except OSError:
        return None
    try:
        head = os.read(fd, _HEAD_BYTES)
        if not head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
            return None
        start = head.index(b"\n") + 1 if b"\n" in head else len(head)
        end = _FRONT_END.search(head, start)
        while (
            end is None and len(head) < MAX_FILE_BYTES and (more := os.read(fd, MAX_FILE_BYTES - len(head)))
        ):
            head += more  # a long front matter, read on to its end: no more than an entry may hold
            end = _FRONT_END.search(head, start)
    except OSError:
        return None
    finally:
        os.close(fd)
    return head[start : end.start() if end else len(head)]


def _aliases(value) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    paths = (normalize_alias(item) for item in value if isinstance(item, str))
    return tuple(path for path in paths if path is not None)
