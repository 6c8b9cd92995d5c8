"""A pull request that changes mkdocs.yml runs no code, reads no outside file and adds no markup.

Each case is a real `advice check` and `advice build` of a tiny column: check reports the line,
build refuses, and what the setting would have done did not happen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from ..conftest import MKDOCS_YML, ColumnDir

SECRET = "deploy-token-5f3a"


def refused_at(column: ColumnDir, capsys, where: str) -> str:
    """check and build both exit 1 naming ``where`` (``mkdocs.yml:L:C: QA060 …``); nothing published."""
    assert column.run("check") == 1
    out, err = capsys.readouterr()
    assert where in out, out
    assert "Traceback" not in err
    assert column.run("build") == 1
    out, err = capsys.readouterr()
    assert where in out
    assert "Traceback" not in err
    assert not (column.root / "site").exists()
    return out


def published(column: ColumnDir) -> str:
    site = column.root / "site"
    return (
        "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
        if site.exists()
        else ""
    )


def test_an_extension_spelled_module_colon_class_runs_no_command(column, tmp_path, capsys):
    marker = tmp_path / "pwned"
    column.entry("one")
    column.write(
        "mkdocs.yml",
        f"{MKDOCS_YML}markdown_extensions:\n  - subprocess:Popen:\n      args: [touch, '{marker}']\n",
    )
    refused_at(
        column, capsys, "mkdocs.yml:11:5: QA060 markdown extension 'subprocess:Popen' is not supported"
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    "extension, where",
    [
        (
            "pymdownx.snippets:SnippetExtension",
            "mkdocs.yml:11:5: QA060 markdown extension 'pymdownx.snippets:",
        ),
        ("pymdownx.snippets", "mkdocs.yml:11:5: QA060 markdown extension 'pymdownx.snippets'"),
    ],
)
def test_snippets_cannot_publish_a_file_from_outside_the_column(column, tmp_path, capsys, extension, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    column.entry("one")
    column.write("docs/about.md", '# About\n\n--8<-- "secret.txt"\n')
    column.write(
        "mkdocs.yml",
        f"{MKDOCS_YML}markdown_extensions:\n  - {extension}:\n"
        f"      base_path: ['{outside}']\n      restrict_base_path: false\n",
    )
    refused_at(column, capsys, where)
    assert SECRET not in published(column)


def test_extra_templates_are_refused_so_no_template_runs_outside_the_sandbox(column, tmp_path, capsys):
    marker = tmp_path / "pwned"
    column.entry("one")
    column.write("docs/evil.txt", f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}\n")
    column.write("mkdocs.yml", f"{MKDOCS_YML}extra_templates: [evil.txt]\n")
    refused_at(column, capsys, "mkdocs.yml:10:1: QA060 'extra_templates' is not supported")
    assert not marker.exists()


@pytest.mark.parametrize(
    "setting, where",
    [
        ("docs_dir: .git\n", "mkdocs.yml:10:11: QA060 docs_dir must be a folder inside the column"),
        ("docs_dir: docs/.git\n", "mkdocs.yml:10:11: QA060 docs_dir must be a folder inside the column"),
        ("CUSTOM_DIR", "mkdocs.yml:6:15: QA060 theme.custom_dir must be a folder inside the column"),
    ],
)
def test_no_folder_the_build_reads_is_a_dot_folder(column, capsys, setting, where):
    column.entry("one")
    column.write(".git/config", f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    column.write(".git/index.md", "# Repository\n")
    column.write("docs/.git/config", SECRET)
    if setting == "CUSTOM_DIR":
        column.write("mkdocs.yml", MKDOCS_YML.replace("font: false", "font: false\n  custom_dir: .git"))
    else:
        column.write("mkdocs.yml", MKDOCS_YML + setting)
    refused_at(column, capsys, where)
    assert SECRET not in published(column)


def test_a_value_nested_50000_deep_is_one_clear_line(column, capsys):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML + "nested: " + "[" * 50_000 + "]" * 50_000 + "\n")
    out = refused_at(
        column, capsys, "mkdocs.yml:10:1008: QA060 cannot read mkdocs.yml: exceeded maximum nesting"
    )
    assert len(out.splitlines()) == 1


def test_quotes_in_the_site_name_stay_inside_materials_attributes(column):
    name = 'Q&A "Night Owls" x" onmouseover="alert(1)'
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML.replace("Test Column", f"'{name}'").replace("'\"", "'\""))
    assert column.run("check") == 0
    assert column.run("build") == 0
    tree = LexborHTMLParser((column.root / "site/index.html").read_text(encoding="utf-8"))
    logos = tree.css("a.md-logo")
    assert logos
    for logo in logos:
        assert set(logo.attributes) == {"href", "title", "class", "aria-label", "data-md-component"}
        assert logo.attributes["aria-label"] == name
        assert logo.attributes["title"] == name
    assert tree.css_first("title").text().endswith(name)
    assert not tree.css("[onmouseover]")


@pytest.mark.parametrize(
    "setting, where",
    [
        (
            "copyright: <script>alert(1)</script>\n",
            "mkdocs.yml:10:12: QA060 copyright must be one line of plain",
        ),
        (
            "extra_javascript: ['https://evil.example/x.js']\n",
            "mkdocs.yml:10:20: QA060 extra_javascript must be",
        ),
        ("repo_url: javascript:alert(1)\n", "mkdocs.yml:10:11: QA060 repo_url must be an address starting"),
        (
            "plugins:\n  - material/privacy:\n      cache_dir: .cache\n",
            "mkdocs.yml:11:5: QA060 plugin 'material/privacy' is not supported",
        ),
    ],
)
def test_no_setting_adds_a_script_or_markup_to_every_page(column, capsys, setting, where):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML + setting)
    refused_at(column, capsys, where)


def test_the_analytics_script_of_extra_is_refused(column, capsys):
    column.entry("one")
    mkdocs = MKDOCS_YML.replace("extra:\n", "extra:\n  analytics:\n    provider: google\n    property: G-X\n")
    column.write("mkdocs.yml", mkdocs)
    refused_at(column, capsys, "mkdocs.yml:7:3: QA060 'extra.analytics' is not supported")


MATERIAL_EXTENSIONS = """\
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
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
nav:
  - About us: about.md
"""

ABOUT = """\
# About

!!! note "Heads up"
    An admonition.

Term
:   Definition.[^1]

[^1]: A footnote.

```mermaid
graph LR
  A --> B
```

=== "One"
    First tab.

=== "Two"
    Second tab.

- [x] done
- [ ] to do

:material-heart:
"""


def test_materials_documented_extensions_still_build(column):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML + MATERIAL_EXTENSIONS)
    column.write("docs/about.md", ABOUT)
    assert column.run("check") == 0
    assert column.run("build") == 0
    page = LexborHTMLParser((column.root / "site/about/index.html").read_text(encoding="utf-8"))
    article = page.css_first("article")
    assert article.css_first(".admonition.note")
    assert article.css_first("pre.mermaid")
    assert article.css_first(".tabbed-set.tabbed-alternate")
    assert article.css_first(".task-list-control")
    assert article.css_first(".twemoji svg")
    assert article.css_first(".footnote")
    assert article.css_first("a.headerlink")


def test_python_names_are_only_the_listed_functions(column, tmp_path, capsys):
    column.entry("one")
    column.write(
        "mkdocs.yml",
        MKDOCS_YML + "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.plugins.info.plugin.InfoPlugin\n",
    )
    refused_at(
        column, capsys, "mkdocs.yml:12:24: QA060 pymdownx.emoji.emoji_generator must be !!python/name:"
    )


def test_the_engine_is_given_the_checked_values_not_the_file(column, tmp_path: Path):
    from advice_column.blueprint.settings import read_settings
    from advice_column.engine.interface import SiteDescription
    from advice_column.engine.runner import load_engine_config

    column.write("mkdocs.yml", MKDOCS_YML + "markdown_extensions: [admonition]\n")
    settings = read_settings(column.root)
    # Changed after the check (between check and build): MkDocs must never see this.
    column.write("mkdocs.yml", MKDOCS_YML + "markdown_extensions: ['subprocess:Popen']\n")
    (tmp_path / "docs").mkdir()
    config = load_engine_config(
        SiteDescription(column.root, settings, tmp_path / "docs", ()), tmp_path / "site"
    )
    assert "admonition" in config.markdown_extensions
    assert not any("subprocess" in str(name) for name in config.markdown_extensions)


def test_a_linked_mkdocs_yml_is_refused_not_read(column, tmp_path, capsys):
    outside = tmp_path / "outside.yml"
    outside.write_text(MKDOCS_YML + "copyright: from elsewhere\n", encoding="utf-8")
    column.entry("one")
    (column.root / "mkdocs.yml").unlink()
    (column.root / "mkdocs.yml").symlink_to(outside)
    refused_at(column, capsys, "mkdocs.yml:1:1: QA004 cannot read file: is a symbolic link")


@pytest.mark.parametrize("rel", ["qa/topics.yml", "qa/one.md"])
def test_the_other_yaml_the_tool_reads_is_bounded_too(column, capsys, rel):
    column.entry("one")
    deep = "nested: " + "[" * 50_000 + "]" * 50_000 + "\n"
    path = column.root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\n{deep}", 1) if rel.endswith(".md") else text + deep)
    assert column.run("check") == 1
    out, err = capsys.readouterr()
    assert f"{rel}:" in out and "exceeded maximum nesting depth" in out
    assert "Traceback" not in err


def test_a_nav_page_that_does_not_exist_is_reported_by_check(column, capsys):
    column.entry("one")
    column.write("docs/about.md", "# About\n")
    column.write(
        "mkdocs.yml", MKDOCS_YML + "nav:\n  - About: about.md\n  - Gone: gone.md\n  - Tags: tags/index.md\n"
    )
    refused_at(column, capsys, "mkdocs.yml:12:1: QA072 nav entry 'gone.md' is not a page of the site")


def test_a_docs_folder_below_a_linked_folder_is_refused(column, capsys):
    column.entry("one")
    column.write(".git/refs/config.md", f"# {SECRET}\n")
    (column.root / "pages").symlink_to(".git")
    column.write("mkdocs.yml", MKDOCS_YML + "docs_dir: pages/refs\n")
    refused_at(column, capsys, "pages:1:1: QA004 pages is a symbolic link")
    assert SECRET not in published(column)
