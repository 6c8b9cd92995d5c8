"""How well a search finds the answer: graded reader queries run through a real search page.

The set is ``tests/fixtures/relevance/``: a 70-entry career column and ``queries.yml``, queries
as readers type them (questions, phrases, typos, synonyms, single words, nonsense) with an
editor's grades of the entries (3 answers it, 2 mostly, 1 touches on it, unlisted 0). Each query
is typed into a page in Chromium and the first results' addresses are read off the page:

- ``ours``: the column's own search page (``search/?q=…``), as a reader shares a search;
- ``material``: plain MkDocs + Material's built-in search (lunr), typed into its header box.

Scores: nDCG@5 (gain 2^grade - 1), recall@5 (entries graded 1 or more among the first five, of
at most five), answerable queries that show nothing, and nonsense queries that show something.
Used by ``tests/browser/test_relevance.py`` and ``scripts/bench``.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

RELEVANCE_SET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "relevance"
DEPTH = 5


def load_queries(folder: Path = RELEVANCE_SET) -> list[dict]:
    """``[{"query": text, "relevant": {slug: grade}}]``; nonsense queries have no grades."""
    items = yaml.safe_load((folder / "queries.yml").read_text(encoding="utf-8"))
    return [{"query": str(item["query"]), "relevant": dict(item.get("relevant") or {})} for item in items]


def slug_of(url: str) -> str:
    """An entry's slug from its address: ``…/qa/<slug>/`` here, ``…/qa/<year>/<slug>/`` in plain MkDocs."""
    return [part for part in urlsplit(url).path.split("/") if part][-1]


def ndcg(ranked: list[str], relevant: dict[str, int], depth: int = DEPTH) -> float:
    """Normalised discounted cumulative gain of the first ``depth`` results."""
    gain = lambda grades: sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))  # noqa: E731
    ideal = gain(sorted(relevant.values(), reverse=True)[:depth])
    return gain([relevant.get(slug, 0) for slug in ranked[:depth]]) / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: dict[str, int], depth: int = DEPTH) -> float:
    """The share of the relevant entries (at most ``depth``) among the first ``depth`` results."""
    wanted = {slug for slug, grade in relevant.items() if grade > 0}
    return len(wanted & set(ranked[:depth])) / min(depth, len(wanted)) if wanted else 0.0


def score(runs: list[dict]) -> dict:
    """The summary of ``runs`` (each a query of ``load_queries`` with its ``ranked`` slugs)."""
    answerable = [run for run in runs if run["relevant"]]
    return {
        "queries": len(runs),
        "answerable": len(answerable),
        "ndcg5": sum(ndcg(run["ranked"], run["relevant"]) for run in answerable) / len(answerable),
        "recall5": sum(recall(run["ranked"], run["relevant"]) for run in answerable) / len(answerable),
        "zero_results": [run["query"] for run in answerable if not run["ranked"]],
        "nonsense_found": [run["query"] for run in runs if not run["relevant"] and run["ranked"]],
    }


# The search page has answered when its message says what it found (it is empty until then).
_OURS_DONE = """(query) => {
    const message = document.querySelector(".advice-results__message");
    const box = document.querySelector("#advice-q");
    return message && message.textContent.trim() !== "" && box.value === query
        && !document.querySelector("#advice-search-page[aria-busy=true]");
}"""


def ours(page, base: str, query: str) -> list[str]:
    """The slugs our search page shows first for ``query``, in order."""
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_function(_OURS_DONE, arg=query, timeout=30_000)
    links = page.locator(".advice-result__title").all()[:DEPTH]
    return [slug_of(link.get_attribute("href")) for link in links]


# Material's search worker builds the lunr index, then each query's results replace the list and
# the meta line counts them ("3 matching documents", "No matching documents").
_MATERIAL_DONE = """(query) => {
    const meta = document.querySelector(".md-search-result__meta");
    const box = document.querySelector(".md-search__input");
    return box.value === query && meta && /matching document/i.test(meta.textContent);
}"""


def material(page, base: str, query: str) -> list[str]:
    """The entry slugs Material's built-in search lists first for ``query``, in order."""
    if not page.url.startswith(base):
        page.goto(base)
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)  # Material searches on key events, which fill() does not send
    page.wait_for_function(_MATERIAL_DONE, arg=query, timeout=30_000)
    # The worker answers each keystroke in turn: read the list until it stops changing.
    links = page.locator(".md-search-result__list > .md-search-result__item > a")
    hrefs, before = None, []
    while hrefs != before:
        before = hrefs
        page.wait_for_timeout(300)
        hrefs = links.evaluate_all("links => links.map(link => link.href)")
    # A page's sections may be listed after it as results of their own: each page counts once.
    slugs = list(dict.fromkeys(slug_of(href) for href in hrefs if "/qa/" in href))
    return slugs[:DEPTH]


def run_queries(page, base: str, search, queries: list[dict]) -> list[dict]:
    """Each query through ``search`` (:func:`ours`, :func:`material`), with its ``ranked`` slugs."""
    return [{**item, "ranked": search(page, base, item["query"])} for item in queries]


def table(scores: dict[str, dict]) -> str:
    """The relevance table, one column per search measured (``{label: score(...)}``)."""
    labels = list(scores)
    first = next(iter(scores.values()))
    rows = [
        ("mean nDCG@5", lambda s: f"{s['ndcg5']:.2f}"),
        ("recall@5", lambda s: f"{s['recall5']:.2f}"),
        ("answerable queries with no result", lambda s: f"{len(s['zero_results'])} of {s['answerable']}"),
        (
            "nonsense queries with a result",
            lambda s: f"{len(s['nonsense_found'])} of {s['queries'] - s['answerable']}",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    head = f"{'relevance: ' + str(first['queries']) + ' queries':<{width}}  " + "  ".join(
        f"{name:>16}" for name in labels
    )
    lines = [head]
    for label, cell in rows:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{cell(scores[name]):>16}" for name in labels))
    return "\n".join(lines)
