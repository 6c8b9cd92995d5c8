"""Wheels of what is installed: a new column's set-up is tested against them, without a network.

The package itself is built from this checkout by its own build backend; its dependencies are
packed back into wheels from the files this environment installed (each distribution's RECORD),
so ``pip install --no-index --find-links`` finds every one at the version the tests run with.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from advice_column.authoring.package_source import tested_constraints

# pip, isolated from this machine's configuration (indexes, find-links, constraints), offline.
PIP_ENV = {
    "PIP_CONFIG_FILE": os.devnull,
    "PIP_NO_INDEX": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_NO_INPUT": "1",
}
_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src")


def pip_env(wheelhouse: Path | None = None) -> dict[str, str]:
    """The environment for a pip that reads no configuration, reaches no index, finds ``wheelhouse``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    return {**env, **PIP_ENV, **({"PIP_FIND_LINKS": str(wheelhouse)} if wheelhouse else {})}


def build_project_wheel(repo: Path, scratch: Path, wheelhouse: Path) -> Path:
    """The package's wheel, built from a copy of the checkout (only what a release ships)."""
    source = scratch / "source"
    source.mkdir()
    for name in _SOURCES:
        if (repo / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(repo / name, source / name, ignore=ignore)
        else:
            shutil.copy2(repo / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = subprocess.run(
        [*command, "--wheel-dir", str(wheelhouse), str(source)], env=pip_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, f"the wheel did not build:\n{done.stdout}\n{done.stderr}"
    (wheel,) = wheelhouse.glob("advice_column-*.whl")
    return wheel


def repack(name: str, wheelhouse: Path) -> Path:
    """A wheel of the installed distribution ``name``, from its files as installed."""
    dist = metadata.distribution(name)
    info = next(path for path in dist.files if path.parent.name.endswith(".dist-info"))
    info_dir = info.parent.as_posix()
    lines = (dist.read_text("WHEEL") or "").splitlines()
    tags = [line.partition(":")[2].strip().split("-") for line in lines if line.startswith("Tag:")]
    # All the tags it was built for, compressed into one (py2.py3-none-any).
    tag = "-".join(".".join(dict.fromkeys(part)) for part in zip(*tags, strict=True)) or "py3-none-any"
    stem = f"{dist.metadata['Name'].replace('-', '_')}-{dist.version}"
    target = wheelhouse / f"{stem}-{tag}.whl"
    records = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for path in dist.files:
            rel = path.as_posix()
            skip = rel.startswith("..") or "__pycache__" in rel or rel.endswith(".pyc")
            if skip or rel in (f"{info_dir}/RECORD", f"{info_dir}/INSTALLER", f"{info_dir}/REQUESTED"):
                continue  # console scripts: pip writes them again from entry_points.txt
            if rel == f"{info_dir}/direct_url.json":
                continue
            installed = Path(path.locate())
            data = installed.read_bytes()
            entry = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
            entry.external_attr = (installed.stat().st_mode & 0xFFFF) << 16  # keeps executables so
            wheel.writestr(entry, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            records.append(f"{rel},sha256={digest},{len(data)}")
        wheel.writestr(f"{info_dir}/RECORD", "\n".join([*records, f"{info_dir}/RECORD,,"]) + "\n")
    return target


def make_wheelhouse(repo: Path, scratch: Path) -> Path:
    """A folder with the package's wheel and a wheel of every dependency it needs."""
    wheelhouse = scratch / "wheelhouse"
    wheelhouse.mkdir()
    build_project_wheel(repo, scratch, wheelhouse)
    for name in tested_constraints():  # what a new column pins: every run-time dependency
        repack(name, wheelhouse)
    return wheelhouse
