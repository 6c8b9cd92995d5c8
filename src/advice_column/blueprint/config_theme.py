"""What ``theme:`` in mkdocs.yml may hold: Material, its own icons, languages and colours."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from ..entries.problems import Diagnostic
from .config_rules import (
    REFUSED,
    choice,
    dictionary,
    either,
    label,
    local_path,
    mapping,
    matching,
    refuse,
    sequence,
)

_ICON_KEYS = ("logo", "repo", "edit", "view", "top", "menu", "alternate", "search", "previous", "next")
_ICON_NAME = matching(r"[a-z0-9-]{1,60}(/[a-z0-9-]{1,60}){1,3}", "material/weather-night")


@functools.cache
def material_templates() -> Path | None:
    """Material's templates folder (found, not imported), whose icons and languages are the choices."""
    spec = importlib.util.find_spec("material")
    folders = spec.submodule_search_locations if spec else None
    return Path(folders[0]) / "templates" if folders else None


def icon(node: Node, name: str, found: list[Diagnostic]) -> object:
    value = _ICON_NAME(node, name, found)
    templates = material_templates()
    if value is not REFUSED and templates and not (templates / ".icons" / f"{value}.svg").is_file():
        return refuse(node, found, f"{name}: Material has no icon {value!r} (see its icon search)")
    return value


def _language(node: Node, name: str, found: list[Diagnostic]) -> object:
    value = matching(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", "en")(node, name, found)
    templates = material_templates()
    if (
        value is not REFUSED
        and templates
        and not (templates / "partials/languages" / f"{value}.html").is_file()
    ):
        return refuse(node, found, f"{name}: Material has no language {value!r}; e.g. en, de, fr, pt-BR")
    return value


folder = local_path(what="a folder inside the column")
_image = local_path((".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".webp"))
_font = matching(r"[A-Za-z0-9 ]{1,60}", "Roboto")
_color = matching(r"[a-z -]{1,30}", "indigo")

_PALETTE = mapping(
    {
        "media": label,
        "scheme": matching(r"[a-z-]{1,30}", "slate"),
        "primary": _color,
        "accent": _color,
        "toggle": mapping({"icon": icon, "name": label}),
    }
)
THEME = mapping(
    {
        "name": choice("material"),
        "custom_dir": folder,
        "language": _language,
        "direction": choice("ltr", "rtl"),
        "font": either(scalar=choice(False), mapping_rule=mapping({"text": _font, "code": _font})),
        "palette": either(mapping_rule=_PALETTE, sequence_rule=sequence(_PALETTE, limit=10)),
        "features": sequence(matching(r"[a-z]+(\.[a-z]+)*", "navigation.top"), limit=100),
        "icon": mapping(
            {
                **{name: icon for name in _ICON_KEYS},
                **{name: dictionary(icon) for name in ("admonition", "annotation", "tag")},
            }
        ),
        "logo": _image,
        "favicon": _image,
    },
    {"static_templates": "it makes MkDocs render more templates; the theme names its own"},
)


def theme(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode):  # `theme: material`
        value = choice("material")(node, name, found)
        return REFUSED if value is REFUSED else {"name": value}
    return THEME(node, name, found)
