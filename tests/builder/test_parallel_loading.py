"""Large columns load and render on every core; the result must equal the one-core result.

Each comparison runs in a fresh interpreter: forking is only done from a process with a single
thread, and a test session may hold others (the browser tests' driver, for one).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from ..conftest import entry_text


def run_fresh(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def many(column):
    for number in range(60):
        extra = "tgas: [x]\n" if number % 17 == 0 else f"tags: [t{number % 5}]\n"
        column.write(f"qa/{number // 20}/e{number:02d}.md", entry_text(title=f"Q {number}", extra=extra))
    return column


def test_parallel_loading_gives_the_same_column(many):
    outcome = run_fresh(
        f"""
        import json, threading
        from pathlib import Path
        from advice_column.entries import loader
        sequential = loader.load_column(Path({str(many.root)!r}))
        loader._CHUNK, loader._PARALLEL_FROM_CHUNKS = 7, 2
        assert threading.active_count() == 1
        parallel = loader.load_column(Path({str(many.root)!r}))
        light = loader.load_column(Path({str(many.root)!r}), with_text=False)
        print(json.dumps({{
            "same": parallel.entries == sequential.entries and parallel.diagnostics == sequential.diagnostics,
            "light": light.diagnostics == sequential.diagnostics
            and [e.slug for e in light.entries] == [e.slug for e in sequential.entries]
            and not any(e.question or e.answer for e in light.entries),
            "entries": len(parallel.entries), "problems": len(parallel.diagnostics),
        }}))
        """
    )
    assert outcome == {"same": True, "light": True, "entries": 56, "problems": 4}


def test_parallel_rendering_gives_the_same_html():
    outcome = run_fresh(
        """
        import json, threading
        from advice_column.entries.forked import forked_map
        from advice_column.blueprint.markdown_html import render_markdown
        texts = [f"Answer **{n}**, [link](https://example.org/{n}).\\n\\n- one\\n- two" for n in range(50)]
        sequential = [render_markdown(text) for text in texts]
        assert threading.active_count() == 1
        parallel = forked_map(render_markdown, texts, fewest=10)
        print(json.dumps({"same": parallel == sequential, "seventh": sequential[7][:30]}))
        """
    )
    assert outcome == {"same": True, "seventh": "<p>Answer <strong>7</strong>, "}


def test_pages_rendered_on_every_core_are_the_pages_one_core_renders():
    outcome = run_fresh(
        """
        import datetime, json, threading
        from advice_column.entries.model import Entry, Topic
        from advice_column.blueprint.catalog import build_catalog
        from advice_column.blueprint.pages import PageCache, render_pages
        from advice_column.blueprint.settings import Settings

        topics = {"work": Topic("work", "Work & <more>", "About work.")}
        entries = [
            Entry(path=f"qa/e{n}.md", slug=f"e{n}", title=f"Question {n} <b>?</b>",
                  date=datetime.date(2020 + n % 6, 1 + n % 12, 1 + n % 28), topic="work",
                  question=f"Asked {n}.", answer=f"Answered {n}. **Yes**, {n % 7} times.",
                  tags=(f"t{n % 9}", f"u{n % 4}"))
            for n in range(450)
        ]
        catalog = build_catalog(topics, entries)
        settings = Settings(site_name="Column", site_url="https://example.org/c/", per_page=20)
        assert threading.active_count() == 1
        forked = render_pages(catalog, settings)  # no cache: entries and listings on every core
        one_core = render_pages(catalog, settings, cache=PageCache())
        print(json.dumps({"same": forked == one_core, "pages": len(forked)}))
        """
    )
    assert outcome["same"] and outcome["pages"] > 450
