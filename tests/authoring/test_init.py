"""`advice init`: a new column that checks, builds and shows its title, in a folder of its own."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from advice_column.authoring import init as scaffold
from advice_column.authoring.init import InitError, init_column
from advice_column.cli import main
from advice_column.entries.loader import load_column

# Quotes, a colon and a hash would break hand-written YAML; '&', '*' and '_' would change Markdown.
TITLE = 'Dear "Ada": Q&A for *night_owls* #1 — ça va?'


def run_init_command(*argv: str) -> int:
    """`advice init ...` through the `advice` command."""
    return main(list(argv))


@pytest.fixture(scope="module")
def built_column(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A column made by init_column with a difficult title, then checked and built once."""
    root = tmp_path_factory.mktemp("init") / "my column"
    written = init_column(root, TITLE)
    assert main(["--root", str(root), "check"]) == 0
    assert main(["--root", str(root), "build"]) == 0
    return root, written


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def test_init_writes_a_complete_column(built_column):
    root, written = built_column
    year = datetime.date.today().year
    (entry,) = [rel for rel in written if rel.startswith("qa/") and rel.endswith(".md")]
    assert entry.startswith(f"qa/{year}/")
    assert set(written) >= {
        "mkdocs.yml",
        "qa/topics.yml",
        "docs/index.md",
        "docs/about.md",
        "README.md",
        ".gitignore",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/ISSUE_TEMPLATE/ask-a-question.yml",
        ".github/ISSUE_TEMPLATE/config.yml",
    }
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert {rel for rel in on_disk if not rel.startswith(("site/", ".advice/"))} == set(written)
    assert {"site/", ".advice/"} <= set((root / ".gitignore").read_text(encoding="utf-8").split())


def test_new_column_settings_are_material_with_light_and_dark_and_a_reply_link(built_column):
    root, _ = built_column
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == TITLE
    theme = config["theme"]
    assert theme["name"] == "material" and theme["font"] is False
    assert {palette["scheme"] for palette in theme["palette"]} == {"default", "slate"}
    advice = config["extra"]["advice"]
    assert "{title}" in advice["comments"]["url"] and isinstance(advice["per_page"], int)
    column = load_column(root)
    assert len(column.topics) in (2, 3) and len(column.entries) == 1


def test_built_site_shows_the_title_and_the_example_entry_with_its_reply_footer(built_column):
    root, _ = built_column
    home = html(root / "site" / "index.html")
    assert TITLE in home.css_first("title").text()
    (entry,) = load_column(root).entries
    page = html(root / "site" / "qa" / entry.slug / "index.html")
    assert entry.title in page.css_first("h1").text()
    link = page.css_first("section.advice-reply a.advice-reply__link")
    assert link is not None, "the entry page has no reply footer"
    href = link.attributes["href"]
    assert href.startswith("mailto:") and entry.title in unquote(href)


def test_title_shows_as_written_in_the_markdown_pages(built_column):
    root, _ = built_column
    heading = (root / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert LexborHTMLParser(markdown.markdown(heading)).css_first("h1").text() == TITLE
    about = html(root / "site" / "about" / "index.html")
    assert TITLE in about.css_first("article").text()


def test_readme_commands_work_in_the_new_column(tmp_path, capsys):
    root = tmp_path / "column"
    init_column(root, "Ask Sam")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in ("pip install -r requirements.txt", "advice serve", "advice check", "advice build"):
        assert command in readme
    # The README's own `advice new` example, with a topic the new column has.
    assert 'advice new "Can I skip my cousin\'s wedding?" --topic relationships' in readme
    assert (
        main(["--root", str(root), "new", "Can I skip my cousin's wedding?", "--topic", "relationships"]) == 0
    )
    assert (root / capsys.readouterr().out.strip().splitlines()[-1]).is_file()


def test_cli_creates_the_column_and_lists_its_files(tmp_path, capsys):
    target = tmp_path / "column"
    assert run_init_command("init", str(target), "--title", "Ask Sam") == 0
    captured = capsys.readouterr()
    assert "mkdocs.yml" in captured.out.split()
    assert "advice serve" in captured.err
    assert yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == "Ask Sam"


def test_non_empty_folder_is_refused_and_left_alone(tmp_path, capsys):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    assert run_init_command("init", str(target)) == 1
    err = capsys.readouterr().err
    assert "is not empty (it holds notes.txt); nothing was written" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    with pytest.raises(InitError):
        init_column(target, "Ask Sam")


def test_a_fresh_repository_counts_as_empty(tmp_path):
    target = tmp_path / "repo"
    (target / ".git").mkdir(parents=True)
    assert "mkdocs.yml" in init_column(target, "Ask Sam")


def test_a_file_in_the_way_is_refused(tmp_path, capsys):
    target = tmp_path / "column"
    target.write_text("", encoding="utf-8")
    assert run_init_command("init", str(target)) == 1
    assert "is a file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("  ", "the title is empty"),
        ("two\nlines", "one line"),
        ("<b>Bold</b>", "'<' or '>'"),
        ("x" * 101, "limit"),
    ],
)
def test_unusable_titles_are_refused_before_writing(tmp_path, capsys, title, message):
    with pytest.raises(SystemExit) as exit_info:
        run_init_command("init", str(tmp_path / "column"), "--title", title)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "column").exists()


def test_a_failed_write_leaves_no_half_column(tmp_path, capsys, monkeypatch):
    # The second file's folder cannot be made: a file of that name was just written.
    monkeypatch.setattr(scaffold, "render_column", lambda *arguments: {"mkdocs.yml": "", "mkdocs.yml/x": ""})
    target = tmp_path / "column"
    assert run_init_command("init", str(target)) == 1
    assert "advice init: cannot write" in capsys.readouterr().err
    assert not [path for path in target.rglob("*") if path.is_file()]
