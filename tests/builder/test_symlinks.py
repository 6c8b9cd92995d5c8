"""Links in qa/, docs/ and overrides/, folders outside the column, and code in mkdocs.yml are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import MKDOCS_YML, TOPICS_YML, ColumnDir

SECRET = "deploy-token-5f3a"


def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def published_text(column: ColumnDir) -> str:
    site = column.root / "site"
    return "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


def refused(column: ColumnDir, capsys, line: str) -> None:
    """Both check and build exit 1 with ``line`` among the problems; nothing is published."""
    assert column.run("check") == 1
    assert line in capsys.readouterr().out
    assert column.run("build") == 1
    out, err = capsys.readouterr()
    assert line in out
    assert "Traceback" not in err
    assert not (column.root / "site").exists()


@pytest.mark.parametrize(
    "rel, target",
    [
        ("docs/env.txt", "/proc/self/environ"),
        ("docs/leak.txt", "SECRET"),
        ("docs/nested/deeper/leak.md", "SECRET"),
        ("docs/readme.md", "../mkdocs.yml"),  # inside the column: refused too
        ("overrides/main.html", "SECRET"),
        ("overrides/partials", "OUTSIDE"),
        ("qa/leak.md", "SECRET"),
        ("qa/again.md", "one.md"),  # inside qa/: refused too
        ("qa/2024", "OUTSIDE"),
    ],
)
def test_a_symbolic_link_is_an_error_in_check_and_build(column, tmp_path, capsys, rel, target):
    column.entry("one")
    secret = secret_file(tmp_path)
    target = {"SECRET": str(secret), "OUTSIDE": str(secret.parent)}.get(target, target)
    path = column.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    refused(column, capsys, f"{rel}:1:1: QA004")


def test_the_docs_folder_itself_may_not_be_a_link(column, tmp_path, capsys):
    column.entry("one")
    (column.root / "docs").symlink_to(secret_file(tmp_path).parent)
    refused(column, capsys, "docs:1:1: QA004 docs is a symbolic link")


def test_a_linked_topics_file_is_refused_not_parsed(column, tmp_path, capsys):
    column.entry("one")
    outside = tmp_path / "outside-topics.yml"
    outside.write_text(TOPICS_YML, encoding="utf-8")
    (column.root / "qa/topics.yml").unlink()
    (column.root / "qa/topics.yml").symlink_to(outside)
    refused(column, capsys, "qa/topics.yml:1:1: QA004 cannot read file: is a symbolic link")


@pytest.mark.parametrize(
    "setting, line",
    [
        ("docs_dir: /etc", "QA060 docs_dir must be a folder inside the column"),
        ("docs_dir: ..", "QA060 docs_dir must be a folder inside the column"),
    ],
)
def test_folders_named_in_mkdocs_yml_stay_inside_the_column(column, capsys, setting, line):
    column.entry("one")
    column.write("mkdocs.yml", f"{MKDOCS_YML}{setting}\n")
    refused(column, capsys, f"mkdocs.yml:10:11: {line}")


def test_a_theme_folder_outside_the_column_is_refused(column, tmp_path, capsys):
    column.entry("one")
    mkdocs = MKDOCS_YML.replace("font: false", f"font: false\n  custom_dir: {tmp_path}")
    column.write("mkdocs.yml", mkdocs)
    refused(column, capsys, "mkdocs.yml:6:15: QA060 theme.custom_dir must be a folder inside the column")


@pytest.mark.parametrize(
    "setting",
    [
        "copyright: !!python/object/apply:os.system ['touch {marker}']",
        "copyright: !!python/object/new:os.system ['touch {marker}']",
        "copyright: !ENV [HOME]",
        "hooks: [hook.py]",
        "INHERIT: ../other.yml",
    ],
)
def test_mkdocs_yml_cannot_run_code_or_read_the_environment(column, tmp_path, capsys, setting):
    column.entry("one")
    marker = tmp_path / "code-ran"
    column.write("hook.py", f"open({str(marker)!r}, 'w').close()\n")
    column.write("mkdocs.yml", f"{MKDOCS_YML}{setting.format(marker=marker)}\n")
    assert column.run("check") == 1
    assert "mkdocs.yml:" in capsys.readouterr().out
    assert column.run("build") == 1
    assert "QA060" in capsys.readouterr().out
    assert not marker.exists()
    assert not (column.root / "site").exists()


def test_material_and_pymdown_function_names_still_work(column):
    column.write(
        "mkdocs.yml",
        MKDOCS_YML
        + "markdown_extensions:\n  - pymdownx.emoji:\n"
        + "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        + "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
    )
    column.write("docs/about.md", "# About\n\nHello :smile:\n")
    column.entry("one")
    assert column.run("build") == 0
    assert "twemoji" in (column.root / "site/about/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "template, message",
    [
        (
            "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
            "access to attribute '__globals__'",
        ),
        ("{{ cycler.__init__.__globals__.os.system('touch {marker}') }}", "__init__"),
        ("{% if %}", "overrides/main.html:1: "),
    ],
)
def test_a_template_in_overrides_cannot_run_code(column, tmp_path, capsys, template, message):
    column.entry("one")
    marker = tmp_path / "code-ran"
    column.write("mkdocs.yml", MKDOCS_YML.replace("font: false", "font: false\n  custom_dir: overrides"))
    column.write("overrides/main.html", template.replace("{marker}", str(marker)))
    assert column.run("build") == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not marker.exists()


@pytest.mark.parametrize(
    "setting, refused",
    [
        ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['/']\n", "pymdownx.snippets"),
        ("markdown_extensions: [pymdownx.b64]\n", "pymdownx.b64"),
        ("plugins:\n  - material/projects\n", "material/projects"),
    ],
)
def test_extensions_and_plugins_that_read_any_file_are_refused(column, capsys, setting, refused):
    column.entry("one")
    column.write("mkdocs.yml", MKDOCS_YML + setting)
    column.write("docs/about.md", '# About\n\n--8<-- ".git/config"\n')
    assert column.run("check") == 1
    assert "is not supported" in capsys.readouterr().out
    assert column.run("build") == 1
    assert refused in capsys.readouterr().out
