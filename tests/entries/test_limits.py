"""What `advice check` accepts, `advice build` builds: limits, control characters, reserved names.

Each case is a column that passed check yet broke (or slowed) the build before; check now
reports it at its line, and what check accepts builds.
"""

from __future__ import annotations

import random
import re

import pytest

from advice_column.entries.limits import MAX_BRACKET_WORK, MAX_NESTING, MAX_OPENERS, MAX_PARAGRAPH
from advice_column.entries.loader import load_column, read_entry
from advice_column.entries.markdown_syntax import code_span_ranges
from advice_column.entries.model import Topic
from advice_column.entries.problems import Diagnostic, format_diagnostics, format_github

from ..conftest import entry_text

TOPICS = {"interviews": Topic("interviews", "Interviews", "")}
ANSWER_LINE = 13  # where entry_text puts the answer


def problems(text: str, rel: str = "qa/x.md") -> list[tuple[int, int, str]]:
    entry, found = read_entry(rel, text, TOPICS)
    assert (entry is None) == bool(found)
    return [(d.line, d.col, d.code) for d in found]


@pytest.mark.parametrize(
    ("answer", "line", "col"),
    [
        pytest.param("[" * 20_000, ANSWER_LINE, 1, id="20000-brackets"),
        pytest.param("*[" * 10_000, ANSWER_LINE, 1, id="star-bracket"),
        pytest.param("x <http://a " * (MAX_OPENERS + 1), ANSWER_LINE, 1, id="autolinks"),
        pytest.param("&amp;\n" * (MAX_OPENERS + 1), ANSWER_LINE + MAX_OPENERS, 1, id="entities-by-line"),
        pytest.param("a" * (MAX_PARAGRAPH + 1), ANSWER_LINE, 1, id="long-paragraph"),
        pytest.param(
            "".join("  " * i + "- a\n" for i in range(260)), ANSWER_LINE + 20, 1, id="list-260-deep"
        ),
        pytest.param("> " * 30 + "a", ANSWER_LINE, 1, id="quotes-30-deep"),
        pytest.param(
            "x\n\n" + "[a " * 40 + "b" * 7000, ANSWER_LINE + 2, 1, id="brackets-in-a-long-paragraph"
        ),
    ],
)
def test_work_beyond_the_renderers_limits_is_reported(answer, line, col):
    found = problems(entry_text(answer=answer))
    assert (line, col, "QA042") in found
    assert {code for *_, code in found} == {"QA042"}


def test_text_at_the_limits_is_accepted_and_builds():
    from advice_column.blueprint.markdown_html import render_markdown

    links = "\n\n".join(["[a](https://example.org) " * 10] * (MAX_OPENERS // 20))  # paragraphs of links
    answer = (
        links
        + "\n\n"
        + "".join(" " * (MAX_NESTING - 2) if i == 20 else "  " * i + "- a\n" for i in range(20))
    )
    entry, found = read_entry("qa/x.md", entry_text(answer=answer), TOPICS)
    assert found == []
    assert render_markdown(entry.answer).count("<a ") == MAX_OPENERS // 2


def test_bracket_work_adds_up_over_paragraphs():
    paragraph = "[a " * 30 + "b" * 1000  # 30 '[' in 1,090 characters
    under = MAX_BRACKET_WORK // (30 * 1091)
    assert problems(entry_text(answer="\n\n".join([paragraph] * under))) == []
    over = problems(entry_text(answer="\n\n".join([paragraph] * (under + 1))))
    assert over == [(ANSWER_LINE + 2 * under, 1, "QA042")]


def test_check_stays_linear_on_a_long_line_of_problems():
    """'<b ' then 16,000 backticks took 94 s: each problem rescanned its line for code spans."""
    answer = "<b " * 200 + "`" * 16_000
    found = problems(entry_text(answer=answer))
    assert len([code for *_, code in found if code == "QA040"]) == 200
    assert (ANSWER_LINE, 1, "QA042") in found  # and the paragraph is too long to render


def spans_the_slow_way(line: str) -> list[tuple[int, int]]:
    """CommonMark's rule read literally: a run of backticks closes at the next run as long."""
    runs = [match.span() for match in re.finditer("`+", line)]
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        closing = next(
            (j for j in range(index + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start), None
        )
        if closing is None:
            index += 1
        else:
            spans.append((start, runs[closing][1]))
            index = closing + 1
    return spans


@pytest.mark.parametrize("seed", range(300))
def test_code_spans_are_found_by_commonmarks_rule(seed):
    rng = random.Random(seed)
    line = "".join(rng.choice("``` ab<") for _ in range(rng.randrange(60)))
    assert code_span_ranges(line) == spans_the_slow_way(line)


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x1b", "\x01", "\x00", "\x7f", "\x85", "\ufffe"])
def test_control_characters_in_the_body_are_reported_at_their_place(character):
    assert problems(entry_text(answer=f"Send a {character}note.")) == [(ANSWER_LINE, 8, "QA006")]


def test_control_characters_never_reach_the_terminal(column, capsys):
    column.write("qa/x.md", entry_text(extra='"\\e[2K\\r\\e[1Aok": 1\n', answer="a\x1b[2Kb"))
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "\\x1b" in out
    diagnostic = Diagnostic("qa/\x1b[2K.md", 1, 1, "QA006", "x\x1b[1A\u202e")
    for text in (format_diagnostics([diagnostic]), format_github(diagnostic)):
        assert "\x1b" not in text and "\u202e" not in text


@pytest.mark.parametrize(
    "alias",
    [
        "robots.txt",
        "feed.xml",
        "sitemap.xml",
        "sitemap.xml.gz",
        "404.html",
        "index.html",
        "index.md",
        "search.md",
        "search",
        "Tags/x",
        "search/bundle/x",
        "assets",
        "templates/x",
        ".well-known/x",
        "old/index.html",
        "a/" + "b" * 300,
        "/".join("abcdefghij"),
    ],
)
def test_aliases_the_build_cannot_write_are_reported(alias):
    assert problems(entry_text(extra=f"aliases: [{alias!r}]\n")) == [(5, 11, "QA028")]


@pytest.mark.parametrize("rel", ["qa/2026/index.md", "qa/index.md"])
def test_a_file_named_index_is_not_an_entry(rel):
    assert problems(entry_text(), rel) == [(1, 1, "QA026")]


def test_slug_index_is_refused_at_its_line():
    assert problems(entry_text(extra="slug: index\n")) == [(5, 7, "QA026")]


def test_aliases_of_hand_written_pages_are_reported(column, capsys):
    column.write("docs/about.md", "# About\n")
    column.write("docs/guide/start.md", "# Start\n")
    column.write("docs/files/form.pdf", b"%PDF")
    column.write("qa/x.md", entry_text(extra="aliases: [About/, guide/start, files/form.pdf/x, kept/]\n"))
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert [line.split(" ")[0] for line in out.splitlines()] == [
        "qa/x.md:5:11:",
        "qa/x.md:5:19:",
        "qa/x.md:5:32:",
    ]
    assert out.count("QA028") == 3 and "hand-written page" in out


def test_each_entry_list_is_capped():
    tags = ", ".join(f"t{number}" for number in range(10_000))
    assert problems(entry_text(extra=f"tags: [{tags}]\n")) == [(5, 7, "QA025")]
    aliases = ", ".join(f"old/{number}" for number in range(100))
    assert problems(entry_text(extra=f"aliases: [{aliases}]\n")) == [(5, 10, "QA025")]


def test_every_alias_check_accepts_builds(column):
    aliases = ["2019/12/old-post", "Robots/txt", "feeds/feed.xml", "a/" + "é" * 100, "/".join("abcdefgh")]
    column.write("qa/x.md", entry_text(extra=f"aliases: {aliases!r}\n"))
    assert load_column(column.root).diagnostics == []
    assert column.run("build") == 0
    for alias in aliases:
        assert (column.root / "site" / alias / "index.html").is_file()


@pytest.mark.parametrize("alias", ["robots.txt", "feed.xml", "about"])
def test_build_refuses_a_name_it_writes_with_a_message_and_builds_once_it_is_fixed(column, capsys, alias):
    """The build stopped with a traceback and left a folder behind that broke every later build."""
    column.write("docs/about.md", "# About\n")
    column.write("qa/x.md", entry_text(extra=f"aliases: [{alias}]\n"))
    assert column.run("build") == 1
    out = capsys.readouterr()
    assert f"qa/x.md:5:11: QA028 alias '{alias}/'" in out.out
    assert "Traceback" not in out.err
    assert not (column.root / "site").exists()
    column.write("qa/x.md", entry_text(extra="aliases: [2019/old-post]\n"))
    assert column.run("build") == 0
    assert (column.root / "site/2019/old-post/index.html").is_file()
    assert (column.root / "site/robots.txt").is_file()


def test_checking_one_file_reports_its_alias_on_a_hand_written_page(column, capsys):
    column.write("docs/about.md", "# About\n")
    column.write("qa/a.md", entry_text(extra="aliases: [old/]\n"))
    column.write("qa/x.md", entry_text(extra="aliases: [about, old]\n"))
    assert column.run("check", "qa/x.md") == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" QA")[0] for line in lines] == ["qa/x.md:5:11:", "qa/x.md:5:18:"]
    assert "hand-written page" in lines[0] and "also claimed by qa/a.md" in lines[1]
