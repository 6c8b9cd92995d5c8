"""The theme's templates run in Jinja's sandbox, with their compiled form cached outside the column.

``overrides/`` is in the repository, so a pull request can change a template. MkDocs renders
templates in a plain Jinja environment, where ``{{ lipsum.__globals__ }}`` reaches ``os``: a
template could run any command during the build. The sandbox refuses such attribute access
(jinja2.sandbox); Material's own templates need none of it.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, safe_range

from ..blueprint.words import SCRIPT_WORDS, check_overrides, words_for
from .html_pages import engine_plugin
from .nav_cache import use_nav_cache


def use_sandboxed_templates(config, cache_folder: Path | None) -> None:
    """Make MkDocs render with a sandboxed copy of the environment it builds (Theme.get_env).

    MkDocs makes a new Jinja environment for each build and has no option for a sandbox or a
    bytecode cache, so the environment it hands to plugins (the ``on_env`` event) is copied into
    a sandboxed one. Compiled templates are code: ``cache_folder`` must be one no pull request
    can write to.
    """
    cache = jinja2.FileSystemBytecodeCache(str(cache_folder)) if cache_folder else None

    def make_env(env: jinja2.Environment) -> SandboxedEnvironment:
        safe = sandboxed_copy(env, cache)
        use_nav_cache(safe, config)
        safe.globals["advice_words"] = words = theme_words(config)
        safe.globals["advice_script_words"] = {key: words[key] for key in SCRIPT_WORDS}
        return safe

    engine_plugin(config).make_env = make_env


def theme_words(config) -> dict[str, str]:
    """The column's words (blueprint/words.py) in theme.language, for the theme's templates."""
    advice = config.extra.get("advice") if isinstance(config.extra.get("advice"), dict) else {}
    return words_for(config.theme.get("language") or "en", check_overrides(advice.get("words")))


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, remembering its verdict on each kind of object and attribute name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        # The sandbox's rule reads only the object's type and the name (jinja2.sandbox:
        # is_internal_attribute), and a page asks it hundreds of times for the same few pairs.
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


def sandboxed_copy(env: jinja2.Environment, cache: jinja2.BytecodeCache | None) -> SandboxedEnvironment:
    """A sandboxed environment with ``env``'s loader, extensions, filters, tests and globals."""
    safe = _Sandbox(
        loader=env.loader,
        # A changed theme makes a new environment (preview.py): no need to look at template
        # files' dates each time a page includes one.
        auto_reload=False,
        extensions=[type(extension) for extension in env.extensions.values()],
        bytecode_cache=cache,
    )
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.globals.update(env.globals)
    safe.globals["range"] = safe_range  # the sandbox's own, not the plain one copied over it
    safe.policies.update(env.policies)
    if hasattr(env, "newstyle_gettext"):  # set by the i18n extension's install_* methods
        safe.newstyle_gettext = env.newstyle_gettext  # type: ignore[attr-defined]
    return safe
