"""`advice publish FILE`: a finished draft loses 'draft: true' and is dated the day it is published."""

from __future__ import annotations

import datetime

from advice_column.authoring.new import ANSWER_PLACEHOLDER, QUESTION_PLACEHOLDER

TODAY = datetime.date.today()


def fill(path, question="Should I call?", answer="Email.") -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(QUESTION_PLACEHOLDER, question).replace(ANSWER_PLACEHOLDER, answer), "utf-8")


def test_publish_removes_the_draft_line_and_dates_it_today_leaving_the_rest(column, capsys):
    assert (
        column.run("new", "Call or email?", "--topic", "salary", "--tags", "a,b", "--date", "2020-02-02") == 0
    )
    rel = capsys.readouterr().out.strip()
    path = column.root / rel
    fill(path)
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", "# keep this comment\n---\n\n", 1))
    assert column.run("publish", rel) == 0
    assert (
        capsys.readouterr().out
        == f"advice publish: {rel}: published, dated {TODAY}; the next build puts it on the site\n"
    )
    assert path.read_text(encoding="utf-8") == (
        f"---\ntitle: Call or email?\ndate: {TODAY}\ntopic: salary\ntags: [a, b]\n# keep this comment\n"
        "---\n\n"
        "## Question\n\nShould I call?\n\n## Answer\n\nEmail.\n"
    )
    assert column.run("check") == 0
    capsys.readouterr()
    assert column.run("publish", rel) == 1
    assert capsys.readouterr().err == (
        f"advice publish: {rel}:1: not a draft (it has no 'draft: true'); nothing changed\n"
    )


def test_publish_refuses_placeholders_and_what_check_would_refuse(column, capsys):
    assert column.run("new", "Call or email?", "--topic", "salary") == 0
    rel = capsys.readouterr().out.strip()
    path = column.root / rel
    before = path.read_bytes()
    assert column.run("publish", rel) == 1
    assert capsys.readouterr().err == (
        f"advice publish: {rel}:10: the question is still the placeholder `advice new` wrote; replace it\n"
    )
    fill(path, answer="Email. <script>x</script>")
    before = path.read_bytes()
    assert column.run("publish", rel, "--date", "2030-01-01") == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"advice publish: {rel}:14: not published: it would not pass advice check:\n  {rel}:14:"
    )
    assert "QA040" in err
    assert path.read_bytes() == before


def test_publish_takes_only_entries(column, capsys):
    column.write("docs/about.md", "# About\n")
    assert column.run("publish", "docs/about.md") == 2
    assert capsys.readouterr().err == "advice publish: docs/about.md is not an entry file under qa/\n"
    assert column.run("publish", "qa/missing.md") == 2
