"""What ``mkdocs.yml`` may not hold: it is in the repository, so a pull request can change it.

MkDocs reads it with PyYAML's unsafe loader (``!!python/object/apply`` runs code) and resolves
``!ENV`` (a secret would be published); ``hooks`` run Python files from the repository, and a
few extensions and plugins read files from anywhere or cache state in the working tree. The
settings refuse all of these, so ``advice check`` reports them and the engine never sees them.
"""

from __future__ import annotations

import yaml

PYTHON_NAME_TAG = "tag:yaml.org,2002:python/name:"
# Material's documentation configures its extensions with these (emoji, superfences).
ALLOWED_PYTHON_NAMES = ("material.", "pymdownx.")
REFUSED_KEYS = {"hooks": "runs Python files from the repository", "INHERIT": "reads another file"}
REFUSED_EXTENSIONS = {
    "pymdownx.snippets": "includes any file of the machine that builds (e.g. .git/config)",
    "pymdownx.b64": "embeds files of the machine that builds",
}
REFUSED_PLUGINS = {"projects": "builds other folders with their own mkdocs.yml"}


def allowed_tag(tag: str) -> bool:
    """True for the one kind of tag mkdocs.yml may hold: ``!!python/name:`` of Material or PyMdown."""
    return tag.startswith(PYTHON_NAME_TAG) and tag[len(PYTHON_NAME_TAG) :].startswith(ALLOWED_PYTHON_NAMES)


def refuse_disallowed_tag(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> None:
    """A YAML constructor for every tag: raises for all but the allowed ones (read as None)."""
    if not allowed_tag(tag):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"the tag {tag!r} is not allowed (tags could run code or read the environment); "
            "only !!python/name: of material.* and pymdownx.* names",
            node.start_mark,
        )
    return None  # the engine resolves the name; the settings never need it


def refused_setting(raw: dict) -> str | None:
    """Why ``raw`` (mkdocs.yml's values) cannot be built safely, or None."""
    for key, why in REFUSED_KEYS.items():
        if key in raw:
            return f"'{key}' is not supported: it {why}, which a pull request could change"
    for name in _names(raw.get("markdown_extensions")):
        if name in REFUSED_EXTENSIONS:
            return f"markdown extension '{name}' is not supported: it {REFUSED_EXTENSIONS[name]}"
    for name in _names(raw.get("plugins")):
        if name.removeprefix("material/") in REFUSED_PLUGINS:
            return f"plugin '{name}' is not supported: it {REFUSED_PLUGINS[name.removeprefix('material/')]}"
    return None


def _names(items: object) -> list[str]:
    """The names in a list of ``name`` or ``{name: options}`` items (or a mapping of them)."""
    if isinstance(items, dict):
        return [str(name) for name in items]
    if not isinstance(items, list):
        return []
    return [str(next(iter(item), "")) if isinstance(item, dict) else str(item) for item in items]
