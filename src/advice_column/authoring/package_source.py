"""Where a new column installs advice-column from, and the versions of everything it needs.

The requirement names the exact version that wrote the column, from one of: the repository at
the version's tag (the default: ``advice-column @ git+https://…@v0.1.0``), the release on the
package index (``advice-column==0.1.0``), another git URL, or a wheel or checkout on this
machine (for working offline). The constraints pin every package advice-column needs at run
time to the version installed with it here, so a column builds the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import AdviceError

DISTRIBUTION = "advice-column"
PACKAGE_PAGE = "https://pypi.org/project/advice-column/"
INDEX, TAG = "index", "tag"
_WHEEL_VERSION = re.compile(r"^advice_column-([^-]+)-", re.IGNORECASE)


class SourceError(AdviceError):
    """The source cannot be used; the message says what is missing or wrong."""


@dataclass(frozen=True)
class PackageSource:
    """The requirement line a column installs advice-column with, and the page to link to."""

    requirement: str
    home: str
    local: str | None = None  # a path on this machine, which the workflows cannot reach


def package_source(source: str = TAG) -> PackageSource:
    """The requirement for ``source``: 'tag', 'index', a ``git+`` URL, or a path to a wheel or checkout."""
    from importlib import metadata  # deferred: slow to import, and only `advice init` needs it

    try:
        info = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise SourceError(f"{DISTRIBUTION} is not installed, so its version and source are unknown") from None
    version = info["Version"]
    repository = _project_url(info, "Repository")
    if source == INDEX:
        return PackageSource(f"{DISTRIBUTION}=={version}", f"{PACKAGE_PAGE}{version}/")
    if source.startswith("git+"):
        if any(char.isspace() for char in source) or "#" in source:
            raise SourceError(f"--from {source!r}: a git URL has no spaces or '#'")
        return PackageSource(f"{DISTRIBUTION} @ {source}", repository or source.removeprefix("git+"))
    if source != TAG:
        return _local_source(Path(source), version, repository)
    if repository is None:
        raise SourceError(f"{DISTRIBUTION}'s metadata names no Repository URL; use --from index or a path")
    return PackageSource(f"{DISTRIBUTION} @ git+{repository}@v{version}", f"{repository}/tree/v{version}")


def _local_source(path: Path, version: str, repository: str | None) -> PackageSource:
    """A wheel file or a checkout (a folder with pyproject.toml) of this very version."""
    path = path.expanduser().resolve()
    if path.is_file() and path.suffix == ".whl":
        found = _WHEEL_VERSION.match(path.name)
        if found is None:
            raise SourceError(f"--from {path}: not a wheel of {DISTRIBUTION} (advice_column-VERSION-….whl)")
        if found.group(1) != version:
            raise SourceError(
                f"--from {path}: the wheel is {DISTRIBUTION} {found.group(1)} but this is {version}; "
                "run `advice init` of that version, or give a wheel of this one"
            )
    elif not (path / "pyproject.toml").is_file():
        raise SourceError(
            f"--from {path}: give 'tag', 'index', a git+https:// URL, a .whl file or a checkout "
            "(a folder with pyproject.toml)"
        )
    return PackageSource(f"{DISTRIBUTION} @ {path.as_uri()}", repository or path.as_uri(), str(path))


def tested_constraints() -> dict[str, str]:
    """Every package advice-column needs at run time here (markers evaluated), at its installed version."""
    from importlib import metadata

    # packaging: MkDocs depends on it, so it is always installed with advice-column.
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins: dict[str, str] = {}
    todo = [DISTRIBUTION]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in pins:
            continue
        dist = metadata.distribution(name)
        pins[name] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    del pins[DISTRIBUTION]  # the requirement names it, perhaps by URL: a pin would clash
    return dict(sorted(pins.items()))


def _project_url(info, label: str) -> str | None:
    for entry in info.get_all("Project-URL") or []:
        name, _, url = entry.partition(",")
        if name.strip().casefold() == label.casefold():
            return url.strip().rstrip("/")
    return None
