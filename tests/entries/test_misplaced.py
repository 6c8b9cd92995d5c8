"""An entry written in docs/ or at the column's root is reported, with where it belongs."""

from __future__ import annotations

from ..conftest import entry_text

ENTRY = entry_text(title="Should I tell my boss?", date="2026-03-02")
SECTIONS_ONLY = "---\ntitle: Should I?\n---\n\n## Question\n\nWell.\n\n## Answer\n\nYes.\n"


def test_entries_in_docs_or_at_the_root_are_reported_with_where_they_belong(column, capsys):
    column.entry("fine")
    column.write("docs/my-question.md", ENTRY)
    column.write("docs/more/other.md", SECTIONS_ONLY)
    column.write("my-question.md", ENTRY)
    assert column.run("check") == 1
    out = capsys.readouterr().out
    docs = "docs/ holds the site's hand-written pages, so it would be published as one"
    root = "the build reads entries only under qa/, so it would not be published"
    assert out.splitlines() == [
        f"docs/more/other.md:1:1: QA007 this file is written as an entry but {docs}; move it to qa/other.md",
        f"docs/my-question.md:1:1: QA007 this file is written as an entry but {docs}; "
        "move it to qa/2026/my-question.md",
        f"my-question.md:1:1: QA007 this file is written as an entry but {root}; "
        "move it to qa/2026/my-question.md",
    ]
    # The build stops on them too, rather than publish one as a page.
    assert column.run("build") == 1
    assert "docs/my-question.md:1:1: QA007" in capsys.readouterr().out
    assert not (column.root / "site").exists()


def test_pages_and_read_mes_are_not_entries(column, capsys):
    column.entry("fine")
    column.write("docs/about.md", "---\ntitle: About\n---\n\n# About\n\n## Ask a question\n\nWrite to us.\n")
    column.write("docs/index.md", "Welcome. Every answer has a *Question* and an *Answer*.\n")
    column.write("README.md", ENTRY)  # an example of the format, as a README may show
    column.write("notes.md", "## Question\n\nTo think about.\n\n## Answer\n\nLater.\n")  # no front matter
    assert column.run("check") == 0
    assert capsys.readouterr().out == ""


def test_links_and_folders_named_like_files_are_left_to_their_own_checks(column, capsys):
    column.entry("fine")
    column.write("elsewhere/entry.md", ENTRY)
    (column.root / "linked.md").symlink_to(column.root / "elsewhere" / "entry.md")
    (column.root / "folder.md").mkdir()
    assert column.run("check") == 0
