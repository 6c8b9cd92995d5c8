"""Progress on a terminal versus in a CI log."""

from __future__ import annotations

import io
import re

from advice_column.build.progress import Progress


def run_stage(live: bool) -> str:
    stream = io.StringIO()
    with Progress("advice build", stream, live=live).stage("rendering pages") as tick:
        for done in range(1, 4):
            tick(done, 3)
    return stream.getvalue()


def test_log_output_is_one_line_per_stage():
    output = run_stage(live=False)
    assert re.fullmatch(r"advice build: rendering pages 3 in \d+\.\d s\n", output)


def test_terminal_output_counts_in_place():
    output = run_stage(live=True)
    assert "\radvice build: rendering pages 3/3" in output.replace("\033[K", "")
    assert output.endswith(" in 0.0 s\n") and "\n" not in output[:-1]


def test_cli_check_stays_line_oriented_when_not_on_a_terminal(column, capsys):
    column.entry("one")
    assert column.run("check") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "\r" not in captured.err
    assert captured.err.splitlines()[-1] == "advice check: no problems in 1 file"
