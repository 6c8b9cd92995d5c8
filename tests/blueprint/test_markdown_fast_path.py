"""Text with no inline markup skips Python-Markdown's inline patterns, and renders the same.

markdown_html.py marks such text as done before the inline processor runs; these tests render
texts both ways and fail if a pattern could match text the fast path leaves out.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advice_column.blueprint.markdown_html import INLINE_PATTERNS, _converter_with

from ..conftest import SAMPLE

FAST, SLOW = _converter_with(), _converter_with(plain_text_is_done=False)

# Words, every character an inline pattern starts with, and the block syntax around them.
TOKENS = st.sampled_from([
    "word", "Two words.", " ", "  ", "\n", "\n\n", "  \n", "`", "``", "\\", "[", "]", "(", ")", "!",
    "<", ">", "&", ";", "#", "*", "**", "_", "__", "http://example.org", "a@b.org", "&amp;",
    "&#169;", "- ", "1. ", "> ", "    ", "| a | b |\n|---|---|\n| c | d |\n", "```\ncode\n```\n",
    "<p>raw</p>\n", "[x]: http://example.org\n", "café", "\t",
])  # fmt: skip


def both(text: str) -> tuple[str, str]:
    return FAST.reset().convert(text), SLOW.reset().convert(text)


def test_the_inline_patterns_are_the_ones_the_fast_path_knows():
    # A new pattern (another extension, a new Python-Markdown) may match other characters:
    # add them to _INLINE_MARK, then here.
    assert [pattern.name for pattern in FAST.inlinePatterns._priority] == list(INLINE_PATTERNS)


# Each inline pattern's markup, with nothing else a pattern could match around it.
@pytest.mark.parametrize(
    "text",
    [
        "Use `git log` here.", "A \\# hash.", "See [the guide](https://example.org/).",
        "See ![a map](map.png).", "See [the guide][g].\n\n[g]: https://example.org/",
        "See [g].\n\n[g]: https://example.org/", "<https://example.org>", "<me@example.org>",
        "One  \ntwo", "A <b>bold</b> word.", "Fish &amp; chips &copy;", "An *emphasis*.",
        "A **strong** word.", "An _emphasis_.", "A __strong__ word.",
    ],
)  # fmt: skip
def test_each_inline_pattern_renders_the_same_with_and_without_the_fast_path(text):
    fast, slow = both(text)
    assert fast == slow


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=40).map("".join))
@example("A line  \nbreak, a\\*literal\\* star, `code`, an &amp; entity, <b>html</b> and <a@b.org>.")
@example("Plain prose with no markup at all.\n\nAnother plain paragraph.")
@example("snake_case_word and 2*3*4")
def test_text_renders_the_same_with_and_without_the_fast_path(text):
    fast, slow = both(text)
    assert fast == slow


def test_the_sample_column_renders_the_same_with_and_without_the_fast_path():
    texts = [path.read_text(encoding="utf-8") for path in sorted((SAMPLE / "qa").rglob("*.md"))]
    assert len(texts) > 15
    for text in texts:
        fast, slow = both(text)
        assert fast == slow
