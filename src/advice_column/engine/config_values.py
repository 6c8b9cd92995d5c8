"""The checked values of mkdocs.yml as MkDocs is given them: functions imported, text made safe."""

from __future__ import annotations

import importlib

from ..blueprint.config_yaml import PythonName
from ..blueprint.settings import CONFIG_FILE
from ..errors import BuildError

# Settings that Material's templates print without escaping (partials/header.html, copyright.html).
THEME_TEXT = ("site_name", "site_description", "site_author", "copyright", "repo_name")


def theme_text(value: str):
    """Text that Material's templates print as it is, made safe there and in ``| e`` alike.

    MkDocs' Jinja does not escape, and Material puts ``config.site_name`` in an attribute
    (``aria-label="{{ config.site_name }}"``): the settings refuse ``<`` and ``>``, and quotes
    are escaped here. A Markup string is left alone by ``| e``, so nothing is escaped twice;
    ``&`` is kept, so ``&copy;`` in ``copyright`` still shows ©.
    """
    from markupsafe import Markup

    return Markup(value.replace('"', "&#34;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;"))


def engine_values(value):
    """A copy of the checked values, with each allowed ``!!python/name:`` imported."""
    if isinstance(value, dict):
        return {key: engine_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [engine_values(item) for item in value]
    if isinstance(value, PythonName):  # one of the few names config_policy.py lists
        module, _, name = value.name.rpartition(".")
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            raise BuildError(f"{CONFIG_FILE}: {value.name} does not exist") from None
    return value
