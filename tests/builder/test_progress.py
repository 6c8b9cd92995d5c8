"""Progress on a terminal versus in a CI log."""

from __future__ import annotations

import io
import re
import time

from advice_column.builder.progress import Progress


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


def test_a_background_stage_is_shown_running_and_reports_its_whole_time():
    stream = io.StringIO()
    progress = Progress("advice build", stream, live=True)
    progress.start_background("indexing for search")
    with progress.stage("rendering pages") as tick:
        tick(1, 2)
        assert stream.getvalue().endswith("rendering pages 1/2 · indexing for search running")
        time.sleep(0.2)
    with progress.wait_for("indexing for search"):
        assert "waiting for indexing for search…" in stream.getvalue()
    last = stream.getvalue().rsplit("\r\033[K", 1)[1]
    seconds, waited = re.fullmatch(
        r"advice build: indexing for search in (\d+\.\d) s \(in the background; waited (\d+\.\d) s\)\n", last
    ).groups()
    assert float(seconds) >= 0.2 and float(waited) < float(seconds)  # not the "0.0 s" of the wait alone
