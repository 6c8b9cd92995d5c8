"""A new column installs its own tool: the set-up its README gives and the steps its workflows run
work in a fresh virtualenv, against a wheel of this checkout, with no network.

The column is made with ``advice init --from WHEEL`` and left as written. Every command runs as
written, with pip told by its environment to use no index and find the dependencies' wheels in
a folder (PIP_NO_INDEX, PIP_FIND_LINKS), so nothing is fetched; the column's constraints.txt
pins each of them to the version these tests run with.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.utils import canonicalize_name

from advice_column.authoring.init import init_column

from ..conftest import REPO
from ..wheelhouse import make_wheelhouse, pip_env

VERSION = metadata.version("advice-column")
REPOSITORY = "https://github.com/advice-column/advice-column"


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_wheelhouse(REPO, tmp_path_factory.mktemp("wheels"))


def shell_block(markdown: str, heading: str) -> list[str]:
    """The commands of the first ```sh block after ``heading``, comments left out."""
    section = markdown.split(f"## {heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    commands = [line.partition("#")[0].strip() for line in block.splitlines()]
    return [command for command in commands if command]


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """One command of the README's as written; ``python3`` is the Python running the tests."""
    argv = shlex.split(command)
    if argv[0] == "python3":
        argv[0] = sys.executable
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def workflow_steps(root: Path, name: str, job: str | None = None) -> list[dict]:
    workflow = yaml.safe_load((root / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for each in jobs for step in each["steps"] if "run" in step]


def requirement_lines(root: Path) -> list[str]:
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def test_a_new_column_names_this_exact_version_everywhere(tmp_path):
    root = tmp_path / "column"
    init_column(root, "Ask Sam")
    requirement = f"advice-column @ git+{REPOSITORY}@v{VERSION}"
    assert requirement_lines(root) == ["-c constraints.txt", requirement]
    readme = (root / "README.md").read_text(encoding="utf-8")
    set_up = ["python3 -m venv .venv", ".venv/bin/pip install -r requirements.txt"]
    assert shell_block(readme, "Set up") == set_up
    assert "pypi.org" not in readme + (root / "docs" / "about.md").read_text(encoding="utf-8")
    assert f"{REPOSITORY}/tree/v{VERSION}" in (root / "docs" / "about.md").read_text(encoding="utf-8")
    # A pull request is checked with the base branch's requirements (checked out in base/).
    for name, requirements in (("check.yml", "base/requirements.txt"), ("pages.yml", "requirements.txt")):
        installs = {step["run"] for step in workflow_steps(root, name) if "pip install" in step["run"]}
        assert installs == {f"python -m pip install -r {requirements}"}


def test_package_index_option_names_the_release(tmp_path):
    root = tmp_path / "column"
    init_column(root, "Ask Sam", source="index")
    assert requirement_lines(root) == ["-c constraints.txt", f"advice-column=={VERSION}"]
    about = (root / "docs" / "about.md").read_text(encoding="utf-8")
    assert f"https://pypi.org/project/advice-column/{VERSION}/" in about


def test_the_constraints_pin_what_this_repository_pins_for_running(tmp_path):
    root = tmp_path / "column"
    init_column(root, "Ask Sam", source="git+https://example.net/fork/advice-column@main")
    assert requirement_lines(root)[1] == "advice-column @ git+https://example.net/fork/advice-column@main"
    column = {}
    for line in (root / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            name, _, version = line.partition("==")
            column[name] = version
    ours = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, version = line.partition(";")[0].strip().partition("==")
            ours[canonicalize_name(name)] = version
    assert {"mkdocs", "mkdocs-material", "pagefind-bin", "markdown", "jinja2"} <= set(column)
    assert "advice-column" not in column and "pytest" not in column
    assert all(ours[name] == version for name, version in column.items()), column


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("nowhere/at/all", "give 'tag', 'index', a git+https:// URL, a .whl file or a checkout"),
        ("advice_column-9.9.9-py3-none-any.whl", f"the wheel is advice-column 9.9.9 but this is {VERSION}"),
        ("git+https://example.net/x y", "a git URL has no spaces"),
    ],
)
def test_a_source_that_cannot_be_used_is_refused_before_writing(tmp_path, capsys, source, message):
    from advice_column.cli import main

    (tmp_path / "advice_column-9.9.9-py3-none-any.whl").write_bytes(b"")
    wheel = str(tmp_path / source) if source.endswith(".whl") else source
    assert main(["init", str(tmp_path / "column"), "--from", wheel]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "column").exists()


def test_the_readme_set_up_and_the_workflow_steps_work_from_a_wheel(tmp_path, wheelhouse, capsys):
    from advice_column.cli import main

    (wheel,) = wheelhouse.glob("advice_column-*.whl")
    root = tmp_path / "column"
    assert main(["init", str(root), "--title", "Ask Sam", "--from", str(wheel)]) == 0
    assert "installs advice-column from" in capsys.readouterr().err  # on this machine only
    assert requirement_lines(root) == ["-c constraints.txt", f"advice-column @ {wheel.as_uri()}"]

    env = pip_env(wheelhouse)
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in shell_block(readme, "Set up"):
        done = run(command, root, env)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    venv_bin = root / ".venv" / "bin"
    assert (venv_bin / "advice").is_file()
    installed = subprocess.run(
        [venv_bin / "python", "-c", "import importlib.metadata as m; print(m.version('advice-column'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert installed.stdout.strip() == VERSION

    # The workflows' steps, in that environment, as the runner would: check.yml's check job on a
    # pull request (the base branch in base/, the pull request in column/), then pages.yml once
    # site_url and the reply address are set, as the README asks.
    env = {**env, "PATH": f"{venv_bin}{os.pathsep}{env['PATH']}", "VIRTUAL_ENV": str(root / ".venv")}
    runner = tmp_path / "runner"
    for folder in ("base", "column"):
        shutil.copytree(root, runner / folder, ignore=shutil.ignore_patterns(".venv"))
    run_steps(root, runner, "check.yml", "check", env)
    assert (runner / "column" / "site" / "index.html").is_file()
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("https://example.org/", "https://sam.example.net/")
    config.write_text(text.replace("editor@example.org", "editor@sam.example.net"), encoding="utf-8")
    outputs = run_steps(root, root, "pages.yml", "build", env)
    assert outputs == "publishable=true\n"
    assert (root / "site" / "index.html").is_file()


def run_steps(root: Path, workspace: Path, workflow: str, job: str, env: dict[str, str]) -> str:
    """Every ``run:`` step of a job, in order, as bash runs it on the runner; what they output."""
    outputs = workspace / "github-output"
    outputs.write_text("", encoding="utf-8")
    env = {**env, "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(workspace)}
    for step in workflow_steps(root, workflow, job):
        command, cwd = step["run"], workspace / step.get("working-directory", ".")
        done = subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{workflow}: {command}\n{done.stdout}\n{done.stderr}"
    return outputs.read_text(encoding="utf-8")
