"""The column's settings, read from its ordinary ``mkdocs.yml`` without starting MkDocs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..entries.problems import SITE_CONFIG, Diagnostic
from .config_policy import refuse_disallowed_tag, refused_setting
from .synonyms import read_synonyms

CONFIG_FILE = "mkdocs.yml"
DEFAULT_COMMENT_LABEL = "Reply to this answer"
DEFAULT_PER_PAGE = 30
DEFAULT_FEED_ENTRIES = 20
PLACEHOLDERS = ("title", "url", "slug")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: allowed ``!!python/name:`` values as None, any other tag refused."""


_TolerantLoader.add_multi_constructor("", refuse_disallowed_tag)


class SettingsError(Exception):
    """mkdocs.yml cannot be used; carries a diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Settings:
    """What the generator needs from mkdocs.yml; ``raw`` keeps the rest for the engine."""

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
    search_synonyms: tuple[tuple[str, ...], ...] = ()
    raw: dict = field(default_factory=dict, compare=False)


def read_settings(root: Path) -> Settings:
    """Read ``root/mkdocs.yml``: site name and URL, folders, and the ``extra.advice`` block."""
    path = root / CONFIG_FILE
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader) or {}
    except FileNotFoundError:
        raise _error(1, f"no {CONFIG_FILE} here; run inside a column or pass --root") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        raise _error(mark.line + 1 if mark else 1, f"cannot read {CONFIG_FILE}: {error}") from None
    if not isinstance(raw, dict):
        raise _error(1, f"{CONFIG_FILE} must be a mapping")
    if refused := refused_setting(raw):
        raise _error(1, refused)
    advice = ((raw.get("extra") or {}).get("advice")) or {}
    site_url = str(raw.get("site_url") or "")
    repo_url = str(raw.get("repo_url") or "").rstrip("/")
    comments = advice.get("comments") or {}
    feeds = advice.get("feeds") or {}
    if feeds.get("content", "full") not in ("full", "summary"):
        raise _error(1, "extra.advice.feeds.content must be 'full' or 'summary'")
    synonyms, problem = read_synonyms(advice.get("search"))
    if problem:
        raise _error(1, problem)
    settings = Settings(
        site_name=str(raw.get("site_name") or "Advice column"),
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        repo_url=repo_url,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        site_dir=str(raw.get("site_dir") or "site"),
        comment_url=str(comments.get("url") or default_comment_url(repo_url)),
        comment_label=str(comments.get("label") or DEFAULT_COMMENT_LABEL),
        per_page=_whole_number(advice.get("per_page", DEFAULT_PER_PAGE), "per_page", 5, 500),
        columnist=str(advice.get("columnist") or advice.get("author") or raw.get("site_author") or ""),
        feed_entries=_whole_number(feeds.get("entries", DEFAULT_FEED_ENTRIES), "feeds.entries", 1, 500),
        feed_full_text=feeds.get("content", "full") == "full",
        search_synonyms=synonyms,
        raw=raw,
    )
    _check_comment_url(settings.comment_url)
    _check_folders(root, settings)
    return settings


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
    unknown = set(re.findall(r"\{(\w*)\}", template)) - set(PLACEHOLDERS)
    if unknown:
        raise _error(
            1,
            f"extra.advice.comments.url has unknown placeholder(s) {sorted(unknown)}; "
            f"use {{title}}, {{url}} or {{slug}}",
        )
    if urlsplit(template).scheme.lower() not in ("http", "https", "mailto"):
        raise _error(1, "extra.advice.comments.url must start with https://, http:// or mailto:")


def _whole_number(value: object, key: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _error(1, f"extra.advice.{key} must be a whole number from {low} to {high}")
    return value


def _error(line: int, message: str) -> SettingsError:
    return SettingsError(Diagnostic(CONFIG_FILE, line, 1, SITE_CONFIG, message))
