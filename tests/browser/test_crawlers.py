"""What a reader's browser and a search engine's crawler get from the live site."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import feedparser
import pytest
from playwright.sync_api import Page

from advice_column.blueprint.catalog import build_catalog
from advice_column.entries.loader import load_column

from ..conftest import SAMPLE

pytestmark = pytest.mark.browser

COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)


def test_entry_page_carries_structured_data_and_sharing_tags(page: Page, site_url: str):
    entry = CATALOG.entries[0]
    page.goto(site_url + entry.url)
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert (data["@type"], data["headline"], data["mainEntity"]["@type"]) == (
        "Article",
        entry.title,
        "Question",
    )
    meta = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]"
        ".map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))"
    )
    assert meta["og:title"] == entry.title and meta["og:type"] == "article"
    assert meta["description"] == meta["og:description"] and meta["twitter:card"] == "summary"
    assert page.locator("link[rel=canonical]").get_attribute("href").endswith(entry.url)


def test_feed_links_lead_to_valid_feeds(page: Page, site_url: str):
    topic = CATALOG.entries[0].topic
    page.goto(f"{site_url}topics/{topic}/")
    links = page.locator('link[rel~="alternate"][type="application/atom+xml"]')
    assert links.count() == 2
    titles = []
    for index in range(links.count()):
        response = page.request.get(urljoin(page.url, links.nth(index).get_attribute("href")))
        assert response.ok
        feed = feedparser.parse(response.body())
        assert not feed.bozo
        titles.append([item.title for item in feed.entries])
    assert titles[0] == [entry.title for entry in CATALOG.entries[:20]]
    assert titles[1] == [entry.title for entry in CATALOG.by_topic[topic]]
    visible = page.locator("a.advice-feed")
    assert page.request.get(urljoin(page.url, visible.get_attribute("href"))).ok


def test_crawlers_find_robots_and_a_sitemap_with_every_entry(page: Page, site_url: str):
    robots = page.request.get(site_url + "robots.txt")
    assert robots.ok and "Sitemap: " in robots.text()
    sitemap = page.request.get(site_url + "sitemap.xml").text()
    for entry in CATALOG.entries:
        assert f"/{entry.url}</loc>" in sitemap
