"""``advice site-code CHANGED``: does a pull request change the site's code? (authoring/site_code.py)

A column's pull-request workflow (``.github/workflows/check.yml`` from ``advice init``) runs it
with the base branch's advice-column on ``git diff --name-only -z`` of the pull request.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..builder.console import say, tell

DESCRIPTION = """\
Read the files a pull request changes (as `git diff --name-only -z` lists them, or one a line)
and print those that are the site's code rather than content: anything but the entries and
qa/topics.yml, the Markdown pages of docs/, README.md and CONTRIBUTING.md. Exit 1 when there
is any and the author has no write access, so that it is reviewed as code.
"""


def site_code(
    changed: Path, association: str = "", summary: Path | None = None, github_output: Path | None = None
) -> int:
    """0: content only, or an author with write access; 1: review it as code; 2: unreadable list."""
    from ..authoring.site_code import judge, read_changed_files, summary_markdown

    try:
        data = sys.stdin.buffer.read() if str(changed) == "-" else changed.read_bytes()
    except OSError as error:
        tell(f"advice site-code: cannot read {changed}: {error.strerror}")
        return 2
    verdict = judge(read_changed_files(data), association)
    say(*verdict.site_code)
    tell(_sentence(verdict, association))
    if summary:
        _append(summary, summary_markdown(verdict, association))
    if github_output:
        _append(github_output, f"review-as-code={str(verdict.review_as_code).lower()}\n")
        return 0
    return 1 if verdict.review_as_code else 0


def _sentence(verdict, association: str) -> str:
    count = len(verdict.site_code)
    if not count:
        return "advice site-code: content only (entries and pages); no file of the site's code changed"
    what = f"advice site-code: {count} changed file(s) are the site's code"
    if verdict.author_can_write:
        return f"{what}; the author has write access ({association.strip().upper()})"
    return f"{what}: review it as code"


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)
