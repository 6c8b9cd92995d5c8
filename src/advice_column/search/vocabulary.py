"""The column's own words, for the search page's "Showing results for …" when a word is misspelt.

Each word of the indexed entries (folded as the search script folds a query: accents off, lower
case) with the number of entries holding it, in one small JSON file per first letter
(``search/words/n.json``): a misspelt word fetches only its letter's file, and only when no
page holds the word. Words of 3 letters or fewer are not corrected, so they are left out.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
# A word a reader could misspell and we could suggest: 4 to 24 letters or digits, not all digits.
_SHORTEST, _LONGEST = 4, 24
# A file holds at most this many words, the commonest (about 25 kB gzipped at most): in a big
# column the rest are mostly names and misspellings, which a suggestion should not offer.
MOST_PER_FILE = 4000


def fold(text: str) -> str:
    """Accents off and lower case, as ``fold`` in advice-search.js."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def document_words(document: str) -> set[str]:
    """The distinct words of one entry's HTML document that a search may suggest."""
    text = fold(html.unescape(_TAG.sub(" ", document)))
    return {word for word in _WORD.findall(text) if _SHORTEST <= len(word) <= _LONGEST and not word.isdigit()}


def count_words(documents: dict[str, str]) -> Counter:
    """How many of ``documents`` hold each word."""
    counts: Counter = Counter()
    for document in documents.values():
        counts.update(document_words(document))
    return counts


def shard(word: str) -> str:
    """The file a word is in: its first letter or digit, else ``_`` (as the search script asks)."""
    first = word[0]
    return first if "a" <= first <= "z" or "0" <= first <= "9" else "_"


def write_vocabulary(counts: Counter, folder: Path) -> None:
    """Write ``counts`` into ``folder`` as one ``<letter>.json`` per first letter, commonest first."""
    # Every file is written, empty ones too: the search asks for a letter without knowing.
    shards: dict[str, dict[str, int]] = {key: {} for key in "abcdefghijklmnopqrstuvwxyz0123456789_"}
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        words = shards.setdefault(shard(word), {})
        if len(words) < MOST_PER_FILE:
            words[word] = count
    folder.mkdir(parents=True, exist_ok=True)
    for key, words in sorted(shards.items()):
        text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{key}.json").write_text(text + "\n", encoding="utf-8")
