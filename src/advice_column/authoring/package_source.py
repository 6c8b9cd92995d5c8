"""Where a new column installs advice-column from: the exact version that wrote it.

Until a release is on the Python package index, the repository at the version's tag
(``advice-column @ git+https://…@v0.1.0``); with ``advice init --package-index``, the release
on the index (``advice-column==0.1.0``). Both come from this package's own metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

DISTRIBUTION = "advice-column"
PACKAGE_PAGE = "https://pypi.org/project/advice-column/"


class SourceError(Exception):
    """The package's metadata does not say where it comes from; the message says what is missing."""


@dataclass(frozen=True)
class PackageSource:
    """The requirement line a column installs advice-column with, and the page to link to."""

    requirement: str
    home: str


def package_source(from_index: bool = False) -> PackageSource:
    """This exact version's source: its repository's tag, or its release on the package index."""
    from importlib import metadata  # deferred: slow to import, and only `advice init` needs it

    try:
        info = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise SourceError(f"{DISTRIBUTION} is not installed, so its version and source are unknown") from None
    version = info["Version"]
    if from_index:
        return PackageSource(f"{DISTRIBUTION}=={version}", f"{PACKAGE_PAGE}{version}/")
    repository = _project_url(info, "Repository")
    if repository is None:
        raise SourceError(f"{DISTRIBUTION}'s metadata names no Repository URL; use --package-index")
    return PackageSource(f"{DISTRIBUTION} @ git+{repository}@v{version}", f"{repository}/tree/v{version}")


def _project_url(info, label: str) -> str | None:
    for entry in info.get_all("Project-URL") or []:
        name, _, url = entry.partition(",")
        if name.strip().casefold() == label.casefold():
            return url.strip().rstrip("/")
    return None
