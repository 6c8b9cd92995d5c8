"""Plain-text trimming shared by pages, structured data and importers: cut at a word, add "…"."""

from __future__ import annotations

import re

ELLIPSIS = "…"
SUMMARY_LENGTH = 160
SUMMARY_WORDS = 8  # a default summary is at least one full sentence of this many words
# A sentence ends at . ! or ?, perhaps followed by closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word so that, with a trailing "…", it is at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return cut.rstrip(",;:—–- ") + ELLIPSIS


def sentences(text: str) -> list[str]:
    """``text`` split into sentences, each keeping its closing punctuation and quotes."""
    text = " ".join(text.split())
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() < len(text) and text[match.end()].islower():
            continue  # '"Fine?" she said.' is one sentence
        if _open_quote(text[start : match.end()]):
            continue  # 'Say: "I applied. May I ask?"' is one sentence, quote and all
        found.append(text[start : match.end()].strip())
        start = match.end()
    if start < len(text):
        found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def _open_quote(text: str) -> bool:
    """True when ``text`` opens a double quotation it does not close."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def summary(text: str, limit: int = SUMMARY_LENGTH, words: int = SUMMARY_WORDS) -> str:
    """The opening sentences of ``text`` up to ``words`` words or more, cut to ``limit`` characters."""
    chosen: list[str] = []
    for sentence in sentences(text):
        chosen.append(sentence)
        if len(" ".join(chosen).split()) >= words:
            break
    return shorten(" ".join(chosen), limit)
