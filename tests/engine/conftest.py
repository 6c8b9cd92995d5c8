"""Fixtures of the engine's tests."""

from __future__ import annotations

import shutil

import pytest

from ..conftest import SAMPLE, entry_text


@pytest.fixture
def sample_column(tmp_path):
    """A copy of this repository's column (hand-written pages, nav, overrides) with more entries."""
    root = tmp_path / "column"
    shutil.copytree(SAMPLE, root)
    for number in range(40):
        text = entry_text(title=f"Question {number}?", extra=f"tags: [t{number % 3}, shared]\n")
        (root / "qa" / "more").mkdir(exist_ok=True)
        (root / "qa" / "more" / f"q{number:02d}.md").write_text(text, encoding="utf-8")
    return root
