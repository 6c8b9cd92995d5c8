"""The columnist's synonyms (``extra.advice.search.synonyms``, read by blueprint/synonyms.py) as
the search scripts read them: a query holding one phrase of a group finds pages holding any."""

from __future__ import annotations

import json


def render_synonyms(groups: list[list[str]]) -> str:
    """``search/synonyms.json``: the groups as lists of phrases."""
    return json.dumps([list(group) for group in groups], ensure_ascii=False) + "\n"
