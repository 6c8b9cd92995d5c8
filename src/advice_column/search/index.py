"""Index the entries with Pagefind, the static search that fetches only what a query needs.

Material's lunr index is fetched whole on every page view (21.6 MB at 5,000 entries); Pagefind
splits its index into small chunks. Only entries are indexed, and within them only the element
marked ``data-search-body`` (title, asker, question, answer, tags), with topic and tag filters:
the page templates mark what to index with ``data-search-*`` attributes (body, ignore, meta,
filter), which become Pagefind's ``data-pagefind-*`` in the documents given to it.

The entry pages' bodies are known before MkDocs runs (they are generated HTML), so Pagefind's
own process indexes them on the other core while MkDocs renders the site (see indexer.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
from collections import Counter
from importlib import metadata
from pathlib import Path

from pagefind_bin import get_executable

from ..engine.lifetime import die_with_parent
from ..entries.frontmatter import split_front_matter
from ..errors import BuildError
from . import addresses
from .scripts import write_scripts
from .synonyms import render_synonyms
from .vocabulary import count_words, write_vocabulary

ENTRY_PAGES = "qa/*/index.html"
RECORD = "advice-sources.txt"  # in each part: the digest of what it was indexed from
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_NICENESS = 5


class SearchIndexError(BuildError):
    """Pagefind failed; the message says why."""


def entry_names(docs_dir: Path) -> list[str]:
    """The generated entry pages' file names (``<slug>.md``), in order."""
    folder = docs_dir / "qa"
    return sorted(name for name in os.listdir(folder) if name.endswith(".md")) if folder.is_dir() else []


def entry_documents(docs_dir: Path, language: str, names: list[str]) -> dict[str, str]:
    """``{qa/<slug>/index.html: html}`` for the entry pages ``names``, as Pagefind will see them."""
    documents = {}
    head = f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
    for name in names:
        with open(os.path.join(docs_dir, "qa", name), encoding="utf-8") as file:
            text = file.read()
        body = split_front_matter(text).body if text.startswith("---\n") else text
        # Only the article is indexed (data-pagefind-body): what follows it (related questions,
        # structured data) would be parsed for nothing. No contributor HTML can hold an article.
        start, end = body.find("<article"), body.rfind("</article>")
        if 0 <= start < end:
            body = body[start : end + len("</article>")]
        body = body.replace(" data-search-", " data-pagefind-")
        documents[f"qa/{name[:-3]}/index.html"] = f"{head}<body>{body}</body></html>"
    return documents


def build_index(
    docs_dir: Path,
    language: str,
    source_dir: Path,
    out: Path,
    part_entries: int,
    previous: Path | None = None,
    synonyms: list[list[str]] | None = None,
) -> list[int]:
    """Index each part into ``out`` (the site's search folder), with its other files; raises
    SearchIndexError. Returns the parts left out of ``out`` because ``previous`` has them.

    ``previous`` is the last index made for this column, kept in a folder only this user can
    write (never the column's ``site/``): a part whose documents are those it was indexed from
    there is not indexed again, and the caller takes it from there (see ``background.py``). A
    part whose pages are the same files, untouched since the last index from ``source_dir``
    (the build rewrites a page only when its text changed), keeps the digest recorded there,
    without its documents being read again.
    """
    names = entry_names(docs_dir)
    parts = [names[start : start + part_entries] for start in range(0, len(names), part_entries)]
    for stale in [path for kind in ("", "digest-", "words-") for path in source_dir.glob(f"{kind}part-*")]:
        if int(stale.name.rsplit("-", 1)[1].split(".")[0]) >= len(parts):
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    source_dir.mkdir(parents=True, exist_ok=True)
    bundle = out / addresses.inside(addresses.BUNDLE)
    kept = []
    words: Counter = Counter()
    for number, part in enumerate(parts):  # none when there is no entry: Pagefind refuses that
        record = source_dir / f"digest-part-{number}.txt"
        documents = None  # one part at a time in memory, and only when needed
        files = _file_stamps(docs_dir, part)
        digest = _recorded_digest(record, language, files)
        if digest is None:
            documents = entry_documents(docs_dir, language, part)
            digest = _part_digest(language, list(documents.items()))
        folder = addresses.part_folder(number)
        if previous is not None and made_from(previous / folder) == digest:
            kept.append(number)
        else:  # only a part indexed again needs its documents on disk
            documents = documents or entry_documents(docs_dir, language, part)
            _write_documents(documents, source_dir / f"part-{number}")
            run_pagefind(source_dir / f"part-{number}", bundle / folder, language)
            (bundle / folder / RECORD).write_text(digest, encoding="utf-8")
        record.write_text("\n".join([_sources_version(language), digest, *files]), encoding="utf-8")
        words_record = source_dir / f"words-part-{number}.json"
        counts = _recorded_words(words_record, digest)
        if counts is None:  # the part's documents changed: read them (if not read already)
            counts = count_words(documents or entry_documents(docs_dir, language, part))
            words_record.write_text(json.dumps({"digest": digest, "words": counts}), encoding="utf-8")
        words.update(counts)
    write_vocabulary(words, out / addresses.inside(addresses.WORDS))
    further = [f"{addresses.BUNDLE}/{addresses.part_folder(n)}/" for n in range(1, len(parts))]
    files = {addresses.PARTS_FILE: json.dumps(further) + "\n"}
    files[addresses.SYNONYMS_FILE] = render_synonyms(synonyms or [])
    for address, text in files.items():
        (out / addresses.inside(address)).write_text(text, encoding="utf-8")
    write_scripts(out)
    return kept


def made_from(part: Path) -> str | None:
    """The digest ``part`` of a kept index was indexed from, if it has one."""
    try:
        return (part / RECORD).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _write_documents(documents: dict[str, str], folder: Path) -> None:
    """Make ``folder`` hold exactly ``documents`` (relative paths), for Pagefind to read."""
    shutil.rmtree(folder, ignore_errors=True)
    for rel, text in documents.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _recorded_words(record: Path, digest: str) -> Counter | None:
    """A part's words with their counts, as recorded when its documents were ``digest``."""
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        return Counter(kept["words"]) if kept["digest"] == digest else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _file_stamps(docs_dir: Path, names: list[str]) -> list[str]:
    """Each page's name, modification time (ns) and size: any write changes them."""
    stamps = []
    for name in names:
        stat = os.stat(os.path.join(docs_dir, "qa", name))
        stamps.append(f"{name} {stat.st_mtime_ns} {stat.st_size} {stat.st_ino}")
    return stamps


def _recorded_digest(record: Path, language: str, files: list[str]) -> str | None:
    """The part's digest as the last index recorded it, if made from these very files."""
    try:
        version, digest, *recorded = record.read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return None
    return digest if version == _sources_version(language) and recorded == files else None


@functools.cache
def _sources_version(language: str) -> str:
    return f"pagefind {metadata.version('pagefind_bin')} {language}"


def _part_digest(language: str, documents: list[tuple[str, str]]) -> str:
    """What a part is indexed from: Pagefind (by version, not path), the language and every document."""
    digest = hashlib.sha256(f"{_sources_version(language)}\0".encode())
    for path, html in documents:
        digest.update(f"{path}\0{html}\0".encode())
    return digest.hexdigest()


def run_pagefind(site: Path, output: Path, language: str) -> None:
    """Index the entry pages under ``site`` into the bundle folder ``output``."""
    command = [
        str(get_executable()),
        *("--site", str(site), "--glob", ENTRY_PAGES),
        *("--output-path", str(output), "--force-language", language, "--quiet"),
    ]
    # A thread per core, at a lower priority: while the site's pages render on every core it
    # takes what they leave, and when they are done (the index of long answers outlasts them)
    # it has every core, not one. Its threads cost no more CPU than one thread does.
    environment = {**os.environ, "RAYON_NUM_THREADS": str(_CORES)}
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            preexec_fn=functools.partial(_lower_priority, os.getpid()),  # this process has one thread
        )
    except OSError as error:
        raise SearchIndexError(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{result.stdout}{result.stderr}".rstrip())


def _lower_priority(parent: int) -> None:
    """In Pagefind's process before it starts: die with ``parent``, and yield to the build."""
    die_with_parent(parent)
    os.nice(_NICENESS)


def count_indexed_pages(bundle: Path) -> int:
    """How many pages the Pagefind ``bundle`` holds, all its parts together."""
    total = 0
    for entry_file in [bundle / "pagefind-entry.json", *bundle.glob("part-*/pagefind-entry.json")]:
        if entry_file.exists():
            entry = json.loads(entry_file.read_text(encoding="utf-8"))
            total += sum(language["page_count"] for language in entry["languages"].values())
    return total
