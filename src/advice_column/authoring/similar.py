"""Questions already in the column that look like a new one, so a contributor can spot a repeat.

A title is reduced to its content words (lowercase, accents and stop words dropped, simple
suffixes stripped, so "interviewer" meets "interviews"). Entries sharing at least one of those
words are found through an inverted index, then scored by three measures that each catch a
different kind of near-duplicate:

- weighted Jaccard: the share of all their words that two titles have in common, each word
  weighted by how rare it is in the column, so "raise" counts for more than "job";
- containment: the share of the shorter title found in the longer one, so "How do I ask for a
  raise?" matches "How do I ask for a raise without sounding greedy?";
- difflib's ratio on the reduced titles, which rewards the same words in the same order.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..entries.model import Entry

# Tuned on this column's own titles: near-duplicates score 0.5 and up, questions that merely
# share one common word (ask, boss, job) stay under 0.3.
THRESHOLD = 0.4
_WEIGHTS = (0.4, 0.3, 0.3)  # weighted Jaccard, containment, difflib ratio
_QUESTION_WEIGHT = 0.5
# Once rarer shared words have found candidates, a word in more than this share of the texts
# (and more than _MIN_POSTINGS of them) adds only noise and time, so it finds no more.
_COMMON_SHARE = 0.1
_MIN_POSTINGS = 200

_STOP_WORDS_TEXT = """
a about above after again against all almost also am an and any anyone are as at be because been
before being below between both but by can could did do does doing don down during each else
even ever every few for from further get gets getting go going got had has have having he her
here hers herself him himself his how i if in into is it its itself just let like me might more
most much must my myself no nor not now of off ok okay on once one only or other others ought our
ours out over own per really same she should so some something still such than that the their
theirs them then there these they this those though through to too under until up upon us very
want was way we well were what whats when where whether which while who whom whose why will
with without would yes yet you your yours yourself
aren couldn didn doesn hadn hasn haven isn mustn shouldn wasn weren won wouldn
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_CONTRACTION = re.compile(r"['’](?:s|d|ll|m|re|t|ve)\b")
_WORD = re.compile(r"[^\W_]+")
# Longest first, so "interviewers" loses "ers" and not just "s".
_SUFFIXES = ("ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "s")
_MIN_STEM = 3


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning, lowercased, unaccented and reduced to a stem."""
    folded = text.casefold()
    if not folded.isascii():  # the slow path only for text that has accents to drop
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = _CONTRACTION.sub("", folded)
    return [stem(word) for word in _WORD.findall(folded) if word not in STOP_WORDS and not word.isdigit()]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem: enough to make plurals and -ing/-ed/-er forms of a word meet."""
    if word.endswith("ss"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word.rstrip("e") if len(word) > _MIN_STEM else word


def find_similar(
    title: str, entries: list[Entry], limit: int = 5, *, question: str | None = None
) -> list[tuple[Entry, float]]:
    """Entries whose title (or, when ``question`` is given, question) is close to these, best first."""
    titles = _Corpus([entry.title for entry in entries])
    scores = titles.scores(title)
    if question:
        questions = _Corpus([entry.question for entry in entries])
        for position, similarity in questions.scores(question, with_ratio=False).items():
            # A matching question only ever raises an entry's score: the title is the main signal.
            blended = (1 - _QUESTION_WEIGHT) * scores.get(position, 0.0) + _QUESTION_WEIGHT * similarity
            scores[position] = max(scores.get(position, 0.0), blended)
    ranked = sorted(
        ((score, position) for position, score in scores.items() if score >= THRESHOLD),
        key=lambda pair: (-pair[0], entries[pair[1]].path),
    )
    return [(entries[position], round(score, 3)) for score, position in ranked[:limit]]


def similar_lines(matches: Iterable[tuple[Entry, float]]) -> list[str]:
    """The report ``advice new`` prints: a heading, then ``  path: title`` for each match."""
    lines = [f"  {entry.path}: {entry.title}" for entry, _ in matches]
    return ["Similar questions already in the column:", *lines] if lines else []


@dataclass
class _Corpus:
    """Texts reduced to word sets, with an inverted index and each word's weight by rarity."""

    texts: list[str]

    def __post_init__(self) -> None:
        self.words = [content_words(text) for text in self.texts]
        self.sets = [frozenset(words) for words in self.words]
        self.weights: dict[str, float] = {}
        self.index: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(self.sets):
            for word in words:
                self.index[word].append(position)

    def weight(self, word: str) -> float:
        """Inverse document frequency, smoothed so a word no text has still counts."""
        if (known := self.weights.get(word)) is not None:
            return known
        weight = self.weights[word] = math.log((len(self.sets) + 1) / (len(self.index.get(word, ())) + 1)) + 1
        return weight

    def candidates(self, query: frozenset[str]) -> set[int]:
        """Positions of texts sharing a word with ``query``; common words count only if nothing rarer does."""
        limit = max(_MIN_POSTINGS, int(len(self.sets) * _COMMON_SHARE))
        found: set[int] = set()
        for word in sorted(query, key=lambda w: len(self.index.get(w, ()))):
            postings = self.index.get(word, ())
            if found and len(postings) > limit:
                break
            found.update(postings)
        return found

    def scores(self, text: str, *, with_ratio: bool = True) -> dict[int, float]:
        """Similarity in [0, 1] of ``text`` to every text that shares a word with it."""
        words = content_words(text)
        query = frozenset(words)
        if not query:
            return {}
        query_weight = sum(map(self.weight, query))
        joined = " ".join(words)
        results = {}
        for position in self.candidates(query):
            other = self.sets[position]
            shared = sum(self.weight(word) for word in query & other)
            other_weight = sum(map(self.weight, other))
            jaccard = shared / (query_weight + other_weight - shared)
            if not with_ratio:
                results[position] = jaccard
                continue
            containment = shared / min(query_weight, other_weight)
            partial = _WEIGHTS[0] * jaccard + _WEIGHTS[1] * containment
            # difflib is the slow part: skip it where even a perfect ratio could not reach the threshold.
            if partial + _WEIGHTS[2] < THRESHOLD:
                continue
            ratio = difflib.SequenceMatcher(None, joined, " ".join(self.words[position])).ratio()
            results[position] = partial + _WEIGHTS[2] * ratio
        return results
