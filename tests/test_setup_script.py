"""scripts/_setup.sh, shared by scripts/serve and scripts/test: each installs only what changed.

Run in a copy of the files it reads, with a stand-in for the virtualenv's Python that records
each pip install instead of running it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

RECORDING_PYTHON = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/../../pip-calls"
"""


def set_up(copy: Path, group: str) -> list[str]:
    """Run ``setup_venv group`` as the scripts do; the installs it made (not pip's own upgrade)."""
    calls = copy / "pip-calls"
    calls.unlink(missing_ok=True)
    script = f'source scripts/_setup.sh; setup_venv "{group}"'
    env = {"PATH": "/usr/bin:/bin", "PYTHON": sys.executable}
    subprocess.run(["bash", "-c", script], cwd=copy, env=env, check=True, capture_output=True)
    lines = calls.read_text().splitlines() if calls.exists() else []
    return [line for line in lines if "--editable" in line]


def test_serve_and_test_in_turn_install_once_each_and_again_after_a_change(tmp_path):
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    for name in ("pyproject.toml", "constraints.txt", "scripts/_setup.sh"):
        shutil.copy(REPO / name, copy / name)
    python = copy / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(RECORDING_PYTHON)
    python.chmod(0o755)

    assert len(set_up(copy, "test")) == 1
    assert set_up(copy, "") == []  # the test install holds everything serve needs
    assert set_up(copy, "test") == []
    assert set_up(copy, "") == []
    with open(copy / "constraints.txt", "a") as file:
        file.write("\n# changed\n")
    assert set_up(copy, "") == [
        "-m pip install --quiet --disable-pip-version-check --constraint constraints.txt --editable ."
    ]
    assert len(set_up(copy, "test")) == 1
    assert set_up(copy, "") == []
