"""A short, bounded run of the loader's fuzz target (scripts/fuzz runs it for longer)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris has wheels for x86-64 Linux only")

HERE = Path(__file__).parent.parent


def test_fuzzing_the_loader_finds_no_crash(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(HERE / "fuzz_corpus", corpus)
    command = [
        sys.executable,
        str(HERE / "fuzz_loader.py"),
        "-runs=3000",
        "-timeout=30",  # seconds for one input: a slow render is a finding, like a crash
        "-max_len=4096",
        "-seed=1",
        str(corpus),
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 3000 runs" in result.stderr
    assert not list(tmp_path.glob("crash-*"))
