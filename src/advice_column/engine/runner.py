"""Run the site engine, MkDocs with Material, on the generated docs folder.

MkDocs is given the values of the site's ``mkdocs.yml`` that passed the allow-list
(blueprint/config_policy.py), never the file, with a few keys set for every build: the docs folder,
the navigation (topics and index pages, never single entries), no lunr search (the search
wing's replaces it), and this package's theme folder between the site's ``overrides/`` and Material.
"""

from __future__ import annotations

import html
import io
import logging
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..blueprint.settings import CONFIG_FILE
from ..entries.model import Tick
from ..entries.problems import printable
from ..errors import BuildError
from .config_values import THEME_TEXT, engine_values, theme_text
from .html_pages import PLUGIN_NAME as _HTML_PAGES
from .html_pages import use_html_pages
from .interface import NavItem, SiteDescription
from .page_kinds import PLUGIN_NAME as _PAGE_KINDS
from .page_kinds import use_page_kinds
from .templates import use_sandboxed_templates
from .theme_folders import THEME_DIR

STYLESHEET = "assets/advice-column.css"
# Generated pages that are reached from listings, not from the navigation.
NOT_IN_NAV = "/qa/\n/tags/*/\n/archive/*/\n/topics/*/page/\n/ask/\n"
_SEARCH_PLUGINS = {"search", "material/search"}


class EngineError(BuildError):
    """MkDocs refused the build; the message says why."""


def mkdocs_nav(items: tuple[NavItem, ...]) -> list:
    """The navigation as MkDocs' ``nav`` setting, its titles escaped: Material prints them raw."""
    return [_nav_item(item) for item in items]


def _nav_item(item: NavItem):
    target = item.path if item.path is not None else mkdocs_nav(item.children)
    return {html.escape(item.title): target} if item.title is not None else target


def load_engine_config(site: SiteDescription, site_dir: Path):
    """The MkDocs config for this column: mkdocs.yml plus the keys the generator owns.

    Compiled templates go to ``site.cache_dir``, never into the working tree. ``site.html_pages``
    are the generated pages (docs paths) whose body is HTML only (see html_pages.py).
    """
    from mkdocs.config import load_config  # deferred: `advice check` never needs MkDocs

    # MkDocs reads mkdocs.yml with PyYAML's unsafe loader: give it the values checked instead.
    root, docs_dir, private_cache = site.root, site.docs_dir, site.cache_dir
    raw = engine_values(site.settings.raw)
    raw.update({key: theme_text(raw[key]) for key in THEME_TEXT if key in raw})
    theme = dict(raw.pop("theme", None) or {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    plugins = [p for p in raw.pop("plugins", None) or [] if _plugin_name(p) not in _SEARCH_PLUGINS]
    not_in_nav = "\n".join(filter(None, [str(raw.pop("not_in_nav", None) or ""), NOT_IN_NAV]))
    for key in ("docs_dir", "site_dir", "nav", "use_directory_urls", "strict"):
        raw.pop(key, None)  # the generator sets these
    config = load_config(
        io.BytesIO(b"{}"),
        config_file_path=str(root / CONFIG_FILE),
        **raw,
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        nav=mkdocs_nav(site.nav),
        theme=theme,
        plugins=plugins,
        not_in_nav=not_in_nav,
        use_directory_urls=True,
        strict=site.strict,
    )
    # Theme.dirs is the template search path: site overrides first, Material last.
    at = 1 if theme.get("custom_dir") else 0
    config.theme.dirs[at:at] = [str(THEME_DIR), *map(str, site.themes)]
    config.extra_css.append(STYLESHEET)
    templates = None
    if private_cache is not None:
        # Not the folder of earlier versions, whose templates were compiled without the sandbox.
        templates = private_cache / "templates-sandboxed"
        templates.mkdir(mode=0o700, exist_ok=True)
    use_sandboxed_templates(config, templates)
    use_html_pages(config, site.html_pages)
    use_page_kinds(config)
    if site.serve_url:
        config.site_url = site.serve_url
    return config


def run_engine(
    config,
    *,
    dirty: bool = False,
    serve_url: str | None = None,
    progress: Tick | None = None,
    workers: int | None = None,
    on_site: Callable[[tuple], None] | None = None,
) -> list[str]:
    """Build the HTML site; returns MkDocs' warnings, raises EngineError when it aborts.

    A full build of a big site renders its pages in ``workers`` processes (default: one per
    core) when that gives the same site; see ``parallel_build.one_process_reason``. ``on_site`` is given
    MkDocs' objects of the built site: (config, files, nav, env).
    """
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from .parallel_build import build_in_processes

    total = sum(1 for _ in Path(config.docs_dir).rglob("*.md"))
    with _captured_warnings() as warnings:
        try:
            site = build_in_processes(
                config, total, workers, dirty=dirty, serve_url=serve_url, progress=progress
            )
            if site is None:  # one process: MkDocs' own build
                recorder = config.plugins[_RECORDER] = _make_recorder()
                with _counted_pages(progress, total):
                    build(config, dirty=dirty, serve_url=serve_url)
                site = recorder.site
            if on_site is not None:
                on_site(site)
        except MkDocsException as error:
            raise aborted(error, warnings) from None
        except TemplateError as error:  # a broken or unsafe template in overrides/
            where = f"{error.filename}:{error.lineno}: " if getattr(error, "filename", None) else ""
            raise EngineError(f"template {where}{error.message or error}") from None
    return warnings


def aborted(error: Exception, warnings: list[str]) -> EngineError:
    """MkDocs' abort with the warnings that caused it, a line each (their newlines escaped)."""
    return EngineError("\n  ".join(printable(str(message)) for message in [error, *warnings]))


def site_plugins(config) -> list[str]:
    """The plugins mkdocs.yml configures (not the engine's own, which keep no state across pages)."""
    return [name for name in config.plugins if name not in (_RECORDER, _HTML_PAGES, _PAGE_KINDS)]


def _make_recorder():
    from mkdocs.plugins import BasePlugin, event_priority

    class Recorder(BasePlugin):
        """Keeps what MkDocs' build made once per site, after every other plugin changed it."""

        site: tuple | None = None

        @event_priority(-100)
        def on_nav(self, nav, *, config, files):
            self.nav = nav
            return nav

        @event_priority(-100)
        def on_env(self, env, *, config, files):
            self.site = (config, files, self.nav, env)
            return env

    return Recorder()


_RECORDER = "advice-site-recorder"


def built_pages(site: tuple) -> frozenset[str]:
    """The site path of every page of a built site (MkDocs' objects: config, files, nav, env)."""
    files = site[1]
    return frozenset(file.url.removeprefix("./") for file in files.documentation_pages())  # home: "./"


def _plugin_name(plugin) -> str:
    return next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)


@contextmanager
def _counted_pages(progress: Tick | None, total: int):
    """Count MkDocs' per-page debug lines ('Building page …') as rendering progress."""
    if progress is None:
        yield
        return
    logger = logging.getLogger("mkdocs.commands.build")
    done = [0]
    handler = logging.Handler(logging.DEBUG)

    def emit(record: logging.LogRecord) -> None:
        if record.msg.startswith("Building page "):
            done[0] += 1
            progress(done[0], total)

    handler.emit = emit  # type: ignore[method-assign]
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@contextmanager
def _captured_warnings():
    """Collect MkDocs' warnings instead of letting them reach the root logger."""
    logger = logging.getLogger("mkdocs")
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate
