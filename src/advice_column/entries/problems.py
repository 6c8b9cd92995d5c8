"""One problem type for every check, its stable codes, and the two ways to print it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..errors import AdviceError

# Stable codes: tools and people grep for them, so never renumber. Each meaning has its own code,
# validators name them by these constants, and CONTRIBUTING.md's table lists every one.
EMPTY_FILE = "QA001"
NOT_UTF8 = "QA002"
TOO_LARGE = "QA003"
OUTSIDE_QA = "QA004"
UNREADABLE = "QA005"
CONTROL_CHARACTER = "QA006"
MISPLACED_ENTRY = "QA007"
NO_FRONT_MATTER = "QA010"
FRONT_MATTER_OPEN = "QA011"
YAML_SYNTAX = "QA012"
NOT_A_MAPPING = "QA013"
DUPLICATE_KEY = "QA014"
TAB_IN_YAML = "QA015"
YAML_FEATURE = "QA016"
MISSING_KEY = "QA020"
UNKNOWN_KEY = "QA021"
WRONG_TYPE = "QA022"
BAD_DATE = "QA023"
UNKNOWN_TOPIC = "QA024"
BAD_LENGTH = "QA025"
BAD_SLUG = "QA026"
DUPLICATE_SLUG = "QA027"
BAD_ALIAS = "QA028"
DUPLICATE_TAG = "QA029"
NO_QUESTION = "QA030"
NO_ANSWER = "QA031"
EMPTY_SECTION = "QA032"
BAD_SECTIONS = "QA033"
BAD_FOLLOW_UP = "QA034"
TAG_SPELLING = "QA035"
MARKUP_IN_TEXT = "QA036"
RAW_HTML = "QA040"
UNSAFE_URL = "QA041"
TOO_COMPLEX = "QA042"
TAB_CODE_BLOCK = "QA043"
STALE_ASK_FORM = "QA044"
TOPICS_FILE = "QA050"
SITE_CONFIG = "QA060"
DOCS_KIND = "QA070"
DOCS_PLACE = "QA071"
DOCS_LINK = "QA072"
DOCS_FRONT_MATTER = "QA073"

CODES: dict[str, str] = {
    EMPTY_FILE: "file is empty",
    NOT_UTF8: "file is not valid UTF-8",
    TOO_LARGE: "file is too large",
    OUTSIDE_QA: "symbolic link (in qa/, docs/ or overrides/, wherever it leads)",
    UNREADABLE: "file cannot be read",
    CONTROL_CHARACTER: "control character in the text",
    MISPLACED_ENTRY: "entry outside qa/ (in docs/ or at the column's root)",
    NO_FRONT_MATTER: "front matter missing",
    FRONT_MATTER_OPEN: "front matter not closed",
    YAML_SYNTAX: "YAML does not parse",
    NOT_A_MAPPING: "front matter is not a mapping",
    DUPLICATE_KEY: "duplicate key",
    TAB_IN_YAML: "tab character in front matter",
    YAML_FEATURE: "YAML feature not allowed (anchors, aliases, tags)",
    MISSING_KEY: "required key missing",
    UNKNOWN_KEY: "unknown key",
    WRONG_TYPE: "value has the wrong type",
    BAD_DATE: "date is not a real YYYY-MM-DD date",
    UNKNOWN_TOPIC: "unknown topic",
    BAD_LENGTH: "value or list empty or too long",
    BAD_SLUG: "slug is not a usable URL segment",
    DUPLICATE_SLUG: "slug used by two entries",
    BAD_ALIAS: "alias is not a usable site path",
    DUPLICATE_TAG: "tag listed twice",
    NO_QUESTION: "'## Question' section missing",
    NO_ANSWER: "'## Answer' section missing",
    EMPTY_SECTION: "section is empty",
    BAD_SECTIONS: "body is not '## Question' then '## Answer'",
    BAD_FOLLOW_UP: "follow_up_of names no other entry",
    TAG_SPELLING: "one tag written two ways",
    MARKUP_IN_TEXT: "markup or invisible character in a one-line value",
    RAW_HTML: "raw HTML that is not allowed",
    UNSAFE_URL: "link with an unsafe URL",
    TOO_COMPLEX: "text beyond the renderer's limits",
    TAB_CODE_BLOCK: "paragraph indented with a tab (shown as a code block)",
    STALE_ASK_FORM: "the Ask a question form's topics are not those of qa/topics.yml",
    TOPICS_FILE: "topics file problem",
    SITE_CONFIG: "site configuration problem",
    DOCS_KIND: "file of docs/ of a kind the site does not publish",
    DOCS_PLACE: "file of docs/ at a path the build, the theme or another file takes",
    DOCS_LINK: "link or nav entry names no file of the site",
    DOCS_FRONT_MATTER: "front matter of a docs page the theme cannot use",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file; lines and columns start at 1.

    Validators that see only text yield it with an empty ``path``; the loader places it.
    """

    path: str
    line: int
    col: int
    code: str
    message: str

    def placed(self, path: str) -> Diagnostic:
        """The same problem, in the file at ``path``."""
        return dataclasses.replace(self, path=path)

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}")


def problem(line: int, col: int, code: str, message: str) -> Diagnostic:
    """A problem in the text being validated, before the loader says which file it is in."""
    return Diagnostic("", line, col, code, message)


class Invalid(AdviceError):
    """Raised by a reader that cannot go on; carries the one problem that stopped it."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def format_diagnostics(diagnostics: list[Diagnostic], output_format: str = "text") -> str:
    """One line per diagnostic, as ``path:line:col: CODE message`` or GitHub annotations."""
    render = format_github if output_format == "github" else str
    return "".join(f"{render(diagnostic)}\n" for diagnostic in diagnostics)


def format_github(diagnostic: Diagnostic) -> str:
    """Render as a GitHub Actions workflow command, shown as an annotation on the diff."""
    message = printable(_escape_github(f"{diagnostic.code} {diagnostic.message}", data=True))
    path = printable(_escape_github(diagnostic.path, data=False))
    return (
        f"::error file={path},line={diagnostic.line},col={diagnostic.col},title={diagnostic.code}::{message}"
    )


# C0/C1 controls, bidi overrides/isolates/marks, line/paragraph separators and other invisible
# format characters: content that could move a terminal's cursor, fake a clean result, reorder
# the text a person reads or hide in it. ZWJ/ZWNJ stay (Persian, emoji).
INVISIBLE = (
    "\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
)
# Lone surrogates too: a file name that is not UTF-8 holds them, and no stream can write one.
_UNPRINTABLE = re.compile(f"[{INVISIBLE}\ud800-\udfff]")
# GitHub's runner reads a workflow command from a log line that starts with '::' (after spaces)
# or holds '##[' anywhere: https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs
_COMMAND_START = re.compile(r"^(\s*):(?=:)")


def printable(text: str) -> str:
    """``text`` with every control, bidi or invisible character shown as an escape like ``\\x1b``."""
    return _UNPRINTABLE.sub(_escape_character, text)


def log_line(text: str) -> str:
    """``text`` as one line safe in a terminal and a CI log: printable, and no workflow command."""
    return _COMMAND_START.sub(r"\1\\x3a", printable(text).replace("##[", "#\\x23["), count=1)


def _escape_character(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_github(text: str, *, data: bool) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData/escapeProperty)
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if not data:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text
