"""The package's theme stays in step with the Material version installed."""

from __future__ import annotations

import re
from importlib.resources import files

from advice_column.engine.runner import THEME_DIR

# In place of Material's search: the search wing's form, given the header's button look.
COLUMN_SEARCH = (
    "    {#- The search wing's form, in the header's look: its button's classes and magnifier. -#}\n"
    '    {% set advice_header_button = "md-header__button md-icon" %}\n'
    '    {% set advice_search_icon %}{% include ".icons/material/magnify.svg" %}{% endset %}\n'
    '    {% include "partials/column-search.html" %}\n'
)


def test_header_is_materials_header_with_the_search_swapped_and_the_name_leading_home():
    material = (files("material") / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = (THEME_DIR / "partials/header.html").read_text(encoding="utf-8")
    # Less the lines that keep the parts around the page's title per place (engine/nav_cache.py).
    ours = "".join(line for line in ours.splitlines(True) if not line.startswith(("{%-", "{{ kept }}")))
    start = material.index('    {% if "material/search" in config.plugins %}')
    end = material.index("  </nav>")
    logo = material[material.index("    <a href=") : material.index("    <label")]
    home = "{{ config.extra.homepage | d(nav.homepage.url, true) | url }}"
    expected = (
        material[material.index("{% set class") :]
        .replace(material[start:end], COLUMN_SEARCH)
        .replace(
            logo,
            "    {% if config.theme.logo or config.theme.icon.logo %}\n"
            + "".join("  " + line for line in logo.splitlines(True))
            + "    {% endif %}\n",
        )
        .replace(
            '          <span class="md-ellipsis">\n            {{ config.site_name }}\n          </span>',
            f'          <a class="md-ellipsis advice-header__name" href="{home}">\n'
            "            {{ config.site_name }}\n          </a>",
        )
    )
    assert ours[ours.index("{% set class") :] == expected


def test_source_partial_differs_from_materials_only_by_the_api_component():
    material = (files("material") / "templates/partials/source.html").read_text(encoding="utf-8")
    assert 'data-md-component="source"' in material
    ours = (THEME_DIR / "partials/source.html").read_text(encoding="utf-8")
    assert "data-md-component" not in ours.split("-#}", 1)[1]


def test_every_problem_code_is_documented():
    from advice_column.entries.problems import CODES

    from ..conftest import REPO

    table = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, meaning in CODES.items():
        assert f"| {code} | {meaning} |" in table
    assert set(re.findall(r"^\| (QA\d{3}) \|", table, re.MULTILINE)) == set(CODES)


def test_problem_codes_are_named_constants_not_literals():
    """Validators name codes by the constants of entries/problems.py, so no code drifts from CODES."""
    from ..conftest import REPO

    package = REPO / "src" / "advice_column"
    for module in package.rglob("*.py"):
        if module.name == "problems.py":
            continue
        literals = re.findall(r"[\"']QA\d{3}[\"']", module.read_text(encoding="utf-8"))
        assert not literals, (module, literals)


def test_every_template_and_asset_ships_in_the_package():
    """What `advice init` and `advice build` read from the package is covered by package-data."""
    import glob
    import tomllib

    from ..conftest import REPO

    package = REPO / "src" / "advice_column"
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = {
        f"{wing.removeprefix('advice_column').replace('.', '/').strip('/')}/{path}"
        for wing, wing_patterns in patterns.items()
        for pattern in wing_patterns
        for path in glob.glob(pattern, root_dir=package.parent / wing.replace(".", "/"), recursive=True)
    }
    needed = {
        path.relative_to(package).as_posix()
        for folder in ("engine/theme", "site/page_templates", "authoring/scaffold")
        for path in (package / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert needed and needed <= shipped, sorted(needed - shipped)
