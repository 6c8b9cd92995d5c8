"""The validation layer: every rule of the entry format gives its code, line, column and message.

Each case writes one file, runs :func:`advice_column.entries.loader.load_column` and compares the
diagnostics of that file exactly; a file with a problem is never among the loaded entries.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest

from advice_column.entries.fields import OPTIONAL, REQUIRED
from advice_column.entries.loader import load_column
from advice_column.entries.problems import CODES, Diagnostic, format_github
from advice_column.entries.textfile import MAX_FILE_BYTES

from ..conftest import TOPICS_YML as TOPICS
from ..conftest import entry_text

FRONT = "title: How do I follow up?\ndate: 2025-12-28\ntopic: interviews\n"


def entry(extra: str = "", **fields: str) -> str:
    """An entry laid out with blank lines, ``extra`` front matter from line 5.

    1 ---, 2 title, 3 date, 4 topic, 5.. extra, then ---, blank, ## Question, blank,
    question, blank, ## Answer, blank, answer: without extra the answer is on line 13.
    """
    return entry_text(extra=extra, **fields)


def tight(question: str = "Why?", answer: str = "Because.", front: str = FRONT) -> str:
    """An entry without blank lines: 6 ## Question, 7 question, 8 ## Answer, 9 answer."""
    return f"---\n{front}---\n## Question\n{question}\n## Answer\n{answer}\n"


def sections(body: str) -> str:
    """Valid front matter (lines 1-5), a blank line 6, then ``body`` from line 7."""
    return f"---\n{FRONT}---\n\n{body}"


@pytest.fixture
def col(column):
    """The conftest column with this module's own topics file, so messages are known here."""
    column.write("qa/topics.yml", TOPICS)
    return column


def problems_of(result, path: str = "qa/x.md") -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.path == path]


def assert_problems(result, expected, path: str = "qa/x.md") -> None:
    """``expected``: ``(code, line, col or None, part of the message)`` in sorted order."""
    got = problems_of(result, path)
    assert [d for d in result.diagnostics if d.path != path] == []
    assert len(got) == len(expected), got
    for diagnostic, (code, line, col, fragment) in zip(got, expected, strict=True):
        assert (diagnostic.code, diagnostic.line) == (code, line), diagnostic
        if col is not None:
            assert diagnostic.col == col, diagnostic
        assert fragment in diagnostic.message, diagnostic
        assert "\n" not in diagnostic.message, diagnostic
        assert code in CODES
    assert path not in [e.path for e in result.entries]


BILLION_LAUGHS = (
    '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "---\n## Question\nq\n## Answer\na\n"
)

CASES = [
    # --- the file itself -------------------------------------------------------------------
    pytest.param("", [("QA001", 1, 1, "file is empty")], id="QA001-empty"),
    pytest.param(" \n\n\t\n", [("QA001", 1, 1, "file is empty")], id="QA001-whitespace-only"),
    pytest.param(
        entry(answer="caf\xe9 au lait").encode("latin-1"),
        [("QA002", 13, 4, "not valid UTF-8 (byte 0xe9)")],
        id="QA002-latin1-byte-on-line-13",
    ),
    pytest.param(
        entry(answer="a\x00b"), [("QA006", 13, 2, "control character U+0000")], id="QA006-nul-byte-at-13-2"
    ),
    pytest.param(
        b"\xef\xbb\xbf---\n\xff\n---\n",
        [("QA002", 2, 1, "(byte 0xff)")],
        id="QA002-bad-byte-after-BOM",
    ),
    # --- front matter as YAML ----------------------------------------------------------------
    pytest.param(
        "## Question\nq\n## Answer\na\n", [("QA010", 1, 1, "must start with a '---' line")], id="QA010"
    ),
    pytest.param(
        "---\ntitle: T\ndate: 2025-01-01\n\n## Question\nq\n## Answer\na\n",
        [("QA011", 1, 1, "never closed")],
        id="QA011",
    ),
    pytest.param(
        "---\ntitle: T\ndate: 2025-01-01\n  topic: salary\n---\n## Question\nq\n## Answer\na\n",
        [("QA012", 4, 8, "YAML does not parse")],
        id="QA012-bad-indentation-on-line-4",
    ),
    pytest.param(
        entry("tags: [a, b\n"), [("QA012", 5, 7, "YAML does not parse")], id="QA012-unclosed-flow-list"
    ),
    pytest.param(
        entry("tags: " + "[" * 1200 + "]" * 1200 + "\n"),
        [("QA012", 5, None, "nesting depth")],
        id="QA012-nesting-beyond-libyaml-limit",
    ),
    pytest.param(
        entry("asker: a\x07b\n"),
        [("QA006", 5, 9, "control character U+0007")],
        id="QA006-control-character-in-front-matter",
    ),
    pytest.param(
        "---\n- title\n- date\n---\n## Question\nq\n## Answer\na\n",
        [("QA013", 2, 1, "must be a mapping")],
        id="QA013-list",
    ),
    pytest.param(
        "---\njust some words\n---\n## Question\nq\n## Answer\na\n",
        [("QA013", 2, 1, "must be a mapping")],
        id="QA013-plain-string",
    ),
    pytest.param(
        "---\n---\n## Question\nq\n## Answer\na\n", [("QA013", 2, 1, "must be a mapping")], id="QA013-empty"
    ),
    pytest.param(
        entry("title: Again\n"),
        [("QA014", 5, 1, "duplicate key 'title' (first on line 2)")],
        id="QA014-duplicate-key",
    ),
    pytest.param(
        "---\ntitle: T\ndate:\t2025-01-01\ntopic: salary\n---\n## Question\nq\n## Answer\na\n",
        [("QA015", 3, 6, "tab character")],
        id="QA015-tab",
    ),
    pytest.param(
        entry("asker: &who Sam\nsummary: *who\n"),
        [("QA016", 5, 8, "anchors and aliases are not allowed")],
        id="QA016-anchor-and-alias",
    ),
    pytest.param(
        entry("asker: !!python/object/apply:os.system ['echo pwned']\n"),
        [("QA016", 5, 8, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed")],
        id="QA016-python-tag",
    ),
    pytest.param(entry("asker: !local Sam\n"), [("QA016", 5, 8, "'!local'")], id="QA016-local-tag"),
    pytest.param(entry("<<: {asker: Sam}\n"), [("QA016", 5, 1, "merge")], id="QA016-merge-key"),
    pytest.param(BILLION_LAUGHS, [("QA016", 2, 4, "anchors and aliases")], id="QA016-billion-laughs"),
    pytest.param(
        entry("tags: " + "[" * 998 + "]" * 998 + "\n"),
        [("QA022", 5, 8, "must be text, not a list")],
        id="QA022-nested-998-deep-no-crash",
    ),
    # --- keys and values ---------------------------------------------------------------------
    pytest.param(
        "---\ndate: 2025-01-01\ntopic: salary\n---\n## Question\nq\n## Answer\na\n",
        [("QA020", 1, 1, "missing required key 'title'")],
        id="QA020-title",
    ),
    pytest.param(
        "---\ntitle: T\ntopic: salary\n---\n## Question\nq\n## Answer\na\n",
        [("QA020", 1, 1, "missing required key 'date'")],
        id="QA020-date",
    ),
    pytest.param(
        "---\ntitle: T\ndate: 2025-01-01\n---\n## Question\nq\n## Answer\na\n",
        [("QA020", 1, 1, "missing required key 'topic'")],
        id="QA020-topic",
    ),
    pytest.param(
        entry("tgas: [a]\n"), [("QA021", 5, 1, "unknown key 'tgas'; did you mean 'tags'?")], id="QA021-typo"
    ),
    pytest.param(
        entry("colour: red\n"),
        [("QA021", 5, 1, "unknown key 'colour'; allowed: title, date, topic, tags")],
        id="QA021-no-close-match",
    ),
    pytest.param(
        entry(title="42"), [("QA022", 2, 8, "'title' must be text, not int '42'")], id="QA022-title"
    ),
    pytest.param(entry("tags: career\n"), [("QA022", 5, 7, "'tags' must be a list")], id="QA022-tags"),
    pytest.param(
        entry("draft: maybe\n"), [("QA022", 5, 8, "'draft' must be true or false")], id="QA022-draft"
    ),
    pytest.param(
        entry("asker: [Sam, Kim]\n"), [("QA022", 5, 8, "'asker' must be text, not a list")], id="QA022-asker"
    ),
    pytest.param(entry("1: one\n"), [("QA022", 5, 1, "keys must be plain words")], id="QA022-number-key"),
    pytest.param(
        entry(date="2025-02-30"),
        [("QA023", 3, 7, "'date' is not a real date: 2025-02-30")],
        id="QA023-impossible-date",
    ),
    pytest.param(
        entry(date="2025-01-01T10:00"),
        [("QA023", 3, 7, "'date' must be a date like 2025-12-28, not '2025-01-01T10:00'")],
        id="QA023-datetime",
    ),
    pytest.param(
        entry("updated: 2025-13-01\n"), [("QA023", 5, 10, "'updated' is not a real date")], id="QA023-updated"
    ),
    pytest.param(entry(date="25-1-1"), [("QA023", 3, 7, "not '25-1-1'")], id="QA023-short-date"),
    pytest.param(
        entry("updated:\n"), [("QA022", 5, 9, "'updated' must be a date")], id="QA022-empty-updated"
    ),
    pytest.param(
        entry("updated: 2025-01-01\n"),
        [("QA023", 5, 10, "'updated' (2025-01-01) is before 'date' (2025-12-28)")],
        id="QA023-updated-before-date-at-updated",
    ),
    pytest.param(
        entry(topic="cooking"),
        [("QA024", 4, 8, "unknown topic 'cooking'; valid: interviews, salary")],
        id="QA024-unknown-topic",
    ),
    pytest.param(
        entry(topic="salery"),
        [("QA024", 4, 8, "did you mean 'salary' (Salary & pay)? valid: interviews, salary")],
        id="QA024-typo",
    ),
    pytest.param(
        entry(topic="pay"),
        [
            (
                "QA024",
                4,
                8,
                "unknown topic 'pay'; did you mean 'salary' (Salary & pay)? valid: interviews, salary",
            )
        ],
        id="QA024-a-word-of-a-title",
    ),
    pytest.param(
        entry(title="x" * 201),
        [("QA025", 2, 8, "'title' is 201 characters; the limit is 200")],
        id="QA025-long",
    ),
    pytest.param(entry(title='""'), [("QA025", 2, 8, "'title' is empty")], id="QA025-empty-title"),
    pytest.param(entry(title="'   '"), [("QA025", 2, 8, "'title' is empty")], id="QA025-blank-title"),
    pytest.param(
        entry("slug: Bad Slug\n"),
        [
            (
                "QA026",
                5,
                7,
                "slug 'Bad Slug' must be lowercase letters, digits and single hyphens; try 'bad-slug'",
            )
        ],
        id="QA026-spaces-and-capitals",
    ),
    pytest.param(entry("slug: ../escape\n"), [("QA026", 5, 7, "slug '../escape'")], id="QA026-dotdot"),
    pytest.param(entry("slug: a/b\n"), [("QA026", 5, 7, "slug 'a/b'")], id="QA026-slash"),
    pytest.param(entry("slug: a--b\n"), [("QA026", 5, 7, "slug 'a--b'")], id="QA026-double-hyphen"),
    pytest.param(
        entry("aliases: [old/../admin/]\n"),
        [("QA028", 5, 11, "alias 'old/../admin/' must be a path on this site")],
        id="QA028-dotdot",
    ),
    pytest.param(
        entry("aliases: ['http://evil.example/']\n"),
        [("QA028", 5, 11, "alias 'http://evil.example/'")],
        id="QA028-url",
    ),
    pytest.param(
        entry("aliases: ['old/post?id=1']\n"), [("QA028", 5, 11, "alias 'old/post?id=1'")], id="QA028-query"
    ),
    pytest.param(
        entry("aliases: [ok/, 'old/#frag']\n"),
        [("QA028", 5, 16, "alias 'old/#frag'")],
        id="QA028-second-item-fragment",
    ),
    pytest.param(
        entry("tags: [Salary, negotiation, salary]\n"),
        [("QA029", 5, 29, "tag 'salary' is listed twice ('Salary' is the same tag")],
        id="QA029-case",
    ),
    # --- the body ----------------------------------------------------------------------------
    pytest.param(
        sections("## Answer\n\nDo this.\n"),
        [("QA030", 10, 1, "missing the '## Question' section")],
        id="QA030",
    ),
    pytest.param(
        sections("## Question\n\nWhat now?\n"),
        [("QA031", 10, 1, "missing the '## Answer' section")],
        id="QA031",
    ),
    pytest.param(
        sections("## Question\n\n## Answer\n\nDo this.\n"),
        [("QA032", 7, 1, "the '## Question' section is empty")],
        id="QA032-question",
    ),
    pytest.param(
        sections("## Question\n\nWhat now?\n\n## Answer\n\n   \n"),
        [("QA032", 11, 1, "the '## Answer' section is empty")],
        id="QA032-answer",
    ),
    pytest.param(
        sections("## Question\n\nq\n\n## Answer\n\na\n\n## Notes\n\nn\n"),
        [("QA033", 15, 1, "unexpected section '## Notes'")],
        id="QA033-extra-section",
    ),
    pytest.param(
        sections("## Answer\n\na\n\n## Question\n\nq\n"),
        [("QA033", 7, 1, "one '## Question' section followed by one '## Answer' section")],
        id="QA033-wrong-order",
    ),
    pytest.param(
        sections("## Question\n\nq\n\n# Big news\n\n## Answer\n\na\n"),
        [("QA033", 11, 1, "'#' headings are not allowed")],
        id="QA033-h1",
    ),
    pytest.param(
        tight(answer="Use <script>alert(1)</script> here."),
        [("QA040", 9, 5, "raw HTML <script> is not allowed"), ("QA040", 9, 21, "<script>")],
        id="QA040-script-in-answer",
    ),
    pytest.param(
        tight(question="Fine.\nSee <iframe src='https://x.example'></iframe>"),
        [("QA040", 8, 5, "raw HTML <iframe>"), ("QA040", 8, 37, "<iframe>")],
        id="QA040-iframe-in-question-line-2",
    ),
    pytest.param(
        tight(answer="Text <!-- hidden -->"), [("QA040", 9, 6, "HTML comments")], id="QA040-comment"
    ),
    pytest.param(
        tight(answer="Look: ![logo](https://tracker.example/p.png)"),
        [("QA040", 9, 7, "images are not supported")],
        id="QA040-image",
    ),
    pytest.param(
        tight(answer="Click [here](javascript:alert(1)) now."),
        [("QA041", 9, None, "link URL scheme 'javascript:' is not allowed")],
        id="QA041-javascript-link",
    ),
    pytest.param(
        tight(answer="[x]: data:text/html;base64,PHNjcmlwdD4="),
        [("QA041", 9, None, "scheme 'data:'")],
        id="QA041-reference-definition",
    ),
    pytest.param(
        tight(answer="<javascript:alert(1)>"), [("QA041", 9, None, "'javascript:'")], id="QA041-autolink"
    ),
    pytest.param(
        entry(answer="Use <script>alert(1)</script> here."),
        [("QA040", 13, 5, "<script>"), ("QA040", 13, 21, "<script>")],
        id="QA040-after-blank-line-has-its-own-line",
    ),
    pytest.param(
        entry(question="Why?\n\nClick [here](javascript:alert(1))."),
        [("QA041", 11, None, "'javascript:'")],
        id="QA041-after-blank-line-has-its-own-line",
    ),
    pytest.param(
        tight(answer="- Open it.\n\n    <iframe src='https://x.example'>"),
        [("QA040", 11, 5, "<iframe>")],
        id="QA040-indented-under-a-list-item-is-the-items-text",
    ),
    pytest.param(
        tight(answer="Text\n    <iframe src='https://x.example'>"),
        [("QA040", 10, 5, "<iframe>")],
        id="QA040-indented-in-a-paragraph-is-its-text",
    ),
    pytest.param(
        tight(answer="<iframe\n  src='https://evil.example'></iframe>"),
        [("QA040", 9, 1, "<iframe>"), ("QA040", 10, 30, "<iframe>")],
        id="QA040-tag-name-at-end-of-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rule(col, text, expected):
    col.write("qa/x.md", text)
    assert_problems(load_column(col.root), expected)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(tight(answer="Line one<br>line two, <BR/> and <kbd>Ctrl</kbd>."), id="allowed-tags"),
        pytest.param(tight(answer="```html\n<script>alert(1)</script>\n```"), id="script-in-fenced-code"),
        pytest.param(tight(answer="~~~~\n<iframe>\n~~~~\n<br>"), id="iframe-in-tilde-fence"),
        pytest.param(tight(answer="Never write `<script>` or ``<iframe>`` in prose."), id="inline-code"),
        pytest.param(tight(answer="Paste:\n\n    <div class='x'>\n    </div>"), id="html-in-indented-code"),
        pytest.param(tight(answer="1. Open it.\n\n        <table>\n\n2. Save."), id="html-in-code-in-a-list"),
        pytest.param(
            tight(answer="[site](https://example.org), [mail](mailto:a@example.org), <https://x.example>"),
            id="safe-links",
        ),
        pytest.param(tight(answer="[relative](/qa/other/) and [anchor](#top)"), id="relative-links"),
        pytest.param(entry(title="x" * 200), id="title-of-200"),
        pytest.param(entry(title="'12'", date="'2025-12-28'"), id="quoted-number-title-and-date"),
        pytest.param(entry("updated: 2025-12-28\n"), id="updated-same-day"),
        pytest.param(entry("tags: []\naliases: []\ndraft: false\n"), id="empty-lists"),
        pytest.param(entry(question="### Context\n\nq", answer="### Short answer\n\na"), id="h3-inside"),
    ],
)
def test_valid_entry_has_no_problems(col, text):
    col.write("qa/x.md", text)
    result = load_column(col.root)
    assert result.diagnostics == []
    assert [e.path for e in result.entries] == ["qa/x.md"]


def test_updated_before_date_is_qa023(col):
    col.write("qa/x.md", entry("updated: 2025-01-01\n"))
    result = load_column(col.root)
    assert [d.code for d in result.diagnostics] == ["QA023"]
    assert "'updated' (2025-01-01) is before 'date' (2025-12-28)" in result.diagnostics[0].message
    assert result.entries == []


def test_file_exactly_at_and_over_the_size_limit(col):
    size = MAX_FILE_BYTES - len(entry(answer=""))
    filler = ("a" * 98 + "\n\n") * (size // 100) + "a" * (size % 100)  # paragraphs of 100
    col.write("qa/fits.md", entry(answer=filler))
    col.write("qa/big.md", entry(answer=filler + "a"))
    assert (col.root / "qa/fits.md").stat().st_size == MAX_FILE_BYTES
    result = load_column(col.root)
    assert [(d.path, d.line, d.col, d.code) for d in result.diagnostics] == [("qa/big.md", 1, 1, "QA003")]
    assert "262,145 bytes; the limit is 262,144" in result.diagnostics[0].message
    assert [e.path for e in result.entries] == ["qa/fits.md"]


def test_symlink_leading_outside_qa_is_refused(col, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(entry(), encoding="utf-8")
    os.symlink(secret, col.root / "qa" / "link.md")
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "hidden.md").write_text(entry(), encoding="utf-8")
    os.symlink(outside_dir, col.root / "qa" / "folder")
    result = load_column(col.root)
    assert [(d.path, d.line, d.col, d.code) for d in result.diagnostics] == [
        ("qa/folder", 1, 1, "QA004"),
        ("qa/link.md", 1, 1, "QA004"),
    ]
    assert "is a symbolic link" in result.diagnostics[0].message
    assert result.entries == []


def test_symlink_inside_qa_is_refused_too(col):
    # A link inside the column can still lead to .git/config or site/: no link is read.
    col.write("qa/2024/real.md", entry())
    os.symlink(col.root / "qa" / "2024" / "real.md", col.root / "qa" / "alias.md")
    result = load_column(col.root)
    assert [(d.path, d.code) for d in result.diagnostics] == [("qa/alias.md", "QA004")]
    assert [e.slug for e in result.entries] == ["real"]


def test_file_name_that_is_not_a_slug(col):
    col.write("qa/My Question.md", entry())
    result = load_column(col.root)
    assert_problems(
        result,
        [("QA026", 1, 1, "file name 'My Question.md' is not a valid slug; rename it to 'my-question.md'")],
        path="qa/My Question.md",
    )


def test_slug_key_overrides_a_bad_file_name(col):
    col.write("qa/My Question.md", entry("slug: my-question\n"))
    result = load_column(col.root)
    assert result.diagnostics == []
    assert [e.slug for e in result.entries] == ["my-question"]


def test_duplicate_slug_is_reported_on_the_later_path(col):
    col.write("qa/2024/same.md", entry())
    col.write("qa/2025/same.md", entry(title="Second"))
    col.write("qa/other.md", entry("slug: same\n", title="Third"))
    result = load_column(col.root)
    assert [(d.path, d.line, d.col, d.code) for d in result.diagnostics] == [
        ("qa/2025/same.md", 1, 1, "QA027"),  # the slug comes from the file name
        ("qa/other.md", 5, 7, "QA027"),  # at its 'slug:' line
    ]
    for diagnostic in result.diagnostics:
        assert "slug 'same' is also used by qa/2024/same.md" in diagnostic.message
    assert [(e.path, e.title) for e in result.entries] == [("qa/2024/same.md", "How do I follow up?")]


def test_every_problem_at_once_across_files(col):
    """A file with its own problem still takes part in the checks between files, and the reverse."""
    col.write("qa/a.md", entry("tgas: [x]\n"))  # its own problem, and the slug 'a'
    col.write("qa/b.md", entry("slug: a\nfollow_up_of: nowhere\n"))
    result = load_column(col.root)
    assert [(d.path, d.line, d.col, d.code) for d in result.diagnostics] == [
        ("qa/a.md", 5, 1, "QA021"),
        ("qa/b.md", 5, 7, "QA027"),
        ("qa/b.md", 6, 15, "QA034"),
    ]
    assert result.entries == []


def test_bom_and_crlf_entry_is_valid(col):
    col.write("qa/x.md", ("\ufeff" + entry("tags: [a]\n")).replace("\n", "\r\n").encode("utf-8"))
    result = load_column(col.root)
    assert result.diagnostics == []
    (loaded,) = result.entries
    assert loaded.title == "How do I follow up?"
    assert loaded.answer == "Send a short, warm note."
    assert "\r" not in loaded.question + loaded.answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: T\ntgas: [a]\ndate: 2025-01-01\ntopic: salary\n---\n## Question\nq\n## Answer\na\n",
            ("QA021", 3, 1),
            id="front-matter",
        ),
        pytest.param(
            "---\ntitle: T\ndate: 2025-01-01\ntopic: salary\n---\n## Question\nq\n## Answer\nx <iframe>\n",
            ("QA040", 9, 3),
            id="body",
        ),
        pytest.param("---\ntitle: T\n\tdate: 2025-01-01\n---\n", ("QA015", 3, 1), id="tab"),
    ],
)
def test_bom_and_crlf_keep_line_numbers(col, text, expected):
    col.write("qa/x.md", ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    result = load_column(col.root)
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [expected]


def test_every_optional_key_loads_typed_values(col):
    col.write(
        "qa/2025/full.md",
        entry(
            "tags: [Pay, ' salary   talks ', negotiation]\n"
            "asker: '  Sam, 34  '\n"
            "summary: Ask for the range first.\n"
            "slug: ask-for-the-range\n"
            "draft: true\n"
            "updated: 2026-01-02\n"
            "aliases: [/old/path, 2019/12/x/, 'blog/p']\n",
            title="  How much should I ask for?  ",
            topic="salary",
            date="'2025-12-28'",
        ),
    )
    result = load_column(col.root)
    assert result.diagnostics == []
    (loaded,) = result.entries
    assert loaded.path == "qa/2025/full.md"
    assert loaded.slug == "ask-for-the-range"
    assert loaded.url == "qa/ask-for-the-range/"
    assert loaded.title == "How much should I ask for?"
    assert loaded.date == datetime.date(2025, 12, 28)
    assert type(loaded.date) is datetime.date
    assert loaded.updated == datetime.date(2026, 1, 2)
    assert type(loaded.updated) is datetime.date
    assert loaded.topic == "salary"
    assert loaded.tags == ("Pay", "salary talks", "negotiation")
    assert loaded.asker == "Sam, 34"
    assert loaded.summary == "Ask for the range first."
    assert loaded.draft is True
    assert loaded.aliases == ("old/path/", "2019/12/x/", "blog/p/")
    assert loaded.question == "I interviewed and heard nothing."
    assert loaded.answer == "Send a short, warm note."


def test_defaults_of_a_minimal_entry(col):
    col.write("qa/plain.md", entry())
    (loaded,) = load_column(col.root).entries
    assert (loaded.slug, loaded.tags, loaded.asker, loaded.summary) == ("plain", (), None, None)
    assert (loaded.draft, loaded.updated, loaded.aliases) == (False, None, ())


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        pytest.param(None, [(1, 1, "topics file is missing")], id="missing"),
        pytest.param(
            TOPICS + "Bad Key:\n  title: Bad\n",
            [(7, 1, "topic key 'Bad Key' must be lowercase letters, digits and hyphens")],
            id="bad-key",
        ),
        pytest.param(
            TOPICS + "careers:\n  description: No title here.\n",
            [(7, 1, "topic 'careers' has no 'title'")],
            id="no-title",
        ),
        pytest.param(
            TOPICS + "careers:\n  title: Careers\n  colour: red\n",
            [(9, 3, "unknown key 'colour' in topic 'careers'")],
            id="unknown-field",
        ),
        pytest.param(
            TOPICS + "careers: Careers\n", [(7, 1, "topic 'careers' needs 'title'")], id="not-mapping"
        ),
        pytest.param("- interviews\n", [(1, 1, "must be a mapping")], id="a-list"),
        pytest.param("{}\n", [(1, 1, "no topics defined")], id="empty-mapping"),
    ],
)
def test_topics_file_problems(col, topics, expected):
    if topics is None:
        (col.root / "qa" / "topics.yml").unlink()
    else:
        col.write("qa/topics.yml", topics)
    result = load_column(col.root)
    got = [(d.line, d.col, d.message) for d in result.diagnostics if d.path == "qa/topics.yml"]
    assert [(line, col_) for line, col_, _ in got] == [(line, col_) for line, col_, _ in expected]
    for (_, _, message), (_, _, fragment) in zip(got, expected, strict=True):
        assert fragment in message
    codes = {d.code for d in result.diagnostics if d.path == "qa/topics.yml"}
    assert codes == ({"QA050"} if expected[0][2] != "must be a mapping" else {"QA013"})


def test_topics_file_problems_leave_the_good_topics(col):
    col.write("qa/topics.yml", TOPICS + "Bad Key:\n  title: Bad\n")
    col.write("qa/x.md", entry(topic="salary"))
    result = load_column(col.root)
    assert sorted(result.topics) == ["interviews", "salary"]
    assert result.topics["salary"].title == "Salary & pay"
    assert [e.path for e in result.entries] == ["qa/x.md"]


def test_missing_topics_file_is_the_one_problem_and_places_no_entry(col):
    (col.root / "qa" / "topics.yml").unlink()
    col.write("qa/x.md", entry())
    result = load_column(col.root)
    assert [(d.path, d.code) for d in result.diagnostics] == [("qa/topics.yml", "QA050")]
    assert result.entries == []


def test_every_problem_of_a_file_is_reported_in_one_run(col):
    col.write(
        "qa/x.md",
        "---\ntitle: T\ndate: 2025-02-30\ntopic: salary\ntgas: [a]\n---\n\n## Question\n\nWhat now?\n",
    )
    result = load_column(col.root)
    got = [(d.line, d.col, d.code) for d in result.diagnostics]
    assert got == [(3, 7, "QA023"), (5, 1, "QA021"), (11, 1, "QA031")]
    assert result.entries == []


def test_diagnostics_are_sorted_across_files(col):
    # Found in an order that is not sorted: topics first, a later line before line 1, QA027 last.
    col.write("qa/topics.yml", TOPICS + "Bad Key:\n  title: Bad\n")
    col.write(
        "qa/a.md", "---\ndate: 2025-01-01\ntopic: salary\ncolour: red\n---\n## Question\nq\n## Answer\na\n"
    )
    col.write("qa/b/dup.md", entry())
    col.write("qa/c/dup.md", entry())
    col.write("qa/z.md", entry(topic="cooking"))
    result = load_column(col.root)
    assert result.diagnostics == sorted(result.diagnostics)
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == [
        ("qa/a.md", 1, "QA020"),
        ("qa/a.md", 4, "QA021"),
        ("qa/c/dup.md", 1, "QA027"),
        ("qa/topics.yml", 7, "QA050"),
        ("qa/z.md", 4, "QA024"),
    ]
    assert [e.path for e in result.entries] == ["qa/b/dup.md"]


def test_only_md_files_under_qa_are_entries(col):
    col.write("qa/notes.txt", "not an entry")
    col.write("qa/2025/a.md", entry())
    col.write("qa/2025/b.markdown", "")
    col.write("docs/c.md", "")
    result = load_column(col.root)
    assert result.diagnostics == []
    assert [e.path for e in result.entries] == ["qa/2025/a.md"]


def test_diagnostic_renders_as_path_line_col_code_message():
    diagnostic = Diagnostic("qa/x.md", 3, 1, "QA021", "unknown key 'tgas'; did you mean 'tags'?")
    assert str(diagnostic) == "qa/x.md:3:1: QA021 unknown key 'tgas'; did you mean 'tags'?"


def test_format_github_escapes_data_and_properties():
    diagnostic = Diagnostic("qa/a,b:c%.md", 4, 2, "QA021", "50% off\r\nnow: a, b")
    assert format_github(diagnostic) == (
        "::error file=qa/a%2Cb%3Ac%25.md,line=4,col=2,title=QA021::QA021 50%25 off%0D%0Anow: a, b"
    )


# --- the command line ---------------------------------------------------------------------------


def test_check_clean_column(col, capsys):
    col.write("qa/2025/one.md", entry())
    assert col.run("check") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no problems" in err


def test_check_prints_each_diagnostic_as_a_line(col, capsys):
    col.write("qa/one.md", entry("tgas: [a]\n"))
    col.write("qa/two.md", entry(date="2025-02-30", answer="<script>x"))
    col.write("qa/ok.md", entry())
    assert col.run("check") == 1
    out, err = capsys.readouterr()
    expected = [str(d) for d in load_column(col.root).diagnostics]
    assert len(expected) == 3
    assert out.split("\n") == [*expected, ""]
    assert out.startswith("qa/one.md:5:1: QA021 unknown key 'tgas'; did you mean 'tags'?\n")
    assert "3 problems in 3 files" in err


def test_check_format_github(col, capsys):
    col.write("qa/a,b:c.md", entry())
    col.write("qa/one.md", entry('"50%\\r\\nx": 1\n'))
    assert col.run("check", "--format", "github") == 1
    out, _ = capsys.readouterr()
    assert out.split("\n") == [
        "::error file=qa/a%2Cb%3Ac.md,line=1,col=1,title=QA026::QA026 file name 'a,b:c.md' is not a "
        "valid slug; rename it to 'a-b-c.md' or set 'slug:'",
        "::error file=qa/one.md,line=5,col=1,title=QA021::QA021 unknown key '50%25%0D%0Ax'; allowed: "
        + ", ".join(REQUIRED + OPTIONAL),
        "",
    ]


def test_check_paths_limits_the_report(col, capsys, monkeypatch):
    col.write("qa/one.md", entry("tgas: [a]\n"))
    col.write("qa/sub/two.md", entry(topic="cooking"))
    col.write("qa/three.md", entry())
    monkeypatch.chdir(col.root)
    assert col.run("check", "qa/one.md") == 1
    out, _ = capsys.readouterr()
    assert out == "qa/one.md:5:1: QA021 unknown key 'tgas'; did you mean 'tags'?\n"
    assert col.run("check", "qa/sub") == 1
    out, _ = capsys.readouterr()
    assert out.startswith("qa/sub/two.md:4:8: QA024 ") and out.count("\n") == 1
    assert col.run("check", "qa/three.md") == 0
    out, _ = capsys.readouterr()
    assert out == ""


def test_module_help_exits_zero():
    done = subprocess.run(
        [sys.executable, "-m", "advice_column", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "check" in done.stdout
