"""The search scripts readers download: the wing's sources without comments, only under search/."""

from __future__ import annotations

import gzip
from importlib.resources import files

import rjsmin

from advice_column.search.scripts import SCRIPTS


def test_the_published_scripts_are_the_sources_minified(column, capsys):
    column.entry("one")
    column.write("docs/search/parts.json", '["../../elsewhere/"]')
    assert column.run("build") == 1  # no hand-written file may take the search's place
    assert "docs/search/parts.json:1:1: QA071" in capsys.readouterr().out
    (column.root / "docs/search/parts.json").unlink()
    assert column.run("build") == 0
    site = column.root / "site"
    for name in SCRIPTS:
        source = files("advice_column.search").joinpath("assets", name).read_text(encoding="utf-8")
        published = (site / "search" / name).read_text(encoding="utf-8")
        assert published == rjsmin.jsmin(source)
        assert len(gzip.compress(published.encode())) < 0.75 * len(gzip.compress(source.encode()))
        assert not (site / "assets" / name).exists()  # one copy, the small one
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="search/advice-search.js"></script>' in home
