"""The quick ways `advice check` takes through an entry find exactly what the long ways find.

Each fast path (bounds over the whole body, scans that skip ahead, one pass over ASCII text)
is compared with the plain walk it stands in for, on texts made to sit near every limit.
"""

from __future__ import annotations

import re

import markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advice_column.entries.body import (
    _CHECKS,
    _LINK_URL,
    _block_lines_outside_code,
    _inline_links,
    _needles_in,
    find_unsafe_markup,
    split_sections,
)
from advice_column.entries.limits import MAX_NESTING, MAX_PARAGRAPH, _line_by_line, find_render_limits
from advice_column.entries.markdown_syntax import FenceTracker
from advice_column.entries.textfile import CONTROL, decode_text, find_control_characters, read_text_file

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that start nested (spaces, tabs, '>' and list markers) and hold short text, or long runs
# of one character: enough to pass each limit (a long paragraph, many '[' '<' '&', deep nesting),
# or to stop just short of it.
PREFIXES = st.lists(st.sampled_from(["\t", " ", ">", "- ", "1. ", "* "]), max_size=MAX_NESTING // 3).map(
    "".join
)
RUNS = st.one_of(
    st.builds(
        lambda text, count: text * count, st.sampled_from(["[", "a", "<", "&", "x "]), st.integers(0, 400)
    ),
    st.integers(MAX_PARAGRAPH - 12, MAX_PARAGRAPH + 2).map(lambda count: "a" * count),
    # '[' times the paragraph's length, around the bracket work limit
    st.builds(lambda brackets, more: "[" * brackets + "a" * more, st.integers(0, 300), st.integers(0, 1_200)),
)
LINES = st.one_of(
    st.builds(str.__add__, PREFIXES, st.text(alphabet="a [<&`~#\t", max_size=30)),
    st.builds(str.__add__, PREFIXES, RUNS),
    st.sampled_from(["", "   ", "```", "~~~~", "````python", "## Answer"]),
)
BODIES = st.lists(LINES, max_size=12).map("\n".join)


@SETTINGS
@given(body=BODIES, first_line=st.integers(1, 40))
@example(body="\t" * 10 + " x", first_line=1)  # 41 columns deep in 11 characters
@example(body="a" * (MAX_PARAGRAPH - 1), first_line=1)  # the longest paragraph allowed
@example(body="a" * MAX_PARAGRAPH, first_line=1)
@example(body="x\n\n" + "[" * 250 + "a" * 749, first_line=1)  # 250 '[' in 1,000 characters
@example(body="x\n\n" + "[" * 250 + "a" * 750, first_line=1)
def test_render_limits_are_what_the_line_by_line_walk_finds(body, first_line):
    assert find_render_limits(body, first_line) == _line_by_line(body, first_line)


MARKUP = st.text(alphabet="](<>[a:/ \t\n!-", max_size=60) | st.lists(
    st.sampled_from(["](", "<", ">", "](<javascript:x>)", "<https://a](b>", "[t](x)", " ", "\n", "a", ":"]),
    max_size=30,
).map("".join)


@SETTINGS
@given(text=MARKUP)
def test_a_check_skipped_for_want_of_its_needles_would_have_found_nothing(text):
    present = _needles_in(text)
    assert present <= {needle for needles, _, _ in _CHECKS for needle in needles if needle in text}
    for needles, pattern, _ in _CHECKS:
        if present.isdisjoint(needles):
            assert pattern.search(text) is None


@SETTINGS
@given(text=MARKUP)
def test_links_found_by_skipping_ahead_are_the_regexs_matches(text):
    text = text.replace("]:", "] :")  # the skipping scan is for texts without reference links
    expected = [(match.span(), match.group()) for match in _LINK_URL.finditer(text)]
    assert [(match.span(), match.group()) for match in _inline_links(text)] == expected


BLOCKS = st.lists(
    st.sampled_from(
        ["# A", "## Question", " ## Answer", "    ## code", "```", "~~~", "```` x", "text", "", "#"]
    ),
    max_size=20,
).map("\n".join)


@SETTINGS
@given(body=BLOCKS)
def test_heading_and_fence_lines_are_those_of_each_line_in_turn(body):
    fences = FenceTracker()
    start = re.compile(r" {0,3}(?:#|`{3,}|~{3,})")
    lines = body.split("\n")
    expected = [
        (index, line, sum(len(before) + 1 for before in lines[:index]))
        for index, line in enumerate(lines)
        if start.match(line) and not fences.in_code(line)
    ]
    assert list(_block_lines_outside_code(body)) == expected


SECTION_BODIES = st.lists(
    st.sampled_from(
        ["## Question", "## Answer", "## answer ##", "text", "  more", "", "   ", "\u00a0\t", "\x1c", "```"]
    ),
    max_size=14,
).map("\n".join)


@SETTINGS
@given(body=SECTION_BODIES, first_line=st.integers(1, 40))
@example(body="## Question\nq\n## Answer", first_line=1)  # the answer heading is the last line
@example(body="## Question\n## Answer\n\n a\n\n", first_line=3)
@example(body="```\n## Answer\n```\n## Question\nq\n## Answer\na", first_line=1)
def test_sections_cut_from_the_body_are_the_lines_between_the_headings(body, first_line):
    sections, _ = split_sections(body, first_line)
    if sections is None:
        return
    lines = body.split("\n")
    fences = FenceTracker()
    outside = [(index, line) for index, line in enumerate(lines) if not fences.in_code(line)]
    headings = [index for index, line in outside if line.startswith("## ")]
    question, answer = headings
    for text, text_line, heading, end in (
        (sections.question, sections.question_line, question, answer),
        (sections.answer, sections.answer_line, answer, len(lines)),
    ):
        part = lines[heading + 1 : end]
        leading = next((index for index, line in enumerate(part) if line.strip()), len(part))
        assert text == "\n".join(part[leading:]).strip("\n")
        assert text_line == first_line + heading + 1 + leading


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from([*map(chr, range(0x80)), "é", "\x85", "\x9f", "\ufffe", "ä"])))
def test_control_characters_are_found_whether_the_text_is_ascii_or_not(text):
    assert (find_control_characters(text) == []) == (CONTROL.search(text) is None)


@SETTINGS
@given(data=st.binary(max_size=200) | st.integers(0, 3).map(lambda n: b"x" * (n * 65_536 + n)))
def test_a_file_is_read_to_its_last_byte(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("read") / "entry.md"
    path.write_bytes(data)
    assert read_text_file(path) == decode_text(data)


# Lines around indented code: where Python-Markdown makes code of "<span>", `advice check` must
# not report it, and where it passes it through as HTML, check must.
INDENTED_LINES = [
    "<span>x</span>",
    "  <span>x</span>",
    "    <span>x</span>",
    "\t<span>x</span>",
    "        <span>x</span>",
    "  \t<span>x</span>",
    "- item",
    "1. item",
    "text",
    "    text",
    "> quote",
    "### heading",
    "    ### heading",
    "***",
    "* * *",
    "",
    "   ",
]


def _reported_and_raw(text: str) -> tuple[int, int]:
    """How many <span> tags check reports in ``text``, and how many Python-Markdown passes as HTML."""
    lines = text.split("\n")
    while lines and not lines[0].strip(" \t"):  # as a section's text starts
        lines.pop(0)
    text = "\n".join(lines)
    rendered = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"]).convert(text)
    reported = [d for d in find_unsafe_markup(text, 1) if "<span>" in d.message]
    return len(reported), rendered.count("<span>") + rendered.count("</span>")


@SETTINGS
@given(text=st.lists(st.sampled_from(INDENTED_LINES), max_size=10).map("\n".join))
@example(text="- item\n\n    <span>x</span>")  # continues the list item: HTML
@example(text="- item\n\n        <span>x</span>")  # code inside the list item
@example(text="text\n    <span>x</span>")  # continues the paragraph: HTML
@example(text="- item\n\n    <span>x</span>\n### heading\n        <span>x</span>")  # code in the item
@example(text="```\nb\n```\n    <span>x</span>")  # a fenced block stands apart: code after it
def test_html_is_reported_unless_markdown_makes_code_of_it(text):
    reported, raw = _reported_and_raw(text)
    assert reported == raw


# A list nested in a list item's first block is not modelled: there check may report HTML that
# is code, never miss HTML that is not. (Fences are left out: check takes an indented or
# unclosed fence as code where the renderer does not, and the sanitiser cleans what it passes.)
@SETTINGS
@given(text=st.lists(st.sampled_from([*INDENTED_LINES, "    - sub", "  - sub"]), max_size=10).map("\n".join))
def test_html_that_markdown_passes_through_is_always_reported(text):
    reported, raw = _reported_and_raw(text)
    assert reported >= raw
