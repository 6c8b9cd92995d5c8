#!/usr/bin/env python3
"""Benchmark the column at scale: check, build, preview an edit, and what a reader downloads.

    scripts/bench [--sizes 100,1000] [--shapes standard,rich] [--json PATH] [--keep DIR]
                  [--no-browser] [--seed N] [--relevance]

First (``--relevance``: only that) a relevance table: the graded reader queries of
``tests/fixtures/relevance`` through our search page and through plain MkDocs + Material's
built-in search on the same entries, both in Chromium (see scripts/relevance.py).

For each shape of column (``standard``: 2-5 tags and 300-850 words an entry; ``rich``: 8-14
tags and 1,500-3,000 words) and each size N it writes a synthetic column of N entries (seeded,
so the same N always gives the same bytes) into a temporary folder and measures, each in a
fresh process:

- ``advice check`` against a floor that only reads the files and parses their front matter;
- ``advice build``, split by stage (load, generate, engine, search index, verify, publish), with
  its peak memory, against what a columnist would otherwise run: plain MkDocs + Material with
  its built-in search plugin building the same entry files (out of the nav) and the home page;
  the two take turns, seven rounds each up to 1,000 entries and three up to 10,000, and their
  medians are compared;
- the preview: ``Preview.rebuild`` after one entry's answer changed, against the full build;
- what readers get: an entry page's HTML, page 1 of the biggest topic, and the bytes a real
  Chromium fetches for the home page plus one search.

It prints a table per shape (one column per N), every target with PASS or MISS, and writes every figure
to JSON (default bench-results.json). Misses are findings, not failures: the exit status is 0
unless something could not be measured. 10,000 entries take a while: ask for them with
``--sizes 100,1000,10000``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"

if (
    __name__ == "__main__"
    and (VENV / "bin" / "python").exists()
    and Path(sys.prefix).resolve() != VENV.resolve()
    and not os.environ.get("ADVICE_BENCH_REEXEC")
):
    # Run with any python3: the project and its tools live in the repository's .venv.
    os.environ["ADVICE_BENCH_REEXEC"] = "1"
    os.execv(VENV / "bin" / "python", [str(VENV / "bin" / "python"), __file__, *sys.argv[1:]])

import argparse  # noqa: E402 - after the re-exec above, which needs nothing but os and sys
import contextlib  # noqa: E402
import datetime  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from importlib import metadata  # noqa: E402
from urllib.parse import unquote  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))  # scripts/chromium.py, also when the tests import this file
import relevance  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

DEFAULT_SIZES = (100, 1000)
# Entry shapes: (fewest, most) tags and (fewest, most) words of an entry.
SHAPES = {"standard": ((2, 5), (300, 850)), "rich": ((8, 14), (1500, 3000))}
DEFAULT_SHAPES = ("standard", "rich")
DEFAULT_SEED = 20_251_126
DEFAULT_JSON = "bench-results.json"
CHECK_REPEATS = 3  # check and its floor are quick: best of three, to see past a busy machine
# This machine's speed drifts (page faults cost twice as much at some times as at others), so
# the build and plain MkDocs take turns, and the medians are compared: this many rounds each up
# to 1,000 entries, where a few seconds swing by 15% from one build to the next, then three up
# to 10,000 entries, and one beyond.
SMALL_BUILD_ROUNDS = 7
BUILD_ROUNDS = 3
SEARCH_WORD = "interview"
EDIT_SENTENCE = "One more thought since this ran: write the follow-up note today, not next week."
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
MARKER = ".advice-bench"  # marks a folder this script wrote, so --keep may replace it

# ---------------------------------------------------------------------------------------------
# The synthetic column
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


# Common English words, roughly most frequent first: text draws them with Zipf-like weights.
WORDS = _words(
    """
the of and to a in is you that it for i was on are with as be at have this they or not but
from by what we he can all your if there do will my so one about when which their out up
more time would get just like them some she how other then could no only than also into
work job new know people because make first any these our well two want good even back way
most over year think after should need really me his her much say help still take every
where ask day many those very while before through last find before right down never
same long each look feel going tell own company boss team manager interview offer pay
money salary raise office coworker meeting week month email call role resume letter
skill skills career school years hours place hard better little great thing things part
kind next again another around without might something always often show give keep start
started let come came said made sure done used left best enough less early late family
friend friends home life project projects plan plans client clients question answer
advice problem problems idea ideas reason reasons fact point side story word words change
small large short whole open clear true real simple honest fair quick slow busy careful
calm direct polite warm steady useful possible likely certain able ready worth happy
worried afraid tired angry proud glad sorry nervous quiet remote hybrid senior junior
new old full part hiring recruiter reference references contract benefits bonus review
feedback promotion title deadline schedule shift overtime vacation leave training degree
course mentor network contact contacts message note notes list lists number numbers
write writing read reading talk talking listen listening learn learning try trying move
moving stay staying leave leaving quit quitting apply applying hire hired lose lost win
won pick chose choose decide decided explain explained agree agreed expect expected hope
hoped worry worried wonder wondered mean meant seem seemed matter mattered build built
grow grew spend spent save saved earn earned owe owed trust trusted handle handled
prepare prepared practice practiced follow followed respond responded mention mentioned
sound sounded notice noticed remember remembered forget forgot offer offered accept
accepted refuse refused negotiate negotiated update updated share shared thank thanked
today tomorrow yesterday morning evening weekend season spring summer autumn winter
first second third final usual recent current former future past present local national
"""
)
WORDS = list(dict.fromkeys(WORDS))  # the list above repeats a few words; keep the first place

TOPICS = [
    ("interviews", "Interviews", "Preparing for, getting through and following up on job interviews."),
    ("salary", "Salary & negotiation", "Raises, offers and talking about money without flinching."),
    ("resumes", "Résumés & cover letters", "Putting your experience on paper for a busy reader."),
    ("workplace", "At work", "Managers, coworkers and the everyday friction of a job you already have."),
    ("career-change", "Career change", "Deciding whether, when and how to move into other work."),
    ("job-search", "Job search", "Finding openings, applying well and keeping your spirits up."),
    ("networking", "Networking", "Building the relationships that open doors, even if you hate small talk."),
    ("remote-work", "Remote work", "Working from home, across time zones and without a hallway."),
    ("management", "Managing people", "Hiring, feedback and leading a team for the first time."),
    ("education", "School & training", "Degrees, courses and certificates: which are worth it."),
    ("freelancing", "Freelancing", "Clients, rates and contracts when you work for yourself."),
    ("retirement", "Later career", "Working past sixty, winding down and what comes after."),
]

TAG_WORDS = _words(
    """
follow-up thank-you-notes holidays references recruiters salary-history counteroffer raise
promotion layoffs burnout overtime remote-work hybrid commute relocation visa internships
first-job graduates career-gap caregiving parental-leave benefits equity bonus contract
freelance rates invoices clients portfolio linkedin cover-letters resume-format keywords
applicant-tracking cold-email informational-interviews mentors sponsors small-talk
conferences panel-interviews phone-screens video-calls case-interviews take-home-tests
weaknesses strengths body-language nerves rejection feedback performance-reviews
difficult-boss coworkers credit meetings email-etiquette slack boundaries harassment
discrimination hr unions pay-transparency negotiation job-offers start-dates resignation
notice-period exit-interviews bridges rehire side-projects certificates degrees bootcamps
teaching nursing engineering sales marketing design writing retail hospitality
"""
)

FIRST_NAMES = _words(
    """
Shawn Maria Aisha Tom Priya Daniel Mei Carlos Grace Omar Lena Jamal Sofia Raj Hannah Luis
Chloe Tariq Ingrid Kofi Yuki Ben Fatima Nina Olu Marta Sam Elena Diego Ruth Ahmed Clara
"""
)
PLACES = _words("Ohio Leeds Toronto Lagos Pune Denver Cork Perth Austin Malmö")
FEELINGS = _words("Worried Stuck Tired Hopeful Confused Restless Underpaid Curious")

TITLE_PATTERNS = [
    "How do I {verb} my {noun} without {verb2} the {noun2}?",
    "Should I {verb} the {noun} before my {noun2}?",
    "Is it ok to {verb} a {noun} during the {noun2}?",
    "What do I say when my {noun} wants to {verb} the {noun2}?",
    "My {noun} will not {verb} my {noun2}: what now?",
    "Can I {verb} my {noun} after {number} years?",
    "Why does every {noun} ask me to {verb} a {noun2}?",
    "When is the right time to {verb} my {noun}?",
]
TITLE_NOUNS = _words(
    """
boss manager interview offer salary raise coworker resume letter reference recruiter
promotion contract bonus review schedule mentor network degree client team project
"""
)
TITLE_VERBS = _words(
    """
ask mention negotiate explain refuse accept update share follow handle quit change
"""
)


def _zipf_cumulative(count: int, exponent: float) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        cumulative.append(total)
    return cumulative


WORD_WEIGHTS = _zipf_cumulative(len(WORDS), 0.9)


def _rare_words(count: int) -> list[str]:
    """Made-up words (names, places, jargon of a real column), no two beginning alike."""
    rng = random.Random("advice-bench-rare")
    syllables = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"]
    words, heads = [], set()
    while len(words) < count:
        word = "".join(rng.choice(syllables) for _ in range(4)) + rng.choice(["x", "th", "rn", "sk"])
        if word[:6] not in heads:
            heads.add(word[:6])
            words.append(word)
    return words


# A long tail of rare words: one word in RARE_SHARE is one of them, each then in about 1% of
# standard entries, as the names and places of a real column are. Search's typical query is one.
RARE_WORDS = _rare_words(2000)
RARE_SHARE = 0.035
# A few hundred tags: the single terms, then pairs of them, in a fixed shuffled order.
_tag_rng = random.Random("advice-bench-tags")
_pairs = [f"{a} {b}" for a in TAG_WORDS[:40] for b in TAG_WORDS[40:] if a != b]
_tag_rng.shuffle(_pairs)
TAGS = [word.replace("-", " ") for word in TAG_WORDS] + [p.replace("-", " ") for p in _pairs[:210]]
TAG_WEIGHTS = _zipf_cumulative(len(TAGS), 1.05)
del _tag_rng, _pairs


def _slugify(text: str, limit: int = 60) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return slug[:limit].rsplit("-", 1)[0] if len(slug) > limit else slug


def _sentence(rng: random.Random, low: int = 7, high: int = 20, end: str = ".") -> tuple[str, int]:
    """A sentence of common words, now and then with emphasis, a code-free link or bold."""
    count = rng.randint(low, high)
    words = rng.choices(WORDS, cum_weights=WORD_WEIGHTS, k=count)
    words = [rng.choice(RARE_WORDS) if rng.random() < RARE_SHARE else word for word in words]
    words[0] = words[0].capitalize()
    if count > 3:
        roll = rng.random()
        at = rng.randrange(1, count)
        if roll < 0.08:
            words[at] = f"*{words[at]}*"
        elif roll < 0.12:
            words[at] = f"**{words[at]}**"
        elif roll < 0.15:
            words[at] = f"[{words[at]}](https://example.org/guides/{words[at]}/)"
    return " ".join(words) + end, count


def _paragraphs(rng: random.Random, target: int, *, question: bool) -> str:
    """Markdown of about ``target`` words: paragraphs, and in answers some lists and headings."""
    blocks: list[str] = []
    written = 0
    while written < target:
        if not question and blocks and rng.random() < 0.12:
            items = []
            for _ in range(rng.randint(3, 5)):
                text, count = _sentence(rng, 4, 10)
                items.append(text)
                written += count
            marker = "1." if rng.random() < 0.3 else "-"
            blocks.append("\n".join(f"{marker} {item}" for item in items))
            continue
        if not question and len(blocks) > 2 and rng.random() < 0.05:
            text, count = _sentence(rng, 2, 5, end="")
            blocks.append(f"### {text}")
            written += count
            continue
        sentences = []
        for _ in range(rng.randint(2, 6)):
            text, count = _sentence(rng)
            sentences.append(text)
            written += count
            if written >= target:
                break
        if question and written >= target:
            sentences[-1] = sentences[-1][:-1] + "?"
        blocks.append(" ".join(sentences))
    return "\n\n".join(blocks)


def _title(rng: random.Random) -> str:
    nouns = rng.sample(TITLE_NOUNS, 2)
    verbs = rng.sample(TITLE_VERBS, 2)
    return rng.choice(TITLE_PATTERNS).format(
        noun=nouns[0], noun2=nouns[1], verb=verbs[0], verb2=verbs[1] + "ing", number=rng.randint(2, 20)
    )


def _asker(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"{rng.choice(FEELINGS)} in {rng.choice(PLACES)}"
    return rng.choice(FIRST_NAMES)


def _tags(rng: random.Random, fewest: int = 2, most: int = 5) -> list[str]:
    wanted = rng.randint(fewest, most)
    chosen: list[str] = []
    while len(chosen) < wanted:
        tag = rng.choices(TAGS, cum_weights=TAG_WEIGHTS)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def entry_file(index: int, seed: int, shape: str = "standard") -> tuple[str, str, dict]:
    """Entry number ``index``: its path under the column, its text and its facts.

    Each entry has its own random stream, so entry ``i`` is the same at every size N."""
    (fewest_tags, most_tags), (fewest_words, most_words) = SHAPES[shape]
    rng = random.Random(f"{seed}/{index}" if shape == "standard" else f"{seed}/{shape}/{index}")
    title = _title(rng)
    day = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3653))  # ten years
    topic = TOPICS[rng.randrange(len(TOPICS))][0]
    tags = _tags(rng, fewest_tags, most_tags)
    total = rng.randint(fewest_words, most_words)
    question_words = round(total * rng.uniform(0.15, 0.25))
    asker = _asker(rng) if rng.random() < 0.7 else None
    summary = _sentence(rng, 10, 24)[0].replace("*", "") if rng.random() < 0.5 else None
    summary = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", summary) if summary else None
    draft = index != 0 and rng.random() < 0.01
    question = _paragraphs(rng, question_words, question=True)
    answer = _paragraphs(rng, total - question_words, question=False)
    slug = f"{_slugify(title)}-{index}"
    lines = [
        "---",
        f"title: {_q(title)}",
        f"date: {day.isoformat()}",
        f"topic: {topic}",
        f"tags: [{', '.join(_q(tag) for tag in tags)}]",
    ]
    if asker:
        lines.append(f"asker: {_q(asker)}")
    if summary:
        lines.append(f"summary: {_q(summary)}")
    if draft:
        lines.append("draft: true")
    lines += ["---", "", "## Question", "", question, "", "## Answer", "", answer, ""]
    facts = {"slug": slug, "topic": topic, "tags": tags, "draft": draft, "date": day}
    facts["words"] = len(re.findall(r"[A-Za-z']+", question + " " + answer))
    facts["has_search_word"] = SEARCH_WORD in (title + question + answer).lower()
    return f"qa/{day.year}/{slug}.md", "\n".join(lines), facts


MKDOCS_YML = """\
site_name: Ask the Bench Coach
site_description: A synthetic column for measuring how the generator scales.
site_url: https://example.org/column/
copyright: Questions and answers © their authors.

theme:
  name: material
  language: en
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: deep orange
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: deep orange
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
  features:
    - navigation.top
    - navigation.footer

markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true

extra:
  advice:
    comments:
      label: Leave a reply
      url: "https://example.org/replies/new?title=Re%3A%20{title}&body=About%20{url}"
    per_page: 30
"""

HOME_MD = """\
Readers write in with the questions they can't ask at work. Here are the answers, browsable by
topic and searchable in full. Have a question of your own? [Ask it](about.md).
"""

ABOUT_MD = """\
# About

This column answers readers' questions about work. Send yours to the editor.
"""


def generate_column(root: Path, count: int, seed: int = DEFAULT_SEED, shape: str = "standard") -> dict:
    """Write a column of ``count`` entries into ``root`` (which must not hold one yet); returns its facts."""
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("written by scripts/bench\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(HOME_MD, encoding="utf-8")
    (root / "docs" / "about.md").write_text(ABOUT_MD, encoding="utf-8")
    qa = root / "qa"
    qa.mkdir(exist_ok=True)
    topics_yml = "".join(
        f"{key}:\n  title: {_q(title)}\n  description: {_q(description)}\n"
        for key, title, description in TOPICS
    )
    (qa / "topics.yml").write_text(topics_yml, encoding="utf-8")
    facts = {"entries": count, "drafts": 0, "words": 0, "bytes": len(topics_yml.encode())}
    topic_counts = {key: 0 for key, _, _ in TOPICS}
    tags: set[str] = set()
    with_search_word = 0
    paths = []
    for index in range(count):
        rel, text, entry = entry_file(index, seed, shape)
        path = root / rel
        path.parent.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        paths.append(rel)
        facts["bytes"] += len(data)
        facts["words"] += entry["words"]
        tags.update(tag.casefold() for tag in entry["tags"])
        if entry["draft"]:
            facts["drafts"] += 1
            continue
        topic_counts[entry["topic"]] += 1
        with_search_word += entry["has_search_word"]
    biggest = max(topic_counts, key=lambda key: (topic_counts[key], -list(topic_counts).index(key)))
    facts.update(
        published=count - facts["drafts"],
        topics=len(TOPICS),
        tags=len(tags),
        biggest_topic=biggest,
        biggest_topic_entries=topic_counts[biggest],
        search_word=SEARCH_WORD,
        search_word_entries=with_search_word,
        reference_entry=paths[0],  # the same file at every N: its page size should not grow
        reference_slug=Path(paths[0]).stem,
        edited_entry=paths[min(1, count - 1)],
    )
    return facts


# ---------------------------------------------------------------------------------------------
# Measurements, each in a fresh process
# ---------------------------------------------------------------------------------------------

FLOOR_CODE = """\
import os, sys, yaml
count = 0
for folder, _, names in os.walk(os.path.join(sys.argv[1], "qa")):
    for name in names:
        if name.endswith(".md"):
            with open(os.path.join(folder, name), encoding="utf-8") as file:
                lines = file.read().split("\\n")
            end = lines.index("---", 1)
            yaml.load("\\n".join(lines[1:end]), Loader=yaml.CSafeLoader)
            count += 1
print(count)
"""

# What a columnist would otherwise run: MkDocs + Material with its built-in search plugin on the
# entry files themselves (out of the nav) and the home page; nothing of advice's own code.
PLAIN_MKDOCS_CODE = """\
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
spec = json.loads(open(sys.argv[1], encoding="utf-8").read())
config = load_config(
    spec["config_file"], docs_dir=spec["docs_dir"], site_dir=spec["site_dir"], nav=spec["nav"],
    theme=spec["theme"], plugins=["search"], not_in_nav="/qa/", use_directory_urls=True,
)
build(config)
"""


# Every measured command runs under this small wrapper, which times it and samples the memory of
# its whole process tree (the build's Python, its forked workers and the Pagefind process it runs
# beside MkDocs) from /proc, so the peak is the sum of what is resident at the same moment.
MEASURE_CODE = """\
import json, os, subprocess, sys, threading, time
def tree_rss_kb(root):
    children = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(pid))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:  # Pss: shared pages (forked workers) counted once across the processes sharing them
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
peak = [0]
def sample():
    # Reading smaps_rollup walks each process's page tables under its memory lock (60 ms a read
    # at 10,000 entries): sampled at most 2% of the time, so the sampler neither takes the core
    # a build would use nor stalls its allocations, at the price of missing only brief peaks.
    while process.poll() is None:
        took = time.perf_counter()
        peak[0] = max(peak[0], tree_rss_kb(process.pid))
        time.sleep(max(0.05, 49 * (time.perf_counter() - took)))
sampler = threading.Thread(target=sample)
sampler.start()
out, err = process.communicate()
wall = time.perf_counter() - start
sampler.join()
sys.stdout.write(out)
sys.stderr.write(err)
print("\\n" + json.dumps({"wall_s": wall, "peak_mb": peak[0] / 1024}), flush=True)
sys.exit(process.returncode)
"""


class BenchError(Exception):
    """Something could not be measured; the message says what."""


def measure(command: list[str], what: str) -> dict:
    """Run ``command`` in a fresh process to the end: its wall time, peak memory and output.

    A failure is a BenchError carrying the end of its output."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_CODE, *command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-30:]
        raise BenchError(f"{what} failed (exit {result.returncode}):\n  " + "\n  ".join(output))
    head, _, last = result.stdout.rstrip("\n").rpartition("\n")
    return {**json.loads(last), "stdout": head, "stderr": result.stderr}


def _driver(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--driver", *args]


def measure_check(root: Path) -> dict:
    """``advice check`` and the floor, best of a few runs each."""
    check_command = [sys.executable, "-m", "advice_column", "--root", str(root), "check"]
    check = [measure(check_command, "advice check") for _ in range(CHECK_REPEATS)]
    floor_command = [sys.executable, "-c", FLOOR_CODE, str(root)]
    floor = [measure(floor_command, "the front-matter floor") for _ in range(CHECK_REPEATS)]
    return {
        "check_s": min(run["wall_s"] for run in check),
        "check_peak_mb": max(run["peak_mb"] for run in check),
        "floor_s": min(run["wall_s"] for run in floor),
    }


def measure_check_file(root: Path, rel: str) -> dict:
    """``advice check FILE`` as a pre-commit hook runs it: first with no slug index, then best of a few."""
    from advice_column.authoring.slug_cache import CACHE_FILE
    from advice_column.user_cache import column_cache

    (column_cache(root) / CACHE_FILE).unlink(missing_ok=True)
    command = [sys.executable, "-m", "advice_column", "--root", str(root), "check", rel]
    cold = measure(command, "advice check FILE")
    warm = [measure(command, "advice check FILE") for _ in range(CHECK_REPEATS)]
    return {"check_file_cold_s": cold["wall_s"], "check_file_s": min(run["wall_s"] for run in warm)}


# The build reports each stage as "advice build: <stage>[ count] in <seconds> s" (one line each
# when not on a terminal); the stages below are read from those lines.
# A stage that ran in the background adds "(in the background; waited W s)": its own time is
# the whole time it ran, the build waited only W for it after the stages before it.
STAGE_LINE = re.compile(
    r"^advice build: (.+?)(?: [\d,]+)? in ([\d.]+) s(?: \(in the background; waited ([\d.]+) s\))?$",
    re.MULTILINE,
)
STAGE_NAMES = {
    "loading entries": "load",
    "generating pages": "generate",
    "rendering pages": "engine",
    "indexing for search": "search_index",
    "verifying pages": "verify",
    "publishing": "publish",
}


def set_aside(path: Path, scratch: Path) -> None:
    """Move ``path`` out of the way, into ``scratch``; the bench deletes it only when it ends.

    On ext4 without a journal (this project's test machine), a file created for a while after
    many others were deleted costs up to a millisecond of kernel time: the allocator steps over
    every recently freed inode (ialloc.c, ``recently_deleted``). Deleting one round's output
    before the next would charge that to whichever build creates more files."""
    if not path.exists():
        return
    aside = scratch / "set-aside"
    aside.mkdir(exist_ok=True)
    try:
        path.rename(aside / f"{len(list(aside.iterdir()))}-{path.name}")
    except OSError:  # another file system: a rename cannot move it there
        shutil.rmtree(path, ignore_errors=True)


def measure_builds(root: Path, scratch: Path, rounds: int) -> dict:
    """``rounds`` fresh builds and plain MkDocs builds, taking turns: the median of each (and,
    of the builds, the one with the median time), every time in ``build_rounds_s`` and
    ``plain_mkdocs_rounds_s``, and the highest peak memory of each. Then the build once more,
    with its cache (it replaces the site, deleting the old one: nothing is timed after it)."""
    from advice_column.user_cache import column_cache

    builds, plains = [], []
    for number in range(rounds):
        if number:  # fresh again: no site, no cache of the last build
            for folder in (root / "site", root / ".advice", column_cache(root)):
                set_aside(folder, scratch)
        builds.append(measure_build(root))
        plains.append(measure_plain_mkdocs(root, scratch))
    # The same build again: what a columnist waits for locally, with the cache from the last.
    again = measure(_build_command(root), "advice build")
    median = sorted(builds, key=lambda run: run["build_s"])[(rounds - 1) // 2]
    plain = sorted(plains, key=lambda run: run["plain_mkdocs_s"])[(rounds - 1) // 2]
    return {
        **median,
        "build_again_s": again["wall_s"],
        "build_peak_mb": max(run["build_peak_mb"] for run in builds),
        "build_rounds_s": [run["build_s"] for run in builds],
        **plain,
        "plain_mkdocs_peak_mb": max(run["plain_mkdocs_peak_mb"] for run in plains),
        "plain_mkdocs_rounds_s": [run["plain_mkdocs_s"] for run in plains],
    }


def measure_build(root: Path) -> dict:
    """``advice build`` in a fresh process: wall time, peak memory of its processes, its stages."""
    run = measure(_build_command(root), "advice build")
    lines = [
        (STAGE_NAMES.get(label), seconds, waited)
        for label, seconds, waited in STAGE_LINE.findall(run["stderr"])
    ]
    stages = {name: float(waited or seconds) for name, seconds, waited in lines if name}
    beside = [float(seconds) for name, seconds, waited in lines if name and waited]
    if missing := [name for name in STAGE_NAMES.values() if name not in stages]:
        raise BenchError(f"advice build did not report these stages: {', '.join(missing)}")
    return {
        "build_s": run["wall_s"],
        "build_peak_mb": run["peak_mb"],
        "stages": stages,
        "search_index_whole_s": beside[0] if beside else None,
    }


def measure_zensical_build(root: Path, scratch: Path) -> dict:
    """``advice build`` of the same column with Zensical as its engine, fresh (no site, no cache);
    mkdocs.yml is put back as it was."""
    from advice_column.user_cache import column_cache

    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for folder in (root / "site", root / ".advice", column_cache(root)):
        set_aside(folder, scratch)
    config.write_text(text.replace("  advice:\n", "  advice:\n    engine: zensical\n", 1), encoding="utf-8")
    try:
        run = measure(_build_command(root), "advice build with Zensical")
    finally:
        config.write_text(text, encoding="utf-8")
    return {"zensical_build_s": run["wall_s"], "zensical_build_peak_mb": run["peak_mb"]}


def _build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "advice_column", "--root", str(root), "build"]


def measure_plain_mkdocs(root: Path, scratch: Path) -> dict:
    """Plain MkDocs + Material + its search on the column's entry files and home page."""
    docs = scratch / "plain-docs"
    run = build_plain_mkdocs(root, docs, scratch / "plain-site", scratch)
    pages = sum(1 for _ in (scratch / "plain-site" / "qa").rglob("index.html"))
    set_aside(scratch / "plain-site", scratch)
    set_aside(docs, scratch)
    return {
        "plain_mkdocs_s": run["wall_s"],
        "plain_mkdocs_peak_mb": run["peak_mb"],
        "plain_mkdocs_pages": pages,
    }


def build_plain_mkdocs(root: Path, docs: Path, site: Path, scratch: Path) -> dict:
    """Build ``root``'s entries and home page with plain MkDocs + Material + its search into ``site``."""
    set_aside(docs, scratch)
    shutil.copytree(root / "docs", docs)
    shutil.copytree(
        root / "qa", docs / "qa", ignore=lambda folder, names: [n for n in names if n.endswith(".yml")]
    )
    import yaml

    theme = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("theme") or {}
    spec = {
        "config_file": str(root / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "nav": [{"Home": "index.md"}, {"About": "about.md"}],
        "theme": theme,
    }
    (scratch / "plain.json").write_text(json.dumps(spec), encoding="utf-8")
    return measure([sys.executable, "-c", PLAIN_MKDOCS_CODE, str(scratch / "plain.json")], "plain mkdocs")


def measure_preview(root: Path, scratch: Path, edited: str) -> dict:
    """A preview built once, then one entry's answer edited: how long until it is rebuilt."""
    out = scratch / "preview.json"
    path = root / edited
    original = path.read_bytes()
    try:
        measure(_driver("preview", str(root), str(scratch / "preview-site"), edited, str(out)), "the preview")
    finally:
        path.write_bytes(original)
        set_aside(scratch / "preview-site", scratch)
    return json.loads(out.read_text(encoding="utf-8"))


def measure_pages(root: Path, facts: dict) -> dict:
    site = root / "site"
    entry = site / "qa" / facts["reference_slug"] / "index.html"
    topic = site / "topics" / facts["biggest_topic"] / "index.html"
    return {"entry_page_bytes": entry.stat().st_size, "topic_page_bytes": topic.stat().st_size}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


TYPICAL_SHARE = 0.01  # a typical query: a word in about 1% of the entries
WORST_SHARE = 0.60  # the worst case: a word in about 60% of them
TYPING_DELAY_MS = 120  # between keystrokes, as a quick reader types


def query_words(root: Path) -> dict:
    """Words of the column in about 1% and about 60% of its published entries (as whole words)."""
    from collections import Counter

    counts: Counter = Counter()
    holders: dict[str, set[int]] = {}  # the entries each word is in
    published = 0
    for path in sorted((root / "qa").rglob("*.md")):
        text = path.read_text(encoding="utf-8").casefold()
        front, _, body = text.removeprefix("---\n").partition("\n---\n")
        if re.search(r"^draft: *true", front, re.MULTILINE):
            continue
        published += 1
        title = re.search(r"^title: *(.*)$", front, re.MULTILINE)
        words = set(re.findall(r"[a-z]{2,}", (title.group(1) if title else "") + " " + body))
        counts.update(word for word in words if len(word) >= 4)
        for word in words:
            holders.setdefault(word, set()).add(published)

    def nearest(share: float, among) -> str:
        return min(sorted(among), key=lambda word: abs(among[word] / published - share))

    # Pagefind finds a word by its stem and, as the reader types, every word the stem begins: a
    # typical word's whole family must be in about 1% of the entries, not the word alone.
    def family(word: str) -> int:
        stem = re.sub(r"(ing|ed|es|s|ion|ions|er|ers|ly|ment)$", "", word)
        return len(set().union(*(holders[other] for other in holders if other.startswith(stem))))

    family_share = Counter({word: family(word) for word in counts if len(word) >= 5})
    typical, worst = nearest(TYPICAL_SHARE, family_share), nearest(WORST_SHARE, counts)
    return {
        "query_word": typical,
        "query_word_share": family_share[typical] / published,
        "worst_word": worst,
        "worst_word_share": counts[worst] / published,
    }


def measure_browser(root: Path, scratch: Path) -> dict:
    """What Chromium fetches for the home page, then for the search page answering a typical query
    (and, apart, the worst case), and how soon results follow the last keystroke.

    Counted at the server: every file it sent in full (a 304 or a cache hit sends none), as
    ``python -m http.server`` sends it, uncompressed; ``..._gzip_bytes`` is what a host that
    gzips would send instead."""
    from playwright.sync_api import sync_playwright

    site = root / "site"
    if not os.access(CHROMIUM, os.X_OK):
        raise BenchError(f"no Chromium at {CHROMIUM}: install Debian's chromium, or pass --no-browser")
    words = query_words(root)
    log_path = scratch / "http.log"
    with _serving(site, log_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            figures = {**words, **_fetch_sizes(browser, base, words["query_word"], site, log_path)}
            worst = _fetch_sizes(browser, base, words["worst_word"], site, log_path)
            figures["worst_home_plus_query_gzip_bytes"] = worst["home_plus_query_gzip_bytes"]
            figures["worst_search_first_result_s"] = worst["search_first_result_s"]
            # The median of three readers, each in a fresh browser context.
            typed = [_typed_query(browser, base, words["query_word"], site, log_path) for _ in range(3)]
            figures["typed_first_result_s"] = sorted(seconds for seconds, _ in typed)[1]
            figures["home_plus_typed_query_gzip_bytes"] = typed[0][1]
            return figures
        finally:
            browser.close()


@contextlib.contextmanager
def _serving(site: Path, log_path: Path | None = None):
    """``site`` served on 127.0.0.1 by ``python -m http.server``; yields its address. The server's
    request log goes to ``log_path`` (what it sent, counted by the byte figures)."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(site),
    ]
    with open(log_path or os.devnull, "w", encoding="utf-8") as log:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise BenchError("the local web server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_relevance(scratch: Path) -> dict:
    """The relevance set (scripts/relevance.py) through our search page and through plain MkDocs +
    Material's built-in search on the same entries: ``{"ours": score, "material": score}``."""
    from playwright.sync_api import sync_playwright

    root = scratch / "relevance"
    shutil.copytree(relevance.RELEVANCE_SET, root)
    measure(_build_command(root), "advice build of the relevance set")
    plain = scratch / "relevance-plain-site"
    build_plain_mkdocs(root, scratch / "relevance-plain-docs", plain, scratch)
    queries = relevance.load_queries(root)
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, site, search in (
                ("ours", root / "site", relevance.ours),
                ("material", plain, relevance.material),
            ):
                with _serving(site) as base:
                    page = browser.new_context().new_page()
                    runs = relevance.run_queries(page, base, search, queries)
                    results[label] = {**relevance.score(runs), "runs": runs}
        finally:
            browser.close()
    return results


_LOG_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3})')


def _served(site: Path, log_path: Path, skip: int) -> tuple[list[tuple[str, int, int]], int]:
    """(path, bytes, gzip bytes) of each file the server sent in full, from log line ``skip`` on."""
    lines = log_path.read_text(encoding="utf-8").splitlines()
    sent = []
    for line in lines[skip:]:
        match = _LOG_LINE.search(line)
        if not match or match.group(2) != "200":
            continue
        path = unquote(match.group(1).split("?")[0].split("#")[0])
        file = site / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        data = file.read_bytes()
        sent.append((path, len(data), len(gzip.compress(data, compresslevel=6))))
    return sent, len(lines)


RESULT = ".advice-result__title"
# What the browser fetched, by what it is for (path patterns tried in order; the rest is pages).
FETCH_GROUPS = [
    ("material", re.compile(r"^/assets/(javascripts|stylesheets|images)/")),
    ("own_assets", re.compile(r"^/assets/|^/search/advice-search[\w-]*\.js$")),
    ("pagefind_runtime", re.compile(r"^/search/bundle/(.*/)?(pagefind[\w-]*\.js|wasm\.[\w-]+\.pagefind)$")),
    ("index_metadata", re.compile(r"(\.pf_meta|/pagefind-entry\.json|/search/parts\.json)$")),
    ("index_chunks", re.compile(r"\.pf_index$")),
    ("filter_chunks", re.compile(r"\.pf_filter$")),
    ("fragments", re.compile(r"\.pf_fragment$")),
]
GROUP_LABELS = {
    "pages": "HTML pages",
    "material": "Material's CSS, JS and icon",
    "own_assets": "the column's CSS and JS",
    "pagefind_runtime": "Pagefind's JS and wasm",
    "index_metadata": "index metadata (one per part)",
    "index_chunks": "index chunks for the query",
    "filter_chunks": "filter chunks (topic counts)",
    "fragments": "results' fragments",
}


def gzip_by_group(files: list[tuple[str, int, int]]) -> dict[str, int]:
    """The gzip bytes of ``files`` (path, bytes, gzip bytes) by what they are for."""
    totals = dict.fromkeys(GROUP_LABELS, 0)
    for path, _, gzip_bytes in files:
        group = next((name for name, pattern in FETCH_GROUPS if pattern.search(path)), "pages")
        totals[group] += gzip_bytes
    return totals


# In every page the bench opens: when the first result joins the page, in ms from the moment
# its navigation started (performance.now() counts from there).
FIRST_RESULT_CLOCK = (
    "new MutationObserver((changes, observer) => {"
    f"  if (document.querySelector({json.dumps(RESULT)})) {{"
    "    window.adviceBenchFirstResult = performance.now();"
    "    observer.disconnect();"
    "  }"
    "}).observe(document, {childList: true, subtree: true});"
)


def _fetch_sizes(browser, base: str, word: str, site: Path, log_path: Path) -> dict:
    context = browser.new_context()
    context.add_init_script(FIRST_RESULT_CLOCK)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _, seen = _served(site, log_path, 0)
    page.goto(base, wait_until="networkidle")
    home, seen = _served(site, log_path, seen)
    page.goto(f"{base}search/?q={word}", wait_until="load")
    page.wait_for_selector(RESULT, timeout=60_000)
    # Timed by the page itself: Playwright looks for the selector again only every 500 ms
    # after the first few tries, which added up to half a second to this figure.
    first_result_s = page.evaluate("window.adviceBenchFirstResult") / 1000
    page.wait_for_load_state("networkidle")
    results = page.locator(RESULT).count()
    context.close()
    query, _ = _served(site, log_path, seen)
    outside = sorted({url for url in requested if url.startswith(("http:", "https:", "ws:", "wss:"))})
    outside = [url for url in outside if not url.startswith(base)]
    if outside:
        raise BenchError(f"the pages fetched from other sites: {', '.join(outside[:5])}")
    if [url for url in requested if "/filter/" in url and "part-" not in url][1:]:
        raise BenchError("the search page loaded the tag filter before it was opened")
    total = lambda files, column=1: sum(item[column] for item in files)  # noqa: E731
    return {
        "home_bytes": total(home),
        "home_files": len(home),
        "query_bytes": total(query),
        "query_files": len(query),
        "query_pagefind_bytes": total([item for item in query if item[0].startswith("/search/bundle/")]),
        "home_plus_query_bytes": total(home) + total(query),
        "home_plus_query_gzip_bytes": total(home, 2) + total(query, 2),
        **{f"gzip_{group}_bytes": size for group, size in gzip_by_group(home + query).items()},
        "search_first_result_s": first_result_s,
        "search_results_shown": results,
        "fetched": {"home": [item[:2] for item in home], "query": [item[:2] for item in query]},
    }


def _typed_query(browser, base: str, word: str, site: Path, log_path: Path) -> tuple[float, int]:
    """Seconds from the last keystroke of ``word`` in the home page's header box to its first
    result, and the gzip bytes of the home page and everything typing it fetched."""
    context = browser.new_context()
    page = context.new_page()
    _, seen = _served(site, log_path, 0)
    page.goto(base, wait_until="networkidle")
    box = page.locator("#advice-header-q")
    box.focus()  # the first focus starts loading Pagefind, while the reader types
    page.keyboard.type(word[:-1], delay=TYPING_DELAY_MS)
    page.wait_for_timeout(TYPING_DELAY_MS)
    page.evaluate(
        """(word) => { window.adviceBenchDone = new Promise((done) => {
            const panel = document.querySelector(".advice-panel");
            new MutationObserver(() => {
                const title = panel.querySelector(".advice-panel__title");
                if (title && panel.dataset.query === word) done(performance.now());
            }).observe(panel, {childList: true, subtree: true, attributes: true});
        }); }""",
        word,
    )
    start = page.evaluate("performance.now()")
    page.keyboard.type(word[-1])
    done = page.evaluate("window.adviceBenchDone")
    page.wait_for_load_state("networkidle")
    context.close()
    sent, _ = _served(site, log_path, seen)
    return (done - start) / 1000, sum(gzip_bytes for _, _, gzip_bytes in sent)


# ---------------------------------------------------------------------------------------------
# Drivers: what the fresh processes run (``bench.py --driver ...``)
# ---------------------------------------------------------------------------------------------


def driver_preview(root: str, site: str, edited: str, out: str) -> int:
    """Build a preview, append a sentence to one answer, and time the rebuild until it returns."""
    from advice_column.builder.preview import Preview

    root_path, site_path, url = Path(root), Path(site), "http://127.0.0.1:8000/"
    site_path.mkdir(parents=True, exist_ok=True)
    preview = Preview(root_path, site_path, url)
    start = time.perf_counter()
    if preview.rebuild() is None:
        return 1
    first = time.perf_counter() - start
    preview.wait_for_search()
    first_search = time.perf_counter() - start
    path = root_path / edited
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + " " + EDIT_SENTENCE + "\n", encoding="utf-8"
    )
    start = time.perf_counter()
    if preview.rebuild() is None:
        return 1
    edit = time.perf_counter() - start
    preview.wait_for_search()
    edit_search = time.perf_counter() - start
    if hasattr(preview, "wait_for_settled_search"):
        preview.wait_for_settled_search()
    edit_settled = time.perf_counter() - start
    slug = Path(edited).stem
    page = site_path / "qa" / slug / "index.html"
    if EDIT_SENTENCE.split(":")[0] not in page.read_text(encoding="utf-8"):
        print(f"the preview of {slug} does not show the edit", file=sys.stderr)
        return 1
    report = {
        "preview_first_s": first,
        "preview_first_search_s": first_search,
        "edit_to_preview_s": edit,
        "edit_to_search_s": edit_search,
        "edit_to_settled_s": edit_settled,
    }
    Path(out).write_text(json.dumps(report), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------------------------
# Figures, targets and the report
# ---------------------------------------------------------------------------------------------

STAGES = ("load", "generate", "engine", "verify", "search_index", "publish")
STAGE_LABELS = {
    "load": "load (read + validate)",
    "generate": "generate (catalog, pages, write)",
    "engine": "engine (MkDocs + Material, a process per core)",
    "verify": "verify pages (Pagefind may still be at work)",
    "search_index": "search index: waited for after verifying",
    "publish": "publish",
}

# (key, label, unit) of every figure measured at each size, in the order of the table.
FIGURES = [
    ("load_1min", "machine load (1 min average) at the start", "load"),
    ("entries", "entries written", "count"),
    ("published", "entries published", "count"),
    ("tags", "distinct tags", "count"),
    ("corpus_bytes", "corpus size", "bytes"),
    ("check_s", "advice check", "s"),
    ("check_entries_per_s", "  entries/s", "rate"),
    ("check_peak_mb", "  peak memory", "mb"),
    ("check_file_cold_s", "advice check FILE, first run (no slug index yet)", "s"),
    ("check_file_s", "advice check FILE (the pre-commit hook)", "s"),
    ("floor_s", "floor: read files + parse front matter", "s"),
    ("floor_entries_per_s", "  entries/s", "rate"),
    ("build_s", "advice build (wall, fresh process, fresh column; median of rounds)", "s"),
    ("build_again_s", "  the same build run again", "s"),
    *[(f"stage_{name}_s", f"  {STAGE_LABELS[name]}", "s") for name in STAGES],
    ("search_index_whole_s", "  search index (Pagefind), all of it, beside the engine", "s"),
    ("stage_other_s", "  other (start-up, imports, folders)", "s"),
    ("build_per_entry_ms", "  per entry", "ms"),
    ("build_peak_mb", "  peak memory (all its processes at once)", "mb"),
    ("zensical_build_s", "advice build with Zensical (engine: zensical), fresh, once", "s"),
    ("zensical_build_peak_mb", "  peak memory (all its processes at once)", "mb"),
    ("zensical_vs_build", "  its time ÷ advice build's with MkDocs", "x"),
    ("plain_mkdocs_s", "plain mkdocs + material + search, same entries (median)", "s"),
    ("plain_mkdocs_pages", "  entry pages it built", "count"),
    ("plain_mkdocs_peak_mb", "  peak memory", "mb"),
    ("core_limit_s", "  its time ÷ cores (the limit of a parallel build)", "s"),
    ("preview_first_s", "preview: first build", "s"),
    ("edit_to_preview_s", "preview: edit → pages ready", "s"),
    ("edit_to_search_s", "preview: edit → search ready", "s"),
    ("edit_to_settled_s", "preview: edit → search index settled", "s"),
    ("entry_page_bytes", "entry page HTML (same entry at every N)", "bytes"),
    ("topic_page_bytes", "biggest topic, page 1 HTML", "bytes"),
    ("home_bytes", "browser: home page", "bytes"),
    ("query_bytes", "browser: search page + one query", "bytes"),
    ("query_pagefind_bytes", "  of which Pagefind", "bytes"),
    ("home_plus_query_bytes", "browser: home + one query, uncompressed", "bytes"),
    ("home_plus_query_gzip_bytes", "  fetched from a host that gzips", "bytes"),
    *[(f"gzip_{group}_bytes", f"    {label}", "bytes") for group, label in GROUP_LABELS.items()],
    ("query_word_share", "  the query: a word in this share of entries", "share"),
    ("worst_home_plus_query_gzip_bytes", "browser: home + worst-case query, gzip", "bytes"),
    ("home_plus_typed_query_gzip_bytes", "browser: home + typing the query in the header, gzip", "bytes"),
    ("worst_word_share", "  the query: a word in this share of entries", "share"),
    ("search_first_result_s", "browser: search page opened → first result", "s"),
    ("worst_search_first_result_s", "  worst-case query", "s"),
    ("typed_first_result_s", "browser: last keystroke → first result (header)", "s"),
]
BROWSER_FIGURES = {
    "home_bytes",
    "query_bytes",
    "query_pagefind_bytes",
    "home_plus_query_bytes",
    "home_plus_query_gzip_bytes",
    *[f"gzip_{group}_bytes" for group in GROUP_LABELS],
    "search_first_result_s",
    "query_word_share",
    "worst_home_plus_query_gzip_bytes",
    "home_plus_typed_query_gzip_bytes",
    "worst_word_share",
    "worst_search_first_result_s",
    "typed_first_result_s",
}

# (key, label, limit, unit, the sentence for a miss); a limit may depend on N: {up to N: limit}.
TARGETS = [
    (
        "check_vs_floor",
        "check / floor",
        2.0,
        "x",
        "advice check takes {value} the floor's time{at} (target {limit})",
    ),
    (
        "build_vs_plain_mkdocs",
        "build / plain mkdocs + search",
        1.0,
        "x",
        "advice build is {value} plain mkdocs{at} (target {limit})",
    ),
    (
        "edit_to_preview_s",
        "edit → preview pages ready",
        {10_000: 1.0},
        "s",
        "edit-to-preview takes {value}{at} (target {limit})",
    ),
    (
        "edit_vs_build",
        "edit → preview / build",
        0.02,
        "x",
        "edit-to-preview is {value} the full build{at} (target {limit})",
    ),
    (
        "edit_search_vs_build",
        "edit → search ready / build",
        0.05,
        "x",
        "edit-to-search is {value} the full build{at} (target {limit})",
    ),
    (
        "per_entry_vs_10000",
        "build time per entry vs N=10,000",
        1.2,
        "x",
        "the build takes {value} the time per entry of N=10,000{at} (target {limit})",
    ),
    (
        "entry_page_vs_reference",
        "entry page size vs N={reference}",
        0.1,
        "change",
        "the entry page is {value} its size at N={reference}{at} (target {limit})",
    ),
    (
        "home_plus_query_kb",
        "home + one query (gzip, as hosts serve it)",
        300.0,
        "kb",
        "home + one query fetches {value} gzipped{at} (target {limit})",
    ),
    (
        "search_first_result_s",
        "search page → first result",
        1.0,
        "s",
        "the search page shows its first result after {value}{at} (target {limit})",
    ),
    (
        "typed_first_result_ms",
        "last keystroke → first result",
        300.0,
        "ms",
        "the first result comes {value} after the last keystroke{at} (target {limit})",
    ),
    (
        "build_peak_gb",
        "build peak memory",
        {10_000: 1.5, 50_000: 3.0},
        "gb",
        "the build's peak memory is {value}{at} (target {limit})",
    ),
]
TARGETS.append(
    ("check_file_s", "advice check FILE", 0.3, "s", "advice check FILE takes {value}{at} (target {limit})")
)
RATIO_KEYS = [key for key, *_ in TARGETS]


def derive(results: dict[int, dict]) -> None:
    """Fill in rates, ratios and target verdicts from the raw figures, for every size."""
    sizes = sorted(results)
    reference_n = 100 if 100 in results else sizes[0]
    for n in sizes:
        r = results[n]
        r["check_entries_per_s"] = r["entries"] / r["check_s"]
        r["floor_entries_per_s"] = r["entries"] / r["floor_s"]
        r["build_per_entry_ms"] = 1000 * r["build_s"] / r["entries"]
        r["core_limit_s"] = r["plain_mkdocs_s"] / CORES
        per_entry_10000 = results[10_000]["build_s"] / 10_000 if 10_000 in results and n > 10_000 else None
        if r.get("zensical_build_s") is not None:
            r["zensical_vs_build"] = r["zensical_build_s"] / r["build_s"]
        ratios = {
            "check_vs_floor": r["check_s"] / r["floor_s"],
            "build_vs_plain_mkdocs": r["build_s"] / r["plain_mkdocs_s"],
            "edit_to_preview_s": r["edit_to_preview_s"],
            "edit_vs_build": r["edit_to_preview_s"] / r["build_s"],
            "edit_search_vs_build": r["edit_to_search_s"] / r["build_s"],
            "per_entry_vs_10000": None if per_entry_10000 is None else r["build_s"] / n / per_entry_10000,
            "entry_page_vs_reference": r["entry_page_bytes"] / results[reference_n]["entry_page_bytes"] - 1,
            # Bytes over the wire from a host that compresses (GitHub Pages, Netlify, any CDN do);
            # `python -m http.server` does not, so the uncompressed sum is shown above it.
            "home_plus_query_kb": None
            if r.get("home_plus_query_gzip_bytes") is None
            else r["home_plus_query_gzip_bytes"] / 1000,
            "search_first_result_s": r.get("search_first_result_s"),
            "build_peak_gb": r["build_peak_mb"] / 1000,
            "check_file_s": r.get("check_file_s"),
            "typed_first_result_ms": None
            if r.get("typed_first_result_s") is None
            else 1000 * r["typed_first_result_s"],
        }
        r["ratios"] = ratios
        r["targets"] = {}
        for key, _, limits, unit, _ in TARGETS:
            value, limit = ratios[key], _limit_at(limits, n)
            if limit is None:
                value = None
            passed = None if value is None else (abs(value) if unit == "change" else value) <= limit
            r["targets"][key] = {"value": value, "limit": limit, "pass": passed}
        r["entry_page_reference_n"] = reference_n


def _limit_at(limits, n: int) -> float | None:
    """The limit of a target at size ``n``; None where the target does not apply."""
    if not isinstance(limits, dict):
        return limits
    return next((limit for upto, limit in sorted(limits.items()) if n <= upto), None)


def _format(value, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "load":
        return f"{value:.1f}"
    if unit == "count":
        return f"{value:,}"
    if unit == "s":
        return f"{value:.2f} s" if value < 100 else f"{value:,.0f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "rate":
        return f"{value:,.0f}"
    if unit == "mb":
        return f"{value:,.0f} MB"
    if unit == "bytes":
        if value >= 1_000_000:
            return f"{value / 1_000_000:.2f} MB"
        return f"{value / 1000:.1f} kB"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "change":
        return f"{value:+.1%}"
    if unit == "kb":
        return f"{value:,.0f} kB"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "gb":
        return f"{value:.2f} GB"
    raise ValueError(unit)


def _limit_text(limits, unit: str) -> str:
    if isinstance(limits, dict):
        return ", ".join(f"{_limit_text(limit, unit)} to {upto:,}" for upto, limit in sorted(limits.items()))
    limit = limits
    return {
        "s": f"≤ {limit:g} s",
        "x": f"≤ {limit:g}×",
        "change": f"within ±{limit:.0%}",
        "kb": f"≤ {limit:g} kB",
        "gb": f"≤ {limit:g} GB",
        "ms": f"≤ {limit:g} ms",
    }[unit]


def report_table(results: dict[int, dict]) -> tuple[str, list[str]]:
    """The printed table and one plain sentence per missed target."""
    sizes = sorted(results)
    header = ["", "target", *[f"N={n:,}" for n in sizes]]
    rows = [header]
    for key, label, unit in FIGURES:
        rows.append([label, "", *[_format(results[n].get(key), unit) for n in sizes]])
    rows.append(["targets", "", *["" for _ in sizes]])
    reference = f"{results[sizes[0]]['entry_page_reference_n']:,}"
    misses = []
    for key, label, limits, unit, sentence in TARGETS:
        cells = []
        for n in sizes:
            verdict = results[n]["targets"][key]
            limit = verdict["limit"]
            if verdict["value"] is None:
                cells.append("-")
                continue
            text = _format(verdict["value"], unit)
            cells.append(f"{text} {'PASS' if verdict['pass'] else 'MISS'}")
            if not verdict["pass"]:
                value = text if unit != "change" else f"{verdict['value']:+.1%} from"
                words = sentence.format(
                    value=value, limit=_limit_text(limit, unit), reference=reference, at=f" at N={n:,}"
                )
                misses.append(f"MISS: {words}")
        rows.append([f"  {label.format(reference=reference)}", _limit_text(limits, unit), *cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        first = row[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines), misses


def _versions() -> dict:
    found = {}
    for name in ("advice-column", "mkdocs", "mkdocs-material", "pagefind_bin", "Markdown", "PyYAML"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def bench_size(n: int, root: Path, scratch: Path, args: argparse.Namespace, shape: str = "standard") -> dict:
    """Every figure for a column of ``n`` entries of ``shape`` written at ``root``."""
    say = lambda message: print(f"[{shape} N={n:,}] {message}", file=sys.stderr, flush=True)  # noqa: E731
    say("writing the column")
    start = time.perf_counter()
    facts = generate_column(root, n, args.seed, shape)
    r: dict = {"entries": n, "corpus_s": time.perf_counter() - start, "corpus_bytes": facts.pop("bytes")}
    r["load_average_at_start"] = os.getloadavg()  # other work on the machine skews every time
    r["load_1min"] = r["load_average_at_start"][0]
    r.update(facts)
    say("advice check, and the floor")
    r.update(measure_check(root))
    say("advice check FILE")
    r.update(measure_check_file(root, facts["edited_entry"]))
    rounds = SMALL_BUILD_ROUNDS if n <= 1_000 else BUILD_ROUNDS if n <= 10_000 else 1
    say("advice build and plain mkdocs" + (f", taking turns, {rounds} rounds" if rounds > 1 else ""))
    build = measure_builds(root, scratch, rounds)
    stages = build.pop("stages")
    r.update(build)
    r["stages"] = stages
    for name in STAGES:
        r[f"stage_{name}_s"] = stages.get(name)
    r["stage_other_s"] = r["build_s"] - sum(stages.values())
    if "zensical" in args.engines:
        say("advice build with Zensical (extra.advice.engine: zensical)")
        r.update(measure_zensical_build(root, scratch))
    else:
        r.update(dict.fromkeys(("zensical_build_s", "zensical_build_peak_mb")))
    r.update(measure_pages(root, facts))
    if args.browser:
        say("home page and one search in Chromium")
        r.update(measure_browser(root, scratch))
    else:
        r.update(dict.fromkeys(BROWSER_FIGURES))
    say("preview: build, edit one answer, rebuild")
    r.update(measure_preview(root, scratch, r["edited_entry"]))
    return r


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers separated by commas, not {text!r}"
        ) from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("each size must be at least 1")
    return sorted(set(sizes))


def _shapes(text: str) -> list[str]:
    shapes = [part.strip() for part in text.split(",") if part.strip()]
    if not shapes or any(shape not in SHAPES for shape in shapes):
        raise argparse.ArgumentTypeError(f"shapes are {', '.join(SHAPES)}, separated by commas, not {text!r}")
    return list(dict.fromkeys(shapes))


def _engines(text: str) -> list[str]:
    engines = [part.strip() for part in text.split(",") if part.strip()]
    if not engines or any(engine not in ("mkdocs", "zensical") for engine in engines):
        raise argparse.ArgumentTypeError(f"engines are mkdocs, zensical, separated by commas, not {text!r}")
    return list(dict.fromkeys(engines))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Measure check, build, preview and reader figures on synthetic columns of N entries.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        metavar="N,N",
        help="column sizes to measure (default: 100,1000; 10,000 with --sizes 100,1000,10000)",
    )
    parser.add_argument(
        "--shapes",
        type=_shapes,
        default=list(DEFAULT_SHAPES),
        metavar="SHAPE,SHAPE",
        help="entry shapes: standard (2-5 tags, 300-850 words), rich (8-14 tags, 1,500-3,000 words)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path(DEFAULT_JSON),
        metavar="PATH",
        help=f"where to write every figure as JSON (default: {DEFAULT_JSON})",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep each column and its built site in DIR/column-N"
    )
    parser.add_argument(
        "--no-browser", dest="browser", action="store_false", help="skip the Chromium download figures"
    )
    parser.add_argument(
        "--engines",
        type=_engines,
        default=["mkdocs"],
        metavar="ENGINE,ENGINE",
        help="site engines to build with: mkdocs (always), zensical (once more, beside it)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic column")
    parser.add_argument(
        "--relevance",
        action="store_true",
        help="only the relevance table: graded queries through our search and Material's",
    )
    return parser


def _forget_caches(columns: list[Path]) -> None:
    """Remove the user-cache folder of each deleted column (its generated pages and search index:
    hundreds of MB at 10,000 entries), which no later run would find again."""
    from advice_column.user_cache import cache_folder, column_cache

    if (cache_folder() / "columns").is_dir():
        for root in columns:
            shutil.rmtree(column_cache(root), ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--driver"]:
        return {"preview": driver_preview}[argv[1]](*argv[2:])
    args = _parser().parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = Path(tempfile.mkdtemp(prefix="advice-bench-"))
    temporary: list[Path] = [work / "scratch-relevance" / "relevance"]  # columns deleted at the end
    results: dict[str, dict[int, dict]] = {shape: {} for shape in args.shapes}
    found: dict[str, dict] = {}
    try:
        if args.relevance or args.browser:
            print("[relevance] building the set, then its queries in Chromium", file=sys.stderr, flush=True)
            scratch = work / "scratch-relevance"
            scratch.mkdir()
            found = measure_relevance(scratch)
            print(relevance.table({"advice-column": found["ours"], "Material (lunr)": found["material"]}))
            print()
        if args.relevance:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"relevance": found}, indent=2) + "\n", encoding="utf-8")
            return 0
        for shape in args.shapes:
            for n in args.sizes:
                name = f"column-{n}" if shape == "standard" else f"column-{shape}-{n}"
                root = (args.keep / name) if args.keep else work / name
                if root.exists():
                    if not (root / MARKER).exists():
                        raise BenchError(
                            f"{root} exists and was not written by this script; not replacing it"
                        )
                    shutil.rmtree(root)
                scratch = work / f"scratch-{shape}-{n}"
                scratch.mkdir()
                if not args.keep:
                    temporary.append(root)
                results[shape][n] = bench_size(n, root, scratch, args, shape)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
        _forget_caches(temporary)
    misses = []
    for shape in args.shapes:
        derive(results[shape])
        table, shape_misses = report_table(results[shape])
        tags, words = SHAPES[shape]
        print(
            f"{shape} column: {tags[0]}-{tags[1]} tags, {words[0]:,}-{words[1]:,} words each, {CORES} cores"
        )
        print(table)
        print()
        misses += [line.replace("MISS: ", f"MISS ({shape}): ", 1) for line in shape_misses]
    for line in misses:
        print(line)
    if not misses:
        print("Every target met.")
    document = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "sizes": sorted(args.sizes),
        "shapes": args.shapes,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "cores_usable": CORES,
            "load_average": os.getloadavg(),
        },
        "versions": _versions(),
        "targets": {
            key: {"label": label, "limit": limit, "unit": unit} for key, label, limit, unit, _ in TARGETS
        },
        "results": {shape: {str(n): by_n[n] for n in sorted(by_n)} for shape, by_n in results.items()},
        "relevance": found,
        "misses": misses,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nAll figures: {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
