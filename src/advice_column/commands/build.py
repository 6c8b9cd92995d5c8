"""``advice build``: check, generate, render, index and publish site/ at once (builder/pipeline.py)."""

from __future__ import annotations

from pathlib import Path

from ..blueprint.config_yaml import CONFIG_FILE
from ..builder.console import tell
from ..builder.progress import Progress
from .check import counted


def build(root: Path, github_output: Path | None = None) -> int:
    """Build the column into site/ and say what was published; errors go up to the command line."""
    # Deferred: `advice check` runs on every commit and must not wait for Jinja, Markdown or the engine.
    from ..builder.pipeline import build_column

    published = build_column(root, Progress("advice build"))
    tell(*(f"advice build: {warning}" for warning in published.warnings))
    drafts = f"; {counted(published.drafts, 'draft')} left out" if published.drafts else ""
    tell(f"advice build: {counted(published.entries, 'entry')} published to {published.site_dir}/{drafts}")
    if published.scheduled:
        after, number = published.scheduled[0], len(published.scheduled)
        until = "its date" if number == 1 else "their dates"
        tell(
            f"advice build: {counted(number, 'scheduled entry')} left out until {until}; "
            f"the next, {after.path}, is published by the first build on or after {after.date}"
        )
    for address in published.example_addresses:
        tell(f"advice build: warning: {address}; set it in {CONFIG_FILE} before publishing")
    if github_output:  # the Publish workflow deploys only the column's own addresses
        with open(github_output, "a", encoding="utf-8") as outputs:
            outputs.write(f"publishable={str(not published.example_addresses).lower()}\n")
    return 0
