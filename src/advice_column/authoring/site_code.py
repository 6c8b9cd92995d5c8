"""Which files of a pull request are the site's code, to be reviewed as code, and which are content.

Content is what the build reads as data and sanitises: entries and ``qa/topics.yml``, the
Markdown pages of ``docs/``, and the README and CONTRIBUTING files no build reads. Everything
else is the site's code (``mkdocs.yml``, ``overrides/``, the files of ``docs/`` that are not
pages, requirements, workflows, CODEOWNERS...): an allow-list, so a file nobody thought of is
reviewed as code. Paths are compared exactly as git spells them; an odd name is never content
by accident (a control character, a dot-folder, ``.MD``, a name that is not UTF-8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..entries.problems import INVISIBLE, printable

# author_association values of someone who may push to the repository anyway.
WRITE_ACCESS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
ROOT_DOCUMENTS = frozenset({"README.md", "CONTRIBUTING.md"})
TOPICS = "qa/topics.yml"
# One path segment: not empty, not hidden (MkDocs skips dot-files; git may hold anything there),
# no control or format character that would make two names look alike.
_SEGMENT = re.compile(f"[^./{INVISIBLE}\udc80-\udcff][^/{INVISIBLE}\udc80-\udcff]*")
_LIMIT_SHOWN = 50


@dataclass(frozen=True)
class Verdict:
    """The changed files that are the site's code, and whether the pull request needs a review as code."""

    site_code: list[str]
    author_can_write: bool

    @property
    def review_as_code(self) -> bool:
        return bool(self.site_code) and not self.author_can_write


def is_content(path: str) -> bool:
    """True for an entry or topics file in qa/, a Markdown page in docs/, the README or CONTRIBUTING."""
    if path in ROOT_DOCUMENTS or path == TOPICS:
        return True
    first, _, rest = path.partition("/")
    if first not in ("qa", "docs") or not rest.endswith(".md"):
        return False
    return all(_SEGMENT.fullmatch(segment) for segment in rest.split("/"))


def judge(paths: list[str], author_association: str = "") -> Verdict:
    """The site-code files among ``paths`` (sorted, once each) and whether they need a review as code."""
    site_code = sorted({path for path in paths if not is_content(path)})
    return Verdict(site_code, author_association.strip().upper() in WRITE_ACCESS)


def read_changed_files(data: bytes) -> list[str]:
    """Paths from ``git diff --name-only -z`` (NUL-separated), or one a line without NULs.

    A name that is not UTF-8 keeps its bytes as U+DCxx escapes: never content, and shown escaped.
    """
    names = data.split(b"\0") if b"\0" in data else data.splitlines()
    return [name.decode("utf-8", "surrogateescape") for name in names if name]


def summary_markdown(verdict: Verdict, author_association: str) -> str:
    """The job summary: what the pull request changes, in words, with every name shown as text."""
    if not verdict.site_code:
        return "### Content only\n\nThis pull request changes entries and pages only: no code of the site.\n"
    who = (
        f"Its author has write access ({author_association.strip().upper()}): no separate review is asked."
        if verdict.author_can_write
        else "Review it as code: it can change what the site runs, loads or publishes."
    )
    shown = [f"- {_text(path)}" for path in verdict.site_code[:_LIMIT_SHOWN]]
    if len(verdict.site_code) > _LIMIT_SHOWN:
        shown.append(f"- and {len(verdict.site_code) - _LIMIT_SHOWN} more")
    # Inside a fence no line can close (each starts with "- "), names are text, never Markdown or HTML.
    fence = "`" * 3
    return "\n".join(
        [
            "### Changes the site's code",
            "",
            f"{len(verdict.site_code)} changed file(s) are not entries or pages. {who}",
            "",
            fence,
            *shown,
            fence,
            "",
        ]
    )


def _text(path: str) -> str:
    """The name as readable text: bytes that are not UTF-8 as ``\\xff``, controls and bidi escaped."""
    return printable(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
