"""The ``advice`` command: init, check, new, import, build and serve a column.

qa/ --load_column--> entries + diagnostics --build_catalog--> topics, tags, years, related
    --render_pages--> Markdown pages --write_tree--> .advice/docs
    --run_engine (MkDocs + Material)--> HTML, with BackgroundIndex (Pagefind) beside it
    --verify_site--> nothing lost --publish--> site/
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import signal
import sys
from pathlib import Path

from . import __version__
from .authoring.init import add_init_parser
from .authoring.new import new_entry_text
from .authoring.similar import find_similar, similar_lines
from .build.progress import Progress
from .entries.entry_file import entry_path, existing_slugs
from .entries.loader import load_column
from .entries.problems import Diagnostic, format_diagnostics
from .entries.topics import load_topics
from .importing.command import add_import_parser
from .site.column import load


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns 0 when all is well, 1 for problems found, 2 for bad usage."""
    args = _parser().parse_args(argv)
    # SIGTERM (a CI runner cancelling, `kill`) unwinds like Ctrl-C, so temporary folders go.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.command(args)
    except KeyboardInterrupt:
        note = getattr(args, "on_interrupt", "")
        print(f"advice: interrupted{'; ' + note if note else ''}", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def check(args: argparse.Namespace) -> int:
    """Validate entries and topics; print every problem found."""
    root: Path = args.root
    with Progress("advice check").stage("checking entries") as tick:
        _, column = load(root, tick, with_text=False)
    problems = column.diagnostics
    if args.paths:
        wanted = {_relative(path, root) for path in args.paths}
        problems = [d for d in problems if any(_within(d.path, w) for w in wanted)]
    print(format_diagnostics(problems, args.format), end="")
    checked = len(column.entries) + len({d.path for d in column.diagnostics if d.path.endswith(".md")})
    summary = f"{len(problems)} problem(s)" if problems else "no problems"
    print(f"advice check: {summary} in {checked} file(s)", file=sys.stderr)
    return 1 if problems else 0


def new(args: argparse.Namespace) -> int:
    """Write a new entry with today's date and empty sections to fill."""
    root: Path = args.root
    problems: list[Diagnostic] = []
    topics = load_topics(root, "qa", problems)
    if problems:
        print(format_diagnostics(problems), end="")
        return 1
    if args.topic not in topics:
        print(
            f"advice new: unknown topic '{args.topic}'; valid: {', '.join(sorted(topics))}", file=sys.stderr
        )
        return 2
    day = args.date or datetime.date.today()
    rel = entry_path(args.title, day)
    taken = existing_slugs(root / "qa")
    slug = Path(rel).stem
    if slug in taken or (root / rel).exists():
        where = taken.get(slug, root / rel)
        print(
            f"advice new: {where.relative_to(root)} already uses the slug '{slug}'; not overwriting",
            file=sys.stderr,
        )
        return 1
    tags = [tag.strip() for tag in (args.tags or "").split(",") if tag.strip()]
    # A hint, not a refusal: on stderr, so stdout stays the new file's path for scripts.
    for line in similar_lines(find_similar(args.title, load_column(root, with_text=False).entries)):
        print(line, file=sys.stderr)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    with open(root / rel, "x", encoding="utf-8") as file:
        file.write(new_entry_text(args.title, args.topic, day, tags, args.asker))
    print(rel)
    return 0


def build(args: argparse.Namespace) -> int:
    """Check, generate, render with MkDocs, index with Pagefind, and publish to site/ at once."""
    # Deferred: `advice check` runs on every commit and must not wait for Jinja, Markdown, MkDocs.
    from .build.manifest import verify_site
    from .build.pipeline import GenerateError, engine_config, generate
    from .build.publish import new_build_dir, publish, work_dir
    from .build.search_index import BUNDLE, BackgroundIndex, SearchIndexError, count_indexed_pages
    from .engine.runner import EngineError, run_engine

    root: Path = args.root
    progress = Progress("advice build")
    with progress.stage("loading entries") as tick:
        settings, column = load(root, tick)
    if settings is None or column.diagnostics:
        return _report_invalid(column.diagnostics)
    site_dir = root / settings.site_dir
    build_dir = new_build_dir(root, site_dir)
    try:
        with progress.stage("generating pages") as tick:
            catalog, docs_dir, _ = generate(root, settings, column, include_drafts=False, progress=tick)
        config = engine_config(root, settings, catalog, docs_dir, build_dir)
        language, work = config.theme.get("language") or "en", work_dir(root)
        published = site_dir / BUNDLE  # parts whose entries did not change are copied from it
        search = BackgroundIndex(docs_dir, language, work / "pagefind-pages", work, published).start()
        try:
            with progress.stage("rendering pages") as tick:
                warnings = run_engine(config, progress=tick)
            with progress.stage("indexing for search"):  # only what is left after rendering
                search.finish(build_dir)
        finally:
            search.discard()
        with progress.stage("verifying and publishing"):
            manifest = {"site_url": settings.site_url, "feed_entries": settings.feed_entries}
            if problems := verify_site(catalog, build_dir, count_indexed_pages(build_dir), **manifest):
                raise EngineError("the built site lost entries:\n  " + "\n  ".join(problems))
            publish(build_dir, root, site_dir)
    except (EngineError, SearchIndexError, GenerateError) as error:
        print(f"advice build: {error}", file=sys.stderr)
        print(f"advice build: failed; {settings.site_dir}/ was left as it was", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)
    for warning in warnings:
        print(f"advice build: {warning}", file=sys.stderr)
    print(f"advice build: {len(catalog.entries)} entries published to {settings.site_dir}/", file=sys.stderr)
    return 0


def serve(args: argparse.Namespace) -> int:
    """Build with drafts into a temporary folder, serve it and rebuild when files change."""
    from .build.preview import serve_column

    return serve_column(args.root, args.dev_addr)


def _report_invalid(diagnostics: list[Diagnostic]) -> int:
    print(format_diagnostics(diagnostics), end="")
    print(f"advice: {len(diagnostics)} problem(s); fix them and build again", file=sys.stderr)
    return 1


def _relative(path: str, root: Path) -> str:
    absolute = (root / path).resolve()  # an absolute path stays as it is
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise SystemExit(f"advice check: {path} is not inside the column at {root}") from None


def _within(path: str, wanted: str) -> bool:
    return path == wanted or path.startswith(wanted.rstrip("/") + "/") or wanted == "."


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advice", description="Build a searchable advice-column website from qa/*.md."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="the column's folder, holding mkdocs.yml and qa/ (default: .)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    add_init_parser(commands)

    sub = commands.add_parser(
        "check",
        help="validate entries and topics; print path:line:col: CODE message",
        description="Validate every entry under qa/ and qa/topics.yml (and mkdocs.yml's column "
        "settings); print every problem as path:line:col: CODE message. Exit 1 if there is any.",
    )
    sub.add_argument(
        "paths", nargs="*", metavar="PATH", help="only report problems in these files or folders"
    )
    sub.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: GitHub Actions annotations"
    )
    sub.set_defaults(command=check)

    sub = commands.add_parser(
        "new",
        help="write a new entry to fill in and print its path",
        description="Write qa/<year>/<slug>.md with the front matter filled in and empty "
        "'## Question' and '## Answer' sections; list similar questions first. Never overwrites.",
    )
    sub.add_argument("title", help="the question's title")
    sub.add_argument("--topic", required=True, help="a key of qa/topics.yml")
    sub.add_argument("--tags", help="comma-separated, e.g. 'follow-up,thank-you notes'")
    sub.add_argument("--asker", help="the asker's display name or pseudonym")
    sub.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    sub.set_defaults(command=new)

    sub = commands.add_parser(
        "build",
        help="check, then build the site into site/ (kept as it was if anything fails)",
        description="Check, generate the pages, render them with MkDocs (strict), index them "
        "with Pagefind, verify that no entry was lost, then replace site/. Drafts are left out.",
    )
    sub.set_defaults(command=build, on_interrupt="the previous site is untouched")

    sub = commands.add_parser(
        "serve",
        help="preview with drafts at http://127.0.0.1:8000/, rebuilding on every change",
        description="Build with drafts into a temporary folder and serve it with live reload; "
        "rebuild what changed whenever qa/, docs/, overrides/ or mkdocs.yml changes.",
    )
    sub.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on"
    )
    sub.set_defaults(command=serve)

    add_import_parser(commands)
    return parser
