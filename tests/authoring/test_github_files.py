"""GitHub workflows, issue forms and pre-commit hooks: valid, pinned, and in step with the column.

Each check runs on this repository's `.github/` and on the one `advice init` writes for a new
column. Schemas are check-jsonschema's vendored copies, so nothing is fetched.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advice_column.authoring.init import init_column
from advice_column.cli import main
from advice_column.entries.topics import load_topics

from ..conftest import REPO, entry_text

PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")
STEP_REFERENCE = re.compile(r"\bsteps\.([\w-]+)\.")
# Any attempt to reach the network fails at once instead of passing by luck.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


@pytest.fixture(scope="module", params=["repository", "new column"])
def column_root(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository, or a column just made by `advice init`."""
    if request.param == "repository":
        return REPO
    root = tmp_path_factory.mktemp("scaffold") / "column"
    init_column(root, "Ask Sam")
    return root


def workflows(root: Path) -> dict[str, dict]:
    return {path.name: load_yaml(path) for path in sorted((root / ".github" / "workflows").glob("*.yml"))}


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_jsonschema(schema: str, paths: list[Path]) -> None:
    assert paths, f"no files to check against {schema}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--no-cache",
            "--builtin-schema",
            schema,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            **OFFLINE,
            "http_proxy": OFFLINE["HTTP_PROXY"],
            "https_proxy": OFFLINE["HTTPS_PROXY"],
        },
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_githubs_schema(column_root):
    check_jsonschema("vendor.github-workflows", sorted((column_root / ".github" / "workflows").glob("*.yml")))


def test_issue_forms_and_chooser_match_githubs_schemas(column_root):
    templates = column_root / ".github" / "ISSUE_TEMPLATE"
    forms = sorted(path for path in templates.glob("*.yml") if path.name != "config.yml")
    check_jsonschema("vendor.github-issue-forms", forms)
    check_jsonschema("vendor.github-issue-config", [templates / "config.yml"])
    assert load_yaml(templates / "config.yml")["blank_issues_enabled"] is False


def test_every_action_is_pinned_to_an_exact_release(column_root):
    for name, workflow in workflows(column_root).items():
        for job_name, job in workflow["jobs"].items():
            uses = [step["uses"] for step in job.get("steps", []) if "uses" in step]
            for action in uses + ([job["uses"]] if "uses" in job else []):
                assert PINNED.match(action), (
                    f"{name}: job {job_name} uses {action}; pin it to @vX.Y.Z or a SHA"
                )


def test_step_outputs_refer_to_steps_of_the_same_job(column_root):
    for name, workflow in workflows(column_root).items():
        for job_name, job in workflow["jobs"].items():
            ids = {step["id"] for step in job.get("steps", []) if "id" in step}
            used = set(STEP_REFERENCE.findall(yaml.safe_dump(job)))
            assert used <= ids, f"{name}: job {job_name} refers to unknown steps {sorted(used - ids)}"


def test_pull_requests_are_checked_and_built(column_root):
    check = workflows(column_root)["check.yml"]
    assert "pull_request" in _triggers(check)
    commands = [step.get("run", "") for job in check["jobs"].values() for step in job.get("steps", [])]
    assert "advice check --format github" in commands
    assert "advice build" in commands


def test_pushes_to_main_publish_with_github_pages(column_root):
    pages = workflows(column_root)["pages.yml"]
    assert _triggers(pages)["push"]["branches"] == ["main"]
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert any(step.get("run", "").startswith("advice build") for step in build["steps"])
    upload = next(step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["permissions"] == {"contents": "read"}, "only the deploy job may write"


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    return triggers if isinstance(triggers, dict) else {name: None for name in triggers}


def test_ask_a_question_form_maps_to_the_entry_format(column_root):
    form = load_yaml(column_root / ".github" / "ISSUE_TEMPLATE" / "ask-a-question.yml")
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["question"]["type"] == "textarea" and fields["question"]["validations"]["required"]
    assert fields["asker"]["type"] == "input" and fields["title"]["type"] == "input"
    consent = fields["consent"]
    assert consent["type"] == "checkboxes"
    assert all(option["required"] for option in consent["attributes"]["options"])
    topics = load_topics(column_root, "qa", [])
    assert fields["topic"]["type"] == "dropdown"
    assert fields["topic"]["attributes"]["options"] == [topic.title for topic in topics.values()], (
        "the form's topics must be the titles in qa/topics.yml, in the same order"
    )


HOOK_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "always_run",
    "fail_fast",
    "pass_filenames",
    "description",
    "language_version",
    "log_file",
    "require_serial",
    "stages",
    "verbose",
    "args",
    "additional_dependencies",
    "minimum_pre_commit_version",
}


def test_pre_commit_hook_is_offered_to_every_column():
    (hook,) = load_yaml(REPO / ".pre-commit-hooks.yaml")
    assert set(hook) <= HOOK_KEYS
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "advice-check",
        "advice check",
        "python",
        True,
    )
    files = re.compile(hook["files"])
    assert all(files.search(path) for path in ("qa/2025/call-or-email.md", "qa/topics.yml", "qa/x/y/z.md"))
    assert not any(
        # advice check refuses other files (exit 2), so the hook never passes it one.
        files.search(path)
        for path in ("docs/index.md", "mkdocs.yml", "qa/notes.txt", "qa/notes.yml", "README.md")
    )


def test_this_repository_runs_the_same_check_as_a_local_hook():
    config = load_yaml(REPO / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and set(hook) <= HOOK_KEYS
    assert hook["id"] == "advice-check" and hook["entry"].endswith("advice check")
    assert hook["files"] == load_yaml(REPO / ".pre-commit-hooks.yaml")[0]["files"]


def test_checking_the_files_pre_commit_passes_reports_only_those(column, monkeypatch, capsys):
    column.write("qa/staged.md", entry_text(topic="nope"))
    column.write("qa/untouched.md", entry_text(date="2025-02-30"))
    # pre-commit runs the hook in the repository's root with paths relative to it.
    monkeypatch.chdir(column.root)
    assert main(["check", "qa/staged.md"]) == 1
    out = capsys.readouterr().out
    assert "qa/staged.md:4:8: QA024 unknown topic 'nope'" in out
    assert "untouched" not in out
    column.write("qa/untouched.md", entry_text())
    assert main(["check", "qa/untouched.md"]) == 0
