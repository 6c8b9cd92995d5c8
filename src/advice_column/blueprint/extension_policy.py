"""The Markdown extensions mkdocs.yml may name, and the options of each that it may set.

Python-Markdown loads any ``module:Class`` it is given (``subprocess:Popen`` runs a command),
and some extensions read files (``pymdownx.snippets``, ``pymdownx.b64``, emoji's
``custom_icons``) or take functions. So only the names below are accepted, in the spellings
MkDocs and Material document, each with the options that read no file and run no code; a
function (``!!python/name:``) only where it is one of the few listed here.
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from ..entries.frontmatter import STR
from ..entries.problems import Diagnostic
from .config_rules import (
    Rule,
    boolean,
    choice,
    either,
    mapping,
    matching,
    named,
    python_name,
    sequence,
    text,
    whole,
)

EMOJI_INDEXES = frozenset(
    {
        "material.extensions.emoji.twemoji",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.emojione",
        "pymdownx.emoji.gemoji",
    }
)
EMOJI_GENERATORS = frozenset(
    {
        "material.extensions.emoji.to_svg",
        "pymdownx.emoji.to_svg",
        "pymdownx.emoji.to_png",
        "pymdownx.emoji.to_alt",
    }
)
FENCE_FORMATS = frozenset({"pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format"})

_WORD = r"[A-Za-z0-9_-]{1,100}"
_word = matching(_WORD, "mermaid")
_css_class = matching(r"[A-Za-z0-9_ -]{1,200}", "highlight")
_pygments_style = matching(_WORD, "default")
_toc_depth = either(scalar=lambda node, name, found: _toc_depth_value(node, name, found))
_permalink = either(scalar=lambda node, name, found: _bool_or_text(node, name, found))

_CUSTOM_FENCE = mapping(
    {"name": _word, "class": _css_class, "format": python_name(FENCE_FORMATS)},
)

OPTIONS: dict[str, dict[str, Rule]] = {
    # Python-Markdown's own (https://python-markdown.github.io/extensions/)
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    "def_list": {},
    "fenced_code": {},
    "footnotes": {"BACKLINK_TEXT": text, "BACKLINK_TITLE": text, "SEPARATOR": text, "UNIQUE_IDS": boolean},
    "md_in_html": {},
    "meta": {},
    "nl2br": {},
    "sane_lists": {},
    "smarty": {
        "smart_dashes": boolean,
        "smart_quotes": boolean,
        "smart_angled_quotes": boolean,
        "smart_ellipses": boolean,
    },
    "tables": {"use_align_attribute": boolean},
    "toc": {
        "permalink": _permalink,
        "permalink_title": text,
        "permalink_leading": boolean,
        "title": text,
        "toc_depth": _toc_depth,
        "baselevel": whole(1, 6),
        "separator": matching(r"[-_.]", "-"),
        "anchorlink": boolean,
    },
    "codehilite": {
        "linenums": boolean,
        "guess_lang": boolean,
        "css_class": _css_class,
        "pygments_style": _pygments_style,
        "noclasses": boolean,
        "use_pygments": boolean,
    },
    # PyMdown Extensions as Material documents them (https://squidfunk.github.io/mkdocs-material/setup/extensions/)
    "pymdownx.arithmatex": {"generic": boolean, "smart_dollar": boolean},
    "pymdownx.betterem": {"smart_enable": choice("all", "asterisk", "underscore", "none")},
    "pymdownx.caret": {"smart_insert": boolean, "insert": boolean, "superscript": boolean},
    "pymdownx.critic": {"mode": choice("view", "accept", "reject")},
    "pymdownx.details": {},
    "pymdownx.emoji": {
        "emoji_index": python_name(EMOJI_INDEXES),
        "emoji_generator": python_name(EMOJI_GENERATORS),
        "title": choice("short", "long", "none"),
        "alt": choice("unicode", "short", "html_entity"),
    },
    "pymdownx.highlight": {
        "anchor_linenums": boolean,
        "line_spans": _word,
        "line_anchors": _word,
        "pygments_lang_class": boolean,
        "auto_title": boolean,
        "linenums": boolean,
        "linenums_style": choice("table", "pymdownx-inline", "inline"),
        "linenums_special": whole(-1, 1000),
        "use_pygments": boolean,
        "css_class": _css_class,
        "default_lang": _word,
        "guess_lang": choice(True, False, "block", "inline"),
        "pygments_style": _pygments_style,
        "noclasses": boolean,
        "stripnl": boolean,
    },
    "pymdownx.inlinehilite": {"style_plain_text": boolean, "css_class": _css_class},
    "pymdownx.keys": {"separator": text, "strict": boolean, "camel_case": boolean},
    "pymdownx.magiclink": {
        "hide_protocol": boolean,
        "repo_url_shortener": boolean,
        "social_url_shortener": boolean,
        "repo_url_shorthand": boolean,
        "social_url_shorthand": boolean,
        "normalize_issue_symbols": boolean,
        "provider": choice("github", "gitlab", "bitbucket"),
        "user": _word,
        "repo": _word,
    },
    "pymdownx.mark": {"smart_mark": boolean},
    "pymdownx.smartsymbols": {
        name: boolean
        for name in ("trademark", "copyright", "registered", "plusminus", "arrows", "notequal", "fractions")
    },
    "pymdownx.superfences": {
        "custom_fences": sequence(_CUSTOM_FENCE, limit=50),
        "disable_indented_code_blocks": boolean,
        "preserve_tabs": boolean,
        "css_class": _css_class,
    },
    "pymdownx.tabbed": {"alternate_style": boolean, "combine_header_slug": boolean},
    "pymdownx.tasklist": {"custom_checkbox": boolean, "clickable_checkbox": boolean},
    "pymdownx.tilde": {"smart_delete": boolean, "delete": boolean, "subscript": boolean},
}
# MkDocs and Python-Markdown accept the long spelling of Python-Markdown's own extensions too.
OPTIONS |= {f"markdown.extensions.{name}": rules for name, rules in list(OPTIONS.items()) if "." not in name}

WHY_NOT = {
    "pymdownx.snippets": "it includes files of the machine that builds (e.g. .git/config)",
    "pymdownx.b64": "it embeds files of the machine that builds",
}


def _why_not(name: str) -> str:
    why = WHY_NOT.get(name.partition(":")[0], "it is not on the list of extensions known to be safe")
    return f"{why} (see CONTRIBUTING.md)"


markdown_extensions = named(
    "markdown extension", {key: mapping(rules) for key, rules in OPTIONS.items()}, _why_not
)


def _toc_depth_value(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode) and node.tag == STR:
        return matching(r"[1-6]-[1-6]", "2-3")(node, name, found)
    return whole(1, 6)(node, name, found)


def _bool_or_text(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode) and node.tag == STR:
        return text(node, name, found)
    return boolean(node, name, found)
