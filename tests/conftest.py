"""Shared fixtures: tiny columns in tmp_path, the sample column built once, and a real Chromium."""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from advice_column.cli import main

REPO = Path(__file__).resolve().parent.parent
# The column the build and browser tests read: a copy of the sample column, so that editing the
# repository's own entries never changes what a test expects.
SAMPLE = REPO / "tests" / "fixtures" / "column"


def _load_launch_settings():
    """scripts/chromium.py: the flags the tests share with the benchmark and the screenshots."""
    spec = importlib.util.spec_from_file_location("chromium_launch", REPO / "scripts" / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_LAUNCH = _load_launch_settings()
CHROMIUM, CHROMIUM_ARGS = _LAUNCH.CHROMIUM, _LAUNCH.CHROMIUM_ARGS

MKDOCS_YML = """\
site_name: Test Column
site_url: https://example.org/column/
theme:
  name: material
  font: false
extra:
  advice:
    comments:
      url: "https://github.com/example/column/issues/new?title=Re%3A%20{title}&body={url}"
"""

TOPICS_YML = """\
interviews:
  title: Interviews
  description: Getting through job interviews.
salary:
  title: Salary & pay
  description: Raises and offers.
"""


def entry_text(
    title: str = "How do I follow up?",
    date: str = "2025-12-28",
    topic: str = "interviews",
    extra: str = "",
    question: str = "I interviewed and heard nothing.",
    answer: str = "Send a short, warm note.",
) -> str:
    """A valid entry file's text; ``extra`` adds front-matter lines."""
    return (
        f"---\ntitle: {title}\ndate: {date}\ntopic: {topic}\n{extra}---\n\n"
        f"## Question\n\n{question}\n\n## Answer\n\n{answer}\n"
    )


class ColumnDir:
    """A column on disk in tmp_path, with helpers to add files and run the CLI in it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def entry(self, slug: str, **fields) -> Path:
        return self.write(f"qa/{slug}.md", entry_text(**fields))

    def run(self, *args: str) -> int:
        return main(["--root", str(self.root), *args])


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Builds keep their cache (compiled templates, search documents, the key) in the session's folder."""
    folder = tmp_path_factory.mktemp("cache")
    folder.chmod(0o700)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def column(tmp_path: Path) -> ColumnDir:
    """An empty but valid column: mkdocs.yml and two topics."""
    col = ColumnDir(tmp_path / "column")
    col.write("mkdocs.yml", MKDOCS_YML)
    col.write("qa/topics.yml", TOPICS_YML)
    return col


@pytest.fixture
def open_preview():
    """``open_preview(root, site_dir)``: a Preview, closed after the test (its indexer stopped)."""
    from advice_column.builder.preview import Preview

    opened = []

    def open_one(root: Path, site_dir: Path, url: str = "http://127.0.0.1:8000/") -> Preview:
        opened.append(Preview(root, site_dir, url))
        return opened[-1]

    yield open_one
    for preview in opened:
        preview.close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample column (tests/fixtures/column), built once with `advice build` into a temporary copy."""
    root = tmp_path_factory.mktemp("sample") / "column"
    shutil.copytree(SAMPLE, root)
    assert main(["--root", str(root), "build"]) == 0
    return root / "site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served by `python -m http.server` on 127.0.0.1; yields its URL, then stops it."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    command += ["--directory", str(folder)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def site_url(sample_site: Path):
    """The sample site served on 127.0.0.1 for the browser, stopped after the session."""
    with served(sample_site) as url:
        yield url


def tab_until(page, is_focused: str, presses: int = 80) -> bool:
    """Press Tab until the JavaScript expression ``is_focused`` is true; False if it never is."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(is_focused):
            return True
    return False


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser is Debian's Chromium; Playwright never downloads one."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
