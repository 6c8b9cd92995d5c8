"""Every word the column adds follows theme.language (English, Spanish, French, German shipped),
dates included, and any word can be replaced in mkdocs.yml."""

from __future__ import annotations

import datetime

import pytest
from selectolax.lexbor import LexborHTMLParser

from advice_column.blueprint.words import PLACEHOLDER, WORDS, long_date, words_for


@pytest.mark.parametrize("code", sorted(WORDS))
def test_every_language_has_every_word_with_the_same_placeholders(code):
    assert WORDS[code].keys() == WORDS["en"].keys()
    for key, text in WORDS[code].items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(WORDS["en"][key])), key


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "28 December 2025"), ("es", "28 de diciembre de 2025"), ("fr", "28 décembre 2025"),
     ("de", "28. Dezember 2025"), ("de-AT", "28. Dezember 2025"), ("pt", "28 December 2025")],
)  # fmt: skip
def test_dates_follow_the_language(language, expected):
    assert long_date(datetime.date(2025, 12, 28), language) == expected


def test_a_language_not_shipped_reads_english():
    assert words_for("pt") == WORDS["en"]


def html(path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def spanish(column, words: str = "") -> None:
    column.write(
        "mkdocs.yml",
        "site_name: Pregunta a Sam\nsite_url: https://sam.net/\ntheme:\n  name: material\n"
        "  font: false\n  language: es\nextra:\n  advice:\n    columnist: Sam\n"
        "    ask: cartas@sam.net\n    comments:\n      url: 'mailto:cartas@sam.net'\n" + words,
    )
    column.entry("uno", date="2025-12-28", extra="asker: Shawn\ntags: [salario]\n")
    column.entry("dos", date="2025-11-02", title="Otra pregunta")


def test_a_spanish_column_speaks_spanish_on_every_page(column):
    spanish(column)
    assert column.run("build") == 0
    site = column.root / "site"
    entry = html(site / "qa/uno/index.html")
    assert entry.css_first(".advice-byline time").text() == "28 de diciembre de 2025"
    assert entry.css_first(".advice-question__asker").text() == "Shawn pregunta"
    assert entry.css_first(".advice-answer__label").text() == "Sam responde"
    assert entry.css_first(".advice-reply__link").text() == "Responder por correo"
    assert entry.css_first(".advice-tags__label").text() == "Etiquetas"
    sections = [a.text(strip=True) for a in entry.css(".advice-sections a")]
    assert sections == ["Temas", "Archivo", "Hacer una pregunta"]
    assert entry.css_first(".md-footer__direction").text() == "Más antigua en este tema"
    assert "responde Sam" in entry.css_first(".advice-footer__name").text()
    archive = html(site / "archive/index.html")
    assert [a.text() for a in archive.css(".advice-archive__months a")] == ["Diciembre", "Noviembre"]
    assert archive.css_first("h1").text() == "Archivo"
    tag = html(site / "tags/salario/index.html")
    assert tag.css_first("h1").text() == "Etiqueta «salario»"
    assert "1 pregunta" in tag.css_first(".advice-listing__count").text()
    assert html(site / "ask/index.html").css_first("h1").text() == "Hacer una pregunta"
    assert html(site / "404.html").css_first("h1").text() == "Página no encontrada"
    assert html(site / "index.html").css_first(".advice-home h2").text() == "Últimas preguntas"
    # Material's navigation (the drawer, skip-reading tools) carries the same words
    nav = [label.text(strip=True) for label in entry.css(".md-nav--primary .md-nav__link")]
    assert {"Inicio", "Temas", "Todos los temas", "Etiquetas", "Archivo"} <= set(nav)
    assert not {"Home", "Topics", "All topics", "Tags", "Archive"} & set(nav)


def test_any_word_can_be_replaced_in_mkdocs_yml(column):
    spanish(column, "    words:\n      asks: '{name} escribe'\n      related: Más como esta\n")
    assert column.run("build") == 0
    entry = html(column.root / "site/qa/uno/index.html")
    assert entry.css_first(".advice-question__asker").text() == "Shawn escribe"


@pytest.mark.parametrize(
    ("words", "line", "message"),
    [
        ("    words:\n      aks: '{name}'\n", 14, "unknown word 'aks'"),
        ("    words:\n      asks: '{who} escribe'\n", 14, "unknown placeholder(s) ['who']; use {name}"),
        ("    words:\n      asks: '{name.__class__}'\n", 14, "a brace that is not a {placeholder}"),
        ("    words:\n      asks: '<b>{name}</b>'\n", 14, "must be one line of plain text"),
        ("    words: [asks]\n", 13, "must be a mapping"),
    ],
)
def test_a_bad_replacement_word_is_reported_at_its_line(column, capsys, words, line, message):
    spanish(column, words)
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert f"mkdocs.yml:{line}:" in out and "QA060 extra.advice.words" in out and message in out


def test_the_preview_notes_drafts_and_scheduled_entries_in_the_columns_language(
    column, tmp_path, open_preview
):
    spanish(column)
    column.entry("tres", title="Borrador", extra="draft: true\n")
    column.entry("cuatro", title="Más tarde", date="2999-01-02")
    site = tmp_path / "preview"
    assert open_preview(column.root, site).rebuild()
    draft = html(site / "qa/tres/index.html").css_first(".advice-draft")
    assert draft.text() == "Borrador: esta entrada no está publicada. Solo advice serve la muestra."
    assert draft.css_first("code").text() == "advice serve"
    later = html(site / "qa/cuatro/index.html").css_first(".advice-draft").text()
    assert later.startswith(
        "Programada: la publicará la primera compilación a partir del 2 de enero de 2999."
    )
    assert html(site / "search/index.html").css_first("h1").text() == "Buscar"
