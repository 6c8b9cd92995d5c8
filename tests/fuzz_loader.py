"""Coverage-guided fuzzing of the loader with atheris: any bytes give diagnostics, never a crash.

python tests/fuzz_loader.py -runs=2000          # a short run (the test suite does this)
scripts/fuzz                                    # ten minutes, or pass libFuzzer options
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from advice_column.entries.loader import load_entry
    from advice_column.entries.model import Topic
    from advice_column.entries.topics import load_topics

TOPICS = {"interviews": Topic("interviews", "Interviews", "")}
COLUMN = Path(tempfile.mkdtemp(prefix="advice-fuzz-"))
ENTRY = COLUMN / "qa" / "entry.md"
TOPICS_FILE = COLUMN / "qa" / "topics.yml"
ENTRY.parent.mkdir(parents=True)


def test_one_input(data: bytes) -> None:
    """Load ``data`` as an entry, or as the topics file when its first byte is odd."""
    diagnostics: list = []
    if data[:1] and data[0] % 2:
        TOPICS_FILE.write_bytes(data[1:])
        load_topics(COLUMN, "qa", diagnostics)
        return
    ENTRY.write_bytes(data)
    entry = load_entry(COLUMN, ENTRY, TOPICS, diagnostics)
    # Exactly one outcome: a valid entry, or at least one problem naming this file.
    assert (entry is None) == bool(diagnostics), (entry, diagnostics)
    assert all(d.path == "qa/entry.md" and d.line >= 1 and d.col >= 1 for d in diagnostics)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
