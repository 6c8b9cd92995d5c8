"""``advice init DIR``: a new column, ready to serve, build and publish (authoring/init.py)."""

from __future__ import annotations

from pathlib import Path

from ..blueprint.config_yaml import CONFIG_FILE
from ..builder.console import say, tell


def init(target: Path, title: str, source: str = "tag") -> int:
    """Create the column and say what to do next; 1 when the folder is not new or empty."""
    from ..authoring.init import InitError, init_column

    try:
        written = init_column(target, title, source)
    except OSError as error:
        raise InitError(f"cannot write {error.filename or target}: {error.strerror}") from None
    say(*written)
    tell(
        f"advice init: created {len(written)} files in {target}. Next:",
        f"  cd {target}",
        "  advice serve    # preview at http://127.0.0.1:8000/",
        f"Before publishing, set site_url, extra.advice.ask and extra.advice.comments.url in {CONFIG_FILE}:",
        "until then the Publish workflow builds the site without publishing it. In .github/CODEOWNERS,",
        "put your GitHub name in place of @OWNER, so that a change to the site's code waits for your review.",
    )
    if source not in ("tag", "index") and not source.startswith("git+"):
        tell(
            f"advice init: requirements.txt installs advice-column from {source}, on this machine "
            "only: before pushing, point it at a git URL or the package index, or the workflows "
            "cannot install it"
        )
    return 0
