"""The repository is itself a working column: its own entries pass `advice check`."""

from __future__ import annotations

from advice_column.cli import main

from .conftest import REPO


def test_the_repository_column_checks_clean(capsys):
    assert main(["--root", str(REPO), "check"]) == 0
    assert "no problems" in capsys.readouterr().err
