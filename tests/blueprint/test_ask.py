"""Where "Ask a question" and the reply button lead: ``extra.advice.ask`` read strictly, and a
column that asks by email, by form or in public on GitHub, built and checked."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.ask import parse_ask, reply_destination

REPO = "https://github.com/o/column"
SUBJECT = "?subject=A%20question%20for%20Ask%20Sam"


@pytest.mark.parametrize(
    ("value", "kind", "url", "public"),
    [
        (
            "editor@example.org",
            "email",
            "mailto:editor@example.org" + SUBJECT,
            False,
        ),
        ("mailto:ask@sam.net", "email", "mailto:ask@sam.net" + SUBJECT, False),
        ("https://forms.example.net/sam", "form", "https://forms.example.net/sam", False),
        ("github", "github", REPO + "/issues/new?template=ask-a-question.yml", True),
        (" GitHub ", "github", REPO + "/issues/new?template=ask-a-question.yml", True),
    ],
)
def test_ask_names_a_private_address_or_the_public_issue_form(value, kind, url, public):
    channel = parse_ask(value, REPO, "Ask Sam")
    assert (channel.kind, channel.url, channel.public) == (kind, url, public)


@pytest.mark.parametrize(
    ("value", "repo", "message"),
    [
        ("http://forms.example.net/sam", REPO, "use the form's https:// address"),
        ("github", "https://gitlab.com/o/column", "'github' needs repo_url to be a github.com repository"),
        ("github", "", "'github' needs repo_url"),
        ("sam at example.org", REPO, "must be an email address"),
        ("a@b.org,c@d.org", REPO, "must be an email address"),
        ("javascript:alert(1)", REPO, "must be an email address"),
        (42, REPO, "must be an email address"),
        (["a@b.org"], REPO, "must be an email address"),
    ],
)
def test_an_unusable_ask_setting_says_what_would_do(value, repo, message):
    with pytest.raises(ValueError, match=r"extra\.advice\.ask") as raised:
        parse_ask(value, repo, "Ask Sam")
    assert message in str(raised.value)


def test_no_ask_setting_means_no_ask_page():
    assert parse_ask(None, REPO, "Ask Sam") is None


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("mailto:e@x.org?subject={title}", "email"),
        (REPO + "/discussions/new?category=replies&title={title}", "discussion"),
        (REPO + "/issues/new?title={title}", "issue"),
        ("https://example.net/reply?t={title}", ""),
    ],
)
def test_reply_destination(url, where):
    assert reply_destination(url) == where


def html(path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def ask_column(column, ask: str, comments: str) -> None:
    column.write(
        "mkdocs.yml",
        f"site_name: Ask Sam\nsite_url: https://sam.net/\nrepo_url: {REPO}\n"
        "theme:\n  name: material\n  font: false\n"
        f"extra:\n  advice:\n    ask: {ask}\n    comments:\n      url: '{comments}'\n",
    )
    column.entry("one")


def test_a_column_asking_by_email_keeps_letters_private(column):
    ask_column(column, "letters@sam.net", "mailto:letters@sam.net?subject=Re:%20{title}")
    assert column.run("build") == 0
    page = html(column.root / "site/ask/index.html")
    assert "Your letter is private" in page.css_first(".advice-ask__privacy").text()
    send = page.css_first("a.advice-ask__send")
    assert send.attributes["href"].startswith("mailto:letters@sam.net?subject=")
    assert send.text() == "Write an email"
    entry = html(column.root / "site/qa/one/index.html")
    assert entry.css_first(".advice-reply__link").text() == "Reply by email"
    assert "goes to the columnist only" in entry.css_first(".advice-reply__where").text()


def test_a_column_asking_on_github_says_the_letter_is_public(column):
    ask_column(column, "github", REPO + "/discussions/new?category=replies&title={title}")
    assert column.run("build") == 0
    page = html(column.root / "site/ask/index.html")
    assert "Your letter will be public" in page.css_first(".advice-ask__privacy--public").text()
    assert page.css_first("a.advice-ask__send").text() == "Ask in public on GitHub"
    entry = html(column.root / "site/qa/one/index.html")
    assert entry.css_first(".advice-reply__link").text() == "Reply in a GitHub discussion"
    assert "replies there are public" in entry.css_first(".advice-reply__where").text()


def test_a_column_without_ask_has_no_ask_page(column):
    column.entry("one")
    assert column.run("build") == 0
    assert not (column.root / "site/ask").exists()


def test_a_bad_ask_setting_is_reported_at_its_line(column, capsys):
    column.write(
        "mkdocs.yml",
        "site_name: Ask Sam\nrepo_url: https://gitlab.com/o/c\nextra:\n  advice:\n"
        "    ask: github\n    comments:\n      url: 'mailto:a@sam.net'\n",
    )
    column.entry("one")
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:5:10: QA060 extra.advice.ask: 'github' needs repo_url" in out
