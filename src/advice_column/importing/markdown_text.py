"""Markdown that is only text: escaping, defusing what joined pieces can form, tidy spaces.

Shared by the HTML converter and the copied-text reader, so both write what `advice check` accepts.
"""

from __future__ import annotations

import re

from ..entries.markdown_syntax import FenceTracker, code_span_ranges
from ..entries.markup_policy import RAW_HTML_ALLOWED, URL_SCHEMES

_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# Python-Markdown makes '#MeToo' a heading (no space needed), so any '#' starting a line is escaped.
_LINE_START = re.compile(r"^([ \t]*)(#|>|[-+](?=[ \t]))", re.MULTILINE)
# The converter fences code with backticks only, so a '~~~' line came from the text.
_TILDE_FENCE = re.compile(r"^([ \t]*)~(?=~~)", re.MULTILINE)
_STRAY_TAG = re.compile(rf"<(?!/?(?:{'|'.join(sorted(RAW_HTML_ALLOWED))})[\s/>])(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(r"\]\((?=\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):)")
_IMAGE_SHAPE = re.compile(r"!(?=\[[^\]]*\]\s*[\[(])")
_REFERENCE = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)")
_TOP_HEADING = re.compile(r"^( {0,3})(#{1,2}(?!#))")
# Any run of blanks; those with a non-breaking space in them are tidied (one pass: linear).
_BLANK_RUN = re.compile(r"[ \t\u00a0]+")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def escape_text(text: str) -> str:
    """Plain text made literal in Markdown: no emphasis, headings, lists, links or raw HTML."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("*", r"\*").replace("_", r"\_").replace("`", r"\`")
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    if re.search(r"\][(\[:]", text):
        # '\](' is still '](' to the link check, so the parenthesis is escaped as well.
        text = re.sub(r"[\[\]]", lambda m: "\\" + m.group(), text).replace("\\](", "\\]\\(")
    text = _TILDE_FENCE.sub(r"\1&#126;", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def defuse(markdown: str) -> str:
    """Break what neighbouring text pieces can form together: tags, bad links, images, '#'/'##'."""
    lines, fences = [], FenceTracker()
    for line in _TILDE_FENCE.sub(r"\1&#126;", markdown).split("\n"):
        if fences.in_code(line):
            lines.append(line)
            continue
        line = _TOP_HEADING.sub(r"\1\\\2", _REFERENCE.sub(r"\1\\[", line))
        pieces, last = [], 0
        for start, end in code_span_ranges(line):
            pieces += [_defuse_text(line[last:start]), line[start:end]]
            last = end
        lines.append("".join([*pieces, _defuse_text(line[last:])]))
    return "\n".join(lines)


def _defuse_text(text: str) -> str:
    text = _STRAY_TAG.sub("&lt;", text)
    text = _IMAGE_SHAPE.sub(r"!\\", text)
    # '](' before a scheme other than http(s)/mailto is not a link the converter made.
    return _LINK_TARGET.sub(lambda m: "](" if m.group(1).lower() in URL_SCHEMES else "]\\(", text)


def tidy_spaces(text: str) -> str:
    """Runs of non-breaking spaces used as spacing become one space, none at line ends."""
    lines = []
    for line in text.translate(INVISIBLE).split("\n"):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        rest = line[len(indent) :].strip(" \t\u00a0")
        # One NBSP between two words ("10\u00a0a.m.") is typography and stays.
        rest = _BLANK_RUN.sub(_tidy_blank_run, rest)
        lines.append(indent + rest if rest else "")
    return "\n".join(lines)


def _tidy_blank_run(match: re.Match) -> str:
    run = match.group()
    return run if run == "\u00a0" or "\u00a0" not in run else " "


def tidy_markdown(markdown: str) -> str:
    """Tidy spaces, keep at most one blank line in a row, and trim the ends."""
    return re.sub(r"\n{3,}", "\n\n", tidy_spaces(markdown)).strip("\n")
