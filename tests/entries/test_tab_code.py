"""A paragraph indented with a tab would be a code block on the page: check says so (QA043)."""

from __future__ import annotations

import pytest

from advice_column.entries.tab_code import find_tab_code_blocks


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("\tI indented this paragraph.\nIt goes on.", [1]),
        ("First.\n\n\tSecond, indented.\n\n  \tThird, after two spaces.", [3, 5]),
        ("Text\n\tright after a line is part of its paragraph.", []),
        ("- a list item\n\n\tcontinues the item, not code.", []),
        ("    Four spaces: code meant as code.", []),
        ("```\n\tinside a fence\n```", []),
        ("No tab at all.", []),
    ],
)
def test_only_tab_indented_blocks_that_become_code_are_found(body, lines):
    assert [problem.line for problem in find_tab_code_blocks(body, 1)] == lines


def test_check_reports_the_line_of_the_file(column, capsys):
    column.entry("tabbed", answer="Short answer.\n\n\tA paragraph indented with a tab.")
    assert column.run("check") == 1
    assert capsys.readouterr().out == (
        "qa/tabbed.md:15:1: QA043 this paragraph starts with a tab, so it is shown as a code block; "
        "delete the tab (for code, indent it four spaces or put it between ``` fences)\n"
    )
    column.entry("tabbed", answer="Short answer.\n\nA paragraph without the tab.")
    assert column.run("check") == 0


def test_what_is_found_is_a_code_block_on_the_page_and_what_is_not_is_not():
    from advice_column.blueprint.markdown_html import render_markdown

    assert "<pre><code>" in render_markdown("First.\n\n\tSecond, indented.")
    assert "<pre>" not in render_markdown("- a list item\n\n\tcontinues the item, not code.")
    assert "<pre>" not in render_markdown("Text\n\tright after a line is part of its paragraph.")
