"""Every line the commands print is escaped: no control character, no GitHub workflow command.

A file name, an entry's field, an imported title or one of MkDocs' warnings is chosen by whoever
wrote the column or the export. In a CI log, a line starting with '::' (after spaces) or holding
'##[' anywhere is a workflow command, and an escape sequence rewrites what a person reads.
"""

from __future__ import annotations

import ast
import logging
import re
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from advice_column.builder.console import library_messages, print_diagnostics
from advice_column.entries.problems import INVISIBLE, Diagnostic, log_line

from ..conftest import entry_text, free_port
from ..importing.test_import import advice as run_import
from ..importing.test_import import post, wxr

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "advice_column"
HOSTILE = "x\n::error file=mkdocs.yml,line=1::pwned \x1b[31mred\r\u202eevil ##[warning]v1"
# The runner's own parse of '::name properties::data': our annotations, and nothing else, start so.
ANNOTATION = re.compile(r"::error file=[^:,]*,line=\d+,col=\d+,title=QA\d{3}::")


def assert_safe_log(text: str, annotations: bool = False) -> None:
    """No control or invisible character but the line ends, and no line a runner reads as a command."""
    for character in text:
        assert character == "\n" or not re.match(f"[{INVISIBLE}]", character), repr(character)
    for line in text.splitlines():
        if annotations and line.startswith("::"):
            assert ANNOTATION.match(line), line
            continue
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("one\ntwo\rthree", "one\\x0atwo\\x0dthree"),
        ("tab\there", "tab\\x09here"),
        ("\x85next line, \x9b CSI", "\\x85next line, \\x9b CSI"),
        ("::error::x", "\\x3a:error::x"),
        ("  ::warning file=a::x", "  \\x3a:warning file=a::x"),
        ("\u2003::notice::x", "\u2003\\x3a:notice::x"),
        ("\x0b::stop-commands::t", "\\x0b::stop-commands::t"),
        ("see ##[error]x", "see #\\x23[error]x"),
        ("\u202eabc \u2066d\u2069", "\\u202eabc \\u2066d\\u2069"),
        ("zero\u200bwidth\ufeff soft\u00adhyphen", "zero\\u200bwidth\\ufeff soft\\xadhyphen"),
        # Ordinary text stays as it is: colons, a hash, accents, emoji with their joiners.
        ("qa/a.md:3:1: QA021 a :: b #1 [x]", "qa/a.md:3:1: QA021 a :: b #1 [x]"),
        ("Ça va? 👩\u200d💻 ل\u200cا", "Ça va? 👩\u200d💻 ل\u200cا"),
        (":one colon", ":one colon"),
        ("qa/\udcff.md", "qa/\\udcff.md"),  # a name that is not UTF-8, as os.listdir gives it
    ],
)
def test_a_line_is_shown_with_its_controls_escaped(text, shown):
    assert log_line(text) == shown
    assert_safe_log(log_line(text))


def test_annotations_escape_values_by_githubs_rules(capsys):
    diagnostic = Diagnostic(f"qa/{HOSTILE}.md", 2, 3, "QA024", f"unknown topic '{HOSTILE}'")
    print_diagnostics([diagnostic], "github")
    out = capsys.readouterr().out
    assert_safe_log(out, annotations=True)
    (line,) = out.splitlines()
    assert line.startswith(
        "::error file=qa/x%0A%3A%3Aerror file=mkdocs.yml%2Cline=1%3A%3Apwned \\x1b[31mred%0D"
    )
    assert line.endswith(
        "::QA024 unknown topic 'x%0A::error file=mkdocs.yml,line=1::pwned \\x1b[31mred%0D"
        "\\u202eevil ##[warning]v1'"
    )


def test_nothing_prints_but_the_console():
    """Lines reach stdout and stderr only through builder/console.py and the progress printer."""
    allowed = {"builder/console.py", "builder/progress.py", "search/indexer.py"}  # indexer: a child's pipe
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name == "print" or re.fullmatch(r"sys\.(stdout|stderr)\.write", name):
                found.append(f"{rel}:{node.lineno}: {name}")
    assert [line for line in found if line.split(":")[0] not in allowed] == []


def test_a_build_shows_a_hostile_docs_file_name_escaped(column):
    """A real build, as CI runs it: MkDocs' warning names the file, and the log stays clean."""
    column.entry("one")
    column.write(f"docs/{HOSTILE}.md", "# Hi\n\nSee [the missing page](missing.md).\n")
    result = subprocess.run(
        [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"],
        capture_output=True,
        timeout=300,
    )
    log = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == 1, log
    assert_safe_log(log)
    assert "x\\x0a\\x3a:error" in log or "x\\x0a::error file=mkdocs.yml" in log, log
    assert "\\x1b[31mred\\x0d\\u202eevil #\\x23[warning]v1" in log, log


def test_what_libraries_log_or_warn_is_told_escaped(capsys):
    with library_messages("advice build"):
        logging.getLogger("mkdocs.config").warning("Config value '%s': unknown", HOSTILE)
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn(HOSTILE, UserWarning, stacklevel=1)
        try:
            raise ValueError(HOSTILE)
        except ValueError:
            logging.getLogger("mkdocs.livereload").exception("rebuild failed")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_safe_log(captured.err)
    lines = captured.err.splitlines()
    assert lines[0].startswith("advice build: warning: Config value 'x\\x0a::error file=mkdocs.yml")
    assert any(line.startswith("advice build: warning: ") and "UserWarning" in line for line in lines)
    # A traceback keeps its lines; a line of its own from the message is still no command.
    assert (
        any("rebuild failed" in line for line in lines) and "ValueError: x\n\\x3a:error file=" in captured.err
    )
    assert logging.getLogger().handlers == [] or all(
        h.level == logging.NOTSET for h in logging.getLogger().handlers
    )


def test_a_build_tells_mkdocs_config_warnings_escaped(column):
    column.entry("one")
    settings = (column.root / "mkdocs.yml").read_text(encoding="utf-8")
    column.write("mkdocs.yml", settings + '"\\n::error file=x::key \\e[31m##[warning]": 1\n')
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "build"]
    result = subprocess.run(command, capture_output=True, timeout=300)
    log = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == 1, log
    assert_safe_log(log)
    assert "::error file=x::key \\x1b[31m#\\x23[warning]" in log


def test_serve_shows_hostile_file_names_escaped(column):
    """The preview's own lines: what the build did and MkDocs' warnings, on the way to serving."""
    column.entry("one")
    column.write(f"docs/{HOSTILE}.md", "# Hi\n\nSee [the missing page](missing.md).\n")
    command = [sys.executable, "-m", "advice_column", "--root", str(column.root), "serve"]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{free_port()}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        seen = b""
        while b"ready at" not in seen:
            line = server.stderr.readline()
            assert line, seen
            seen += line
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    log = (out + seen + err).decode("utf-8")
    assert_safe_log(log)
    assert (
        "x\\x0a::error file=mkdocs.yml,line=1::pwned \\x1b[31mred\\x0d\\u202eevil #\\x23[warning]v1" in log
    ), log


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_check_shows_hostile_paths_and_values_escaped(column, capsys, output_format):
    column.write(f"qa/{HOSTILE}.md", entry_text(topic='"::error::\\e[2K"'))
    column.write("qa/two.md", entry_text(extra='tags: ["##[error]x", "\\u202eevil"]\n'))
    column.write("qa/three.md", entry_text(extra='"\\n::warning file=a::b": 1\n'))
    assert column.run("check", "--format", output_format) == 1
    captured = capsys.readouterr()
    assert_safe_log(captured.out, annotations=output_format == "github")
    assert_safe_log(captured.err)
    assert len(captured.out.splitlines()) >= 4, captured.out


def test_import_shows_hostile_titles_and_categories_escaped(column, tmp_path, capsys):
    category = '<category domain="category" nicename="odd"><![CDATA[Odd\n::error::x ##[error]y]]></category>'
    items = post("Hello \u202eworld ##[error]x", "<p>Q: What?</p><p>A: This.</p>", name="hello")
    items += post("Second", "<p>Q: Why?</p>", name="second").replace("</item>", f"{category}</item>")
    export = tmp_path / "export.xml"
    export.write_bytes(wxr(items))
    assert run_import(column.root, str(export), "--dry-run") == 1
    captured = capsys.readouterr()
    assert_safe_log(captured.out)
    assert_safe_log(captured.err)
    assert "'Hello world #\\x23[error]x'" in captured.out
    assert "::error::x #\\x23[error]y: 1 post" in captured.out


@pytest.mark.parametrize(
    "argv",
    [
        ["Title\x1b[2K\n::error::x", "--topic", "interviews"],
        ["A fine title", "--topic", "\n::error file=a::b\x1b[1m"],
        ["A fine title", "--topic", "interviews", "--tags", "a,##[error]b\x1b"],
    ],
)
def test_new_shows_hostile_values_escaped(column, capsys, argv):
    assert column.run("new", *argv) == 2
    captured = capsys.readouterr()
    assert_safe_log(captured.out + captured.err)
    assert "advice new: " in captured.err


def test_new_lists_similar_titles_escaped(column, capsys):
    column.entry("first", title='"How do I follow up ##[error]after an interview?"')
    assert column.run("new", "How do I follow up after an interview?", "--topic", "interviews") == 0
    captured = capsys.readouterr()
    assert_safe_log(captured.out + captured.err)
    assert "#\\x23[error]" in captured.err
