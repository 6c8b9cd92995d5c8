"""`advice new`: a well-formed entry that passes `advice check` once its sections are filled."""

from __future__ import annotations

import datetime

from advice_column.cli import main
from advice_column.entries.loader import load_column


def test_new_writes_an_entry_that_checks_once_filled(column, capsys):
    today = datetime.date.today()
    assert (
        column.run(
            "new",
            'Call or email: which "works"?',
            "--topic",
            "interviews",
            "--tags",
            "follow-up, email",
            "--asker",
            "Shawn",
        )
        == 0
    )
    rel = capsys.readouterr().out.strip()
    assert rel == f"qa/{today.year}/call-or-email-which-works.md"
    path = column.root / rel
    text = path.read_text(encoding="utf-8")
    # Unfilled, check names both empty sections.
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert f"{rel}:9:1: QA032 the '## Question' section is empty" in out
    assert f"{rel}:13:1: QA032 the '## Answer' section is empty" in out
    filled = text.replace("## Question\n\n", "## Question\n\nShould I call?\n").replace(
        "## Answer\n\n", "## Answer\n\nEmail.\n"
    )
    path.write_text(filled, encoding="utf-8")
    assert column.run("check") == 0
    (entry,) = load_column(column.root).entries
    assert (entry.title, entry.date, entry.topic) == ('Call or email: which "works"?', today, "interviews")
    assert (entry.tags, entry.asker) == (("follow-up", "email"), "Shawn")


def test_new_refuses_to_overwrite(column, capsys):
    assert column.run("new", "Same title", "--topic", "salary", "--date", "2024-05-01") == 0
    path = column.root / capsys.readouterr().out.strip()
    before = path.read_bytes()
    assert column.run("new", "Same title", "--topic", "salary", "--date", "2025-01-01") == 1
    assert "already uses the slug 'same-title'" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_new_unknown_topic_lists_valid_ones(column, capsys):
    assert column.run("new", "A question", "--topic", "interveiws") == 2
    assert "unknown topic 'interveiws'; valid: interviews, salary" in capsys.readouterr().err
    assert not list((column.root / "qa").rglob("*.md"))


def test_new_lists_similar_questions_then_writes_the_entry(column, capsys):
    christmas = "Should I call or email when the interviewer said he'd call by Christmas?"
    column.entry("call-or-email", title=christmas)
    column.entry("raise", title="How do I ask for a raise without sounding greedy?", topic="salary")
    assert column.run("new", "Should I call or email after my interview?", "--topic", "interviews") == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "Similar questions already in the column:",
        f"  qa/call-or-email.md: {christmas}",
    ]
    assert (column.root / captured.out.strip()).is_file()


def test_init_is_a_subcommand(tmp_path):
    assert main(["init", str(tmp_path / "new"), "--title", "Ask Sam"]) == 0
    assert main(["--root", str(tmp_path / "new"), "check"]) == 0


def test_new_without_tags_writes_block_front_matter(column, capsys):
    assert column.run("new", "Plain title", "--topic", "salary", "--date", "2024-05-01") == 0
    text = (column.root / capsys.readouterr().out.strip()).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Plain title\ndate: 2024-05-01\ntopic: salary\n---\n")
