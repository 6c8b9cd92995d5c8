"""The build's own check that no entry went missing: it must catch each kind of loss."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advice_column.blueprint.catalog import build_catalog
from advice_column.builder.manifest import site_manifest, verify_site
from advice_column.entries.loader import load_column
from advice_column.search.addresses import BUNDLE
from advice_column.search.index import count_indexed_pages

from ..conftest import SAMPLE

SITE_URL = "https://advice-column.github.io/advice-column/"


@pytest.fixture(scope="module")
def catalog():
    column = load_column(SAMPLE)
    return build_catalog(column.topics, column.entries)


@pytest.fixture
def site(sample_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(sample_site, copy)
    return copy


def check(catalog, site: Path) -> list[str]:
    return verify_site(
        site_manifest(catalog), site, count_indexed_pages(site / BUNDLE), site_url=SITE_URL, feed_entries=20
    )


def remove_link(page: Path, slug: str) -> None:
    text = page.read_text(encoding="utf-8")
    pattern = rf'<li class="advice-item"[^>]*>\s*<a class="advice-item__title" href="[^"]*qa/{slug}/".*?</li>'
    changed = re.sub(pattern, "", text, count=1, flags=re.S)
    assert changed != text
    page.write_text(changed, encoding="utf-8")


def test_the_sample_build_is_complete(catalog, site):
    assert check(catalog, site) == []


def test_a_missing_entry_page_is_caught(catalog, site):
    shutil.rmtree(site / catalog.entries[0].url)
    assert any(p.startswith("entry pages: missing") for p in check(catalog, site))


@pytest.mark.parametrize("where", ["topic", "tag", "archive"])
def test_an_entry_missing_from_a_listing_is_caught(catalog, site, where):
    entry = next(e for e in catalog.entries if e.tags)
    page = {
        "topic": f"topics/{entry.topic}/index.html",
        "tag": f"tags/{catalog.tag_of(entry.tags[0]).slug}/index.html",
        "archive": f"archive/{entry.date.year}/index.html",
    }[where]
    remove_link(site / page, entry.slug)
    problems = check(catalog, site)
    assert any(entry.url in p and "missing" in p for p in problems), problems


def test_an_entry_listed_twice_is_caught(catalog, site):
    entry = catalog.entries[0]
    page = site / "topics" / entry.topic / "index.html"
    text = page.read_text(encoding="utf-8")
    item = re.search(r'<li class="advice-item">.*?</li>', text, flags=re.S).group(0)
    page.write_text(text.replace(item, item + item, 1), encoding="utf-8")
    assert any("listed more than once" in p for p in check(catalog, site))


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
    problems = verify_site(
        site_manifest(catalog), site, len(catalog.entries) - 1, site_url=SITE_URL, feed_entries=20
    )
    assert any("search index holds" in p for p in problems)


def test_a_tag_link_leading_to_a_listing_without_the_entry_is_caught(catalog, site):
    """The entry's own tag link must lead to a page listing it, whatever the catalog believes."""
    entry = next(e for e in catalog.entries if e.tags)
    other = next(tag for tag in catalog.tags.values() if entry not in tag.entries)
    page = site / entry.url / "index.html"
    own = catalog.tag_of(entry.tags[0]).slug
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(f"tags/{own}/", f"tags/{other.slug}/", 1), encoding="utf-8")
    assert f"{entry.url}: its tag link leads to tags/{other.slug}/, which does not list it" in check(
        catalog, site
    )


@pytest.mark.parametrize("feed", ["feed.xml", "topics/{topic}/feed.xml"])
def test_every_feed_must_be_well_formed(catalog, site, feed):
    path = site / feed.format(topic=next(iter(catalog.topics)))
    path.write_bytes(path.read_bytes().replace(b"</title>", b"\x0b</title>", 1))
    assert any(p.startswith(f"{path.relative_to(site)} is not a valid feed") for p in check(catalog, site))
