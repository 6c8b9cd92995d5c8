"""mkdocs.yml's allow-list: what it accepts, what it refuses and at which line."""

from __future__ import annotations

import re

import pytest

from advice_column.blueprint.config_policy import validated_config
from advice_column.blueprint.config_yaml import ConfigProblem, PythonName, compose_config
from advice_column.blueprint.settings import read_settings

from ..conftest import REPO


def check(text: str) -> tuple[dict, list[str]]:
    """The values that pass and the problems, as ``line:col: message``."""
    try:
        values, found = validated_config(compose_config(text))
    except ConfigProblem as problem:
        values, found = {}, [problem.diagnostic]
    return values, [f"{d.line}:{d.col}: {d.message}" for d in found]


MATERIAL_SETUP = """\
site_name: Q&A "Night Owls" — ça va?
copyright: Copyright &copy; 2026 The Columnist
theme:
  name: material
  custom_dir: overrides
  font:
    text: Roboto
    code: Roboto Mono
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      toggle: {icon: material/weather-night, name: Switch to dark mode}
  features: [navigation.top, content.code.copy]
  icon:
    repo: fontawesome/brands/github
    admonition: {note: octicons/tag-16}
  logo: assets/logo.png
nav:
  - About: about.md
  - Elsewhere: https://example.org/
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
      toc_depth: 3
      title: On this page
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
      line_spans: __span
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - markdown.extensions.smarty
plugins:
  - search
  - tags
extra:
  generator: false
  social:
    - icon: fontawesome/brands/mastodon
      link: https://fosstodon.org/@column
      name: The column on Mastodon
extra_css: [assets/extra.css]
extra_javascript: [assets/extra.js, {path: assets/module.mjs, type: module}]
"""


def test_materials_documented_setup_passes_and_keeps_its_values():
    values, found = check(MATERIAL_SETUP)
    assert found == []
    fences = values["markdown_extensions"][11]["pymdownx.superfences"]["custom_fences"]
    assert fences[0]["format"] == PythonName("pymdownx.superfences.fence_code_format")
    assert values["nav"] == [{"About": "about.md"}, {"Elsewhere": "https://example.org/"}]
    assert values["theme"]["palette"][0]["toggle"]["name"] == "Switch to dark mode"


def test_this_repositorys_mkdocs_yml_passes():
    assert read_settings(REPO).raw["markdown_extensions"][2] == {"toc": {"permalink": True}}


@pytest.mark.parametrize(
    "text, problem",
    [
        # item 1: Python-Markdown loads any module:Class; extensions that read files
        (
            "markdown_extensions:\n  - subprocess:Popen:\n      args: [sh, -c, id]\n",
            "2:5: markdown extension 'subprocess:Popen' is not supported",
        ),
        (
            "markdown_extensions:\n  - pymdownx.snippets:SnippetExtension: {base_path: [/]}\n",
            "2:5: markdown extension 'pymdownx.snippets:SnippetExtension' is not supported: it includes",
        ),
        ("markdown_extensions: [pymdownx.b64]\n", "1:23: markdown extension 'pymdownx.b64' is not supported"),
        ("markdown_extensions: [pymdownx.b64:B64Extension]\n", "1:23: markdown extension 'pymdownx.b64:B64"),
        (
            "markdown_extensions:\n  mdx_unknown: {}\n",
            "2:3: markdown extension 'mdx_unknown' is not supported",
        ),
        # options that read files or take functions
        (
            "markdown_extensions:\n  - pymdownx.emoji:\n      options: {custom_icons: [/etc]}\n",
            "3:7: 'pymdownx.emoji.options' is not a supported setting",
        ),
        (
            "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n",
            "3:20: pymdownx.emoji.emoji_index must be !!python/name: of one of:",
        ),
        (
            "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n"
            "          format: !!python/name:material.plugins.info.plugin.InfoPlugin\n",
            "5:19: pymdownx.superfences.custom_fences.format must be !!python/name: of one of:",
        ),
        ("markdown_extensions:\n  - toc: {slugify: x}\n", "2:11: 'toc.slugify' is not a supported setting"),
        ("markdown_extensions:\n  - smarty: {substitutions: {}}\n", "2:14: 'smarty.substitutions' is not a"),
        (
            "markdown_extensions:\n  - codehilite: {pygments_formatter: x}\n",
            "2:18: 'codehilite.pygments_formatter'",
        ),
        # item 2: templates MkDocs renders outside the sandbox
        ("extra_templates: [evil.txt]\n", "1:1: 'extra_templates' is not supported: MkDocs renders them"),
        (
            "theme:\n  name: material\n  static_templates: [x.html]\n",
            "3:3: 'theme.static_templates' is not supp",
        ),
        # item 4: folders that are, or lie in, a dot-folder or leave the column
        ("docs_dir: .git\n", "1:11: docs_dir must be a folder inside the column"),
        ("site_dir: build/.git\n", "1:11: site_dir must be a folder inside the column"),
        ("theme:\n  custom_dir: .git\n", "2:15: theme.custom_dir must be a folder inside the column"),
        ("theme:\n  custom_dir: ../elsewhere\n", "2:15: theme.custom_dir must be a folder inside the column"),
        ("theme:\n  custom_dir: /etc\n", "2:15: theme.custom_dir must be a folder inside the column"),
        # siblings: code, other files, the environment
        ("hooks: [hook.py]\n", "1:1: 'hooks' is not supported: it runs Python files"),
        ("INHERIT: base.yml\n", "1:1: 'INHERIT' is not supported"),
        ("watch: [/etc]\n", "1:1: 'watch' is not supported"),
        ("dev_addr: foo\n", "1:1: 'dev_addr' is not supported: give the address to advice serve"),
        ("site_name: !ENV [HOME]\n", "1:12: the YAML tag '!ENV' is not allowed"),
        ("site_name: !!python/object/apply:os.system [id]\n", "1:12: the YAML tag"),
        ("plugins: [privacy]\n", "1:11: plugin 'privacy' is not supported"),
        (
            "plugins:\n  - material/social:\n      cache_dir: /tmp\n",
            "2:5: plugin 'material/social' is not supp",
        ),
        ("plugins:\n  info: {}\n", "2:3: plugin 'info' is not supported"),
        (
            "plugins:\n  - tags:\n      export_file: ../../x.json\n",
            "3:7: 'tags.export_file' is not a supported",
        ),
        # siblings: scripts and markup on every page
        (
            "extra:\n  analytics: {provider: google, property: G-1}\n",
            "2:3: 'extra.analytics' is not supported: it adds",
        ),
        ("google_analytics: [UA-1, auto]\n", "1:1: 'google_analytics' is not supported"),
        ("extra_javascript: [https://evil.example/x.js]\n", "1:20: extra_javascript must be a file inside"),
        ("extra_javascript: [//evil.example/x.js]\n", "1:20: extra_javascript must be a file inside"),
        ("extra_css: [https://evil.example/x.css]\n", "1:13: extra_css must be a file inside the column"),
        ("copyright: <script>alert(1)</script>\n", "1:12: copyright must be one line of plain text"),
        ("site_description: a <b>bold</b> claim\n", "1:19: site_description must be one line of plain"),
        ("repo_url: javascript:alert(1)\n", "1:11: repo_url must be an address starting with https://"),
        ("edit_uri: javascript:alert(1)\n", "1:11: edit_uri must be a path of repo_url"),
        (
            "extra:\n  social:\n    - link: javascript:alert(1)\n",
            "3:13: extra.social.link must start with https",
        ),
        ("extra:\n  homepage: javascript:alert(1)\n", "2:3: 'extra.homepage' is not supported"),
        ("nav:\n  - Evil: javascript:alert(1)\n", "2:11: nav must be a page of the docs folder"),
        ('nav:\n  - Say "hi": about.md\n', "2:5: nav title must be one line of plain text"),
        ("theme:\n  logo: https://evil.example/logo.png\n", "2:9: theme.logo must be a file inside"),
        ("theme:\n  favicon: data:image/png\n", "2:12: theme.favicon must be a file inside"),
        ("theme:\n  font: {text: 'x\";}body{display:none'}\n", "2:16: theme.font.text must be like"),
        ("extra:\n  social:\n    - icon: ../../../../etc/passwd\n", "3:13: extra.social.icon must be like"),
        # what the build would refuse (check and build agree)
        ("theme:\n  language: zz\n", "2:13: theme.language: Material has no language 'zz'"),
        (
            "theme:\n  icon:\n    repo: fontawesome/brands/nope\n",
            "3:11: theme.icon.repo: Material has no icon",
        ),
        ("extra:\n  social:\n    - icon: material/nope\n", "3:13: extra.social.icon: Material has no icon"),
        ("edit_uri: edit/main/docs/\n", "1:1: edit_uri is a path of repo_url: set repo_url too"),
        ("site_name: !!python/name:os.system\n", "1:12: site_name must be text"),
        ("site_name: " + "9" * 5000 + "\n", "1:12: site_name must be one line of plain text"),
        ("theme:\n  features:\n    - !!python/name:os.system\n", "3:7: theme.features must be like"),
        (
            "plugins:\n  - search:\n      lang: !!python/name:os.system\n",
            "3:13: search.lang must be true, false",
        ),
        # the column's own settings, at their line
        (
            "extra:\n  advice:\n    per_page: 1000\n",
            "3:15: extra.advice.per_page must be a whole number from 5",
        ),
        ("extra:\n  advice:\n    feeds: {content: all}\n", "3:22: extra.advice.feeds.content must be one of"),
        (
            "extra:\n  advice:\n    comments: {url: 'https://x.org/{titel}'}\n",
            "3:21: extra.advice.comments.url has",
        ),
        ("extra:\n  advice:\n    comments: {url: 'javascript:x'}\n", "3:21: extra.advice.comments.url must"),
        # unknown keys and wrong shapes
        ("site_nmae: Typo\n", "1:1: 'site_nmae' is not a supported setting"),
        ("theme:\n  name: readthedocs\n", "2:9: theme.name must be one of: material"),
        ("site_name: A\nsite_name: B\n", "2:1: 'site_name' is set twice"),
        ("- just\n- a list\n", "1:1: mkdocs.yml must be a mapping"),
        # item 9: depth and aliases
        (
            "x: " + "[" * 50_000 + "]" * 50_000 + "\n",
            "1:1003: cannot read mkdocs.yml: exceeded maximum nesting",
        ),
        ("extra:\n  advice: " + "[" * 30 + "]" * 30 + "\n", "2:21: values nest more than 12 levels deep"),
        ("a: &a [x, x]\nb: [*a, *a]\n", "1:4: YAML anchors and aliases are not allowed"),
        # check and build agree on docs/: a raised level or a left-out file would change what builds
        ("validation:\n  links:\n    anchors: warn\n", "3:14: validation.links.anchors must be one of"),
        (
            "validation:\n  nav:\n    omitted_files: warn\n",
            "3:20: validation.nav.omitted_files must be one of",
        ),
        ("exclude_docs: drafts/\n", "1:1: 'exclude_docs' is not supported"),
        ("draft_docs: wip.md\n", "1:1: 'draft_docs' is not supported"),
    ],
)
def test_what_is_not_on_the_list_is_refused_at_its_line(text, problem):
    _, found = check(text)
    assert any(line.startswith(problem) for line in found), found


def test_every_problem_is_reported_at_once():
    _, found = check("hooks: [a.py]\nsite_name: ok\ncopyright: <b>\nextra_templates: [x]\n")
    assert [line.split(":")[0] for line in found] == ["1", "3", "4"]


ODD_VALUES = ["!!python/name:os.system", "9" * 5000, "2020-02-30", "~", "[]", "{}", "[a, {b: c}]", "1.5e999"]
ODD_VALUES += ["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", ".nan", "0x1F", "'<x>'", "true"]


@pytest.mark.parametrize("odd", ODD_VALUES)
def test_any_value_at_any_line_is_a_problem_or_passes_never_a_crash(odd):
    lines = MATERIAL_SETUP.split("\n")
    for number, line in enumerate(lines):
        key = re.match(r"^(\s*(?:- )?[\w./-]+:|\s*- )", line)
        if key:
            check("\n".join([*lines[:number], f"{key.group(1)} {odd}", *lines[number + 1 :]]))
