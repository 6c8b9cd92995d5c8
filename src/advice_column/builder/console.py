"""Every line the ``advice`` commands print passes here, escaped for a terminal and a CI log.

Entry fields, file names, MkDocs' warnings and imported titles are chosen by whoever wrote the
column or the export: printed as they are, an escape sequence would move the terminal's cursor
and a line starting with ``::`` would be a GitHub workflow command (a fake annotation, or
``::stop-commands::`` switching the real ones off). So nothing reaches stdout or stderr but
through :func:`say`, :func:`tell` or :func:`print_diagnostics`, and each line is escaped whole:
a newline inside a value is shown as ``\\x0a``, never a line of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..entries.problems import Diagnostic, format_github, log_line, printable


def say(*lines: str) -> None:
    """Print each line on stdout (what a command produced: paths, problems, a report), escaped."""
    _write(sys.stdout, [log_line(line) for line in lines])


def tell(*lines: str) -> None:
    """Print each line on stderr (progress, summaries, errors), escaped."""
    _write(sys.stderr, [log_line(line) for line in lines])


def print_diagnostics(diagnostics: list[Diagnostic], output_format: str = "text") -> None:
    """Print problems on stdout, as ``path:line:col: CODE message`` or as GitHub annotations."""
    if output_format == "github":
        # The one line that starts with '::' on purpose: its values escaped by GitHub's rules.
        _write(sys.stdout, [printable(format_github(diagnostic)) for diagnostic in diagnostics])
    else:
        say(*map(str, diagnostics))


@contextmanager
def library_messages(prefix: str) -> Iterator[None]:
    """While it lasts, what libraries log (warnings and worse) and Python's warnings are told, escaped.

    Without it, a record that reaches the root logger is printed raw by ``logging.lastResort``:
    MkDocs' config warnings name the unknown key as ``mkdocs.yml`` spells it, control characters
    and all. Deferred import: ``advice check`` runs on every commit and needs no logging.
    """
    import logging
    import traceback

    def emit(record: logging.LogRecord) -> None:
        lines = [f"{prefix}: {record.levelname.lower()}: {record.getMessage()}"]
        if record.exc_info:
            lines += "".join(traceback.format_exception(*record.exc_info)).rstrip("\n").split("\n")
        tell(*lines)

    handler = logging.Handler(logging.WARNING)
    handler.emit = emit  # type: ignore[method-assign]
    root = logging.getLogger()
    root.addHandler(handler)
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)


def _write(stream, lines: list[str]) -> None:
    stream.write("".join(f"{line}\n" for line in lines))
    stream.flush()
