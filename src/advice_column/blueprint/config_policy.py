"""What ``mkdocs.yml`` may hold: an allow-list, since a pull request can change the file.

Every key, theme option, plugin and Markdown extension the site may use is named below with
the values it may take; anything else is refused at its line, and the engine is given the values
built here, never the file. Settings that make MkDocs read or render a file the theme does not
own (``extra_templates``, ``hooks``, ``INHERIT``), add a script from elsewhere (``extra.analytics``,
a URL in ``extra_javascript``) or publish a dot-folder (``docs_dir: .git``) have no rule.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from ..entries.frontmatter import STR, position
from ..entries.problems import Diagnostic
from .config_rules import (
    REFUSED,
    anything_plain,
    boolean,
    choice,
    dictionary,
    either,
    label,
    lines,
    link,
    local_path,
    mapping,
    named,
    refuse,
    sequence,
    text,
    web_url,
    whole,
)
from .config_theme import folder, icon, theme
from .config_yaml import config_problem
from .extension_policy import markdown_extensions


def _nav_item(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode):
        return _nav_target(node, name, found)
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return refuse(node, found, f"{name} items must be a page, or 'Title: page' or 'Title: [pages]'")
    title_node, target = node.value[0]
    title = label(title_node, f"{name} title", found)
    value = sequence(_nav_item)(target, name, found) if not isinstance(target, ScalarNode) else None
    value = _nav_target(target, name, found) if value is None else value
    return REFUSED if REFUSED in (title, value) else {title: value}


def _nav_target(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode) and node.tag == STR and "://" in node.value:
        return web_url(node, name, found)
    return local_path(what="a page of the docs folder or an https:// address")(node, name, found)


def _edit_uri(node: Node, name: str, found: list[Diagnostic]) -> object:
    if isinstance(node, ScalarNode) and node.tag == STR and "://" in node.value:
        return web_url(node, name, found)
    return local_path(what="a path of repo_url, e.g. 'edit/main/docs/'")(node, name, found)


# A level may be lowered, never raised: in strict mode a warning stops the build, and
# `advice check` reports exactly the missing pages and links MkDocs warns about by default.
_LEVEL = choice("info", "ignore")
_NOT_FOUND = choice("warn", "info", "ignore")
_VALIDATION = mapping(
    {
        "nav": mapping({"omitted_files": _LEVEL, "not_found": _NOT_FOUND, "absolute_links": _LEVEL}),
        "links": mapping(
            {
                "not_found": _NOT_FOUND,
                "anchors": _LEVEL,
                "unrecognized_links": _LEVEL,
                "absolute_links": _LEVEL,
            }
        ),
        **{key: _LEVEL for key in ("omitted_files", "absolute_links", "unrecognized_links", "anchors")},
        "not_found": _NOT_FOUND,
    }
)
_SOCIAL = mapping({"icon": icon, "link": link, "name": label})
PLACEHOLDERS = ("title", "url", "slug")


def _comment_url(node: Node, name: str, found: list[Diagnostic]) -> object:
    """The reply link's address, with ``{title}``, ``{url}`` or ``{slug}`` filled in per entry."""
    value = link(node, name, found)
    unknown = set(re.findall(r"\{(\w*)\}", value)) - set(PLACEHOLDERS) if value is not REFUSED else ()
    if unknown:
        message = f"{name} has unknown placeholder(s) {sorted(unknown)}; use {{title}}, {{url}} or {{slug}}"
        return refuse(node, found, message)
    return value


_ADVICE = mapping(
    {
        "columnist": text,
        "author": text,
        "comments": mapping({"url": _comment_url, "label": text}),
        "per_page": whole(5, 500),
        "feeds": mapping({"entries": whole(1, 500), "content": choice("full", "summary")}),
        # settings.py reads these further: ask (blueprint/ask.py) and words (blueprint/words.py)
        "ask": text,
        "words": dictionary(text),
        "tagline": text,
        "columnist_bio": text,
        # blueprint/synonyms.py reads it further: groups of words and phrases
        "search": mapping({"synonyms": sequence(sequence(text, limit=20), limit=500)}),
        # engine/interface.py: the site engine (MkDocs with Material unless this names another)
        "engine": choice("mkdocs", "zensical"),
        "columnist_photo": local_path((".jpg", ".jpeg", ".png", ".webp", ".avif"), "a picture in docs/"),
    }
)
_SCRIPT = either(
    scalar=local_path((".js", ".mjs")),
    mapping_rule=mapping(
        {
            "path": local_path((".js", ".mjs")),
            "type": choice("module", "text/javascript"),
            "async": boolean,
            "defer": boolean,
        }
    ),
)
_SEARCH_OPTIONS = mapping(
    {k: anything_plain for k in ("lang", "separator", "min_search_length", "prebuild_index")}
)
_TAGS_OPTIONS = mapping({"enabled": boolean, "listings": boolean, "listings_toc": boolean, "export": boolean})
PLUGINS = {
    "search": _SEARCH_OPTIONS,  # the engine leaves it out: the search wing is the site's search
    "material/search": _SEARCH_OPTIONS,
    "tags": _TAGS_OPTIONS,  # reads the pages' tags, writes tags.json in the site
    "material/tags": _TAGS_OPTIONS,
}


_plugins = named(
    "plugin",
    PLUGINS,
    lambda _: (
        "plugins run code during the build, and Material's others read or write files, keep "
        f"caches or fetch from the network; supported: {', '.join(PLUGINS)}"
    ),
)


TOP_LEVEL = mapping(
    {
        "site_name": text,
        "site_description": text,
        "site_author": text,
        "copyright": text,
        "site_url": web_url,
        "repo_url": web_url,
        "repo_name": text,
        "edit_uri": _edit_uri,
        "docs_dir": folder,
        "site_dir": folder,
        "theme": theme,
        "nav": sequence(_nav_item),
        "not_in_nav": lines,
        "validation": _VALIDATION,
        "markdown_extensions": markdown_extensions,
        "plugins": _plugins,
        "extra": mapping(
            {"advice": _ADVICE, "social": sequence(_SOCIAL, limit=50), "generator": boolean},
            {
                "analytics": "it adds a third-party script to every page",
                "consent": "its text is rendered as HTML",
                "homepage": "the logo's link is the site's home page",
            },
        ),
        "extra_css": sequence(local_path((".css",))),
        "extra_javascript": sequence(_SCRIPT),
        "use_directory_urls": boolean,  # the generator sets these two
        "strict": boolean,
        "remote_branch": text,
        "remote_name": text,
    },
    {
        "hooks": "it runs Python files from the repository",
        "INHERIT": "it reads another file",
        "extra_templates": "MkDocs renders them outside the sandbox, so a template could run code",
        "watch": "advice serve watches the column's own folders",
        "google_analytics": "it adds a third-party script to every page",
        "edit_uri_template": "use edit_uri",
        "dev_addr": "give the address to advice serve: --dev-addr HOST:PORT",
        "exclude_docs": "every file of docs/ is checked and published; remove the ones to leave out",
        "draft_docs": "every page of the docs folder is published; keep unfinished pages out of it",
    },
)


def validated_config(root: Node | None) -> tuple[dict, list[Diagnostic]]:
    """The values of mkdocs.yml that pass the allow-list, and a QA060 problem for each other one."""
    found: list[Diagnostic] = []
    if root is None or (isinstance(root, ScalarNode) and root.value in ("", "~", "null")):
        return {}, found
    if not isinstance(root, MappingNode):
        return {}, [config_problem(*position(root), "mkdocs.yml must be a mapping of 'key: value' lines")]
    values: dict = TOP_LEVEL(root, "", found)  # type: ignore[assignment]
    edit_uri = values.get("edit_uri")
    if edit_uri and "://" not in edit_uri and not values.get("repo_url"):
        message = "edit_uri is a path of repo_url: set repo_url too, or give edit_uri as an https:// address"
        found.append(config_problem(*position(_key_node(root, "edit_uri")), message))
    return values, found


def _key_node(root: MappingNode, key: str) -> Node:
    return next(key_node for key_node, _ in root.value if getattr(key_node, "value", None) == key)
