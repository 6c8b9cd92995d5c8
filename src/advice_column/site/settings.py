"""The column's settings, read from its ordinary ``mkdocs.yml`` without starting MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..entries.problems import SITE_CONFIG, Diagnostic
from ..entries.textfile import read_text_file
from .config_policy import validated_config
from .config_yaml import CONFIG_FILE, ConfigProblem, compose_config

DEFAULT_COMMENT_LABEL = "Reply to this answer"
DEFAULT_PER_PAGE = 30
DEFAULT_FEED_ENTRIES = 20


class SettingsError(Exception):
    """mkdocs.yml cannot be used; carries its problems (``diagnostic`` is the first)."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
        self.diagnostics = [diagnostic, *more]


@dataclass(frozen=True)
class Settings:
    """What the generator needs from mkdocs.yml; ``raw`` has every value that passed the
    allow-list (config_policy.py), which is all the engine is given: never the file itself."""

    site_name: str
    site_url: str = ""
    repo_url: str = ""
    docs_dir: str = "docs"
    site_dir: str = "site"
    comment_url: str = ""
    comment_label: str = DEFAULT_COMMENT_LABEL
    per_page: int = DEFAULT_PER_PAGE
    columnist: str = ""
    feed_entries: int = DEFAULT_FEED_ENTRIES
    feed_full_text: bool = True
    raw: dict = field(default_factory=dict, compare=False)


def read_settings(root: Path) -> Settings:
    """Read ``root/mkdocs.yml``: site name and URL, folders, and the ``extra.advice`` block."""
    raw = read_config_values(root)
    advice = ((raw.get("extra") or {}).get("advice")) or {}
    site_url = str(raw.get("site_url") or "")
    repo_url = str(raw.get("repo_url") or "").rstrip("/")
    comments = advice.get("comments") or {}
    feeds = advice.get("feeds") or {}
    settings = Settings(
        site_name=str(raw.get("site_name") or "Advice column"),
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        repo_url=repo_url,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        site_dir=str(raw.get("site_dir") or "site"),
        comment_url=str(comments.get("url") or default_comment_url(repo_url)),
        comment_label=str(comments.get("label") or DEFAULT_COMMENT_LABEL),
        per_page=advice.get("per_page", DEFAULT_PER_PAGE),
        columnist=str(advice.get("columnist") or advice.get("author") or raw.get("site_author") or ""),
        feed_entries=feeds.get("entries", DEFAULT_FEED_ENTRIES),
        feed_full_text=feeds.get("content", "full") == "full",
        raw=raw,
    )
    _check_comment_url(settings.comment_url)
    _check_folders(root, settings)
    return settings


def read_config_values(root: Path) -> dict:
    """The values of ``root/mkdocs.yml`` that pass the allow-list; SettingsError lists the others."""
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        raise _error(1, f"no {CONFIG_FILE} here; run inside a column or pass --root")
    text, found = read_text_file(path)  # bounded in size, never through a symbolic link
    if text is None:
        raise SettingsError(*(diagnostic.placed(CONFIG_FILE) for diagnostic in found))
    try:
        node = compose_config(text)
    except ConfigProblem as problem:
        raise SettingsError(problem.diagnostic) from None
    raw, found = validated_config(node)
    if found:
        raise SettingsError(*sorted(found))
    return raw


def _check_folders(root: Path, settings: Settings) -> None:
    """site_dir is replaced whole on every build: it must be a folder of its own inside the column."""
    real_root = root.resolve()
    site = (root / settings.site_dir).resolve()
    protected = [real_root / name for name in (settings.docs_dir, "qa", "overrides", ".advice", ".git")]
    if real_root not in site.parents or any(
        site == p or p in site.parents or site in p.parents for p in protected
    ):
        raise _error(
            1,
            f"site_dir '{settings.site_dir}' must be a folder of its own inside the column "
            "(it is replaced on every build), e.g. 'site'",
        )


def default_comment_url(repo_url: str) -> str:
    """A new GitHub discussion-style issue on the column's repository, when it is on GitHub."""
    if urlsplit(repo_url).netloc.lower() != "github.com":
        return ""
    return f"{repo_url}/issues/new?title=Re%3A%20{{title}}&body=About%20{{url}}%0A%0A"


def _check_comment_url(template: str) -> None:
    if not template:
        raise _error(
            1,
            "set extra.advice.comments.url (e.g. 'mailto:editor@example.org?subject=Re:%20{title}') "
            "or a GitHub repo_url, so every entry can link to a reply",
        )


def _error(line: int, message: str) -> SettingsError:
    return SettingsError(Diagnostic(CONFIG_FILE, line, 1, SITE_CONFIG, message))
