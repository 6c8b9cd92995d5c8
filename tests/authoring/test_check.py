"""`advice check [PATH...]`: paths it cannot check are errors, --root anywhere, and checking a few
files reports exactly what checking the whole column reports about them."""

from __future__ import annotations

import os
import time

import pytest

from advice_column.authoring.slug_cache import CACHE_FILE
from advice_column.cli import _parser, main
from advice_column.entries.loader import find_entry_files, load_column
from advice_column.entries.slug_index import read_claims
from advice_column.user_cache import column_cache

from ..conftest import entry_text

NOT_A_COLUMN = "not an advice column (no qa/topics.yml here); run `advice init DIR` or pass --root"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("nonexistent.md", "advice check: nonexistent.md: no such file or folder"),
        ("qa/typo.md", "advice check: qa/typo.md: no such file or folder"),
        ("README.md", "advice check: README.md is not an entry: advice check reads *.md files"),
        ("mkdocs.yml.bak", "advice check: mkdocs.yml.bak is not an entry"),
        ("../outside.md", "advice check: ../outside.md is not inside the column"),
    ],
)
def test_a_path_check_cannot_check_is_an_error(column, capsys, path, message):
    column.entry("fine")
    column.write("README.md", "# A column\n")
    column.write("docs/index.md", "# Home\n")
    column.write("mkdocs.yml.bak", "site_name: old\n")
    (column.root.parent / "outside.md").write_text(entry_text(), encoding="utf-8")
    assert column.run("check", "qa/fine.md", path) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith(message)


def test_summary_counts_the_files_checked(column, capsys):
    for name in ("one", "two", "three"):
        column.entry(name)
    column.write("qa/bad.md", entry_text(extra="tgas: [a]\n"))
    assert column.run("check", "qa/bad.md") == 1
    assert capsys.readouterr().err.splitlines()[-1] == "advice check: 1 problem in 1 file"
    assert column.run("check", "qa/one.md", "qa/two.md") == 0
    assert capsys.readouterr().err.splitlines()[-1] == "advice check: no problems in 2 files"
    assert column.run("check") == 1
    assert capsys.readouterr().err.splitlines()[-1] == "advice check: 1 problem in 4 files"


def test_root_is_accepted_before_and_after_the_command(column, capsys, tmp_path, monkeypatch):
    column.write("qa/bad.md", entry_text(extra="tgas: [a]\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--root", str(column.root)]) == 1
    assert main(["--root", str(column.root), "check"]) == 1
    assert main(["--root", "elsewhere", "check", "--root", str(column.root), "qa/bad.md"]) == 1
    # A path from the current folder works too.
    relative = column.root.relative_to(tmp_path)
    assert main(["check", "--root", str(relative), str(relative / "qa" / "bad.md")]) == 1
    assert capsys.readouterr().out.count("QA021 unknown key 'tgas'") == 4


def test_every_column_command_lists_root_in_its_help():
    commands = _parser()._subparsers._group_actions[0].choices
    for name in ("check", "new", "build", "serve", "import"):
        assert "--root DIR" in commands[name].format_help(), name


@pytest.mark.parametrize(
    "argv",
    [["check"], ["check", "qa/x.md"], ["build"], ["new", "T", "--topic", "t"], ["serve"], ["import", "x"]],
)
def test_outside_a_column_one_plain_message(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"advice {argv[0]}: {NOT_A_COLUMN}\n"


def _column_with_cross_entry_problems(column) -> list[str]:
    """Entries that clash with each other through slugs, aliases and follow_up_of."""
    column.entry("a-first", extra="aliases: [old/one/]\n")
    column.entry("b-first", extra="slug: shared\n")
    column.entry("c-dup", extra="slug: shared\n")  # after b-first: QA027
    column.entry("d-alias", extra="aliases: [old/one/, topics/x/]\n")  # QA028 twice
    column.entry("e-follow", extra="follow_up_of: missing\n")  # QA034
    column.entry("f-follow", extra="follow_up_of: shared\n")  # fine
    column.entry("g-self", extra="follow_up_of: g-self\n")  # QA034
    column.entry("shared")  # the file name's slug is 'shared' too: QA027
    column.write("qa/h-broken.md", entry_text(extra="tgas: [a]\n"))
    column.write("qa/sub/i-ok.md", entry_text())
    return sorted(path.relative_to(column.root).as_posix() for path in column.root.rglob("*.md"))


def _reported(diagnostics) -> set[tuple[str, str, str]]:
    return {(d.path, d.code, d.message) for d in diagnostics}


def test_checking_files_reports_what_the_whole_column_reports_about_them(column, capsys):
    files = _column_with_cross_entry_problems(column)
    whole = load_column(column.root).diagnostics
    assert {code for _, code, _ in _reported(whole)} == {"QA021", "QA027", "QA028", "QA034"}
    for rel in files:
        column.run("check", rel)
        out = capsys.readouterr().out
        expected = {line for line in _reported(whole) if line[0] == rel}
        assert {(path, code, message) for path, code, message in _parsed(out)} == expected, rel
    column.run("check", "qa/sub")
    assert _parsed(capsys.readouterr().out) == []


def test_checking_files_points_at_the_line_that_clashes(column, capsys):
    column.entry("one", extra="slug: shared\n")
    column.entry("two", extra="tags: [a]\nslug: shared\nfollow_up_of: nobody\n")
    assert column.run("check", "qa/two.md") == 1
    lines = capsys.readouterr().out.splitlines()
    assert "qa/two.md:6:7: QA027 slug 'shared' is also used by qa/one.md;" in "\n".join(lines)
    assert "qa/two.md:7:15: QA034 follow_up_of 'nobody' is not the slug of another entry" in lines


def test_a_symbolic_link_out_of_qa_is_refused_when_named(column, capsys):
    outside = column.root.parent / "secret.md"
    outside.write_text(entry_text(), encoding="utf-8")
    (column.root / "qa" / "link.md").symlink_to(outside)
    assert column.run("check", "qa/link.md") == 1
    assert "qa/link.md:1:1: QA004 qa/link.md is a symbolic link" in capsys.readouterr().out


def _parsed(out: str) -> list[tuple[str, str, str]]:
    found = []
    for line in out.splitlines():
        place, _, rest = line.partition(": ")
        code, _, message = rest.partition(" ")
        found.append((place.split(":")[0], code, message))
    return found


def _age(root, seconds_ago: int) -> None:
    """Date every entry back, past the two seconds in which a change is not cached."""
    when = time.time() - seconds_ago
    for path in (root / "qa").rglob("*.md"):
        os.utime(path, (when, when))


def test_the_slug_index_follows_every_edit(column, capsys):
    one = column.entry("one", extra="slug: shared\n")
    column.entry("two")
    _age(column.root, 100)
    assert column.run("check", "qa/two.md") == 0
    assert (column_cache(column.root) / CACHE_FILE).is_file()
    assert column.run("check", "qa/two.md") == 0  # from the index this time
    one.write_text(entry_text(extra="slug: two\n"), encoding="utf-8")
    _age(column.root, 50)
    assert column.run("check", "qa/two.md") == 1
    assert "QA027 slug 'two' is also used by qa/one.md" in capsys.readouterr().out
    one.unlink()
    assert column.run("check", "qa/two.md") == 0


def _index_text(claims: str, records: str) -> str:
    return f"advice-column check slug index 3\n{claims}\n{records}"


def _record(column, rel: str, **changed: int) -> str:
    """The record the index keeps for ``rel``, with some of its numbers changed."""
    info = (column.root / rel).stat()
    numbers = {"ino": info.st_ino, "mtime": info.st_mtime_ns, "ctime": info.st_ctime_ns, "size": info.st_size}
    numbers.update(changed)
    return f"{rel}\0{numbers['ino']}:{numbers['mtime']}:{numbers['ctime']}:{numbers['size']}"


@pytest.mark.parametrize(
    ("claims", "changed"),
    [
        # Another file at that path once: its claim is not believed, whichever number differs.
        ('{"qa/one.md": ["two", [], null, []]}', {"ino": 1}),
        ('{"qa/one.md": ["two", [], null, []]}', {"mtime": 2}),
        ('{"qa/one.md": ["two", [], null, []]}', {"ctime": 3}),  # same time and size, rewritten
        ('{"qa/one.md": ["two", [], null, []]}', {"size": 4}),
        # Damaged: not as the index writes it.
        ('{"qa/one.md": [5]}', {}),
        ('{"qa/one.md": ["Not A Slug", [], null, []]}', {}),
        ('{"qa/one.md": ["two", "aliases", null, []]}', {}),
        ("null", {}),
        ("[1, 2", {}),
    ],
)
def test_a_stale_or_damaged_slug_index_is_never_believed(column, capsys, claims, changed):
    column.entry("one")
    column.entry("two", extra="follow_up_of: one\n")
    _age(column.root, 100)
    records = "\0".join([_record(column, "qa/one.md", **changed), _record(column, "qa/two.md")])
    (column_cache(column.root) / CACHE_FILE).write_text(_index_text(claims, records), encoding="utf-8")
    assert column.run("check", "qa/two.md") == 0
    assert column.run("check", "qa/one.md") == 0


def test_a_slug_index_as_stored_is_believed(column, capsys):
    """The other side of the test above: the same claim with every number right is used."""
    column.entry("one")
    column.entry("two", extra="follow_up_of: one\n")
    _age(column.root, 100)
    records = "\0".join([_record(column, "qa/one.md"), _record(column, "qa/two.md")])
    claims = '{"qa/one.md": ["two", [], null, [["slug", 4]]]}'
    (column_cache(column.root) / CACHE_FILE).write_text(_index_text(claims, records), encoding="utf-8")
    assert column.run("check", "qa/two.md") == 1
    assert "QA027 slug 'two' is also used by qa/one.md" in capsys.readouterr().out


def test_checking_files_writes_nothing_into_the_column(column):
    column.entry("one")
    _age(column.root, 100)
    before = sorted(column.root.rglob("*"))
    assert column.run("check", "qa/one.md") == 0
    assert sorted(column.root.rglob("*")) == before


def test_every_file_claims_its_slug_aliases_and_follow_up(column):
    column.entry("plain")
    column.entry("set", extra="slug: other\naliases: [2019/12/old/]\nfollow_up_of: plain\n")
    listing = find_entry_files(column.root / "qa", [], column.root)
    plain, other = read_claims(listing)
    assert (plain.path, plain.slug, plain.aliases, plain.follow_up_of) == ("qa/plain.md", "plain", (), None)
    assert (other.slug, other.aliases, other.follow_up_of) == ("other", ("2019/12/old/",), "plain")
    assert [other.line_of(key) for key in ("slug", "aliases", "follow_up_of")] == [5, 6, 7]


def test_the_slug_index_never_expands_yaml_aliases(column, capsys):
    # Nine levels of ten aliases each would be a billion items if the index constructed them.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    column.write("qa/bomb.md", entry_text(extra="slug: bomb\n" + "\n".join(levels) + "\naliases: *a8\n"))
    column.entry("fine", extra="follow_up_of: bomb\n")
    assert column.run("check", "qa/fine.md") == 0
    assert column.run("check", "qa/bomb.md") == 1  # the file's own check refuses the aliases
