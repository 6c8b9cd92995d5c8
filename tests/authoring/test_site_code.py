"""`advice site-code`: a pull request's changed files sorted into content and the site's code."""

from __future__ import annotations

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.authoring.site_code import is_content, judge, read_changed_files, summary_markdown
from advice_column.cli import main

from ..builder.test_console import assert_safe_log

CONTENT = [
    "qa/2025/call-or-email.md",
    "qa/a.md",
    "qa/topics.yml",
    "docs/index.md",
    "docs/guides/salary.md",
    "docs/my page.md",
    "qa/2025/ça-va.md",
    "qa/日本語.md",
    "qa/a\u200db.md",  # a joiner stays: it spells Persian and emoji
    "README.md",
    "CONTRIBUTING.md",
]
SITE_CODE = [
    "mkdocs.yml",
    "overrides/main.html",
    "overrides/partials/comments.html",
    "docs/wordpress-ids.json",
    "docs/evil.html",
    "docs/assets/advice-search.js",
    "docs/robots.txt",
    "docs/x.md.html",
    "requirements.txt",
    "constraints.txt",
    "pyproject.toml",
    "setup.py",
    "src/evil.py",
    ".github/workflows/check.yml",
    ".github/CODEOWNERS",
    ".pre-commit-config.yaml",
    ".gitignore",
    "hooks.py",
    "qa/notes.txt",
    "qa/topics.yaml",
    "qa/x.MD",
    "qa/x.markdown",
    "QA/x.md",
    "Docs/index.md",
    "qa/.hidden.md",
    "docs/.x/page.md",
    "qa/../mkdocs.yml",
    "qa//x.md",
    "qa/x.md/",
    "qa",
    "docs",
    "readme.md",
    "docs/README",
    "sub/README.md",
    "qa/x\n::error file=mkdocs.yml::y.md",  # a newline in a name
    "qa/\u202egpj.md",  # bidi override: reads as another name
    "qa/a\u200bb.md",  # zero-width space
    "qa/\x1b[2K.md",
    "qa/x.md\udcff",  # not UTF-8
    " qa/x.md",
]


@pytest.mark.parametrize("path", CONTENT)
def test_entries_topics_pages_and_the_readme_are_content(path):
    assert is_content(path)


@pytest.mark.parametrize("path", SITE_CODE)
def test_everything_else_is_the_sites_code(path):
    assert not is_content(path)


@pytest.mark.parametrize(
    ("association", "review"),
    [
        ("OWNER", False),
        ("MEMBER", False),
        ("COLLABORATOR", False),
        ("owner", False),
        ("CONTRIBUTOR", True),
        ("FIRST_TIME_CONTRIBUTOR", True),
        ("FIRST_TIMER", True),
        ("MANNEQUIN", True),
        ("NONE", True),
        ("", True),
        ("OWNER\n", False),
        ("OWNERS", True),
    ],
)
def test_only_an_author_with_write_access_skips_the_review_as_code(association, review):
    verdict = judge(["qa/a.md", "mkdocs.yml", "mkdocs.yml"], association)
    assert verdict.site_code == ["mkdocs.yml"]
    assert verdict.review_as_code is review
    assert judge(["qa/a.md", "docs/index.md"], association).review_as_code is False


def test_the_list_is_read_as_git_writes_it():
    data = b"qa/a.md\0docs/x\n::error::y.md\0mkdocs.yml\0qa/\xff.md\0"
    assert read_changed_files(data) == ["qa/a.md", "docs/x\n::error::y.md", "mkdocs.yml", "qa/\udcff.md"]
    assert read_changed_files(b"qa/a.md\nmkdocs.yml\n") == ["qa/a.md", "mkdocs.yml"]
    assert read_changed_files(b"") == []


HOSTILE_NAMES = [
    "docs/```\n<img src=x onerror=alert(1)>.js",
    "docs/[click](javascript:alert(1)).js",
    "overrides/<script>alert(1)</script>.html",
    "docs/\u202eevil.js",
    "docs/\xff.js".encode("latin-1").decode("utf-8", "surrogateescape"),
]


def test_the_summary_shows_every_name_as_text(tmp_path):
    verdict = judge(HOSTILE_NAMES, "NONE")
    text = summary_markdown(verdict, "NONE")
    page = LexborHTMLParser(markdown.markdown(text, extensions=["fenced_code"]))
    assert [node.tag for node in page.body.iter()] == ["h3", "p", "pre"]
    shown = page.css_first("pre").text()
    assert "<img src=x onerror=alert(1)>" in shown and "\\x0a" in shown and "\\u202e" in shown
    assert "\\xff" in shown
    assert len(shown.strip().splitlines()) == len(HOSTILE_NAMES)


def test_a_long_list_is_cut_short_in_the_summary():
    verdict = judge([f"overrides/{n}.html" for n in range(80)], "")
    text = summary_markdown(verdict, "")
    assert "80 changed file(s)" in text and "- and 30 more" in text


def test_content_only_says_so():
    assert "Content only" in summary_markdown(judge(["qa/a.md"], ""), "")


def test_command_lists_the_sites_code_and_fails_for_a_stranger(tmp_path, capsys):
    changed = tmp_path / "changed"
    changed.write_bytes(
        b"\0".join(name.encode("utf-8", "surrogateescape") for name in [*HOSTILE_NAMES, "qa/a.md"])
    )
    summary = tmp_path / "summary.md"
    assert main(["site-code", str(changed), "--author-association", "NONE", "--summary", str(summary)]) == 1
    captured = capsys.readouterr()
    assert_safe_log(captured.out)
    assert len(captured.out.splitlines()) == len(HOSTILE_NAMES)
    assert "qa/a.md" not in captured.out
    assert "5 changed file(s) are the site's code: review it as code" in captured.err
    assert "### Changes the site's code" in summary.read_text(encoding="utf-8")


def test_command_passes_content_and_authors_with_write_access(tmp_path, capsys):
    changed = tmp_path / "changed"
    changed.write_bytes(b"qa/a.md\0docs/index.md\0")
    assert main(["site-code", str(changed)]) == 0
    assert "content only" in capsys.readouterr().err
    changed.write_bytes(b"qa/a.md\0mkdocs.yml\0")
    assert main(["site-code", str(changed), "--author-association", "MEMBER"]) == 0
    assert "the author has write access (MEMBER)" in capsys.readouterr().err


def test_command_writes_the_verdict_for_a_workflow(tmp_path):
    changed, output = tmp_path / "changed", tmp_path / "output"
    output.write_text("earlier=1\n", encoding="utf-8")
    changed.write_bytes(b"mkdocs.yml\0")
    assert main(["site-code", str(changed), "--github-output", str(output)]) == 0
    changed.write_bytes(b"qa/a.md\0")
    assert main(["site-code", str(changed), "--github-output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == "earlier=1\nreview-as-code=true\nreview-as-code=false\n"


def test_command_needs_no_column_and_says_when_the_list_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["site-code", "missing"]) == 2
    assert "advice site-code: cannot read missing" in capsys.readouterr().err
