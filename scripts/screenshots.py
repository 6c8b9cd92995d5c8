#!/usr/bin/env python3
"""Screenshots of the column as readers meet it: home, an entry (plain and a follow-up), a topic,
a tag, the topics and tags indexes, the archive, the ask and about pages, search with results
(and the header's results as you type), and a missing page, at 1280 and 375 px wide, light and
dark. A copy of this repository's column is built into a temporary folder; the PNGs go to
``screenshots/`` (or the folder given)."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from chromium import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 812}}
SCHEMES = ("light", "dark")


def pages_to_shoot(root: Path) -> dict[str, str]:
    """{name: site path} for each kind of page, chosen from the column's own data."""
    from advice_column.blueprint import urls
    from advice_column.blueprint.catalog import build_catalog
    from advice_column.entries.loader import load_column

    column = load_column(root)
    catalog = build_catalog(column.topics, column.entries)
    plain = next(e for e in catalog.entries if not e.follow_up_of and e.asker)
    follow_up = next(e for e in catalog.entries if e.follow_up_of)
    tag = max(catalog.tags.values(), key=lambda t: len(t.entries))
    return {
        "home": "",
        "entry": urls.entry(plain.slug),
        "entry-follow-up": urls.entry(follow_up.slug),
        "topic": urls.topic(plain.topic),
        "topics": urls.TOPICS,
        "tag": urls.tag(tag.slug),
        "tags": urls.TAGS,
        "archive": urls.ARCHIVE,
        "ask": urls.ASK,
        "about": "about/",
        "search": urls.SEARCH + "?q=interview",
        "404": "404.html",  # what a host sends for a missing page
    }


@contextlib.contextmanager
def served(folder: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(folder),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def build_copy(work: Path, engine: str = "mkdocs") -> Path:
    """This repository's column (tracked files only) built in ``work`` with ``engine``; returns
    the column."""
    from advice_column.cli import main

    root = work / "column"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if name.startswith(("tests/", "scripts/")) or not (REPO / name).is_file():
            continue
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, root / name)
    if engine != "mkdocs":
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = text.replace("  advice:\n", f"  advice:\n    engine: {engine}\n", 1)
        config.write_text(text, encoding="utf-8")
    if main(["--root", str(root), "build"]) != 0:
        raise SystemExit("screenshots: the column did not build")
    return root


def shoot(base: str, pages: dict[str, str], out: Path, widths=WIDTHS, schemes=SCHEMES) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, viewport in widths.items():
            for scheme in schemes:
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    if name == "search":
                        page.wait_for_selector(".advice-result, .pagefind-ui__result", timeout=20_000)
                        page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                written.append(shoot_typing(page, base, out / f"search-as-you-type-{width}-{scheme}.png"))
                context.close()
        browser.close()
    return written


def shoot_typing(page, base: str, target: Path) -> Path:
    """The header's results panel after typing a word on the home page."""
    page.goto(base, wait_until="networkidle")
    opener = page.locator(".advice-header-search__open")
    if opener.count() and opener.is_visible():
        opener.click()
    box = page.locator("#advice-header-q")
    box.focus()
    page.keyboard.type("raise")
    with contextlib.suppress(Exception):
        page.wait_for_selector(".advice-panel__option", timeout=10_000)
    page.screenshot(path=str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("screenshots"), help="folder for the PNGs")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="the site engine")
    parser.add_argument("--width", choices=WIDTHS, help="only this width (default: every one)")
    parser.add_argument("--scheme", choices=SCHEMES, help="only this colour scheme (default: both)")
    args = parser.parse_args(argv)
    widths = {args.width: WIDTHS[args.width]} if args.width else WIDTHS
    schemes = (args.scheme,) if args.scheme else SCHEMES
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="advice-screenshots-") as work:
        root = build_copy(Path(work), args.engine)
        # Served under site_url's path, as MkDocs builds the 404 page (absolute links) for.
        from advice_column.blueprint.settings import read_settings

        site_path = urlsplit(read_settings(root).site_url).path.strip("/")
        served_root = Path(work) / "served"
        (served_root / site_path).parent.mkdir(parents=True, exist_ok=True)
        (served_root / site_path).symlink_to(root / "site", target_is_directory=True)
        with served(served_root) as base:
            where = base + (site_path + "/" if site_path else "")
            written = shoot(where, pages_to_shoot(root), args.out, widths, schemes)
    print(f"{len(written)} screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
