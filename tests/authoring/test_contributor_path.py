"""A new column's contributor path: CONTRIBUTING.md, a pre-commit hook, the way to ask, and an
Ask a question form whose topics `advice check` keeps in step with qa/topics.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from advice_column.authoring.init import init_column
from advice_column.cli import main

from ..conftest import REPO
from .test_github_files import HOOK_KEYS

FORM = ".github/ISSUE_TEMPLATE/ask-a-question.yml"


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "column"
    init_column(root, "Ask Sam")
    return root


def test_a_new_column_tells_contributors_how_to_write_check_and_ask(root):
    contributing = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributing.startswith("# Contributing to Ask Sam\n")
    for step in ("advice new", "advice publish", "advice check", "pre-commit install", "Ask a question"):
        assert step in contributing, step
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "pre-commit install" in readme and "(CONTRIBUTING.md)" in readme
    about = (root / "docs" / "about.md").read_text(encoding="utf-8")
    ask = about.split("## Ask a question\n", 1)[1].split("\n## ", 1)[0]
    assert "[Send your question](ask/index.md)" in ask and "Reply to this answer" not in ask


def test_a_new_column_has_the_pre_commit_hook_that_runs_its_own_advice(root):
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and set(hook) <= HOOK_KEYS
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "advice-check",
        ".venv/bin/advice check",
        "system",
    )
    assert hook["files"] == yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())[0]["files"]


def test_check_says_when_the_form_no_longer_lists_the_topics(root, capsys):
    assert main(["--root", str(root), "check"]) == 0
    topics = root / "qa" / "topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8") + "money:\n  title: Money\n  description: Earning and spending.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    for argv in (["check"], ["check", "qa/topics.yml"]):
        assert main(["--root", str(root), *argv]) == 1
        assert capsys.readouterr().out == (
            f"{FORM}:33:9: QA044 the Ask a question form's Topic choices are not the titles in "
            "qa/topics.yml (missing 'Money'); set its options to "
            '["Everyday life", "Family & friends", "Work", "Money"]\n'
        )
    form = root / FORM
    form.write_text(form.read_text(encoding="utf-8").replace("- Work\n", "- Work\n        - Money\n"))
    assert main(["--root", str(root), "check"]) == 0


def test_a_column_without_the_form_or_with_an_unreadable_one_is_not_checked_for_it(root):
    form = root / FORM
    form.write_text("body: [\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    form.unlink()
    assert main(["--root", str(root), "check"]) == 0
