"""The new column's "Answer this" workflow: labeling an Ask a question issue opens a pull request
holding its draft entry. Run here step by step, offline: `advice` is real, `git` and `gh` are
stand-ins that record what they were asked to do. Nothing in the issue can become a command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advice_column.authoring.init import init_column

from .test_from_issue import EVENT, form, with_body

RECORDER = """#!/bin/sh
printf '%s' "$(basename "$0")" >> "$RECORD"
for argument in "$@"; do printf ' [%s]' "$argument" >> "$RECORD"; done
printf '\\n' >> "$RECORD"
case "$(basename "$0") $1" in "git ls-remote") exit 2 ;; esac
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("answer") / "column"
    init_column(root, "Ask Sam")
    return root


def workflow(root: Path) -> dict:
    return yaml.safe_load((root / ".github/workflows/answer-this.yml").read_text(encoding="utf-8"))


def test_it_runs_on_the_label_with_write_access_only_where_needed(template):
    flow = workflow(template)
    assert flow[True] == {"issues": {"types": ["labeled"]}}  # YAML 1.1 reads `on` as true
    assert flow["permissions"] == {"contents": "read"}
    (job,) = flow["jobs"].values()
    assert job["if"] == "github.event.label.name == 'answer-this'"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_no_run_script_of_any_new_workflow_holds_an_expression(template):
    # ${{ }} in a script is pasted into it before bash reads it: an issue's title would be code.
    for path in sorted((template / ".github/workflows").glob("*.yml")):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in flow["jobs"].values():
            for step in job.get("steps", []):
                assert "github.event" not in step.get("run", ""), (path.name, step)
                if path.name == "answer-this.yml":
                    assert "${{" not in step.get("run", ""), step


def run_workflow(root: Path, event: dict, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    """The job's `run:` steps as the runner would run them (set-up steps aside); the tools' record."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("git", "gh"):
        (tools / name).write_text(RECORDER)
        (tools / name).chmod(0o755)
    event_path, output, record = tmp_path / "event.json", tmp_path / "output", tmp_path / "record"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    output.touch()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "GH_"))},
        "PATH": f"{tools}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_OUTPUT": str(output),
        "RECORD": str(record),
    }
    (job,) = workflow(root)["jobs"].values()
    steps = {step.get("name"): step for step in job["steps"]}
    done = subprocess.run(
        ["bash", "-e", "-c", steps["Write the draft entry"]["run"]],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return done, ""
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    # What GitHub puts in the step's env from its expressions: the event's number, the path.
    step_env = {"GH_TOKEN": "token", "NUMBER": str(event["issue"]["number"]), "DRAFT": outputs["path"]}
    pull = steps["Open a pull request"]["run"]
    done = subprocess.run(
        ["bash", "-e", "-c", pull], cwd=root, env={**env, **step_env}, capture_output=True, text=True
    )
    return done, record.read_text() if record.exists() else ""


COMMANDS = [
    "gh [auth] [setup-git]",
    "git [ls-remote] [--exit-code] [--heads] [origin] [answer-this/issue-12]",
    "git [config] [user.name] [github-actions[bot]]",
    "git [config] [user.email] [41898282+github-actions[bot]@users.noreply.github.com]",
    "git [switch] [--create] [answer-this/issue-12]",
    "git [add] [--] [DRAFT]",
    "git [commit] [--quiet] [--message] [Draft an entry for the question in issue #12]",
    "git [push] [origin] [HEAD:refs/heads/answer-this/issue-12]",
    "gh [pr] [create] [--head] [answer-this/issue-12] [--title] [Answer the question in issue #12]",
]


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_labeled_question_becomes_a_pull_request_with_its_draft(template, tmp_path):
    root = tmp_path / "column"
    shutil.copytree(template, root)
    before = files_of(root)
    done, record = run_workflow(root, EVENT, tmp_path)
    assert done.returncode == 0, done.stderr
    (draft,) = files_of(root) - before
    assert re.fullmatch(r"qa/\d{4}/do-i-ask-my-sister-to-pay-back-the-2000-she-borrowed\.md", draft)
    commands, body = record.replace(draft, "DRAFT").split(" [--body] ")
    assert commands.splitlines() == COMMANDS
    assert body.startswith("[Closes #12.\n\nA draft entry of the reader's question: `DRAFT`.")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "$(touch /tmp/pwned) `touch /tmp/pwned` ${{ github.token }}"),
        ("asker", "'; touch pwned; echo '"),
        ("question", "$(touch pwned)\n\n```\n$(touch pwned)\n```"),
        ("topic", "../../../.github/workflows/evil"),
    ],
)
def test_nothing_in_the_issue_runs_or_lands_outside_qa(template, tmp_path, field, value):
    root = tmp_path / "column"
    shutil.copytree(template, root)
    before = files_of(root)
    values = {"question": "Is this fine?", "title": "A title", field: value}
    event = with_body(
        form(
            values["question"],
            topic=values.get("topic", "Work"),
            title=values["title"],
            asker=values.get("asker", "_No response_"),
        ),
        title=value[:200],
    )
    done, record = run_workflow(root, event, tmp_path)
    assert done.returncode == 0, done.stderr
    (draft,) = files_of(root) - before
    assert re.fullmatch(r"qa/\d{4}/[a-z0-9-]+\.md", draft)
    assert not (root / "pwned").exists() and not Path("/tmp/pwned").exists()
    # The very commands of any labeled question: the issue changed only the draft's name.
    commands, body = record.replace(draft, "DRAFT").split(" [--body] ")
    assert commands.splitlines() == COMMANDS
    assert body.startswith("[Closes #12.\n\nA draft entry of the reader's question: `DRAFT`.")


def test_an_issue_number_that_is_not_a_number_stops_the_job(template, tmp_path):
    root = tmp_path / "column"
    shutil.copytree(template, root)
    # GitHub gives a number; were it anything else, the script stops before git or gh.
    steps = {s["name"]: s["run"] for s in next(iter(workflow(root)["jobs"].values()))["steps"] if "run" in s}
    stopped = subprocess.run(
        ["bash", "-e", "-c", steps["Open a pull request"]],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "NUMBER": "12; touch pwned", "DRAFT": "qa/x.md"},
        capture_output=True,
        text=True,
    )
    assert stopped.returncode == 1 and "not an issue number" in stopped.stdout
    assert not (root / "pwned").exists()
