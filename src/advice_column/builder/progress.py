"""Progress of long stages: a live counter on a terminal, one line per stage in CI logs."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..entries.model import Tick
from ..entries.problems import log_line

TYPE_CHECKING = False  # typing takes milliseconds to import, and `advice check` starts on every commit
if TYPE_CHECKING:
    from typing import TextIO

"""Called with (done, total) as a stage advances."""


class Progress:
    """Reports stages of a command on ``stream`` (stderr), so stdout keeps only diagnostics.

    Each line is escaped like every other line the tool prints (builder/console.py); the only
    control characters written are its own, that redraw the live line on a terminal."""

    def __init__(self, command: str, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.command = command
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self._last_draw = 0.0
        self._background: dict[str, float] = {}  # label: start of each stage running beside others

    def note(self, text: str) -> None:
        """One line about the command's progress that is not a stage (e.g. waiting for a lock)."""
        self.stream.write(log_line(f"{self.command}: {text}") + "\n")
        self.stream.flush()

    @contextmanager
    def stage(self, label: str) -> Iterator[Tick]:
        """Time a stage; the yielded callback reports how far it got."""
        start = time.perf_counter()
        counts = [0, 0]

        def tick(done: int, total: int) -> None:
            counts[:] = [done, total]
            now = time.perf_counter()
            if self.live and (now - self._last_draw > 0.1 or done == total):
                self._last_draw = now
                self._draw(f"{label} {done:,}/{total:,}")

        if self.live:
            self._draw(f"{label}…")
        yield tick
        elapsed = time.perf_counter() - start
        amount = f" {counts[1]:,}" if counts[1] else ""
        self._line(f"{label}{amount} in {elapsed:.1f} s")

    def start_background(self, label: str) -> None:
        """A stage that runs beside the next ones: shown as running until :meth:`wait_for` it."""
        self._background[label] = time.perf_counter()

    @contextmanager
    def wait_for(self, label: str) -> Iterator[Callable[[float], None]]:
        """Wait for a background stage; reports its own time and how long it was waited for.

        Its own time is from :meth:`start_background` to the end of the wait, unless the
        yielded callback is given the time the stage really took."""
        start = time.perf_counter()
        if self.live:
            self._draw(f"waiting for {label}…")
        took: list[float] = []
        yield took.append
        now = time.perf_counter()
        began = self._background.pop(label, start)
        seconds = took[0] if took else now - began
        self._line(f"{label} in {seconds:.1f} s (in the background; waited {now - start:.1f} s)")

    def _draw(self, text: str) -> None:
        running = "".join(f" · {label} running" for label in self._background)
        self.stream.write("\r\033[K" + log_line(f"{self.command}: {text}{running}"))
        self.stream.flush()

    def _line(self, text: str) -> None:
        end = "\r\033[K" if self.live else ""
        self.stream.write(end + log_line(f"{self.command}: {text}") + "\n")
        self.stream.flush()
