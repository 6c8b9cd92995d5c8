"""The ``advice`` command: every subcommand and option parsed here, each run by its module of commands/.

A command returns its exit code; an expected failure is an ``AdviceError`` (errors.py), told here."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import signal
from contextlib import nullcontext
from pathlib import Path

from . import __version__
from .blueprint.config_yaml import CONFIG_FILE
from .builder.console import library_messages, print_diagnostics, tell
from .commands import build, check, import_posts, init, new, publish, serve, site_code
from .errors import AdviceError

DEFAULT_TITLE = "Ask the Columnist"
# The commands that run the site engine or Beautiful Soup: their log records and warnings, told escaped.
LIBRARY_USERS = ("build", "serve", "import")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns 0 when all is well, 1 for problems found, 2 for bad usage."""
    args = _parser().parse_args(argv)
    name = args.command
    if reason := _not_a_column(args):
        tell(f"advice {name}: {reason}")
        return 2
    # SIGTERM (a CI runner cancelling, `kill`) unwinds like Ctrl-C, so temporary folders go.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with library_messages(f"advice {name}") if name in LIBRARY_USERS else nullcontext():
            return _run(args)
    except AdviceError as error:
        print_diagnostics(list(error.diagnostics))
        failed = [f"failed; {args.on_failure}"] if getattr(args, "on_failure", "") else []
        tell(*(f"advice {name}: {line}" for line in [*str(error).split("\n"), *failed]))
        return error.exit_code
    except KeyboardInterrupt:
        note = getattr(args, "on_interrupt", "")
        tell(f"advice: interrupted{'; ' + note if note else ''}")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    """The command ``args`` name, called with its arguments."""
    if args.command == "init":
        return init.init(args.directory, args.title, args.source)
    if args.command == "check":
        return check.check(args.root, args.paths, args.format)
    if args.command == "new":
        return new.new(args.root, _typed(new.NewEntryArguments, args))
    if args.command == "publish":
        return publish.publish(args.root, args.files, args.date)
    if args.command == "build":
        return build.build(args.root, args.github_output)
    if args.command == "serve":
        return serve.serve(args.root, args.dev_addr)
    if args.command == "import":
        return import_posts.import_posts(args.root, args.sources, _typed(import_posts.ImportArguments, args))
    return site_code.site_code(args.changed, args.author_association, args.summary, args.github_output)


def _typed(kind, args: argparse.Namespace):
    """The frozen dataclass ``kind`` of a command's arguments, each field taken from ``args``."""
    return kind(**{field.name: getattr(args, field.name) for field in dataclasses.fields(kind)})


def _not_a_column(args: argparse.Namespace) -> str | None:
    """Why ``args.root`` is not a column to run the command in, or None when it is one."""
    if not getattr(args, "needs_column", False) or (args.root / "qa").is_dir():
        return None
    where = "here" if args.root == Path(".") else f"in {args.root}"
    return f"not an advice column (no qa/topics.yml {where}); run `advice init DIR` or pass --root"


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advice", description="Build a searchable advice-column website from qa/*.md."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_root(parser, Path("."))
    commands = parser.add_subparsers(title="commands", dest="command", required=True, metavar="COMMAND")

    sub = commands.add_parser(
        "init", help="start a new column in a new or empty folder, ready to serve, build and publish"
    )
    sub.add_argument(
        "directory", type=Path, metavar="DIR", help="the folder to create; it must be new or empty"
    )
    sub.add_argument(
        "--title",
        type=_title,
        default=DEFAULT_TITLE,
        help=f"the column's name, shown on every page (default: {DEFAULT_TITLE!r})",
    )
    sources = sub.add_mutually_exclusive_group()
    sources.add_argument(
        "--from",
        dest="source",
        default="tag",
        metavar="SOURCE",
        help="where the column installs advice-column from: 'tag' (the repository at this version's tag, "
        "the default), 'index' (the release on the Python package index), a git+https:// URL, or the path "
        "of a wheel or checkout of this version (for working offline)",
    )
    sources.add_argument(
        "--package-index", dest="source", action="store_const", const="index", help="--from index"
    )

    sub = commands.add_parser(
        "check",
        help=f"validate entries, topics, {CONFIG_FILE} and docs/; print path:line:col: CODE message",
        description=f"Validate every entry under qa/, qa/topics.yml, {CONFIG_FILE} (against the allow-list "
        "in CONTRIBUTING.md) and the files of docs/, everything the build reads; print every problem as "
        "path:line:col: CODE message. With paths, read only those entries, compared with the others' slugs "
        "and aliases. Exit 1 if there is any problem, 2 for a path that is not an entry.",
    )
    sub.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only these: entries (*.md files or folders under qa/), qa/topics.yml (checks every entry) or "
        f"{CONFIG_FILE}",
    )
    sub.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: GitHub Actions annotations"
    )

    sub = commands.add_parser(
        "new",
        help="write a new draft entry to fill in and print its path",
        description="Write qa/<year>/<slug>.md as a draft (shown by `advice serve`, never published) with "
        "the front matter filled in and placeholder '## Question' and '## Answer' sections; list similar "
        "questions first. Never overwrites. Replace the placeholders, then `advice publish FILE` (or delete "
        "'draft: true') to publish it.",
    )
    sub.add_argument("title", nargs="?", help="the question's title")
    sub.add_argument("--topic", help="a key of qa/topics.yml, or a topic's title")
    sub.add_argument("--tags", help="comma-separated, e.g. 'follow-up,thank-you notes'")
    sub.add_argument("--asker", help="the asker's display name or pseudonym")
    sub.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--slug", help="the file name and address, e.g. 'raise-after-a-year' (default: from the title)"
    )
    sub.add_argument(
        "--from-issue",
        type=Path,
        metavar="EVENT.json",
        help="instead of TITLE and --topic: the question of an 'Ask a question' issue, from the saved "
        "GitHub event of its labeling ($GITHUB_EVENT_PATH in a workflow)",
    )
    sub.add_argument(
        "--label",
        default="answer-this",
        help="with --from-issue: the label that asks for a draft (default: %(default)s)",
    )

    sub = commands.add_parser(
        "publish",
        help="publish a finished draft: delete 'draft: true' and date it today",
        description="Publish drafts written with `advice new`: delete their 'draft: true' line and set "
        "'date:' to today (or --date), leaving the rest of the file as written. Refused while a placeholder "
        "section is left or the result would not pass `advice check`.",
    )
    sub.add_argument("files", nargs="+", metavar="FILE", help="draft entries under qa/")
    sub.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today); a later day schedules it")

    sub = commands.add_parser(
        "build",
        help="check, then build the site into site/ (kept as it was if anything fails)",
        description="Check, generate the pages, render them with the site engine (strict), index them for "
        "search, verify that no entry was lost, then replace site/ in one step. Drafts are left out. A "
        "second build of the same column waits for the first.",
    )
    sub.add_argument(
        "--github-output",
        type=Path,
        metavar="FILE",
        help="append publishable=true|false to FILE ($GITHUB_OUTPUT): false while site_url or the reply "
        "address is still the example.org placeholder",
    )
    sub.set_defaults(
        on_interrupt="the previous site is untouched", on_failure="the published site was left as it was"
    )

    sub = commands.add_parser(
        "serve",
        help="preview with drafts at http://127.0.0.1:8000/, rebuilding on every change",
        description="Build with drafts into a temporary folder and serve it with live reload; rebuild what "
        f"changed whenever qa/, docs/, overrides/ or {CONFIG_FILE} changes. Invalid entries are left out (or "
        "kept as they last built) and every page shows the problems until they are fixed.",
    )
    sub.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on"
    )

    sub = commands.add_parser(
        "import",
        help="bring in WordPress posts (an export file or copied pages) as new entries",
        description=import_posts.DESCRIPTION,
        epilog=import_posts.EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SOURCE",
        help="a WordPress export (.xml, .zip or .gz) or a post's page copied into a text file",
    )
    sub.add_argument(
        "--topic", metavar="TOPIC", help="topic for copied pages and for posts whose categories have none"
    )
    sub.add_argument(
        "--topic-map",
        action="append",
        default=[],
        metavar="CATEGORY=TOPIC",
        help="put posts of this WordPress category under this topic (repeat for each category)",
    )
    sub.add_argument(
        "--hidden-as-drafts",
        action="store_true",
        help="bring private and password-protected posts in as drafts (never published)",
    )
    sub.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="date for posts whose export or page gives none",
    )
    sub.add_argument(
        "--language",
        metavar="CODE",
        help="of posts written in several languages (qTranslate), keep this one (default: each post's first)",
    )
    sub.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")

    sub = commands.add_parser(
        "site-code",
        help="list the changed files that are the site's code, not content (for pull requests)",
        description=site_code.DESCRIPTION,
    )
    sub.add_argument("changed", type=Path, metavar="CHANGED", help="the file listing them, or - for stdin")
    sub.add_argument(
        "--author-association",
        default="",
        metavar="ROLE",
        help="the pull request's author_association: OWNER, MEMBER or COLLABORATOR have write access",
    )
    sub.add_argument(
        "--summary", type=Path, metavar="FILE", help="append a summary to FILE ($GITHUB_STEP_SUMMARY)"
    )
    sub.add_argument(
        "--github-output",
        type=Path,
        metavar="FILE",
        help="append review-as-code=true|false ($GITHUB_OUTPUT) and exit 0 whatever the verdict",
    )

    for name, sub in commands.choices.items():
        if name not in ("init", "site-code"):  # init's DIR is the column it makes; site-code reads a list
            # SUPPRESS: given after the command it wins; left out, the one before (or '.') stays.
            _add_root(sub, argparse.SUPPRESS)
            sub.set_defaults(needs_column=True)
    return parser


def _add_root(parser: argparse.ArgumentParser, default) -> None:
    folder = f"the column's folder, holding {CONFIG_FILE} and qa/ (default: .)"
    parser.add_argument("--root", type=Path, default=default, metavar="DIR", help=folder)


def _title(text: str) -> str:
    """An ``--title`` argument; argparse's usage error when it cannot be a column's title."""
    from .authoring.init import check_title

    try:
        return check_title(text)
    except AdviceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date(text: str) -> datetime.date:
    """A ``--date`` argument; argparse's usage error when it is not a real YYYY-MM-DD date."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None
