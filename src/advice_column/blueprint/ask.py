"""How readers send the column a question (``extra.advice.ask``), and where a reply link leads.

A letter about health, money or a boss must not be public by accident: an email address or a
form of the columnist's choosing keeps it private; the repository's GitHub issue form publishes
it under the reader's own account, and the column says so wherever it offers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

GITHUB = "github"
# One address, nothing a mail program would read as a second recipient or a header.
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_EXPECTED = (
    "extra.advice.ask must be an email address (editor@example.org), the https:// address of a "
    "form, or 'github' (the repository's issue form: letters are public there)"
)


@dataclass(frozen=True)
class AskChannel:
    """Where "Ask a question" leads: ``kind`` is 'email', 'form' or 'github'."""

    kind: str
    url: str
    address: str = ""  # the email address, shown on the page

    @property
    def public(self) -> bool:
        """True when what a reader sends can be read by anyone (a GitHub issue)."""
        return self.kind == GITHUB


def parse_ask(value: object, repo_url: str, site_name: str) -> AskChannel | None:
    """The channel ``extra.advice.ask`` names (None when unset); ValueError says what is wrong."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(_EXPECTED)
    text = value.strip()
    if text.lower() == GITHUB:
        if urlsplit(repo_url).netloc.lower() != "github.com":
            raise ValueError("extra.advice.ask: 'github' needs repo_url to be a github.com repository")
        return AskChannel(GITHUB, f"{repo_url}/issues/new?template=ask-a-question.yml")
    address = text.removeprefix("mailto:")
    if _EMAIL.fullmatch(address):
        subject = quote(f"A question for {site_name}", safe="")
        return AskChannel("email", f"mailto:{address}?subject={subject}", address)
    parts = urlsplit(text)
    if parts.scheme.lower() == "https" and parts.netloc:
        return AskChannel("form", text)
    if parts.scheme.lower() == "http":
        raise ValueError(f"extra.advice.ask: use the form's https:// address, not {text}")
    raise ValueError(f"{_EXPECTED}; got {text!r}")


def reply_destination(comment_url: str) -> str:
    """Where a reply link leads, for its label: 'email', 'discussion', 'issue' or '' (a page)."""
    parts = urlsplit(comment_url)
    if parts.scheme.lower() == "mailto":
        return "email"
    if parts.netloc.lower() == "github.com":
        return "discussion" if "/discussions/" in parts.path else "issue"
    return ""
