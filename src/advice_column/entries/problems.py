"""One problem type for every check, and the two ways to print it."""

from __future__ import annotations

from dataclasses import dataclass

# Stable codes: tools and people grep for them, so never renumber. Documented in CONTRIBUTING.md.
CODES: dict[str, str] = {
    "QA001": "file is empty",
    "QA002": "file is not valid UTF-8",
    "QA003": "file is too large",
    "QA004": "link or path leads outside qa/",
    "QA010": "front matter missing",
    "QA011": "front matter not closed",
    "QA012": "YAML does not parse",
    "QA013": "front matter is not a mapping",
    "QA014": "duplicate key",
    "QA015": "tab character in front matter",
    "QA016": "YAML feature not allowed (anchors, aliases, tags)",
    "QA020": "required key missing",
    "QA021": "unknown key",
    "QA022": "value has the wrong type",
    "QA023": "date is not a real YYYY-MM-DD date",
    "QA024": "unknown topic",
    "QA025": "value empty or too long",
    "QA026": "slug is not URL-safe",
    "QA027": "slug used by two entries",
    "QA028": "alias is not a usable site path",
    "QA029": "tag listed twice",
    "QA030": "'## Question' section missing",
    "QA031": "'## Answer' section missing",
    "QA032": "section is empty",
    "QA033": "body is not '## Question' then '## Answer'",
    "QA034": "follow_up_of names no other entry",
    "QA040": "raw HTML that is not allowed",
    "QA041": "link with an unsafe URL",
    "QA050": "topics file problem",
    "QA060": "site configuration problem",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file; lines and columns start at 1."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


def format_diagnostics(diagnostics: list[Diagnostic], output_format: str = "text") -> str:
    """One line per diagnostic, as ``path:line:col: CODE message`` or GitHub annotations."""
    render = format_github if output_format == "github" else str
    return "".join(f"{render(diagnostic)}\n" for diagnostic in diagnostics)


def format_github(diagnostic: Diagnostic) -> str:
    """Render as a GitHub Actions workflow command, shown as an annotation on the diff."""
    message = _escape_github(f"{diagnostic.code} {diagnostic.message}", data=True)
    path = _escape_github(diagnostic.path, data=False)
    return (
        f"::error file={path},line={diagnostic.line},col={diagnostic.col},title={diagnostic.code}::{message}"
    )


def _escape_github(text: str, *, data: bool) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData/escapeProperty)
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if not data:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text
