"""A pull request can commit any file or link, `.advice` and `site` too: the build trusts none of them."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from advice_column.builder.publish import exchange, publish, recover
from advice_column.engine.runner import THEME_DIR
from advice_column.user_cache import cache_folder, column_cache

from ..conftest import ColumnDir


def files_of(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def outside_folder(tmp_path: Path) -> Path:
    """A folder next to the column holding a file that must never be touched."""
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me\n", encoding="utf-8")
    return folder


def test_a_linked_working_folder_is_refused_and_nothing_is_touched(column, tmp_path, capsys):
    column.entry("one")
    precious = outside_folder(tmp_path)
    (column.root / ".advice").symlink_to(precious)
    assert column.run("build") == 1
    err = capsys.readouterr().err
    assert ".advice is a symbolic link" in err
    assert "Traceback" not in err
    assert files_of(precious) == {"notes.txt": b"keep me\n"}
    assert not (column.root / "site").exists()


def test_a_working_folder_linked_to_the_column_itself_is_refused(column, capsys):
    column.entry("one")
    column.write("docs/index.md", "Welcome.\n")
    (column.root / ".advice").symlink_to(".")
    assert column.run("build") == 1
    assert (column.root / "docs/index.md").read_text(encoding="utf-8") == "Welcome.\n"
    assert not (column.root / ".gitignore").exists()


def test_links_planted_inside_the_working_folder_are_never_followed(column, tmp_path):
    column.entry("one")
    precious = outside_folder(tmp_path)
    for name in ("docs", "preview-docs", "pagefind-pages", "templates", "previous-site", "build-x"):
        (column.root / ".advice").mkdir(exist_ok=True)
        (column.root / ".advice" / name).symlink_to(precious)
    assert column.run("build") == 0
    assert files_of(precious) == {"notes.txt": b"keep me\n"}
    assert (column.root / "site/qa/one/index.html").exists()


def test_a_linked_lock_file_is_refused(column, tmp_path, capsys):
    column.entry("one")
    (column.root / ".advice").mkdir()
    (column.root / ".advice/lock").symlink_to(tmp_path / "elsewhere")
    assert column.run("build") == 1
    assert ".advice/lock is a symbolic link" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()


def test_a_linked_site_folder_is_refused(column, tmp_path, capsys):
    column.entry("one")
    precious = outside_folder(tmp_path)
    (column.root / "public").mkdir()
    (column.root / "public/notes.txt").write_text("mine\n", encoding="utf-8")
    (column.root / "site").symlink_to("public")
    assert column.run("build") == 1
    assert "site is a symbolic link" in capsys.readouterr().err
    assert files_of(column.root / "public") == {"notes.txt": b"mine\n"}
    (column.root / "site").unlink()
    (column.root / "site").symlink_to(precious)
    assert column.run("build") == 1
    assert files_of(precious) == {"notes.txt": b"keep me\n"}


def plant_compiled_template(folder: Path, marker: Path) -> None:
    """A compiled-template cache file for main.html that writes ``marker`` when loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (THEME_DIR / "main.html").read_text(encoding="utf-8")
    code = compile(f"open({str(marker)!r}, 'w').close()\n", "main.html", "exec")
    for filename in {str(THEME_DIR / "main.html"), os.path.normpath(str(THEME_DIR / "main.html"))}:
        key = hashlib.sha1(f"main.html|{filename}".encode()).hexdigest()
        bucket = Bucket(jinja2.Environment(), key, hashlib.sha1(source.encode()).hexdigest())
        bucket.code = code
        with open(folder / f"__jinja2_{key}.cache", "wb") as file:
            bucket.write_bytecode(file)


def test_compiled_templates_are_never_loaded_from_the_column(column, tmp_path):
    column.entry("one")
    marker = tmp_path / "code-ran"
    plant_compiled_template(column.root / ".advice/templates", marker)
    assert column.run("build") == 0
    assert not marker.exists()
    templates = cache_folder() / "templates-sandboxed"
    assert list(templates.glob("__jinja2_*.cache"))
    assert stat.S_IMODE(templates.stat().st_mode) == 0o700


def test_the_build_keeps_its_state_outside_the_column(column):
    column.entry("one")
    assert column.run("build") == 0
    assert sorted(p.name for p in (column.root / ".advice").iterdir()) == [".gitignore", "lock"]
    assert (column_cache(column.root) / "docs/qa/one.md").is_file()
    assert stat.S_IMODE(column_cache(column.root).stat().st_mode) == 0o700


def test_the_published_site_has_the_umask_permissions(column):
    column.entry("one")
    old = os.umask(0o022)
    try:
        assert column.run("build") == 0
    finally:
        os.umask(old)
    site = column.root / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}


def test_publishing_swaps_the_two_folders_in_one_step(tmp_path):
    old, new = tmp_path / "site", tmp_path / ".advice/build-1"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    new.mkdir(parents=True)
    (new / "index.html").write_text("new", encoding="utf-8")
    inode = new.stat().st_ino
    publish(new, old, tmp_path)
    assert old.stat().st_ino == inode
    assert (old / "index.html").read_text(encoding="utf-8") == "new"
    assert not new.exists()
    assert exchange(tmp_path / "site", tmp_path / "site") is True


def test_a_publish_cut_short_is_undone_only_from_the_journal(tmp_path):
    journal, site = tmp_path / "cache", tmp_path / "column/site"
    journal.mkdir()
    previous = tmp_path / "column/.advice/old-build-1"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("old", encoding="utf-8")
    recover(journal)  # no journal: a folder that merely looks like an old site stays where it is
    assert not site.exists()
    (journal / "publishing").write_text(f"{previous}\n{site}\n", encoding="utf-8")
    recover(journal)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert not (journal / "publishing").exists()


def test_a_second_build_waits_for_the_first(column: ColumnDir):
    for number in range(40):
        column.entry(f"entry-{number}", title=f"Question {number}", answer="An answer. " * 40)
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"]
    builds = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [build.communicate(timeout=300)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    assert all("Traceback" not in err for err in errors)
    assert len(list((column.root / "site/qa").glob("*/index.html"))) == 40
    assert sorted(p.name for p in (column.root / ".advice").iterdir()) == [".gitignore", "lock"]


def test_modules_planted_in_the_column_are_never_imported(column, tmp_path):
    column.entry("one")
    marker = tmp_path / "code-ran"
    for module in ("yaml", "markdown", "hmac", "jinja2", "pagefind_bin", "selectolax"):
        column.write(f"{module}.py", f"open({str(marker)!r}, 'w').close()\n")
    command = [sys.executable, "-m", "advice_column", "build"]
    build = subprocess.run(command, cwd=column.root, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert not marker.exists()
