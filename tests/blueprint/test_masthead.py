"""The home page's masthead: the column's name, its tagline, and the columnist with an optional
photo (a picture in docs/, never from another site) and a short bio, from mkdocs.yml."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

SETTINGS = """\
site_name: Ask Sam
site_description: Work questions, straight answers.
site_url: https://sam.net/
theme:
  name: material
  font: false
extra:
  advice:
    columnist: Sam Ortiz
    comments:
      url: 'mailto:sam@sam.net'
"""


def test_masthead_shows_name_tagline_photo_and_bio(column):
    column.write(
        "mkdocs.yml",
        SETTINGS + "    tagline: Since 2009.\n    columnist_photo: img/sam.jpg\n"
        "    columnist_bio: Twenty years of hiring & firing.\n",
    )
    column.write("docs/img/sam.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    column.entry("one")
    assert column.run("build") == 0
    home = LexborHTMLParser((column.root / "site/index.html").read_text(encoding="utf-8"))
    masthead = home.css_first(".advice-masthead")
    assert masthead.css_first("h1").text() == "Ask Sam"
    assert masthead.css_first(".advice-masthead__tagline").text() == "Since 2009."
    assert masthead.css_first(".advice-columnist__photo").attributes["src"] == "img/sam.jpg"
    assert (column.root / "site/img/sam.jpg").is_file()
    about = masthead.css_first(".advice-columnist__about").text()
    assert about == "Answers by Sam Ortiz. Twenty years of hiring & firing."


def test_the_tagline_defaults_to_the_site_description(column):
    column.write("mkdocs.yml", SETTINGS)
    column.entry("one")
    assert column.run("build") == 0
    home = LexborHTMLParser((column.root / "site/index.html").read_text(encoding="utf-8"))
    assert home.css_first(".advice-masthead__tagline").text() == "Work questions, straight answers."
    assert home.css_first(".advice-columnist__photo") is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("columnist_photo: https://cdn.example.net/sam.jpg", "must be a picture in docs/"),
        ("columnist_photo: ../secret.jpg", "a relative path without '..'"),
        ("columnist_photo: missing.jpg", "no such picture in docs/: missing.jpg"),
        ("columnist_photo: notes.txt", "must be a picture in docs/ ending in .jpg"),
        ("columnist_bio: <b>bold</b>", "columnist_bio must be one line of plain text"),
    ],
)
def test_an_unusable_masthead_setting_says_why(column, capsys, line, message):
    column.write("mkdocs.yml", SETTINGS + f"    {line}\n")
    column.write("docs/notes.txt", "x")
    column.entry("one")
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:" in out and "QA060" in out and message in out
