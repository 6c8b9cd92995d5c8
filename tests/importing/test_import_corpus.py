"""`advice import` on real WordPress exports (tests/fixtures/wordpress, see SOURCES.md).

Every post of every export becomes an entry or is named in the report with its reason; every
written entry passes `advice check`; a second import changes nothing.
"""

from __future__ import annotations

import gzip
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import ParseError, fromstring

from advice_column.cli import main
from advice_column.entries.loader import load_column

from .test_wordpress import MKDOCS

CORPUS = Path(__file__).parent.parent / "fixtures" / "wordpress"
QA_EXPORT = Path(__file__).parent.parent / "fixtures" / "import" / "export.xml"
EXPORTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xml", ".gz", ".zip"))
TOPICS = "general:\n  title: General\n  description: Everything.\n"


def new_column(root: Path) -> Path:
    (root / "qa").mkdir(parents=True)
    (root / "qa/topics.yml").write_text(TOPICS, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return root


def export_bytes(path: Path) -> bytes:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            (name,) = archive.namelist()
            return archive.read(name)
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def post_titles(path: Path) -> list[str]:
    """The titles of the export's items of type 'post', read without the importer."""
    try:
        root = fromstring(export_bytes(path).lstrip())
    except ParseError:  # an export the importer repairs: its items, read as text
        return _post_titles_of_text(export_bytes(path).decode("utf-8"))
    return [
        (item.findtext("title") or "").strip()
        for item in root.iter("item")
        if (item.findtext("{*}post_type") or "post").strip() == "post"
    ]


def _post_titles_of_text(text: str) -> list[str]:
    titles = []
    for item in re.findall(r"<item>(.*?)</item>", text, re.DOTALL):
        kind = re.search(r"<wp:post_type>(?:<!\[CDATA\[)?(\w+)", item)
        if kind is None or kind.group(1) == "post":
            title = re.search(r"<title>(.*?)</title>", item, re.DOTALL)
            titles.append(title.group(1).strip() if title else "")
    return titles


def run(root: Path, *argv: str) -> int:
    return main(["--root", str(root), "import", *argv])


@pytest.mark.parametrize("export", EXPORTS, ids=[p.name for p in EXPORTS])
def test_every_post_is_an_entry_or_named_and_entries_pass_check(tmp_path, capsys, export):
    root = new_column(tmp_path / "column")
    run(root, str(export), "--topic", "general")
    out = capsys.readouterr().out
    written = re.findall(r"^wrote (qa/\S+\.md)", out, re.MULTILINE)
    named = re.findall(r"^(?:not imported|left out): ", out, re.MULTILINE)
    assert "Traceback" not in out
    assert len(written) + len(named) == len(post_titles(export))
    column = load_column(root)
    assert column.diagnostics == []
    assert len(column.entries) == len(written)
    assert not [e for e in column.entries if "(password" in e.title]


@pytest.mark.parametrize("export", EXPORTS, ids=[p.name for p in EXPORTS])
def test_a_second_import_changes_nothing(tmp_path, capsys, export):
    root = new_column(tmp_path / "column")
    run(root, str(export), "--topic", "general", "--date", "2020-02-02")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    capsys.readouterr()
    run(root, str(export), "--topic", "general", "--date", "2020-02-02")
    out = capsys.readouterr().out
    assert not re.search(r"^(?:wrote|conflict) ", out, re.MULTILINE)
    assert " 0 imported, " in out and " 0 conflict(s), " in out
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("broken", sorted((CORPUS / "refused").iterdir()), ids=lambda p: p.name)
def test_a_file_that_is_not_a_readable_export_is_named_with_why(tmp_path, capsys, broken):
    root = new_column(tmp_path / "column")
    assert run(root, str(broken), "--topic", "general") == 1
    err = capsys.readouterr().err
    assert f"advice import: {broken}: " in err
    assert re.search(r"not well-formed XML at line \d+|not a WordPress export", err)


def test_public_posts_build_with_redirects_and_nothing_private(tmp_path, capsys):
    from selectolax.lexbor import LexborHTMLParser

    root = new_column(tmp_path / "column")
    shutil.copy(CORPUS / "importer-small-export.xml", tmp_path / "small.xml")
    run(root, str(QA_EXPORT), str(tmp_path / "small.xml"), "--topic", "general")
    out = capsys.readouterr().out
    assert "left out: " in out and "'Private Post': private" in out
    assert main(["--root", str(root), "build"]) == 0
    site = root / "site"
    published = [entry for entry in load_column(root).entries if not entry.draft]
    assert len(published) >= 3
    redirected = 0
    for entry in published:
        assert (site / entry.url / "index.html").is_file()
        for alias in entry.aliases:
            page = LexborHTMLParser((site / alias / "index.html").read_text(encoding="utf-8"))
            target = page.css_first('meta[http-equiv="refresh"]').attributes["content"].split("url=", 1)[1]
            assert (site / alias / target).resolve() == (site / entry.url).resolve()
            redirected += 1
    assert redirected >= 3
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert "Private Post" not in text
