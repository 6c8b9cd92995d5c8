"""YAML mistakes people make come with the fix, not only the parser's words."""

from __future__ import annotations

import pytest

from advice_column.entries.loader import read_entry
from advice_column.entries.model import Topic

TOPICS = {"interviews": Topic("interviews", "Interviews", "")}
BODY = "---\n\n## Question\n\nq\n\n## Answer\n\na\n"


@pytest.mark.parametrize(
    ("front", "line", "hint"),
    [
        ("title: Re: my boss\n", 2, 'put the title in quotes, e.g. title: "Re: my boss"'),
        (
            "title: x\nsummary: it is: so\n",
            3,
            "a ': ' inside a value starts a new key; put the summary in quotes",
        ),
        ('title: "Hi" there\n', 2, "has text after a closing quote"),
        ("title: 'it's'\n", 2, "write a quote inside it twice"),
        ('title: "unclosed\n', 2, "a quote is opened and never closed"),
        ("title: x\ntags: [a, b\n", 3, "a list is written [a, b] and closed with ']'"),
        ("asker: @sam\n", 2, "a value may not start with @, ` or %"),
        ("asker: *sam\n", 2, "a value may not start with *"),
        (
            "title: x\n  date: 2025-01-01\n",
            3,
            "'date' is indented: start each key at the beginning of the line",
        ),
    ],
)
def test_common_yaml_mistakes_say_how_to_fix_them(front, line, hint):
    _, found = read_entry("qa/x.md", f"---\n{front}date: 2025-01-01\ntopic: interviews\n{BODY}", TOPICS)
    assert [(d.code, d.line) for d in found][:1] == [("QA012", line)]
    assert hint in found[0].message
    assert found[0].message.startswith("YAML does not parse: ")
