"""One error root: every error class of the package is an AdviceError, and only the root is caught above."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from advice_column.errors import AdviceError

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "advice_column"
# The command line and the commands catch the root alone; a builtin (OSError, ValueError) they
# turn into a message of their own is not an error class of the package.
ABOVE = sorted([PACKAGE / "cli.py", *(PACKAGE / "commands").glob("*.py")])


def package_error_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined in the package, by its qualified name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        module = importlib.import_module(name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name:
                found[f"{name}.{value.__qualname__}"] = value
    return found


def caught_names(source: str) -> list[tuple[int, str]]:
    """(line, name) of every class an ``except`` clause in ``source`` names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            found += [(node.lineno, ast.unparse(name).rpartition(".")[2]) for name in names]
    return found


def test_every_error_class_of_the_package_reaches_the_root():
    classes = package_error_classes()
    assert len(classes) > 15  # the discovery itself works
    assert [name for name, cls in classes.items() if not issubclass(cls, AdviceError)] == []


@pytest.mark.parametrize("path", ABOVE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_command_line_catches_only_the_root(path):
    ours = {cls.__name__ for cls in package_error_classes().values()} - {"AdviceError"}
    caught = [f"line {line}: {name}" for line, name in caught_names(path.read_text(encoding="utf-8"))]
    assert [line for line in caught if line.rpartition(" ")[2] in ours] == []


def test_the_checker_sees_a_class_caught_by_name():
    source = "try:\n  run()\nexcept (errors.BuildError, OSError):\n    pass\nexcept AdviceError:\n    raise\n"
    assert caught_names(source) == [(3, "BuildError"), (3, "OSError"), (5, "AdviceError")]


@pytest.mark.parametrize(
    ("module", "name", "code"),
    [
        ("advice_column.authoring.check", "TargetError", 2),
        ("advice_column.importing.run", "ImportUsageError", 2),
        ("advice_column.authoring.init", "InitError", 1),
        ("advice_column.authoring.publish", "PublishError", 1),
        ("advice_column.builder.pipeline", "LostEntries", 1),
        ("advice_column.engine.runner", "EngineError", 1),
    ],
)
def test_each_error_carries_its_commands_exit_code(module, name, code):
    assert getattr(importlib.import_module(module), name).exit_code == code
