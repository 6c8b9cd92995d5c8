"""The quick ways `advice check` takes through an entry find exactly what the long ways find.

Each fast path (bounds over the whole body, scans that skip ahead, one pass over ASCII text)
is compared with the plain walk it stands in for, on texts made to sit near every limit.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advice_column.entries.body import _LINK_URL, _block_lines_outside_code, _inline_links
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
    expected = [
        (index, line)
        for index, line in enumerate(body.split("\n"))
        if start.match(line) and not fences.in_code(line)
    ]
    assert list(_block_lines_outside_code(body)) == expected


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
