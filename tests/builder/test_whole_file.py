"""Files written into a column are whole or absent: a full disk never leaves half an entry."""

from __future__ import annotations

import datetime
import errno
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advice_column.builder import whole_file
from advice_column.builder.whole_file import TEMPORARY_PREFIX, write_whole_file
from advice_column.entries.loader import load_column

from ..importing.test_import import post, wxr

OLD_IDS = {"p": {str(number): f"qa/old-{number}/" for number in range(1, 200)}}


def files_under(folder: Path) -> dict[str, bytes]:
    paths = sorted(path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in paths}


@pytest.fixture
def full_disk(monkeypatch):
    """os.write writes part of what it is given once, then fails as a full disk does."""
    real_write = os.write

    def write(fd: int, data) -> int:
        if len(data) > 10 and not getattr(write, "failed", False):
            write.failed = True
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write)


def test_new_on_a_full_disk_writes_nothing(column, capsys, full_disk):
    before = files_under(column.root)
    assert column.run("new", "Can I ask for a raise in my first year?", "--topic", "salary") == 1
    err = capsys.readouterr().err
    assert "advice new: cannot write qa/" in err and "No space left on device; nothing was written" in err
    assert files_under(column.root) == before


def test_replacing_on_a_full_disk_keeps_the_old_text(tmp_path, full_disk):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wordpress-ids.json").write_text("old\n", encoding="utf-8")
    with pytest.raises(OSError, match="No space"):
        write_whole_file(tmp_path, "docs/wordpress-ids.json", "new text, longer than the old\n", replace=True)
    assert files_under(tmp_path) == {"docs/wordpress-ids.json": b"old\n"}


def with_id(item: str, number: int) -> str:
    return item.replace("</item>", f"<wp:post_id>{number}</wp:post_id></item>")


def _limit_file_size(limit: int):
    def limit_in_child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_in_child


def test_an_import_cut_short_leaves_no_half_entry_and_imports_again(column, tmp_path):
    """The disk fills up during `advice import`: the real command, in a process with a size limit."""
    column.write("docs/wordpress-ids.json", json.dumps(OLD_IDS, indent=1) + "\n")
    ids_before = (column.root / "docs" / "wordpress-ids.json").read_bytes()
    long_answer = "<p>Q: May I ask?</p><p>A: Yes.</p>" + "<p>Here is why at length, once more.</p>" * 300
    items = with_id(post("A short one", "<p>Q: Why?</p><p>A: Because.</p>", name="short"), 500)
    items += with_id(post("A long one", long_answer, name="long"), 501)
    export = tmp_path / "export.xml"
    export.write_bytes(wxr(items))
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "import", str(export)]
    command += ["--topic", "interviews"]
    limit = len(ids_before) - 100  # the entries' own size: the long one and the id map go past it
    limited = _limit_file_size(limit)
    cut = subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=limited)
    assert cut.returncode == 1, cut.stdout + cut.stderr
    assert "cannot write it: File too large; nothing was written there" in cut.stderr, cut.stderr
    assert "cannot write docs/wordpress-ids.json: File too large" in cut.stderr, cut.stderr
    written = sorted(p.relative_to(column.root).as_posix() for p in (column.root / "qa").rglob("*.md"))
    assert written == ["qa/2014/short.md"], "the long entry was left half written"
    assert (column.root / "docs" / "wordpress-ids.json").read_bytes() == ids_before
    assert not [p for p in column.root.rglob(f"{TEMPORARY_PREFIX}*")]
    assert load_column(column.root).diagnostics == []

    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "wrote qa/2014/long.md" in again.stdout and "0 conflict(s)" in again.stdout
    assert "Here is why at length, once more." in (column.root / "qa" / "2014" / "long.md").read_text()
    ids = json.loads((column.root / "docs" / "wordpress-ids.json").read_text())["p"]
    assert ids["500"] == "qa/short/" and ids["501"] == "qa/long/" and ids["1"] == "qa/old-1/"


def test_a_link_in_place_of_a_folder_is_never_followed(column, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    year = str(datetime.date.today().year)
    (column.root / "qa" / year).symlink_to(outside)
    assert column.run("new", "Where does this go?", "--topic", "salary") == 1
    assert f"{year} is a link or a file, not a folder" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_a_name_held_by_a_dangling_link_is_not_taken(tmp_path):
    (tmp_path / "qa").mkdir()
    (tmp_path / "qa" / "x.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(FileExistsError):
        write_whole_file(tmp_path, "qa/x.md", "text")
    assert not (tmp_path / "nowhere.md").exists()
    assert (tmp_path / "qa" / "x.md").is_symlink()
    assert [p.name for p in (tmp_path / "qa").iterdir()] == ["x.md"]


def test_replacing_refuses_a_link_and_leaves_its_target_alone(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_text("mine", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wordpress-ids.json").symlink_to(target)
    with pytest.raises(OSError, match="link or a folder"):
        write_whole_file(tmp_path, "docs/wordpress-ids.json", "{}", replace=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "docs" / "wordpress-ids.json").is_symlink()


def test_a_new_file_never_replaces_one_already_there(tmp_path):
    (tmp_path / "a.md").write_text("first", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_whole_file(tmp_path, "a.md", "second")
    assert files_under(tmp_path) == {"a.md": b"first"}


def test_without_hard_links_the_file_is_still_written_whole_and_never_over_another(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(whole_file.os, "link", no_links)
    write_whole_file(tmp_path, "qa/2026/a.md", "whole\n")
    assert files_under(tmp_path) == {"qa/2026/a.md": b"whole\n"}
    with pytest.raises(FileExistsError):
        write_whole_file(tmp_path, "qa/2026/a.md", "other\n")
    assert files_under(tmp_path) == {"qa/2026/a.md": b"whole\n"}


@pytest.mark.parametrize("rel", ["../x.md", "qa/../../x.md", "/etc/x", ""])
def test_only_paths_inside_the_column_are_written(tmp_path, rel):
    with pytest.raises(ValueError):
        write_whole_file(tmp_path, rel, "x")


def test_files_get_the_umasks_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_whole_file(tmp_path, "a.md", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
