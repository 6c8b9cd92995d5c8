"""The workflows of a column made by `advice init`: what they run, install, and report.

A pull request is checked and built by the base branch's advice-column (its own requirements
are never installed); one that changes the site's code fails a job named so; Publish waits for
the column's own addresses. The shell of the steps that matter is run here, on a real merge.
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

REVIEW_JOB = "changes the site's code: review it as code"
BIN = str(Path(sys.executable).parent)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workflows") / "column"
    init_column(root, "Ask Sam")
    return root


def workflow(root: Path, name: str) -> dict:
    return yaml.safe_load((root / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True


def step(job: dict, name: str) -> dict:
    (found,) = [s for s in job["steps"] if s.get("name") == name or s.get("id") == name]
    return found


def checkouts(job: dict) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]


def test_no_workflow_runs_a_pull_requests_code_with_the_base_branchs_rights(scaffold):
    for path in sorted((scaffold / ".github" / "workflows").glob("*.yml")):
        flow = workflow(scaffold, path.name)
        assert not {"pull_request_target", "workflow_run"} & set(triggers(flow)), path.name
        assert flow["permissions"] == {"contents": "read"}, path.name
        # Only the label flow writes (a branch and its pull request): it runs on a maintainer's
        # label, checks out no pull request and passes the issue to `advice` as a file.
        writes = {"contents", "pull-requests"} if set(triggers(flow)) == {"issues"} else set()
        for job in flow["jobs"].values():
            assert set(job.get("permissions", {})) <= {"pages", "id-token"} | writes
            for item in job["steps"]:
                # An expression in a shell line is pasted into the script before it runs.
                assert "${{" not in item.get("run", ""), item
            for checkout in checkouts(job):
                assert checkout["with"]["persist-credentials"] is False


def test_entries_are_checked_on_pull_requests_and_on_pushes_to_main(scaffold):
    assert triggers(workflow(scaffold, "check.yml")) == {"pull_request": None, "push": {"branches": ["main"]}}


def test_a_pull_request_is_checked_and_built_by_the_base_branchs_tool(scaffold):
    jobs = workflow(scaffold, "check.yml")["jobs"]
    for name in ("check", "sort"):
        base, pull_request = checkouts(jobs[name])
        assert base["with"]["path"] == "base" and "base.sha" in base["with"]["ref"]
        assert pull_request["with"]["path"] == "column" and "ref" not in pull_request["with"]
        installs = [s["run"] for s in jobs[name]["steps"] if "pip" in s.get("run", "")]
        assert installs == ["python -m pip install -r base/requirements.txt"]
        setup = next(s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["cache-dependency-path"] == "base/requirements.txt"
    runs = {s["run"]: s.get("working-directory") for s in jobs["check"]["steps"] if "run" in s}
    assert runs["advice check --format github"] == "column" and runs["advice build"] == "column"
    base, _ = checkouts(jobs["check"])
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha || github.sha }}"


def test_a_change_to_the_sites_code_fails_a_job_with_a_plain_name(scaffold):
    jobs = workflow(scaffold, "check.yml")["jobs"]
    sort, review = jobs["sort"], jobs["review-as-code"]
    assert sort["if"] == "github.event_name == 'pull_request'"
    assert sort["outputs"] == {"review-as-code": "${{ steps.sort.outputs.review-as-code }}"}
    assert step(sort, "sort")["env"] == {
        "AUTHOR_ASSOCIATION": "${{ github.event.pull_request.author_association }}"
    }
    assert review["name"] == REVIEW_JOB
    assert review["needs"] == "sort" and review["if"] == "needs.sort.outputs.review-as-code == 'true'"
    (only,) = review["steps"]
    assert only["run"].rstrip().endswith("exit 1") and "::error title=" in only["run"]
    assert "uses" not in only and "checkout" not in str(review)


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(folder), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def merged_pull_request(tmp_path: Path, scaffold: Path, changes: dict[str, str]) -> Path:
    """A repository whose HEAD merges a branch with ``changes`` into main, as GitHub's merge ref does."""
    repository = tmp_path / "column"
    subprocess.run(["cp", "-a", str(scaffold), str(repository)], check=True)
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "base")
    git(repository, "checkout", "-q", "-b", "contribution")
    for rel, text in changes.items():
        (repository / rel).parent.mkdir(parents=True, exist_ok=True)
        (repository / rel).write_text(text, encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "contribution")
    git(repository, "checkout", "-q", "main")
    git(repository, "commit", "-q", "--allow-empty", "-m", "main moved on")
    git(repository, "merge", "-q", "--no-ff", "-m", "merge", "contribution")
    return repository


def run_sort_job(tmp_path: Path, scaffold: Path, association: str) -> tuple[str, str]:
    """The shell of the sort job's steps, as the runner runs them: (its outputs, its summary)."""
    sort = workflow(scaffold, "check.yml")["jobs"]["sort"]
    outputs, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "AUTHOR_ASSOCIATION": association,
    }
    for name in ("List the files the pull request changes", "sort"):
        script = step(sort, name)["run"]
        subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=True, timeout=60)
    return outputs.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")


HOSTILE = "docs/x\n::error file=mkdocs.yml::y \x1b[31m.js"


@pytest.mark.parametrize(
    ("association", "verdict"),
    [("CONTRIBUTOR", "true"), ("FIRST_TIME_CONTRIBUTOR", "true"), ("OWNER", "false")],
)
def test_the_sort_job_finds_the_sites_code_in_a_real_merge(tmp_path, scaffold, association, verdict):
    changes = {"qa/2026/new.md": "an entry", "mkdocs.yml": "site_name: Mine\n", HOSTILE: "x"}
    merged_pull_request(tmp_path, scaffold, changes)
    outputs, summary = run_sort_job(tmp_path, scaffold, association)
    assert outputs == f"review-as-code={verdict}\n"
    assert "- mkdocs.yml" in summary and "- docs/x\\x0a::error file=mkdocs.yml::y \\x1b[31m.js" in summary
    assert "qa/2026/new.md" not in summary and "- .github" not in summary


def test_the_sort_job_passes_a_pull_request_of_entries_and_pages(tmp_path, scaffold):
    merged_pull_request(tmp_path, scaffold, {"qa/2026/new.md": "an entry", "docs/about.md": "# About\n"})
    outputs, summary = run_sort_job(tmp_path, scaffold, "NONE")
    assert outputs == "review-as-code=false\n" and "Content only" in summary


def test_publish_waits_with_a_notice_for_the_columns_own_addresses(scaffold):
    jobs = workflow(scaffold, "pages.yml")["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["outputs"] == {"publishable": "${{ steps.build.outputs.publishable }}"}
    assert step(build, "build")["run"] == 'advice build --github-output "$GITHUB_OUTPUT"'
    ready = "steps.build.outputs.publishable == 'true'"
    for item in build["steps"]:
        if item.get("uses", "").startswith(("actions/configure-pages@", "actions/upload-pages-artifact@")):
            assert item["if"] == ready
    notice = step(build, "Not published yet")
    assert notice["if"] == "steps.build.outputs.publishable != 'true'"
    shown = subprocess.run(
        ["bash", "-e", "-c", notice["run"]], capture_output=True, text=True, check=True
    ).stdout
    assert re.fullmatch(r"::notice title=Not published yet::[^\n]*site_url[^\n]*\n", shown)
    assert deploy["if"] == "needs.build.outputs.publishable == 'true'"


def test_build_tells_the_workflow_whether_to_publish(column, tmp_path):
    column.entry("one")
    outputs = tmp_path / "output"
    assert column.run("build", "--github-output", str(outputs)) == 0
    settings = (column.root / "mkdocs.yml").read_text(encoding="utf-8")
    column.write("mkdocs.yml", settings.replace("https://example.org/column/", "https://ask.example.com/"))
    assert column.run("build", "--github-output", str(outputs)) == 0
    assert outputs.read_text(encoding="utf-8") == "publishable=false\npublishable=true\n"


def codeowners(root: Path) -> list[tuple[re.Pattern, list[str]]]:
    """CODEOWNERS' rules as (pattern, owners), for the gitignore-like patterns it uses."""
    rules = []
    for line in (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        regex = "".join(
            "(?:.*/)?" if part == "**/" else "[^/]*" if part == "*" else re.escape(part)
            for part in re.findall(r"\*\*/|\*|[^*]+", pattern.lstrip("/"))
        )
        anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
        rules.append((re.compile(("" if anchored else "(?:.*/)?") + regex + "(?:/.*)?"), owners))
    return rules


def owners_of(rules, path: str) -> list[str]:
    return next((owners for pattern, owners in reversed(rules) if pattern.fullmatch(path)), [])


def test_codeowners_asks_the_owner_to_review_the_sites_code_and_nothing_else(scaffold):
    from .test_site_code import CONTENT, SITE_CODE

    rules = codeowners(scaffold)
    for path in CONTENT:
        assert owners_of(rules, path) == [], path
    ordinary = [p for p in SITE_CODE if p.isprintable() and p.isascii() and not re.search(r"/\.|//|/$", p)]
    for path in ordinary:
        if not path.startswith(("qa/", "docs/")) or not path.endswith(".md"):
            assert owners_of(rules, path) == ["@OWNER"], path


def test_init_says_what_to_set_before_publishing(tmp_path, capsys):
    from advice_column.cli import main

    assert main(["init", str(tmp_path / "column")]) == 0
    err = capsys.readouterr().err
    assert "set site_url, extra.advice.ask and extra.advice.comments.url in mkdocs.yml" in err
    assert "Publish workflow builds the site without publishing it" in err
    assert "@OWNER" in err and ".github/CODEOWNERS" in err
