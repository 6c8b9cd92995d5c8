"""``advice check [PATH...]``: every problem of the column or of the files named (authoring/check.py)."""

from __future__ import annotations

from pathlib import Path

from ..authoring.check import check_targets, read_targets
from ..builder.console import print_diagnostics, tell
from ..builder.progress import Progress


def check(root: Path, paths: list[str], output_format: str = "text") -> int:
    """Validate entries and topics (all, or the files named); print every problem found."""
    targets = read_targets(root, paths)
    with Progress("advice check").stage("checking entries") as tick:
        outcome = check_targets(root, targets, tick)
    problems = outcome.diagnostics
    print_diagnostics(problems, output_format)
    summary = counted(len(problems), "problem") if problems else "no problems"
    tell(f"advice check: {summary} in {counted(outcome.checked, 'file')}")
    return 1 if problems else 0


def counted(number: int, noun: str) -> str:
    """``1 file``, ``1,204 files``, ``2 scheduled entries``."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number:,} {noun if number == 1 else plural}"
