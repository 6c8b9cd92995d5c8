"""Coverage-guided fuzzing of one entry's build with atheris: load, render Markdown, write pages.

Any bytes give diagnostics or a built page, never a crash; an input that `advice check` accepts
must also build within the time budget (libFuzzer's ``-timeout``, in seconds per input).

python tests/fuzz_loader.py -runs=2000 -timeout=20   # a short run (the test suite does this)
scripts/fuzz                                          # ten minutes, or pass libFuzzer options
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from advice_column.blueprint.catalog import build_catalog
    from advice_column.blueprint.feeds import feed_problem, render_feeds
    from advice_column.blueprint.pages import render_pages, view_entries
    from advice_column.blueprint.settings import Settings
    from advice_column.entries.loader import load_entry
    from advice_column.entries.model import Topic
    from advice_column.entries.topics import load_topics

TOPICS = {"interviews": Topic("interviews", "Interviews", "")}
SETTINGS = Settings(site_name="Fuzz", site_url="https://example.org/")
COLUMN = Path(tempfile.mkdtemp(prefix="advice-fuzz-"))
ENTRY = COLUMN / "qa" / "entry.md"
TOPICS_FILE = COLUMN / "qa" / "topics.yml"
ENTRY.parent.mkdir(parents=True)


def test_one_input(data: bytes) -> None:
    """Load ``data`` as an entry and build it when valid; as the topics file when its first byte is odd."""
    diagnostics: list = []
    if data[:1] and data[0] % 2:
        TOPICS_FILE.write_bytes(data[1:])
        load_topics(COLUMN, "qa", diagnostics)
        return
    ENTRY.write_bytes(data)
    entry = load_entry(COLUMN, ENTRY, TOPICS, diagnostics)
    # Exactly one outcome: a valid entry, or at least one problem naming this file.
    assert (entry is None) == bool(diagnostics), (entry, diagnostics)
    assert all(d.path == "qa/entry.md" and d.line >= 1 and d.col >= 1 for d in diagnostics)
    if entry is not None:
        build_one(entry)


def build_one(entry) -> None:
    """What `advice build` makes of one valid entry: its pages and feeds, the feeds well-formed."""
    catalog = build_catalog(TOPICS, [entry], include_drafts=True)
    views = view_entries(catalog)
    pages = render_pages(catalog, SETTINGS, views=views)
    assert f"qa/{entry.slug}.md" in pages
    for path, feed in render_feeds(catalog, views, SETTINGS).items():
        assert feed_problem(feed.encode("utf-8")) is None, path


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
