"""Fixtures of the browser tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from advice_column.blueprint.settings import read_settings

from ..conftest import SAMPLE, served

SITE_PATH = urlsplit(read_settings(SAMPLE).site_url).path.lstrip("/")


@pytest.fixture(scope="session")
def at_site_path(sample_site: Path, tmp_path_factory):
    """The sample site served under its site_url's path, as MkDocs builds the 404 page for."""
    root = tmp_path_factory.mktemp("served")
    (root / SITE_PATH.rstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / SITE_PATH.rstrip("/")).symlink_to(sample_site, target_is_directory=True)
    with served(root) as url:
        yield url + SITE_PATH
