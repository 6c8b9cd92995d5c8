"""The column's own words for misspelt queries: folded like a query, counted by entry, one file
per first letter, and published with the site."""

from __future__ import annotations

import json
from collections import Counter

from advice_column.search.vocabulary import count_words, document_words, write_vocabulary


def test_words_are_folded_and_short_words_and_markup_left_out():
    document = '<article><h1>Résumé &amp; CV</h1><p class="x">Négocier 2024 a raise-now</p></article>'
    assert document_words(document) == {"resume", "negocier", "raise"}


def test_each_word_counts_the_entries_that_hold_it():
    counts = count_words({"a": "<p>salary salary raise</p>", "b": "<p>Salary talks</p>"})
    assert counts == Counter({"salary": 2, "raise": 1, "talks": 1})


def test_one_file_per_first_letter_commonest_first(tmp_path):
    write_vocabulary(Counter({"salary": 2, "sabbatical": 5, "raise": 1, "élan": 1, "2024x": 1}), tmp_path)
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == {"sabbatical": 5, "salary": 2}
    assert list(json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))) == ["sabbatical", "salary"]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == {"raise": 1}
    assert json.loads((tmp_path / "2.json").read_text(encoding="utf-8")) == {"2024x": 1}
    assert json.loads((tmp_path / "q.json").read_text(encoding="utf-8")) == {}  # asked for, never a 404


def test_a_file_keeps_the_commonest_words_only(tmp_path, monkeypatch):
    monkeypatch.setattr("advice_column.search.vocabulary.MOST_PER_FILE", 2)
    write_vocabulary(Counter({"salary": 2, "sabbatical": 5, "salery": 1}), tmp_path)
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == {"sabbatical": 5, "salary": 2}


def test_the_build_publishes_the_words_of_every_entry(column):
    column.entry("one", question="How do I negotiate my salary?", answer="Negotiate calmly.")
    column.entry("two", title="Another question", answer="Salary talks are normal.")
    assert column.run("build") == 0
    words = json.loads((column.root / "site/search/words/n.json").read_text(encoding="utf-8"))
    assert words["negotiate"] == 1 and words["normal"] == 1
    assert json.loads((column.root / "site/search/words/s.json").read_text(encoding="utf-8"))["salary"] == 2
    column.entry("two", title="Another question", answer="Pay talks are normal.")
    assert column.run("build") == 0  # a changed entry's words change with it
    assert json.loads((column.root / "site/search/words/s.json").read_text(encoding="utf-8"))["salary"] == 1
