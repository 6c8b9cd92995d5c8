"""The engine renders pages in several processes; the site must be the one MkDocs builds alone.

Each build runs in a fresh interpreter: forking is only done from a process with a single
thread, and a test session may hold others (the browser tests' driver, for one).
"""

from __future__ import annotations

import pytest

from ..builder.test_parallel_loading import run_fresh

# Builds the column at ROOT into ROOT/out-<workers> with 1 and with 2 processes; prints what
# each build warned or why it failed, and which files differ between the two sites.
BUILD_BOTH = """
import json, threading
from pathlib import Path
from advice_column.builder.describe import describe_site, site_theme
from advice_column.builder.pipeline import generate
from advice_column.engine.parallel_build import one_process_reason
from advice_column.engine.runner import EngineError, load_engine_config, run_engine
from advice_column.blueprint.column import load

root = Path(ROOT)
settings, column = load(root, theme=site_theme)
catalog, docs_dir, written = generate(root, settings, column, root / "docs-out", include_drafts=bool(SERVE))
report = {}
for workers in (1, 2):
    site = describe_site(root, settings, catalog, docs_dir, written.html_pages, serve_url=SERVE)
    config = load_engine_config(site, root / f"out-{workers}")
    assert threading.active_count() == 1 and one_process_reason(config) is None
    ticks = []
    try:
        tick = lambda done, total: ticks.append((done, total))
        warnings = run_engine(config, workers=workers, progress=tick, serve_url=SERVE)
        report[workers] = {"warnings": warnings, "last_tick": ticks[-1]}
    except EngineError as error:
        report[workers] = {"error": str(error)}
sites = {w: {p.relative_to(root / f"out-{w}").as_posix(): p.read_bytes()
             for p in (root / f"out-{w}").rglob("*") if p.is_file()} for w in (1, 2)}
report["files"] = len(sites[1])
paths = sites[1].keys() | sites[2].keys()
report["different"] = sorted(k for k in paths if sites[1].get(k) != sites[2].get(k))
print(json.dumps(report))
"""


def build_both(root, serve: str | None = None) -> dict:
    return run_fresh(f"ROOT, SERVE = {str(root)!r}, {serve!r}\n" + BUILD_BOTH)


@pytest.mark.parametrize("serve", [None, "http://127.0.0.1:8000/"], ids=["build", "preview"])
def test_pages_rendered_in_two_processes_are_the_pages_one_process_renders(sample_column, serve):
    report = build_both(sample_column, serve)
    assert report["1"]["warnings"] == report["2"]["warnings"] == []
    assert report["files"] > 150  # entries, listings, feeds, sitemap, Material's assets
    assert report["different"] == []
    pages = report["2"]["last_tick"][1]
    assert report["2"]["last_tick"] == [pages, pages]  # the progress counted every page


def test_a_warning_in_a_worker_fails_the_strict_build_as_it_does_in_one_process(sample_column):
    about = sample_column / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    report = build_both(sample_column)
    assert report["1"]["error"] == report["2"]["error"]
    assert "no-such-page.md" in report["2"]["error"] and "strict mode" in report["2"]["error"]


def test_a_site_with_plugins_is_built_by_mkdocs_in_one_process(column):
    from advice_column.blueprint.column import load
    from advice_column.builder.describe import describe_site, site_theme
    from advice_column.builder.pipeline import generate
    from advice_column.engine.parallel_build import one_process_reason
    from advice_column.engine.runner import load_engine_config

    column.write("mkdocs.yml", (column.root / "mkdocs.yml").read_text() + "plugins:\n  - tags\n  - search\n")
    column.entry("one")
    settings, loaded = load(column.root, theme=site_theme)
    catalog, docs_dir, _ = generate(column.root, settings, loaded, column.root / "docs-out")
    config = load_engine_config(describe_site(column.root, settings, catalog, docs_dir), column.root / "out")
    assert one_process_reason(config) == "the site configures plugins: material/tags"
    assert one_process_reason(config, dirty=True) is not None
    assert column.run("build") == 0
    assert (column.root / "site" / "qa" / "one" / "index.html").exists()
