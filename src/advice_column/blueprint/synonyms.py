"""The columnist's search synonyms: ``extra.advice.search.synonyms`` in ``mkdocs.yml``.

Each group is a list of words or phrases a reader may use for one thing (``[CV, résumé]``,
``[laid off, let go, fired]``); a query holding one of them finds pages holding any. The search
page reads them from ``search/synonyms.json``, which the search wing writes.
"""

from __future__ import annotations

import unicodedata

MOST_GROUPS = 500
MOST_PHRASES = 20
LONGEST_PHRASE = 60
EXAMPLE = "e.g. [CV, résumé]"


def synonym_groups(search: object) -> tuple[tuple[str, ...], ...]:
    """The groups of ``extra.advice.search`` (its value); ValueError says what is wrong."""
    groups, problem = read_synonyms(search)
    if problem:
        raise ValueError(problem)
    return groups


def read_synonyms(search: object) -> tuple[tuple[tuple[str, ...], ...], str | None]:
    """The groups of ``extra.advice.search`` (its value), and a problem's message or None."""
    if search is None:
        return (), None
    if not isinstance(search, dict) or set(search) - {"synonyms"}:
        return (), "extra.advice.search takes one key, 'synonyms': a list of groups of words, " + EXAMPLE
    groups = search.get("synonyms") or []
    if not isinstance(groups, list) or len(groups) > MOST_GROUPS:
        return (), f"extra.advice.search.synonyms must be a list of at most {MOST_GROUPS} groups, {EXAMPLE}"
    found = []
    for number, group in enumerate(groups, 1):
        if not isinstance(group, list) or not 2 <= len(group) <= MOST_PHRASES:
            return (), (
                f"extra.advice.search.synonyms group {number} must be a list of 2 to "
                f"{MOST_PHRASES} words or phrases, {EXAMPLE}"
            )
        for phrase in group:
            if problem := _phrase_problem(phrase):
                return (), f"extra.advice.search.synonyms group {number}: {problem}"
        found.append(tuple(str(phrase).strip() for phrase in group))
    return tuple(found), None


def _phrase_problem(phrase: object) -> str | None:
    if not isinstance(phrase, str | int) or isinstance(phrase, bool):
        return f"{phrase!r} is not a word or phrase"
    text = str(phrase).strip()
    if not 1 <= len(text) <= LONGEST_PHRASE or not any(c.isalnum() for c in text):
        return f"{text!r} must hold a letter or digit and at most {LONGEST_PHRASE} characters"
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return f"{text!r} holds a control or invisible character"
    return None
