"""scripts/relevance.py: the scores of the relevance table, and the set it reads."""

from __future__ import annotations

import importlib.util
import math

import pytest

from advice_column.entries.loader import load_column

from .conftest import REPO

spec = importlib.util.spec_from_file_location("advice_relevance", REPO / "scripts" / "relevance.py")
relevance = importlib.util.module_from_spec(spec)
spec.loader.exec_module(relevance)


@pytest.mark.parametrize(
    ("ranked", "relevant", "expected"),
    [
        (["a", "b"], {"a": 3, "b": 2}, 1.0),
        (["b", "a"], {"a": 3, "b": 2}, (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))),
        ([], {"a": 3}, 0.0),
        (["x", "y", "z", "w", "v", "a"], {"a": 3}, 0.0),  # sixth is past the first five
    ],
)
def test_ndcg_at_five(ranked, relevant, expected):
    assert relevance.ndcg(ranked, relevant) == pytest.approx(expected)


def test_recall_counts_at_most_five_wanted():
    relevant = {name: 1 for name in "abcdefg"}
    assert relevance.recall(list("abcde"), relevant) == 1.0
    assert relevance.recall(["a", "x"], {"a": 3, "b": 1}) == 0.5


def test_the_summary_counts_empty_answers_and_found_nonsense():
    runs = [
        {"query": "pay rise", "relevant": {"a": 3}, "ranked": ["a"]},
        {"query": "raise", "relevant": {"a": 3}, "ranked": []},
        {"query": "xyzzy", "relevant": {}, "ranked": ["b"]},
    ]
    found = relevance.score(runs)
    assert (found["answerable"], found["ndcg5"], found["zero_results"]) == (2, 0.5, ["raise"])
    assert found["nonsense_found"] == ["xyzzy"]


def test_the_set_judges_only_entries_it_holds():
    column = load_column(relevance.RELEVANCE_SET)
    assert column.diagnostics == []
    slugs = {entry.slug for entry in column.entries if not entry.draft}
    queries = relevance.load_queries()
    assert len(slugs) == 70 and len(queries) == 41
    assert {slug for query in queries for slug in query["relevant"]} <= slugs
    assert all(grade in (1, 2, 3) for query in queries for grade in query["relevant"].values())
