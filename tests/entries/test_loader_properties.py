"""Property tests of the loader: whatever is in a file, ``load_column`` reports, it never raises."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advice_column.entries.fields import MAX_TITLE
from advice_column.entries.loader import load_column
from advice_column.entries.problems import CODES
from advice_column.entries.values import line_problem

TOPICS = "interviews:\n  title: Interviews\nsalary:\n  title: Salary & pay\n"
BODY = "\n## Question\n\nWhat now?\n\n## Answer\n\nWait a week.\n"
VALID_FRONT = "title: T\ndate: 2025-12-28\ntopic: salary\n"

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def load_file(data: bytes):
    """Write ``data`` as qa/x.md in a fresh column and load it; every example gets its own folder."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "qa").mkdir()
        (root / "qa" / "topics.yml").write_text(TOPICS, encoding="utf-8")
        (root / "qa" / "x.md").write_bytes(data)
        return load_column(root)


def assert_well_formed(result) -> None:
    """Either the file loaded as an entry or it has diagnostics, each one well-formed."""
    assert result.diagnostics == sorted(result.diagnostics)
    for diagnostic in result.diagnostics:
        assert diagnostic.path == "qa/x.md"
        assert diagnostic.code in CODES
        assert diagnostic.line >= 1 and diagnostic.col >= 1
        assert diagnostic.message
    loaded = [e.path for e in result.entries]
    assert loaded == ([] if result.diagnostics else ["qa/x.md"])
    assert sorted(result.topics) == ["interviews", "salary"]


# --- (1) arbitrary bytes ------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        b"---\n",
        b"---\r\n",
        b"\xef\xbb\xbf",
        b"## Question\n",
        b"## Answer\n",
        b"```\n",
        b"\x00",
        b"\xff",
        b"\r",
    ]
)
FILE_BYTES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: ("---\n" + t).encode("utf-8")),
    st.lists(st.one_of(FRAGMENTS, st.binary(max_size=40)), max_size=12).map(b"".join),
    st.binary(max_size=300).map(lambda b: b"---\n" + b + b"\n---\n" + BODY.encode()),
    st.binary(max_size=300).map(lambda b: f"---\n{VALID_FRONT}---\n".encode() + b),
)


@SETTINGS
@given(data=FILE_BYTES)
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"---")
@example(data=b"---\n---\n")
@example(data=b"---\n\xff\n---\n")
@example(data=f"---\n{VALID_FRONT}---\n{BODY}".encode())
def test_arbitrary_bytes_never_raise(data):
    assert_well_formed(load_file(data))


# --- (2) YAML-ish front matter ------------------------------------------------------------------

KEYS = ["title", "date", "topic", "tags", "asker", "summary", "slug", "draft", "updated", "aliases", "tgas"]
TOKENS = st.sampled_from(
    [
        *(f"{key}: " for key in KEYS),
        "\n",
        "\n  ",
        "\n- ",
        " ",
        ":",
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "?",
        "|",
        ">",
        "#",
        "'",
        '"',
        "\\",
        "\t",
        "---",
        "...",
        "&a ",
        "*a",
        "&b ",
        "*b",
        "!!str ",
        "!!python/object/apply:os.system ",
        "!x ",
        "<<: ",
        "%YAML 1.1\n",
        "2025-12-28",
        "2025-02-30",
        "2025-01-01T10:00:00",
        "yes",
        "null",
        "~",
        "12",
        "1e3",
        "salary",
        "interviews",
        "é",
        "日本",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x07",
        "\U0001f600",
    ]
)
YAML_SOUP = st.lists(st.one_of(TOKENS, st.text(max_size=8)), max_size=40).map("".join)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["2025-12-28", "salary", "interviews", "", " ", "---", "..."]),
)
NESTED = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
MAPPINGS = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), NESTED, max_size=8)


def dumped(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=None, sort_keys=False)


FRONT_TEXT = st.one_of(
    YAML_SOUP,
    NESTED.map(dumped),
    MAPPINGS.map(dumped),
    st.tuples(MAPPINGS.map(dumped), YAML_SOUP).map("".join),
    MAPPINGS.map(
        lambda m: dumped({"title": "T", "date": datetime.date(2025, 12, 28), "topic": "salary", **m})
    ),
)


@SETTINGS
@given(front=FRONT_TEXT, crlf=st.booleans())
@example(front="a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", crlf=False)
@example(front="title: !!python/object/apply:os.system [ls]\n", crlf=False)
@example(front="? [a]\n: b\n", crlf=False)
@example(front="- a\n- b\n", crlf=True)
def test_yamlish_front_matter_never_raises(front, crlf):
    text = f"---\n{front}\n---\n{BODY}"
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_well_formed(load_file(text.encode("utf-8")))


# --- (3) any acceptable title round-trips -------------------------------------------------------


def acceptable_title(text: str) -> bool:
    """What the loader accepts as a title: printable, one line, 1 to 200 characters, no markup."""
    stripped = text.strip()
    return (
        text.isprintable()
        and bool(stripped)
        and len(stripped) <= MAX_TITLE
        and not line_problem(stripped, "t")
    )


TITLES = st.one_of(
    st.text(max_size=MAX_TITLE + 5),
    st.text(alphabet=st.sampled_from(" -:#'\"&*!|>%@`[]{},?x"), max_size=60),
    st.lists(
        st.sampled_from(["yes", "no", "null", "12", "2025-12-28", "---", "...", " ", "a"]), max_size=6
    ).map(" ".join),
).filter(acceptable_title)


@SETTINGS
@given(title=TITLES, width=st.sampled_from([20, 80, 1000]), unicode=st.booleans())
@example(title="12", width=80, unicode=False)
@example(title="yes", width=80, unicode=False)
@example(title=" x ", width=80, unicode=False)
@example(title="x" * MAX_TITLE, width=80, unicode=False)
@example(title="--- a --- b --- c --- d", width=20, unicode=True)
def test_title_round_trips(title, width, unicode):
    front = yaml.safe_dump({"title": title}, allow_unicode=unicode, width=width)
    text = f"---\n{front}date: 2025-12-28\ntopic: salary\n---\n{BODY}"
    result = load_file(text.encode("utf-8"))
    assert result.diagnostics == []
    (loaded,) = result.entries
    assert loaded.title == title.strip()
