"""The engine's shortcuts into MkDocs and Material run only on the versions they were verified
with; on any other, MkDocs' public build makes the very same site.

Builds run in a fresh interpreter: forking is only done from a process with a single thread.
"""

from __future__ import annotations

import pytest

from advice_column.engine.shortcuts import VERIFIED, installed_versions, verified

from ..builder.test_parallel_loading import run_fresh

OTHER_MKDOCS = {**VERIFIED, "mkdocs": "1.6.0"}
OTHER_MATERIAL = {**VERIFIED, "mkdocs-material": "9.7.1"}


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        (VERIFIED, True),
        (OTHER_MKDOCS, False),
        (OTHER_MATERIAL, False),
        ({"mkdocs": "1.6.1"}, False),
        ({**VERIFIED, "mkdocs-material": None}, False),
    ],
)
def test_the_gate_opens_only_on_the_versions_verified(versions, expected):
    assert verified(versions) is expected


def test_the_pinned_versions_are_the_ones_verified():
    # constraints.txt pins what the test environment installs: the shortcuts are tested there.
    assert installed_versions() == VERIFIED and verified()


# Builds the column at ROOT twice from the same generated pages: with the gate given the
# installed versions (shortcuts on) and given other versions (MkDocs' public build); prints how
# each was built and which files differ.
BUILD_BOTH_WAYS = """
import json, threading
from pathlib import Path
from advice_column.blueprint.column import load
from advice_column.builder.describe import describe_site, site_theme
from advice_column.builder.pipeline import generate
from advice_column.engine.html_pages import gate_shortcuts
from advice_column.engine.live_site import LiveSite
from advice_column.engine.parallel_build import one_process_reason
from advice_column.engine.runner import load_engine_config, run_engine

root = Path(ROOT)
settings, column = load(root, theme=site_theme)
catalog, docs_dir, written = generate(root, settings, column, root / "docs-out", include_drafts=bool(SERVE))
report = {}
for name, versions in (("fast", None), ("public", OTHER)):
    out = root / f"out-{name}"
    site = describe_site(root, settings, catalog, docs_dir, written.html_pages, serve_url=SERVE)
    config = load_engine_config(site, out)
    fast = gate_shortcuts(config, versions)
    assert threading.active_count() == 1
    live = LiveSite(versions)
    warnings = live.build(site, out).warnings if SERVE else run_engine(config, workers=2)
    report[name] = {"fast": fast, "one_process_reason": one_process_reason(config), "warnings": warnings,
                    "page_updates": live.ready}
sites = {name: {p.relative_to(root / f"out-{name}").as_posix(): p.read_bytes()
                for p in (root / f"out-{name}").rglob("*") if p.is_file()} for name in ("fast", "public")}
report["files"] = len(sites["fast"])
paths = sites["fast"].keys() | sites["public"].keys()
report["different"] = sorted(k for k in paths if sites["fast"].get(k) != sites["public"].get(k))
print(json.dumps(report))
"""


@pytest.mark.parametrize("other", [OTHER_MKDOCS, OTHER_MATERIAL], ids=["mkdocs", "material"])
@pytest.mark.parametrize("serve", [None, "http://127.0.0.1:8000/"], ids=["build", "preview"])
def test_other_versions_get_mkdocs_public_build_and_the_same_site(sample_column, serve, other):
    report = run_fresh(
        f"ROOT, SERVE, OTHER = {str(sample_column)!r}, {serve!r}, {other!r}\n" + BUILD_BOTH_WAYS
    )
    assert report["fast"]["fast"] and not report["public"]["fast"]
    assert report["fast"]["one_process_reason"] is None
    assert "verified" in report["public"]["one_process_reason"]
    assert report["fast"]["page_updates"] is bool(serve) and not report["public"]["page_updates"]
    assert report["fast"]["warnings"] == report["public"]["warnings"] == []
    assert report["files"] > 150
    assert report["different"] == []
