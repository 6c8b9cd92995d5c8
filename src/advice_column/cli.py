"""The ``advice`` command: init, check, new, import, build and serve a column.

The build's stages, in order, are in builder/pipeline.py; this module only parses arguments,
calls one function per command and prints.
"""

from __future__ import annotations

import argparse
import signal
from contextlib import nullcontext
from pathlib import Path

from . import __version__
from .authoring.check import TargetError, check_targets, read_targets
from .authoring.init_command import add_init_parser
from .authoring.new_command import add_new_parser, parse_date
from .authoring.publish import add_publish_parser
from .authoring.site_code_command import add_site_code_parser
from .builder.console import library_messages, print_diagnostics, tell
from .builder.progress import Progress
from .entries.problems import Diagnostic
from .importing.command import add_import_parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns 0 when all is well, 1 for problems found, 2 for bad usage."""
    args = _parser().parse_args(argv)
    if reason := _not_a_column(args):
        tell(f"advice {args.command_name}: {reason}")
        return 2
    # SIGTERM (a CI runner cancelling, `kill`) unwinds like Ctrl-C, so temporary folders go.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    # The commands that run MkDocs or Beautiful Soup: their log records and warnings, escaped.
    library_users = args.command_name in ("build", "serve", "import")
    try:
        with library_messages(f"advice {args.command_name}") if library_users else nullcontext():
            return args.command(args)
    except KeyboardInterrupt:
        note = getattr(args, "on_interrupt", "")
        tell(f"advice: interrupted{'; ' + note if note else ''}")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def check(args: argparse.Namespace) -> int:
    """Validate entries and topics (all, or the files named); print every problem found."""
    root: Path = args.root
    try:
        targets = read_targets(root, args.paths)
    except TargetError as error:
        tell(f"advice check: {error}")
        return 2
    with Progress("advice check").stage("checking entries") as tick:
        outcome = check_targets(root, targets, tick)
    problems = outcome.diagnostics
    print_diagnostics(problems, args.format)
    summary = _count(len(problems), "problem") if problems else "no problems"
    tell(f"advice check: {summary} in {_count(outcome.checked, 'file')}")
    return 1 if problems else 0


def build(args: argparse.Namespace) -> int:
    """Check, generate, render with MkDocs, index for search, and publish to site/ at once."""
    # Deferred: `advice check` runs on every commit and must not wait for Jinja, Markdown, MkDocs.
    from .builder.pipeline import BuildError, InvalidColumn, build_column

    try:
        published = build_column(args.root, Progress("advice build"))
    except InvalidColumn as invalid:
        return _report_invalid(invalid.diagnostics)
    except BuildError as error:
        # A multi-line message: its values escaped where they were put in (e.g. engine/runner.py).
        tell(*f"advice build: {error}".split("\n"))
        tell("advice build: failed; the published site was left as it was")
        return 1
    tell(*(f"advice build: {warning}" for warning in published.warnings))
    drafts = f"; {_count(published.drafts, 'draft')} left out" if published.drafts else ""
    tell(f"advice build: {_count(published.entries, 'entry')} published to {published.site_dir}/{drafts}")
    if published.scheduled:
        after, number = published.scheduled[0], len(published.scheduled)
        until = "its date" if number == 1 else "their dates"
        tell(
            f"advice build: {_count(number, 'scheduled entry')} left out until {until}; "
            f"the next, {after.path}, is published by the first build on or after {after.date}"
        )
    for address in published.example_addresses:
        tell(f"advice build: warning: {address}; set it in mkdocs.yml before publishing")
    if args.github_output:  # the Publish workflow deploys only the column's own addresses
        with open(args.github_output, "a", encoding="utf-8") as outputs:
            outputs.write(f"publishable={str(not published.example_addresses).lower()}\n")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Build with drafts into a temporary folder, serve it and rebuild when files change."""
    from .builder.preview import serve_column

    return serve_column(args.root, args.dev_addr)


def _report_invalid(diagnostics: list[Diagnostic]) -> int:
    print_diagnostics(diagnostics)
    tell(f"advice: {len(diagnostics)} problem(s); fix them and build again")
    return 1


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number:,} {noun if number == 1 else plural}"


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
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    add_init_parser(commands)

    sub = commands.add_parser(
        "check",
        help="validate entries, topics, mkdocs.yml and docs/; print path:line:col: CODE message",
        description="Validate every entry under qa/, qa/topics.yml, mkdocs.yml (against the "
        "allow-list in CONTRIBUTING.md) and the files of docs/, everything the build reads; print "
        "every problem as path:line:col: CODE message. With paths, read only "
        "those entries, compared with the others' slugs and aliases. Exit 1 if there is any "
        "problem, 2 for a path that is not an entry.",
    )
    sub.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only these: entries (*.md files or folders under qa/), qa/topics.yml (checks every "
        "entry) or mkdocs.yml",
    )
    sub.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: GitHub Actions annotations"
    )
    sub.set_defaults(command=check)

    add_new_parser(commands)
    add_publish_parser(commands, parse_date)

    sub = commands.add_parser(
        "build",
        help="check, then build the site into site/ (kept as it was if anything fails)",
        description="Check, generate the pages, render them with MkDocs (strict), index them "
        "for search, verify that no entry was lost, then replace site/ in one step. Drafts "
        "are left out. A second build of the same column waits for the first.",
    )
    sub.add_argument(
        "--github-output",
        type=Path,
        metavar="FILE",
        help="append publishable=true|false to FILE ($GITHUB_OUTPUT): false while site_url or the "
        "reply address is still the example.org placeholder",
    )
    sub.set_defaults(command=build, on_interrupt="the previous site is untouched")

    sub = commands.add_parser(
        "serve",
        help="preview with drafts at http://127.0.0.1:8000/, rebuilding on every change",
        description="Build with drafts into a temporary folder and serve it with live reload; "
        "rebuild what changed whenever qa/, docs/, overrides/ or mkdocs.yml changes. Invalid "
        "entries are left out (or kept as they last built) and every page shows the problems "
        "until they are fixed.",
    )
    sub.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on"
    )
    sub.set_defaults(command=serve)

    add_import_parser(commands)
    add_site_code_parser(commands)
    for name, sub in commands.choices.items():
        sub.set_defaults(command_name=name)
        if name not in ("init", "site-code"):  # init's DIR is the column it makes; site-code reads a list
            # SUPPRESS: given after the command it wins; left out, the one before (or '.') stays.
            _add_root(sub, argparse.SUPPRESS)
            sub.set_defaults(needs_column=True)
    return parser


def _add_root(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=default,
        metavar="DIR",
        help="the column's folder, holding mkdocs.yml and qa/ (default: .)",
    )
