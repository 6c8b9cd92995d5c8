"""An indexer process (``background.spawn_indexer``), given its work on stdin as one JSON line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..engine.lifetime import die_with_parent
from .background import DONE, KEPT_PARTS
from .index import SearchIndexError, build_index

if __name__ == "__main__":
    die_with_parent(int(sys.argv[1]))
    line = sys.stdin.readline()
    if not line:
        raise SystemExit(0)  # stopped before it was given work
    started = time.perf_counter()
    try:
        docs, language, source, out, part_entries, kept, synonyms = json.loads(line)
        folders = Path(docs), language, Path(source), Path(out)
        reused = build_index(*folders, int(part_entries), Path(kept), synonyms)
        if reused:
            Path(out).parent.joinpath(KEPT_PARTS).write_text(" ".join(map(str, reused)), encoding="utf-8")
    except SearchIndexError as error:
        raise SystemExit(str(error)) from None
    print(f"{DONE} {time.perf_counter() - started:.2f} s")
