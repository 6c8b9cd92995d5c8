"""The package's theme stays in step with the Material version installed."""

from __future__ import annotations

from importlib.resources import files

from advice_column.engine import THEME_DIR


def test_header_is_materials_header_with_only_the_search_swapped():
    material = (files("material") / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = (THEME_DIR / "partials/header.html").read_text(encoding="utf-8")
    start = material.index('    {% if "material/search" in config.plugins %}')
    end = material.index("    {% if config.repo_url %}")
    expected = material[material.index("{% set class") :].replace(
        material[start:end], '    {% include "partials/column-search.html" %}\n'
    )
    assert ours[ours.index("{% set class") :] == expected


def test_source_partial_differs_from_materials_only_by_the_api_component():
    material = (files("material") / "templates/partials/source.html").read_text(encoding="utf-8")
    assert 'data-md-component="source"' in material
    ours = (THEME_DIR / "partials/source.html").read_text(encoding="utf-8")
    assert "data-md-component" not in ours.split("-#}", 1)[1]


def test_every_problem_code_is_documented():
    from advice_column.diagnostics import CODES

    from .conftest import REPO

    table = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, meaning in CODES.items():
        assert f"| {code} | {meaning} |" in table
