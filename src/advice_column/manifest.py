"""Nothing lost: every published entry must come out of the build as a page, in the sitemap and in search."""

from __future__ import annotations

import re
from pathlib import Path

from .catalog import Catalog

_LOC = re.compile(r"<loc>([^<]*)</loc>")


def verify_site(catalog: Catalog, site_dir: Path, indexed: int, *, sitemap_urls: bool = True) -> list[str]:
    """Problems where the built site and the catalog disagree; empty when every entry arrived once.

    ``sitemap_urls``: whether the sitemap has URLs at all (MkDocs needs a site_url for them).
    """
    expected = {entry.slug for entry in catalog.entries}
    built = {path.parent.name for path in (site_dir / "qa").glob("*/index.html")}
    problems = []
    if missing := sorted(expected - built):
        problems.append(f"entry pages missing from the site: {', '.join(missing)}")
    if extra := sorted(built - expected):
        problems.append(f"entry pages that no entry asked for: {', '.join(extra)}")
    if indexed != len(expected):
        problems.append(f"search index holds {indexed} pages for {len(expected)} entries")
    sitemap = site_dir / "sitemap.xml"
    if not sitemap_urls:
        pass
    elif sitemap.exists():
        locations = _LOC.findall(sitemap.read_text(encoding="utf-8"))
        in_sitemap = {m.group(1) for loc in locations if (m := re.search(r"/qa/([^/]+)/$", loc))}
        if missing := sorted(expected - in_sitemap):
            problems.append(f"entries missing from sitemap.xml: {', '.join(missing)}")
    else:
        problems.append("sitemap.xml was not written")
    return problems
