"""An entry dated after the day of the build is scheduled: left out until then, and said so."""

from __future__ import annotations

import datetime

from .test_pipeline import html

TODAY = datetime.date.today()
TOMORROW = TODAY + datetime.timedelta(days=1)
LATER = TODAY + datetime.timedelta(days=900)


def test_a_future_entry_is_left_out_of_the_build_and_the_output_says_until_when(column, capsys):
    column.entry("today", title="Out today", date=TODAY.isoformat())
    column.entry("tomorrow", title="Out tomorrow", date=TOMORROW.isoformat(), extra="tags: [soon]\n")
    column.entry("later", title="Out much later", date=LATER.isoformat())
    assert column.run("check") == 0  # scheduled is not a mistake
    capsys.readouterr()
    assert column.run("build") == 0
    lines = capsys.readouterr().err.splitlines()
    assert "advice build: 1 entry published to site/" in lines
    assert (
        "advice build: 2 scheduled entries left out until their dates; the next, qa/tomorrow.md, "
        f"is published by the first build on or after {TOMORROW}"
    ) in lines
    site = column.root / "site"
    assert (site / "qa/today/index.html").is_file()
    assert not (site / "qa/tomorrow").exists() and not (site / "tags/soon").exists()
    home = html(site / "index.html").body.text()
    assert "Out today" in home and "Out tomorrow" not in home
    for published in ("sitemap.xml", "feed.xml"):
        assert "tomorrow" not in (site / published).read_text(encoding="utf-8")


def test_the_preview_shows_a_scheduled_entry_marked_as_such(column, tmp_path, open_preview):
    column.entry("later", title="Out much later", date=LATER.isoformat())
    site = tmp_path / "preview"
    assert open_preview(column.root, site).rebuild()
    note = html(site / "qa/later/index.html").css_first(".advice-draft").text()
    assert note.startswith("Scheduled: published by the first build on or after")
    assert str(LATER.year) in note
    assert 'content="noindex"' in (site / "qa/later/index.html").read_text(encoding="utf-8")
    assert "scheduled" in html(site / "index.html").css_first(".advice-item__meta").text()
