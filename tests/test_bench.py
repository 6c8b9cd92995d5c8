"""scripts/bench: the synthetic column it writes, and one small run from end to end."""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advice_column.entries.loader import load_column

from .conftest import REPO

BENCH = REPO / "scripts" / "bench.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("advice_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_column_is_deterministic_and_valid(tmp_path: Path):
    facts = bench.generate_column(tmp_path / "a", 30)
    assert bench.generate_column(tmp_path / "b", 30) == facts
    assert tree(tmp_path / "a") == tree(tmp_path / "b")

    column = load_column(tmp_path / "a")
    assert column.diagnostics == []
    assert len(column.entries) == facts["entries"] == 30
    assert len(column.topics) == facts["topics"] == 12
    assert all(2 <= len(entry.tags) <= 5 for entry in column.entries)
    assert len({tag.casefold() for entry in column.entries for tag in entry.tags}) == facts["tags"]
    assert sum(entry.draft for entry in column.entries) == facts["drafts"]
    assert facts["published"] == 30 - facts["drafts"]
    first, last = datetime.date(2016, 1, 1), datetime.date(2025, 12, 31)
    assert all(first <= entry.date <= last for entry in column.entries)
    assert 0 < sum(entry.asker is not None for entry in column.entries) < 30
    assert 0 < sum(entry.summary is not None for entry in column.entries) < 30
    for entry in column.entries:
        question, answer = len(entry.question.split()), len(entry.answer.split())
        assert 280 <= question + answer <= 900, entry.path
        assert 0.1 <= question / (question + answer) <= 0.35, entry.path
    assert any("\n- " in entry.answer or "\n1. " in entry.answer for entry in column.entries)
    assert any("](https://" in entry.answer for entry in column.entries)
    assert facts["search_word_entries"] > 0
    assert (tmp_path / "a" / facts["reference_entry"]).is_file()


def test_an_entry_is_the_same_at_every_size(tmp_path: Path):
    small = bench.generate_column(tmp_path / "small", 5)
    large = bench.generate_column(tmp_path / "large", 40)
    reference = small["reference_entry"]
    assert large["reference_entry"] == reference
    assert (tmp_path / "small" / reference).read_bytes() == (tmp_path / "large" / reference).read_bytes()


@pytest.mark.browser
def test_bench_measures_every_figure(tmp_path: Path):
    out = tmp_path / "results.json"
    engines = ["--engines", "mkdocs,zensical"]
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "12", "--shapes", "standard", *engines, "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sizes"] == [12]
    figures = data["results"]["standard"]["12"]
    for key, _, _ in bench.FIGURES:
        assert figures[key] is not None, key
    assert set(figures["ratios"]) == set(figures["targets"]) == set(bench.RATIO_KEYS)
    for key in bench.RATIO_KEYS:
        verdict = figures["targets"][key]
        if key == "per_entry_vs_10000":  # compares with N=10,000, measured only beyond it
            assert verdict == {"value": None, "limit": 1.2, "pass": None}
            continue
        assert isinstance(verdict["pass"], bool), key
        assert verdict["value"] == figures["ratios"][key]
    assert set(figures["stages"]) == set(bench.STAGES)
    assert figures["published"] == 12 - figures["drafts"]
    assert figures["search_results_shown"] > 0
    misses = [line for line in result.stdout.splitlines() if line.startswith("MISS (standard): ")]
    assert misses == data["misses"]
    assert len(data["misses"]) == sum(v["pass"] is False for v in figures["targets"].values())
    assert not list(tmp_path.glob("column-*")), "the columns are temporary unless --keep"
    assert not list((tmp_path / "cache/advice-column/columns").iterdir()), "and so are their caches"


def test_output_of_one_round_is_set_aside_not_deleted(tmp_path: Path):
    # Deleting thousands of files slows the next build's file creation on some file systems.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    for number in range(2):
        site = tmp_path / "site"
        (site / "qa").mkdir(parents=True)
        (site / "qa" / "index.html").write_text(str(number), encoding="utf-8")
        bench.set_aside(site, scratch)
        assert not site.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in scratch.glob("set-aside/*/qa/index.html"))
    assert kept == ["0", "1"]
    bench.set_aside(tmp_path / "missing", scratch)  # nothing there: nothing to do
