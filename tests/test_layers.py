"""The package's shape: imports only run downward between wings, only the engine knows MkDocs and
Material, and only the search wing knows Pagefind."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "advice_column"
# Lower numbers are lower layers; a module may import its own wing and any wing below it. Below the
# wings, two modules: the one error root and the user's cache folder; above them, one per command.
LAYERS = {
    "errors": 0,
    "user_cache": 1,
    "entries": 1,
    "blueprint": 2,
    "engine": 3,
    "search": 4,
    "builder": 5,
    "importing": 6,
    "authoring": 6,
    "commands": 7,
    "cli": 8,
}
ENGINE_ONLY = ("mkdocs", "material", "zensical")
# The engine's names as text: MkDocs and Material (not the config file's name, which only
# CONFIG_FILE spells), Material's CSS classes and data-md- attributes, and the front matter
# that picks a template.
ENGINE_NAMES = re.compile(r"mkdocs(?!\.yml)|material|(?<!\w)md-[a-z]|\btemplate:|\bmkdocs\.yml", re.I)
CONFIG_FILE_OWNER = "blueprint/config_yaml.py"
# What the config file may hold is checked before any engine runs, against the engine's option
# names: these modules are the allow-list of mkdocs.yml (CONTRIBUTING.md), and may name them.
CONFIG_ALLOW_LIST = {
    "blueprint/config_policy.py",
    "blueprint/config_rules.py",
    "blueprint/config_theme.py",
    "blueprint/extension_policy.py",
}
SEARCH_ONLY = re.compile("pagefind", re.IGNORECASE)  # its name, its modules, data-pagefind-* attributes
MAX_MODULE_LINES = 300
# Known exceptions being worked on: each fails strictly once fixed, so remove it from here then.
STILL_TO_MOVE: set[str] = set()
# Engine names in text outside engine/, each with what moving it takes.
NAMES_STILL_TO_MOVE: dict[str, str] = {}
STILL_TO_SPLIT: set[str] = set()


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def wing_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_wings(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, wing) of every import of another part of the package in the module at ``path``."""
    package = ["advice_column", *path.relative_to(PACKAGE).parts[:-1]]
    found = []
    source = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = package[: len(package) - node.level + 1] + (node.module or "").split(".")
            names = [target[1]] if len(target) > 1 and target[1] else [a.name for a in node.names]
            found += [(node.lineno, name) for name in names if name in LAYERS]
        elif isinstance(node, ast.ImportFrom | ast.Import):
            absolute = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in filter(None, absolute):
                parts = name.split(".")
                if parts[0] == "advice_column" and len(parts) > 1 and parts[1] in LAYERS:
                    found.append((node.lineno, parts[1]))
    return found


def third_party_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_run_only_downward(path):
    wing = wing_of(path)
    upward = [
        f"line {line}: {wing} imports {other}"
        for line, other in imported_wings(path)
        if other != wing and LAYERS[other] >= LAYERS[wing]
    ]
    assert not upward


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_engine_imports_mkdocs_or_material(path, request):
    _known(request, path, STILL_TO_MOVE)
    if wing_of(path) != "engine":
        assert not third_party_roots(path) & set(ENGINE_ONLY)


# What the other wings may import of the engine: its interface and error, never how it renders.
# Process helpers (memory, lifetime) and the preview's web server are not the seam, but not
# renderers either.
ENGINE_SEAM = {"interface", "errors", "memory", "lifetime", "server"}


def engine_modules(path: Path) -> list[str]:
    """The engine modules that the module at ``path`` imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if "engine" in parts and parts.index("engine") + 1 < len(parts):
                found.append(parts[parts.index("engine") + 1])
            elif parts[-1] == "engine":
                found += [alias.name for alias in node.names]
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_other_wings_reach_the_engine_only_through_its_interface(path):
    if wing_of(path) != "engine":
        assert set(engine_modules(path)) <= ENGINE_SEAM


def engine_names(path: Path) -> list[str]:
    """(line: text) of every engine name in a page template, or in a Python module's strings
    (not its docstrings, which may say what an upstream habit is)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [f"{n}: {line}" for n, line in enumerate(text.splitlines(), 1) if ENGINE_NAMES.search(line)]
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and ENGINE_NAMES.search(node.value)
    ]


def outside_the_engine() -> list[Path]:
    """Every module outside the engine, the page templates, and the search wing's templates
    and scripts (the engine's header hands the search form its look)."""
    templates = sorted((PACKAGE / "blueprint" / "page_templates").iterdir())
    search = sorted(p for p in (PACKAGE / "search").rglob("*") if p.suffix in (".html", ".js"))
    return [path for path in modules() if wing_of(path) != "engine"] + templates + search


@pytest.mark.parametrize("path", outside_the_engine(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_engine_names_mkdocs_or_material(path, request):
    name = path.relative_to(PACKAGE).as_posix()
    if name in NAMES_STILL_TO_MOVE:
        reason = f"{NAMES_STILL_TO_MOVE[name]}; once fixed, remove {name!r} from tests/test_layers.py"
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    found = engine_names(path)
    if name in CONFIG_ALLOW_LIST:
        found = []
    elif name == CONFIG_FILE_OWNER:
        found = [line for line in found if not line.endswith("'mkdocs.yml'")]  # CONFIG_FILE itself
    assert not found


def test_the_checker_sees_engine_names(tmp_path):
    """Names in strings, CSS classes and front matter are found; docstrings and our classes are not."""
    module = tmp_path / "module.py"
    module.write_text(
        '"""Leans on MkDocs."""\nx = "mkdocs.yml"\ny = f"{a} material/tags"\nz = "advice-cmd-x"\n'
    )
    assert [line.split(":")[0] for line in engine_names(module)] == ["2", "3"]
    template = tmp_path / "page.html"
    template.write_text('<a class="advice-button">\n<a class="x md-button">\n---\ntemplate: search.html\n')
    assert [line.split(":")[0] for line in engine_names(template)] == ["2", "4"]


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path, request):
    _known(request, path, STILL_TO_SPLIT)
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def package_files() -> list[Path]:
    """Every file of the package outside the search wing: modules, page and theme templates, assets."""
    found = [p.relative_to(PACKAGE) for p in PACKAGE.rglob("*") if p.is_file()]
    return sorted(PACKAGE / p for p in found if p.parts[0] != "search" and "__pycache__" not in p.parts)


def pagefind_lines(path: Path, text: str | None = None) -> list[str]:
    """The lines of ``path`` that name Pagefind (an import of pagefind or pagefind_bin included)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    return [
        f"line {n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if SEARCH_ONLY.search(line)
    ]


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_search_wing_knows_pagefind(path):
    assert not pagefind_lines(path)


def test_the_checker_sees_pagefind_anywhere():
    """The search test would notice an import, a template attribute or a comment outside the wing."""
    assert {"builder", "engine", "blueprint", "entries"} <= {
        p.relative_to(PACKAGE).parts[0] for p in package_files()
    }
    source = "from pagefind_bin import get_executable\n<p data-pagefind-ignore>\n# PageFind does it\nok\n"
    assert len(pagefind_lines(PACKAGE / "builder" / "x.py", source)) == 3


def test_every_wing_says_what_it_is_for():
    for wing in LAYERS:
        if (PACKAGE / wing).is_dir():
            doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text(encoding="utf-8")))
            assert doc and len(doc.splitlines()) <= 3, wing


def test_the_checker_sees_an_upward_import():
    """The layer test itself would notice a blueprint module importing the builder or the engine."""
    source = "from ..builder.pipeline import generate\nfrom advice_column.engine import runner\n"
    wings = [wing for _, wing in imported_wings(PACKAGE / "blueprint" / "pages.py", source)]
    assert wings == ["builder", "engine"]


def _known(request, path: Path, exceptions: set[str]) -> None:
    name = path.relative_to(PACKAGE).as_posix()
    if name in exceptions:
        reason = f"known exception; once fixed, remove {name!r} from tests/test_layers.py"
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
