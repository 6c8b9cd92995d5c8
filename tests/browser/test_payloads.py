"""No contributed text runs script: a column whose every field carries payloads, in Chromium.

Every payload here passes `advice check` (the test asserts it): markup characters in one-line
values are refused, so what reaches the pages is what escaping and sanitising must hold. Each
page type is opened, and the search page is driven as a reader would: a query typed into the
search box, then every <details> opened and every filter and button of the page pressed. The
test reads no markup of the search UI beyond inputs, details and buttons, so a new UI is held
to it too. A script that ran would call alert() (hooked before any page script) or open a dialog.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from advice_column.entries.loader import load_column

from ..conftest import MKDOCS_YML, ColumnDir, entry_text, served

pytestmark = pytest.mark.browser

# One-line values: the topics file's may not hold < > or entities; an entry's title, asker,
# summary and tags may (MARKUP_PAYLOADS), as text.
LINE_PAYLOADS = [
    "' onmouseover='alert(1)' autofocus onfocus='alert(2)' x='",
    "javascript:alert(3)",
    "{{ alert(4) }} ${alert(5)} {% raw %}",
    "Q&A && alert(6)//",
    "')-alert(7)-('",
    "\\u003cimg src=x onerror=alert(8)\\u003e",
]
# Labels (tags, topic titles) also refuse double quotes and backticks.
LABEL_PAYLOADS = [payload for payload in LINE_PAYLOADS if '"' not in payload and "`" not in payload]
MARKUP_PAYLOADS = [
    "<img src=x onerror=alert(26)> & <svg onload=alert(27)>",
    "</title><script>alert(28)</script>",
    "&lt;img src=x onerror=alert(29)&gt; &#60;script&#62;alert(30)&#60;/script&#62;",
]
BODY_PAYLOADS = """\
zanzibar `<img src=x onerror=alert(11)>` and `</script><script>alert(12)</script>`

&lt;img src=x onerror=alert(13)&gt; &#60;svg onload=alert(14)&#62; &amp;lt;script&amp;gt;

<kbd onmouseover="alert(15)" style="x">key</kbd> <abbr title="x" onclick=alert(16)>abbr</abbr>
<mark><sup>" onmouseover="alert(17)</sup></mark>

[link](https://example.org/" onmouseover="alert(18)) [ref][r] <https://example.org/?a='onmouseover='alert(19)>

[r]: https://example.org/"onclick="alert(20)

```html
</code></pre><script>alert(21)</script>
<iframe src=javascript:alert(22)>
```
"""
ALIASES = ["old/x=alert(23)/", "blog/(alert(24))/"]
# Hand-written pages (docs/) are the maintainers', but a pull request can change them too.
PAGE_PAYLOADS = """\
<script>alert(32)</script>
<img src="x" onerror="alert(33)"> <img src="https://tracker.example/p.gif" alt="tracker">
<a href="javascript:alert(34)">javascript link</a> <a href="#" onclick="alert(35)">handler</a>
<iframe srcdoc="<script>parent.alert(36)</script>"></iframe>
<svg onload="alert(37)"><a href="javascript:alert(38)"><text>svg link</text></a></svg>
<div style="position:fixed;inset:0" onmouseover="alert(39)">cover</div>
<form action="javascript:alert(40)"><button>go</button></form>
<details open ontoggle="alert(41)"><summary>toggle</summary></details>
<object data="javascript:alert(42)"></object><embed src="javascript:alert(43)">
<meta http-equiv="refresh" content="0;url=javascript:alert(44)">
<style>body { background: url(javascript:alert(45)) }</style>
<math><mtext><table><mglyph><style><img src=x onerror=alert(46)></style></mglyph></table></mtext></math>

Kept: **bold words**, a [local link](about.md) and <abbr title="frequently asked">FAQ</abbr>.
"""


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    """A column whose every contributed field carries payloads, checked and built with the CLI."""
    column = ColumnDir(tmp_path_factory.mktemp("payloads") / "column")
    column.write("mkdocs.yml", MKDOCS_YML)
    topics = {
        f"t{number}": {"title": payload, "description": LINE_PAYLOADS[-1 - number]}
        for number, payload in enumerate(LABEL_PAYLOADS)
    }
    column.write("qa/topics.yml", yaml.safe_dump(topics, allow_unicode=True))
    for number, payload in enumerate(LINE_PAYLOADS):
        tags = [LABEL_PAYLOADS[number % len(LABEL_PAYLOADS)], f"tag {number} {LABEL_PAYLOADS[0]}"]
        extra = (
            f"asker: {quoted(payload)}\nsummary: {quoted(payload)}\ntags: {json.dumps(tags)}\n"
            f"slug: e{number}\n" + (f"aliases: {json.dumps(ALIASES)}\n" if number == 0 else "")
        )
        text = entry_text(
            title=quoted(payload),
            topic=f"t{number % len(LABEL_PAYLOADS)}",
            date=f"2025-0{1 + number % 9}-1{number}",
            extra=extra,
            question=f"{payload}\n\n{BODY_PAYLOADS}",
            answer=f"{BODY_PAYLOADS}\n\n> {payload}",
        )
        column.write(f"qa/2025/entry-{number}.md", text)
    for number, payload in enumerate(MARKUP_PAYLOADS):
        extra = (
            f"asker: {quoted(payload)}\nsummary: {quoted(payload)}\nslug: m{number}\n"
            f"tags: {json.dumps([payload, f'zanzibar {payload}'])}\n"
        )
        text = entry_text(
            title=quoted(payload),
            topic="t0",
            date=f"2025-1{number}-01",
            extra=extra,
            question=f"zanzibar markup {number}?",
            answer=f"{BODY_PAYLOADS}",
        )
        column.write(f"qa/2025/markup-{number}.md", text)
    column.write("docs/index.md", f"Welcome.\n\n{PAGE_PAYLOADS}")
    # Material prints a page's front matter values unescaped: these pass check, and must stay text.
    breakout = '" onmouseover="alert(47)" autofocus onfocus="alert(48)" x="'
    front = {"title": breakout, "description": breakout, "subtitle": LINE_PAYLOADS[0], "status": breakout}
    column.write(
        "docs/about.md",
        f"---\n{yaml.safe_dump(front)}---\n# About <img src=x onerror=alert(31)>\n\n{PAGE_PAYLOADS}",
    )
    # An HTML page of docs/ is published without the theme, sanitised as the Markdown pages are.
    column.write(
        "docs/old.html", f"<!doctype html><title>Old</title><script>alert(30)</script>{PAGE_PAYLOADS}"
    )
    assert load_column(column.root).diagnostics == []  # every payload is one check accepts
    assert column.run("build") == 0
    return column.root / "site"


@pytest.fixture(scope="module")
def payload_url(payload_site: Path):
    with served(payload_site) as url:
        yield url


HOOK = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""


def ran(page: Page, dialogs: list[str]) -> list[str]:
    """What scripts did that only a payload would: hooked calls and dialogs."""
    return page.evaluate("window.__ran || []") + dialogs


def open_page(page: Page, url: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(HOOK)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return dialogs


def hover_and_focus_everything(page: Page) -> None:
    """Fire the events an injected handler would wait for, on every element of the page."""
    page.evaluate(
        """() => {
        for (const node of document.querySelectorAll("body *")) {
          for (const type of ["mouseover", "focus", "click", "error", "load"]) {
            if (type === "click" && node.closest("a[href], form, button")) continue;
            node.dispatchEvent(new Event(type));
          }
        }
    }"""
    )


PAGES = [
    "",
    "about/",
    "old.html",
    "qa/e0/",
    "qa/e3/",
    "qa/m0/",
    "qa/m1/",
    "qa/m2/",
    "topics/",
    "topics/t0/",
    "tags/",
    "archive/",
    "archive/2025/",
    "old/x=alert(23)/",
    "no-such-page/",
    "feed.xml",
    "topics/t0/feed.xml",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(page: Page, payload_url: str, payload_site: Path, path: str) -> None:
    if path == "no-such-page/":
        assert (payload_site / "404.html").is_file()
        url = payload_url + "404.html"
    else:
        url = payload_url + path
    dialogs = open_page(page, url)
    hover_and_focus_everything(page)
    page.wait_for_timeout(200)
    assert ran(page, dialogs) == []


@pytest.mark.parametrize("path", ["index.html", "about/index.html"])
def test_hand_written_pages_keep_their_text_and_no_markup_that_runs(payload_site: Path, path: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    content = LexborHTMLParser((payload_site / path).read_text(encoding="utf-8")).css_first("article")
    assert "Kept:" in content.text() and content.css_first("strong").text() == "bold words"
    assert content.css_first("abbr").attributes["title"] == "frequently asked"
    dangerous = "script, iframe, object, embed, form, meta, style, img[src^=http]"
    assert content.css(dangerous) == []
    for node in content.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert "javascript:" not in (value or "").lower(), (node.tag, name, value)


def test_no_payload_runs_on_any_tag_page(page: Page, payload_url: str, payload_site: Path) -> None:
    dialogs = open_page(page, payload_url + "tags/")
    tag_pages = sorted(path.parent.name for path in (payload_site / "tags").glob("*/index.html"))
    assert len(tag_pages) > len(LABEL_PAYLOADS)
    for slug in tag_pages:
        page.goto(f"{payload_url}tags/{slug}/")
        hover_and_focus_everything(page)
        assert ran(page, dialogs) == [], slug


def test_no_payload_runs_while_searching_with_every_filter_open(page: Page, payload_url: str) -> None:
    dialogs = open_page(page, payload_url)
    search_box = page.locator("form input[name=q], input[type=search]").first
    search_box.click()
    page.keyboard.type("zanzibar")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    results = page.locator('main a[href*="qa/e"]')
    results.first.wait_for()
    assert results.count() >= 1
    for details in page.locator("main details").all():
        details.evaluate("node => { node.open = true; }")
    page.wait_for_timeout(300)
    # The filter labels (topic titles and tags) show the payloads as text.
    shown = page.locator("main").inner_text()
    assert LABEL_PAYLOADS[0] in shown and LABEL_PAYLOADS[1] in shown, shown
    assert MARKUP_PAYLOADS[0] in shown and MARKUP_PAYLOADS[1] in shown, shown  # tags, as text
    for box in page.locator("main input[type=checkbox], main input[type=radio]").all():
        if box.is_visible():
            box.click()
            page.wait_for_timeout(100)
    for button in page.locator("main button").all():
        if button.is_visible() and button.is_enabled():
            button.click()
            page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # the UI debounces searches
    hover_and_focus_everything(page)
    assert ran(page, dialogs) == []
