"""``advice init``'s command line: its arguments and what it prints; the work is in init.py.

Apart so that every other command (`advice check` runs on each commit) need not import the
templates' machinery to list init among its commands.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..builder.console import say, tell

DEFAULT_TITLE = "Ask the Columnist"


def run_init(args: argparse.Namespace) -> int:
    """Create the column and say what to do next; 1 when the folder is not new or empty."""
    from .init import InitError, init_column

    target: Path = args.directory
    try:
        written = init_column(target, args.title, args.source)
    except InitError as error:
        tell(f"advice init: {error}")
        return 1
    except OSError as error:
        tell(f"advice init: cannot write {error.filename or target}: {error.strerror}")
        return 1
    say(*written)
    tell(
        f"advice init: created {len(written)} files in {target}. Next:",
        f"  cd {target}",
        "  advice serve    # preview at http://127.0.0.1:8000/",
        "Before publishing, set site_url, extra.advice.ask and extra.advice.comments.url in mkdocs.yml:",
        "until then the Publish workflow builds the site without publishing it. In .github/CODEOWNERS,",
        "put your GitHub name in place of @OWNER, so that a change to the site's code waits for your review.",
    )
    if args.source not in ("tag", "index") and not args.source.startswith("git+"):
        tell(
            f"advice init: requirements.txt installs advice-column from {args.source}, on this machine "
            "only: before pushing, point it at a git URL or the package index, or the workflows "
            "cannot install it"
        )
    return 0


def add_init_parser(subparsers) -> None:
    """Register ``advice init DIR [--title TITLE]`` on the ``advice`` command's subparsers."""
    sub = subparsers.add_parser(
        "init", help="start a new column in a new or empty folder, ready to serve, build and publish"
    )
    sub.add_argument(
        "directory", type=Path, metavar="DIR", help="the folder to create; it must be new or empty"
    )
    sub.add_argument(
        "--title",
        type=_title_argument,
        default=DEFAULT_TITLE,
        help=f"the column's name, shown on every page (default: {DEFAULT_TITLE!r})",
    )
    sources = sub.add_mutually_exclusive_group()
    sources.add_argument(
        "--from",
        dest="source",
        default="tag",
        metavar="SOURCE",
        help="where the column installs advice-column from: 'tag' (the repository at this version's "
        "tag, the default), 'index' (the release on the Python package index), a git+https:// URL, "
        "or the path of a wheel or checkout of this version (for working offline)",
    )
    sources.add_argument(
        "--package-index", dest="source", action="store_const", const="index", help="--from index"
    )
    sub.set_defaults(command=run_init)


def _title_argument(text: str) -> str:
    from .init import InitError, check_title

    try:
        return check_title(text)
    except InitError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
