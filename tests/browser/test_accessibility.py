"""Accessibility in a real browser: axe-core finds no serious or critical problem on any kind of
page, light and dark, 1280 and 375 px wide, in this column and in one `advice init` makes; a
keyboard reaches everything, with visible focus, and nothing hidden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from advice_column.authoring.init import init_column
from advice_column.blueprint.catalog import build_catalog
from advice_column.cli import main
from advice_column.entries.loader import load_column

from ..conftest import SAMPLE, served, tab_until

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent.parent / "assets" / "axe-core" / "axe.min.js"
COLUMN = load_column(SAMPLE)
CATALOG = build_catalog(COLUMN.topics, COLUMN.entries)
ENTRY = CATALOG.entries[0]
FOLLOW_UP = next(entry for entry in CATALOG.entries if entry.follow_up_of)
# An entry with a newer and an older question in its topic: both footer links.
# (An entry's follow-up is linked once, as "The reader wrote back", not in the footer.)
_TOLD = {e.slug for e in CATALOG.entries if e.follow_up_of} | {e.follow_up_of for e in CATALOG.entries}
BETWEEN = next(g[1] for g in CATALOG.by_topic.values() if len(g) > 2 and not _TOLD & {e.slug for e in g[:3]})
PAGES = {
    "home": "",
    "entry": ENTRY.url,
    "follow-up": FOLLOW_UP.url,
    "entry-between": BETWEEN.url,
    "earlier-question": CATALOG.by_slug[FOLLOW_UP.follow_up_of].url,
    "topic": f"topics/{ENTRY.topic}/",
    "topics": "topics/",
    "tag": f"tags/{CATALOG.tag_of(ENTRY.tags[0]).slug}/",
    "tags": "tags/",
    "archive": "archive/",
    "year": f"archive/{ENTRY.date.year}/",
    "about": "about/",
    "search": "search/?q=interview",
    "search-with-tags": "search/?q=interview&tag=" + ENTRY.tags[0],
    "search-nothing": "search/?q=xyzzyqq",  # the topics, latest questions and "Ask this question"
    "header-results": "#header-results",
    "404": "404.html",
}
WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 740}}


def pages_of(root: Path) -> dict[str, str]:
    """{kind: site path} of every kind of page in a column with at least one entry."""
    column = load_column(root)
    catalog = build_catalog(column.topics, column.entries)
    entry = catalog.entries[0]
    pages = {
        "home": "",
        "entry": entry.url,
        "topic": f"topics/{entry.topic}/",
        "topics": "topics/",
        "tags": "tags/",
        "archive": "archive/",
        "year": f"archive/{entry.date.year}/",
        "about": "about/",
        "search": "search/?q=" + entry.title.split()[-1].strip("?"),
        "404": "404.html",
    }
    if entry.tags:
        pages["tag"] = f"tags/{catalog.tag_of(entry.tags[0]).slug}/"
    return pages


def violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of these impacts, every rule on (best practices included)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def serious_violations(page: Page) -> list[str]:
    return violations(page)


def open_page(page: Page, url: str) -> None:
    if url.endswith("#header-results"):  # the header's results panel, open on the home page
        page.goto(url.removesuffix("#header-results"))
        if page.locator(".advice-header-search__open").is_visible():  # a phone: open the box
            page.locator(".advice-header-search__open").click()
        page.locator("#advice-header-q").fill("interview")
        expect(page.locator(".advice-panel__option").first).to_be_visible()
        return
    page.goto(url)
    if "xyzzyqq" in url:
        expect(page.locator(".advice-search-empty")).to_be_visible()
    elif "search/" in url:
        expect(page.locator(".advice-result").first).to_be_visible()


@pytest.fixture(scope="session")
def init_site(tmp_path_factory) -> tuple[str, dict[str, str]]:
    """A column just as `advice init` writes it, built and served: (its URL, its pages)."""
    root = tmp_path_factory.mktemp("init") / "column"
    init_column(root, "Ask Sam")
    assert main(["--root", str(root), "build"]) == 0
    with served(root / "site") as url:
        yield url, pages_of(root)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_axe_violations(page: Page, site_url: str, name: str, scheme: str, width: str, request):
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    base = request.getfixturevalue("at_site_path") if name == "404" else site_url
    open_page(page, base + PAGES[name])
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    assert serious_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_new_column_has_no_serious_axe_violations(page: Page, init_site, scheme: str, width: str):
    """The palette `advice init` writes: every page kind, both schemes and widths."""
    url, pages = init_site
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    found = {}
    for name, path in pages.items():
        open_page(page, url + path)
        if problems := serious_violations(page):
            found[name] = problems
    assert found == {}


@pytest.mark.parametrize("name", ["home", "entry", "topic", "search"])
def test_readable_on_a_phone(page: Page, site_url: str, name: str, tmp_path: Path):
    page.set_viewport_size({"width": 375, "height": 740})
    open_page(page, site_url + PAGES[name])
    assert serious_violations(page) == []
    # Nothing wider than the screen: no sideways scrolling to read.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("h1").first).to_be_visible()
    page.screenshot(path=str(tmp_path / f"{name}-375.png"), full_page=True)


def test_palette_toggle_switches_to_dark_and_back(page: Page, site_url: str):
    page.emulate_media(color_scheme="light")
    page.goto(site_url + ENTRY.url)
    page.locator("label[for='__palette_1']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[for='__palette_0']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"


def test_keyboard_reader_opens_the_latest_entry_from_the_home_page(page: Page, site_url: str):
    page.goto(site_url)
    focused = "document.activeElement === document.querySelector('.advice-home .advice-item__title')"
    assert tab_until(page, focused), "Tab never reached the latest entry"
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text(CATALOG.entries[0].title)


# Each element that has focus, after each Tab: whether a reader can see it and where focus is.
FOCUS_STATE = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused.dataset.testVisited) return null;
  focused.dataset.testVisited = "yes";
  // Material's palette switch is a hidden radio button that rings its label.
  const el = focused.matches("input.md-option") ? focused.nextElementSibling : focused;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1)
    || style.boxShadow !== "none";
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
    && style.visibility !== "hidden";
  return {name: focused.outerHTML.slice(0, 90), ring, onScreen,
          drawer: !!el.closest(".md-sidebar--primary")};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "entry-between", "topic"])
def test_every_tab_stop_is_on_screen_with_a_visible_ring(page: Page, site_url: str, name: str, width: str):
    """Tab walks the page, never into the closed drawer, and every stop shows a focus ring."""
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + PAGES[name])
    seen, problems = [], []
    for _ in range(200):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:  # back round to the start
            break
        seen.append(state["name"])
        if state["drawer"] or not state["onScreen"] or not state["ring"]:
            problems.append(state)
    assert len(seen) > 10
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_first_tab_stop_skips_to_the_content(page: Page, site_url: str, width: str):
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + ENTRY.url)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is in the page's content, past the header and its search box.
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def test_footer_arrows_are_named_on_a_phone(page: Page, site_url: str):
    """On a phone only the arrows of the newer and older questions show: each still says where it leads."""
    page.set_viewport_size(WIDTHS["375"])
    page.goto(site_url + BETWEEN.url)
    for side, direction in [("prev", "Newer"), ("next", "Older")]:
        link = page.locator(f".md-footer__link--{side}")
        expect(link).to_be_visible()
        expect(link).to_have_accessible_name(re.compile(f"^{direction} in this topic: .+"))


def test_the_header_search_box_looks_different_when_focused(page: Page, site_url: str):
    page.goto(site_url)
    look = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.outlineStyle, s.color]; }"
    box = page.locator("#advice-header-q")
    before = box.evaluate(look)
    box.focus()
    after = box.evaluate(look)
    assert before[0] != after[0] and after[1] != "none"


# The contrast of an element's text with what lies beneath it, semi-transparent layers blended.
CONTRAST = """el => {
  const rgba = c => {
    const m = c.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  };
  const over = (top, under) =>
    top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  let under = [255, 255, 255, 1];
  for (const layer of layers.reverse()) under = over(layer, under);
  const text = over(rgba(getComputedStyle(el).color), under);
  const linear = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(text), lum(under)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tag_counts_are_readable(page: Page, site_url: str, scheme: str):
    """The small counts in the home page's tag chips, which axe leaves undecided (a
    semi-transparent background), reach 4.5:1."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url)
    counts = page.locator(".advice-tag .advice-count")
    assert counts.count() > 3
    assert min(counts.nth(i).evaluate(CONTRAST) for i in range(counts.count())) >= 4.5
