"""`advice new`: a well-formed entry that passes `advice check` once its sections are filled."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from advice_column.authoring.new import ANSWER_PLACEHOLDER, QUESTION_PLACEHOLDER
from advice_column.cli import main
from advice_column.entries.loader import load_column


def test_new_writes_a_draft_that_checks_at_once_and_once_filled(column, capsys):
    today = datetime.date.today()
    argv = ["--tags", "follow-up, email", "--asker", "Shawn"]
    assert column.run("new", 'Call or email: which "works"?', "--topic", "interviews", *argv) == 0
    rel = capsys.readouterr().out.strip()
    assert rel == f"qa/{today.year}/call-or-email-which-works.md"
    path = column.root / rel
    # Unfilled, it is a draft with placeholder text: valid, so the preview shows it at once.
    assert column.run("check", rel) == 0
    (draft,) = load_column(column.root).entries
    assert draft.draft and "Replace this line" in draft.question and "Replace this line" in draft.answer
    # Filled in and published (draft line deleted), it still passes.
    text = path.read_text(encoding="utf-8").replace("draft: true\n", "")
    text = text.replace(QUESTION_PLACEHOLDER, "Should I call?").replace(ANSWER_PLACEHOLDER, "Email.")
    path.write_text(text, encoding="utf-8")
    assert column.run("check") == 0
    (entry,) = load_column(column.root).entries
    assert (entry.title, entry.date, entry.topic) == ('Call or email: which "works"?', today, "interviews")
    assert (entry.tags, entry.asker, entry.draft) == (("follow-up", "email"), "Shawn", False)
    assert (entry.question, entry.answer) == ("Should I call?", "Email.")


def test_new_draft_is_left_out_of_the_build(column, capsys):
    column.entry("published")
    assert column.run("new", "Still a draft", "--topic", "salary") == 0
    assert column.run("build") == 0
    assert (column.root / "site/qa/published/index.html").is_file()
    assert not (column.root / "site/qa/still-a-draft").exists()


def test_new_refuses_an_empty_title(column, capsys):
    for title in ("", "   ", "\n"):
        assert column.run("new", title, "--topic", "salary") == 2
        assert "advice new: the title is empty" in capsys.readouterr().err
    assert not list((column.root / "qa").rglob("*.md"))


def test_new_tags_drop_empty_ones_and_repeats_ignoring_case(column, capsys):
    assert column.run("new", "Tags", "--topic", "salary", "--tags", "a,,b, A ,  two   words ,B") == 0
    rel = capsys.readouterr().out.strip()
    assert "tags: [a, b, two words]\n" in (column.root / rel).read_text(encoding="utf-8")
    assert column.run("check", rel) == 0


def test_new_refuses_what_check_would_refuse_and_writes_nothing(column, capsys):
    assert column.run("new", "x" * 201, "--topic", "salary") == 2
    assert "advice new: 'title' is 201 characters; the limit is 200" in capsys.readouterr().err
    assert column.run("new", "A title", "--topic", "salary", "--tags", "y" * 300) == 2
    assert "each tag must be" in capsys.readouterr().err
    assert not list((column.root / "qa").rglob("*.md"))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Can I skip my cousin's wedding?", "can-i-skip-my-cousins-wedding"),
        ("I’m 41 and can't stop", "im-41-and-cant-stop"),
        ("Straße, Ærø und Łódź", "strasse-aero-und-lodz"),
        ("Привет, как дела?", "privet-kak-dela"),
        ("你好世界", "ni-hao-shi-jie"),
    ],
)
def test_new_file_names_spell_out_every_script(column, capsys, title, slug):
    assert column.run("new", title, "--topic", "salary", "--date", "2024-05-01") == 0
    assert capsys.readouterr().out.strip() == f"qa/2024/{slug}.md"


def test_titles_without_letters_get_distinct_names_not_a_shared_one(column, capsys):
    paths = []
    for title in ("???", "!!!", "…"):
        assert column.run("new", title, "--topic", "salary", "--date", "2024-05-01") == 0
        paths.append(capsys.readouterr().out.strip())
    assert len(set(paths)) == 3
    assert all(re.fullmatch(r"qa/2024/q-[0-9a-f]{10}\.md", path) for path in paths)
    assert column.run("check") == 0


def test_new_sees_a_slug_set_in_front_matter(column, capsys):
    column.entry("old-name", extra="slug: same-title\n")
    assert column.run("new", "Same title", "--topic", "salary") == 1
    assert "qa/old-name.md already uses the slug 'same-title'" in capsys.readouterr().err


def test_new_refuses_to_overwrite_and_says_how_to_go_on(column, capsys):
    assert column.run("new", "Same title", "--topic", "salary", "--date", "2024-05-01") == 0
    path = column.root / capsys.readouterr().out.strip()
    before = path.read_bytes()
    column.entry("same-title-2")
    assert column.run("new", "Same title", "--topic", "salary", "--date", "2025-01-01") == 1
    assert capsys.readouterr().err == (
        "advice new: qa/2024/same-title.md already uses the slug 'same-title'; not overwriting. Read it "
        "first: if your question is a different one, give it its own address with --slug same-title-3\n"
    )
    assert path.read_bytes() == before
    assert (
        column.run("new", "Same title", "--topic", "salary", "--date", "2025-01-01", "--slug", "same-title-3")
        == 0
    )
    assert capsys.readouterr().out == "qa/2025/same-title-3.md\n"
    assert column.run("check") == 0


def test_new_slug_names_the_file_and_must_be_a_slug(column, capsys):
    assert column.run("new", "Is £2,000 a fair raise?", "--topic", "salary", "--date", "2024-05-01") == 0
    assert capsys.readouterr().out == "qa/2024/is-2000-a-fair-raise.md\n"
    assert column.run("new", "Is £2,000 a fair raise?", "--topic", "salary", "--slug", "Fair Raise") == 2
    assert "--slug 'Fair Raise' is not lowercase letters, digits and hyphens; e.g. --slug fair-raise" in (
        capsys.readouterr().err
    )
    assert column.run("new", "Is £2,000 a fair raise?", "--topic", "salary", "--slug", "fair-raise") == 0
    rel = capsys.readouterr().out.strip()
    assert rel.endswith("/fair-raise.md") and column.run("check", rel) == 0


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Is £2,000 enough?", "is-2000-enough"),
        ("€1.500 or ¥500", "1500-or-500"),
        ("2.5 days off, 1,000,000 views", "2-5-days-off-1000000-views"),
    ],
)
def test_new_file_names_keep_amounts_whole(column, capsys, title, slug):
    assert column.run("new", title, "--topic", "salary", "--date", "2024-05-01") == 0
    assert capsys.readouterr().out.strip() == f"qa/2024/{slug}.md"


def test_new_unknown_topic_lists_valid_ones(column, capsys):
    assert column.run("new", "A question", "--topic", "cooking") == 2
    assert "unknown topic 'cooking'; valid: interviews, salary" in capsys.readouterr().err
    assert not list((column.root / "qa").rglob("*.md"))


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("pay", "salary (Salary & pay)"),
        ("interveiws", "interviews (Interviews)"),
        ("Salry", "salary (Salary & pay)"),
    ],
)
def test_new_unknown_topic_points_to_the_topic_meant_by_key_or_title(column, capsys, given, meant):
    assert column.run("new", "A question", "--topic", given) == 2
    key, title = meant.split(" ", 1)
    assert f"unknown topic '{given}'; did you mean '{key}' {title}? valid: interviews, salary" in (
        capsys.readouterr().err
    )


def test_new_takes_a_topic_by_its_title(column, capsys):
    assert column.run("new", "A question", "--topic", "salary & PAY") == 0
    rel = capsys.readouterr().out.strip()
    assert "\ntopic: salary\n" in (column.root / rel).read_text(encoding="utf-8")


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
    assert text.startswith("---\ntitle: Plain title\ndate: 2024-05-01\ntopic: salary\ndraft: true\n---\n")


def test_build_says_how_many_drafts_it_left_out_and_warns_of_example_addresses(tmp_path, capsys):
    root = tmp_path / "column"
    main(["init", str(root)])
    assert main(["--root", str(root), "new", "Still a draft", "--topic", "everyday"]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert "advice build: 1 entry published to site/; 1 draft left out" in lines
    assert [line for line in lines if "warning" in line] == [
        "advice build: warning: site_url is still the example address https://example.org/; "
        "set it in mkdocs.yml before publishing",
        "advice build: warning: extra.advice.comments.url (the reply link) still goes to "
        "example.org; set it in mkdocs.yml before publishing",
        "advice build: warning: extra.advice.ask (where readers send questions) still goes to "
        "example.org; set it in mkdocs.yml before publishing",
    ]
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("example.org", "sam.example.net"), encoding="utf-8"
    )
    assert main(["--root", str(root), "build"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_new_entry_shows_in_the_preview_at_once(column, capsys, tmp_path, open_preview):

    column.entry("published")
    assert column.run("new", "Fresh question", "--topic", "salary") == 0
    slug = Path(capsys.readouterr().out.strip()).stem
    preview = open_preview(column.root, tmp_path / "preview")
    try:
        assert preview.rebuild() is not None, preview.problems
    finally:
        preview.wait_for_search()
    page = (tmp_path / "preview" / "qa" / slug / "index.html").read_text(encoding="utf-8")
    assert "Fresh question" in page and "Replace this line with the reader" in page
