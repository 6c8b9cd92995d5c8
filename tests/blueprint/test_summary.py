"""An automatic summary never stops inside a quotation."""

from __future__ import annotations

import pytest

from advice_column.blueprint.text import sentences, summary


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            'Write this: "I am applying for a role. Would you be a reference?" Then wait a week.',
            'Write this: "I am applying for a role. Would you be a reference?"',
        ),
        (
            "Say it plainly: “I would like to talk about pay. Can we meet?” Then listen.",
            "Say it plainly: “I would like to talk about pay. Can we meet?”",
        ),
        (
            "Send the note today. Keep it short and warm, and sign it.",
            "Send the note today. Keep it short and warm, and sign it.",
        ),
    ],
)
def test_summary_keeps_a_quotation_whole(answer, expected):
    assert summary(answer) == expected


def test_sentences_outside_quotes_still_split():
    assert sentences('Yes. "Fine," she said. Go.') == ["Yes.", '"Fine," she said.', "Go."]
