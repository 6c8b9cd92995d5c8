"""The columnist's search synonyms in mkdocs.yml: read, refused with a clear message, published."""

from __future__ import annotations

import json

import pytest

from advice_column.blueprint.synonyms import read_synonyms
from advice_column.search.synonyms import render_synonyms

from ..conftest import MKDOCS_YML


def test_groups_are_read_as_written():
    groups, problem = read_synonyms({"synonyms": [["CV", "résumé"], ["let go", "laid off", " fired "]]})
    assert problem is None
    assert groups == (("CV", "résumé"), ("let go", "laid off", "fired"))
    assert json.loads(render_synonyms(groups)) == [["CV", "résumé"], ["let go", "laid off", "fired"]]


def test_no_search_setting_means_no_synonyms():
    assert read_synonyms(None) == ((), None)
    assert read_synonyms({"synonyms": []}) == ((), None)


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("CV, résumé", "extra.advice.search takes one key, 'synonyms'"),
        ({"synonym": [["CV", "résumé"]]}, "extra.advice.search takes one key, 'synonyms'"),
        ({"synonyms": "CV résumé"}, "extra.advice.search.synonyms must be a list of at most 500 groups"),
        ({"synonyms": [["CV"]]}, "group 1 must be a list of 2 to 20 words or phrases, e.g. [CV, résumé]"),
        ({"synonyms": [["a", "b"], "CV"]}, "group 2 must be a list of 2 to 20 words or phrases"),
        ({"synonyms": [["CV", None]]}, "group 1: None is not a word or phrase"),
        ({"synonyms": [["CV", "!!"]]}, "group 1: '!!' must hold a letter or digit and at most 60 characters"),
        ({"synonyms": [["CV", "x" * 61]]}, "must hold a letter or digit and at most 60 characters"),
        ({"synonyms": [["CV", "ré\u200bsumé"]]}, "holds a control or invisible character"),
    ],
)
def test_a_malformed_setting_says_what_would_be_right(search, message):
    groups, problem = read_synonyms(search)
    assert groups == ()
    assert message in problem


def test_check_reports_the_setting_as_a_site_configuration_problem(column, capsys):
    column.write("mkdocs.yml", MKDOCS_YML + "    search:\n      synonyms: [[CV]]\n")
    column.entry("one")
    assert column.run("check") == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:11:7: QA060 extra.advice.search.synonyms group 1 must be a list of 2 to 20" in out


def test_the_site_publishes_the_synonyms_for_the_search_page(column):
    column.write("mkdocs.yml", MKDOCS_YML + "    search:\n      synonyms:\n        - [CV, résumé]\n")
    column.entry("one")
    assert column.run("build") == 0
    published = column.root / "site" / "search" / "synonyms.json"
    assert json.loads(published.read_text(encoding="utf-8")) == [["CV", "résumé"]]
