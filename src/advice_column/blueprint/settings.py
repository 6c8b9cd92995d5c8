"""The column's settings, read from its ordinary ``mkdocs.yml`` without starting MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node

from ..entries.frontmatter import position
from ..entries.problems import SITE_CONFIG, Diagnostic
from ..entries.textfile import read_text_file
from ..errors import AdviceError
from .ask import AskChannel, parse_ask, reply_destination
from .config_policy import validated_config
from .config_yaml import CONFIG_FILE, ConfigProblem, compose_config
from .synonyms import synonym_groups
from .words import check_overrides, words_for

DEFAULT_COMMENT_LABEL = "Reply to this answer"
# The reply button says where it leads when mkdocs.yml gives it no label of its own.
REPLY_LABELS = {"email": "reply_email", "discussion": "reply_discussion", "issue": "reply_issue"}
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")
DEFAULT_PER_PAGE = 30
DEFAULT_FEED_ENTRIES = 20


class SettingsError(AdviceError):
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
    ask: AskChannel | None = None
    language: str = "en"  # theme.language: the words and dates of every page
    word_overrides: tuple[tuple[str, str], ...] = ()  # extra.advice.words
    tagline: str = ""  # under the column's name on the home page (default: site_description)
    columnist_photo: str = ""  # a picture in docs/, by its path there
    columnist_bio: str = ""
    search_synonyms: tuple[tuple[str, ...], ...] = ()  # extra.advice.search.synonyms
    raw: dict = field(default_factory=dict, compare=False)

    @property
    def words(self) -> dict[str, str]:
        """Every word the column adds, in its language (blueprint/words.py)."""
        return words_for(self.language, self.word_overrides)

    @property
    def custom_dir(self) -> str | None:
        """theme.custom_dir: the column's theme folder, over the engine's (None when it has none)."""
        theme = self.raw.get("theme")
        folder = theme.get("custom_dir") if isinstance(theme, dict) else None
        return str(folder) if folder else None


def read_settings(root: Path) -> Settings:
    """Read ``root/mkdocs.yml``: site name and URL, folders, and the ``extra.advice`` block."""
    raw, node = read_config(root)
    advice = ((raw.get("extra") or {}).get("advice")) or {}
    site_url = str(raw.get("site_url") or "")
    repo_url = str(raw.get("repo_url") or "").rstrip("/")
    comments = advice.get("comments") or {}
    feeds = advice.get("feeds") or {}
    site_name = str(raw.get("site_name") or "Advice column")
    docs_dir = str(raw.get("docs_dir") or "docs")
    at = _placed(node)
    ask = at("ask", lambda: parse_ask(advice.get("ask"), repo_url, site_name))
    overrides = at("words", lambda: check_overrides(advice.get("words")))
    photo = at("columnist_photo", lambda: _photo(root / docs_dir, advice.get("columnist_photo")))
    comment_url = str(comments.get("url") or default_comment_url(repo_url))
    theme = raw.get("theme")
    language = str((theme.get("language") if isinstance(theme, dict) else None) or "en")
    default_label = words_for(language, overrides)[REPLY_LABELS.get(reply_destination(comment_url), "reply")]
    synonyms = at("search", lambda: synonym_groups(advice.get("search")))
    settings = Settings(
        site_name=site_name,
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        repo_url=repo_url,
        docs_dir=docs_dir,
        site_dir=str(raw.get("site_dir") or "site"),
        comment_url=comment_url,
        comment_label=str(comments.get("label") or default_label),
        per_page=advice.get("per_page", DEFAULT_PER_PAGE),
        columnist=str(advice.get("columnist") or advice.get("author") or raw.get("site_author") or ""),
        feed_entries=feeds.get("entries", DEFAULT_FEED_ENTRIES),
        feed_full_text=feeds.get("content", "full") == "full",
        ask=ask,
        language=language,
        word_overrides=overrides,
        tagline=str(advice.get("tagline") or raw.get("site_description") or ""),
        columnist_photo=photo,
        columnist_bio=str(advice.get("columnist_bio") or ""),
        search_synonyms=synonyms,
        raw=raw,
    )
    _check_comment_url(settings.comment_url)
    _check_folders(root, settings)
    return settings


def _placed(root: Node | None):
    """Runs a check of one ``extra.advice`` key; its ValueError becomes a problem at that key's line."""

    def check(key: str, read):
        try:
            return read()
        except ValueError as error:
            node = root
            for name in ("extra", "advice", key):
                found = [v for k, v in getattr(node, "value", []) if getattr(k, "value", None) == name]
                node = found[0] if isinstance(node, MappingNode) and found else node
            line, col = position(node) if node is not None else (1, 1)
            raise SettingsError(Diagnostic(CONFIG_FILE, line, col, SITE_CONFIG, str(error))) from None

    return check


def _photo(docs: Path, value: object) -> str:
    """The columnist's picture: a file in docs/ (pictures from other sites would track readers)."""
    if not value:
        return ""
    path = str(value)  # the allow-list made it a relative path of a picture
    if not (docs / path).is_file():
        raise ValueError(f"extra.advice.columnist_photo: no such picture in {docs.name}/: {path}")
    return path


def read_config_values(root: Path) -> dict:
    """The values of ``root/mkdocs.yml`` that pass the allow-list; SettingsError lists the others."""
    return read_config(root)[0]


def read_config(root: Path) -> tuple[dict, Node | None]:
    """``read_config_values`` and the file's YAML nodes (for the line of a later problem)."""
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
    return raw, node


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
