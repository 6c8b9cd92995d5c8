"""Symbolic links in the folders contributors write (``qa/``, ``docs/``, ``overrides/``) are errors.

A link can lead anywhere: ``/proc/self/environ`` (the build's environment, a deploy token),
``/etc/passwd``, or inside the column to ``.git/config`` (where CI keeps its credentials). A
column needs no links, so every one is refused, inside the column or not: commit the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import problems as codes
from .problems import Diagnostic

LINK_CODE = codes.OUTSIDE_QA
LINK_MESSAGE = "is a symbolic link; links are never read or published: commit the file itself"


def find_links(root: Path, folder: str) -> list[Diagnostic]:
    """A problem for each symbolic link at or under ``root/folder`` (links are not followed)."""
    top = root / folder
    if os.path.islink(top):
        return [link_problem(folder)]
    found = []
    for path, dirnames, filenames in os.walk(top):  # os.walk never descends into a linked folder
        for name in sorted([*dirnames, *filenames]):
            full = os.path.join(path, name)
            if os.path.islink(full):
                found.append(link_problem(Path(full).relative_to(root).as_posix()))
    return found


def link_problem(rel: str) -> Diagnostic:
    """The problem reported for the link at ``rel``."""
    return Diagnostic(rel, 1, 1, LINK_CODE, f"{rel} {LINK_MESSAGE}")


def inside(root: Path, folder: str) -> bool:
    """True when ``folder`` (as mkdocs.yml names it) is a folder inside the column, not the column."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, folder))
    return real.startswith(real_root + os.sep)
