"""MkDocs' build, with the pages rendered by several forked processes instead of one.

MkDocs renders page after page on one core (mkdocs/commands/build.py: ``build``). Here the main
process does what MkDocs does once per site (config, files, navigation, static files), then
forks one worker per core. Each worker renders its share of the pages with MkDocs' own
``_populate_page`` (Markdown) and, after the workers have swapped what every page shows of the
others (front matter, title, anchors), ``_build_page`` (Material's templates), and writes them.
The main process renders the site-wide templates (sitemap, 404) meanwhile.

Output is byte-identical to MkDocs' own build (a test compares them). It copies the flow of
MkDocs 1.6.1's ``build`` and calls its private ``_populate_page``, ``_build_page``,
``_build_theme_template`` and ``_build_extra_template``: it runs only on the versions it was
verified with (shortcuts.py); on any other, MkDocs' own build does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from multiprocessing.connection import Connection, wait

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..entries.forked import can_fork, start_forked, usable_cores
from ..entries.model import Tick
from .html_pages import html_page_paths, takes_shortcuts
from .lifetime import die_with_parent
from .memory import give_back_free_memory
from .runner import site_plugins

_PARALLEL_FROM_PAGES = 400  # below this, forking and compiling templates per process cost more
_PROGRESS_EVERY = 32  # pages between a worker's progress messages
_TRIM_EVERY = 1000  # pages between a worker's handing its free memory back


def build_in_processes(
    config,
    total_pages: int,
    workers: int | None = None,
    *,
    dirty: bool = False,
    serve_url: str | None = None,
    progress: Tick | None = None,
) -> tuple | None:
    """MkDocs' ``build(config, serve_url=...)`` with pages rendered by ``workers`` forked processes
    (default: one per usable core, from ``_PARALLEL_FROM_PAGES`` pages); None, having built
    nothing, when one process must build the site (see :func:`one_process_reason`).

    Returns MkDocs' objects of the site (config, files, nav, env), each page's front matter
    and title filled in.
    """
    if workers is None:
        workers = usable_cores() if total_pages >= _PARALLEL_FROM_PAGES else 1
    if workers < 2 or one_process_reason(config, dirty=dirty) is not None:
        return None
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    try:
        try:
            site = _build(config, workers, progress, serve_url)
            if counts := warning_counter.get_counts():
                messages = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
                raise Abort(f"Aborted with {messages} in strict mode!")
        except Exception as error:
            config.plugins.on_build_error(error=error)
            if isinstance(error, BuildError):
                mkdocs_build.log.error(str(error))
                raise Abort("Aborted with a BuildError!") from None
            raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)
    return site


def one_process_reason(config, *, dirty: bool = False) -> str | None:
    """Why this build must render in one process, or None when several give the same site."""
    if not takes_shortcuts(config):
        return "the installed MkDocs or Material is not the version the parallel build was verified with"
    if dirty:
        return "a dirty build renders only what changed, in the process that asked for it"
    if plugins := site_plugins(config):
        # A plugin may keep state across pages (a blog, tags, a search index): each forked
        # worker would see only its share, so MkDocs' own one-process build runs instead.
        return f"the site configures plugins: {', '.join(plugins)}"
    if not can_fork():
        return "forking is only safe from a process that runs one thread"
    return None


def _build(config, workers: int, progress: Tick | None, serve_url: str | None) -> tuple:
    # The same steps, in the same order, as mkdocs.commands.build.build up to the pages.
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    # A preview (served) shows draft_docs pages too, marked as drafts.
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    doc_files = files.documentation_pages(inclusion=inclusion)
    for file in doc_files:
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=inclusion)
    pages = [file.page for file in doc_files]
    site = (config, files, doc_files, nav, env)
    with _Workers(site, [pages[start::workers] for start in range(workers)], progress) as team:
        everything = team.collect("summary")
        _apply_summaries(pages, everything)
        team.send(everything)
        _build_templates(config, files, nav, env, {page.file.abs_dest_path for page in pages})
        team.collect("done")
    config.plugins.on_post_build(config=config)
    return config, files, nav, env


def _build_templates(config, files, nav, env, page_paths: set[str]) -> None:
    """The theme's and the site's own templates, except where a page took the same path.

    MkDocs writes templates before pages, so that a page wins a clash; here they are written
    while the workers render pages, so a clash is skipped instead.
    """
    for name in config.theme.static_templates:
        if os.path.join(config.site_dir, name) not in page_paths:
            mkdocs_build._build_theme_template(name, env, files, config, nav)
    for name in config.extra_templates:
        file = files.get_file_from_path(name)
        if file is None or file.abs_dest_path not in page_paths:
            mkdocs_build._build_extra_template(name, files, config, nav)


def _summary(page) -> tuple:
    """What other pages' templates may show of ``page``: front matter, title, anchor ids."""
    return page.meta, page.title, page.present_anchor_ids


def _apply_summaries(pages: list, summaries: dict) -> None:
    for page in pages:
        if page.markdown is None:  # rendered by another process
            page.meta, page.title, page.present_anchor_ids = summaries[page.file.src_uri]


class _Workers:
    """Forked rendering processes, one pipe each; every message is (kind, payload)."""

    def __init__(self, site: tuple, shares: list[list], progress: Tick | None) -> None:
        self.site, self.shares, self.progress = site, shares, progress
        self.total = sum(map(len, shares))
        self.counts: dict[tuple[Connection, str], int] = {}  # pages done, by worker and step
        self.pipes: list[Connection] = []
        self.processes: list = []

    def __enter__(self) -> _Workers:
        ends = [multiprocessing.Pipe() for _ in self.shares]
        arguments = [
            (theirs, share, self.site, os.getpid())
            for (_, theirs), share in zip(ends, self.shares, strict=True)
        ]
        self.processes = start_forked(_render_share, arguments)
        for mine, theirs in ends:
            theirs.close()
            self.pipes.append(mine)
        return self

    def __exit__(self, *exc_info) -> None:
        for process in self.processes:
            if process.is_alive():
                process.kill()
            process.join()
        for pipe in self.pipes:
            pipe.close()

    def send(self, payload) -> None:
        """Send ``payload`` to every worker."""
        for pipe in self.pipes:
            pipe.send(payload)

    def collect(self, kind: str) -> dict:
        """Wait until every worker sent a ``kind`` message; their payloads merged."""
        merged: dict = {}
        waiting = {pipe: process for pipe, process in zip(self.pipes, self.processes, strict=True)}
        while waiting:
            for pipe in wait(list(waiting)):
                try:
                    message, payload = pipe.recv()
                except EOFError:
                    code = waiting[pipe].exitcode
                    raise BuildError(f"a rendering process stopped unexpectedly (exit code {code})") from None
                if message in ("populated", "built"):
                    self.counts[pipe, message] = payload
                    self._tick()
                    continue
                _relog(payload.pop("records"))
                if message == "failed":
                    raise BuildError(payload["error"])
                merged |= payload.get("summaries", {})
                del waiting[pipe]
        return merged

    def _tick(self) -> None:
        if self.progress is not None:
            # Both steps take about as long: each page counts half when its Markdown is done.
            self.progress(sum(self.counts.values()) // 2, self.total)


def _relog(records: list[tuple[str, int, str]]) -> None:
    """Log a worker's messages here, where the strict-mode counter and the caller's handlers are."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


class _RecordPipe(logging.Handler):
    """Keeps a worker's warnings and errors for the main process."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _render_share(pipe: Connection, pages: list, site: tuple, parent: int) -> None:
    """A worker: Markdown of its pages, swap summaries, then templates; reports over ``pipe``."""
    die_with_parent(parent)  # a killed build would leave it waiting on its pipe for ever
    config, files, doc_files, nav, env = site
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):  # the parent's handlers count and print in the parent
        logger.removeHandler(handler)
    logger.propagate = False
    recorder = _RecordPipe()
    logger.addHandler(recorder)
    try:
        summaries, read_again = {}, html_page_paths(config)
        for number, page in enumerate(pages, 1):
            mkdocs_build._populate_page(page, config, files)
            summaries[page.file.src_uri] = _summary(page)
            if page.file.src_uri in read_again:
                # Read again when built, so a share's pages (gigabytes, for a big column of
                # long answers) are never all in memory. A Markdown page is kept: rendering
                # it again would cost more, and log its warnings twice.
                page.markdown = page.content = None
            _report(pipe, "populated", number, len(pages))
        pipe.send(("summary", {"summaries": summaries, "records": _take(recorder)}))
        _apply_summaries([file.page for file in doc_files], pipe.recv())
        for number, page in enumerate(pages, 1):
            if page.content is None:
                mkdocs_build._populate_page(page, config, files)
            excluded = page.file.inclusion.is_excluded()
            mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=excluded)
            page.markdown = page.content = None  # written; no other page shows them
            if number % _TRIM_EVERY == 0:
                give_back_free_memory()  # a page's texts are freed, but malloc keeps their room
            _report(pipe, "built", number, len(pages))
        log_level = config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=files, log_level=log_level)
        pipe.send(("done", {"records": _take(recorder)}))
    except BaseException as error:
        text = str(error) if isinstance(error, BuildError) else f"{type(error).__name__}: {error}"
        pipe.send(("failed", {"error": text, "records": _take(recorder)}))
    finally:
        pipe.close()


def _report(pipe: Connection, kind: str, done: int, total: int) -> None:
    if done % _PROGRESS_EVERY == 0 or done == total:
        pipe.send((kind, done))


def _take(recorder: _RecordPipe) -> list:
    records, recorder.records = recorder.records, []
    return records
