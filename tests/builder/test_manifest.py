"""The build's own check that no entry went missing: it must catch each kind of loss."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advice_column.blueprint.catalog import build_catalog
from advice_column.builder.manifest import SiteManifest, site_manifest, verify_site
from advice_column.entries.loader import load_column
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import count_indexed_pages

from ..conftest import SAMPLE

SITE_URL = "https://advice-column.github.io/advice-column/"
PER_PAGE = 30  # as the sample's mkdocs.yml says


@pytest.fixture(scope="module")
def catalog():
    column = load_column(SAMPLE)
    return build_catalog(column.topics, column.entries)


@pytest.fixture
def site(sample_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(sample_site, copy)
    return copy


def pages_of(site: Path) -> frozenset[str]:
    """The site path of every page in ``site``, as the engine reports the pages it wrote."""
    return frozenset(page.parent.relative_to(site).as_posix() + "/" for page in site.rglob("index.html")) | {
        ""
    }


def check(catalog, site: Path, manifest: SiteManifest | None = None, written=None) -> list[str]:
    manifest = manifest or site_manifest(catalog, PER_PAGE)
    written = pages_of(site) if written is None else written
    indexed = count_indexed_pages(site / BUNDLE)
    return verify_site(manifest, site, written, indexed, site_url=SITE_URL, feed_entries=20)


def test_the_sample_build_is_complete(catalog, site):
    assert check(catalog, site) == []


def test_the_markup_of_the_pages_does_not_matter(catalog, site):
    """A template edit (classes, links, paging markup) cannot fail a build with "lost entries"."""
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'class="advice-[^"]*"', 'class="renamed"', text).replace('rel="next"', "")
        page.write_text(text, encoding="utf-8")
    assert check(catalog, site) == []


def test_a_missing_entry_page_is_caught(catalog, site):
    shutil.rmtree(site / catalog.entries[0].url)
    assert any(p.startswith("entry pages: missing") for p in check(catalog, site))


def test_an_entry_page_the_engine_did_not_write_is_caught(catalog, site):
    written = pages_of(site) - {catalog.entries[0].url}
    assert f"entry pages: missing {catalog.entries[0].url}" in check(catalog, site, written=written)


@pytest.mark.parametrize("where", ["topic", "tag", "archive"])
def test_an_entry_missing_from_a_listing_is_caught(catalog, site, where):
    """The pages of a listing, as generated, must hold each of its entries."""
    entry = next(e for e in catalog.entries if e.tags)
    url = {
        "topic": f"topics/{entry.topic}/",
        "tag": f"tags/{catalog.tag_of(entry.tags[0]).slug}/",
        "archive": f"archive/{entry.date.year}/",
    }[where]
    manifest = site_manifest(catalog, PER_PAGE)
    manifest.pages[url][url].remove(entry.url)
    problems = check(catalog, site, manifest)
    assert any(p.startswith(url) and entry.url in p and "missing" in p for p in problems), problems


def test_a_listing_page_not_written_is_caught(catalog, site):
    entry = catalog.entries[0]
    (site / "topics" / entry.topic / "index.html").unlink()
    problems = check(catalog, site)
    assert f"topics/{entry.topic}/: the listing page was not written" in problems
    assert any(entry.url in p and "missing" in p for p in problems), problems


def test_a_later_page_of_a_listing_not_written_is_caught(catalog, site):
    """With fewer entries a page, the sample's listings have pages the build did not write."""
    problems = check(catalog, site, site_manifest(catalog, 1))
    assert "topics/interviews/page/2/: the listing page was not written" in problems


def test_an_entry_listed_twice_is_caught(catalog, site):
    entry = catalog.entries[0]
    url = f"topics/{entry.topic}/"
    manifest = site_manifest(catalog, PER_PAGE)
    manifest.pages[url][url].append(entry.url)
    assert any("listed more than once" in p for p in check(catalog, site, manifest))


def test_sitemap_and_feed_losses_are_caught(catalog, site):
    entry = catalog.entries[0]
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text().replace(f"<loc>{SITE_URL}{entry.url}</loc>", "<loc>x</loc>"))
    feed = site / "feed.xml"
    feed.write_text(re.sub(r"<entry>.*?</entry>", "", feed.read_text(), count=1, flags=re.S))
    problems = check(catalog, site)
    assert any(p.startswith("sitemap.xml: missing") for p in problems)
    assert any(p.startswith("feed.xml does not list") for p in problems)


def test_a_short_search_index_is_caught(catalog, site):
    manifest = site_manifest(catalog, PER_PAGE)
    problems = verify_site(manifest, site, pages_of(site), len(catalog.entries) - 1)
    assert any("search index holds" in p for p in problems)


def test_a_tag_link_leading_to_a_listing_without_the_entry_is_caught(catalog, site):
    """The entry's own tag link must lead to a page listing it, whatever the listings say."""
    entry = next(e for e in catalog.entries if e.tags)
    other = next(tag for tag in catalog.tags.values() if entry not in tag.entries)
    manifest = site_manifest(catalog, PER_PAGE)
    manifest.tag_links[entry.url][0] = f"tags/{other.slug}/"
    assert f"{entry.url}: its tag link leads to tags/{other.slug}/, which does not list it" in check(
        catalog, site, manifest
    )


@pytest.mark.parametrize("feed", ["feed.xml", "topics/{topic}/feed.xml"])
def test_every_feed_must_be_well_formed(catalog, site, feed):
    path = site / feed.format(topic=next(iter(catalog.topics)))
    path.write_bytes(path.read_bytes().replace(b"</title>", b"\x0b</title>", 1))
    assert any(p.startswith(f"{path.relative_to(site)} is not a valid feed") for p in check(catalog, site))
