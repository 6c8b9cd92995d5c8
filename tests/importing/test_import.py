"""`advice import`: WordPress posts, copied from the page or exported, become valid entries."""

from __future__ import annotations

import datetime
import os
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advice_column.cli import main
from advice_column.entries.body import find_unsafe_markup
from advice_column.entries.loader import load_column, load_entry
from advice_column.entries.model import Topic
from advice_column.importing.copied_text import parse_saved_post
from advice_column.importing.entry import Split, entry_text, find_asker, split_question_answer
from advice_column.importing.html_to_markdown import html_to_markdown
from advice_column.importing.posts import Options, export_entries
from advice_column.importing.wxr import read_export

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
SAVED = FIXTURES / "saved-post.txt"
EXPORT = FIXTURES / "export.xml"
NBSP = "\u00a0"
MAP = ("--topic-map", "Money Talk=salary")

SAVED_ENTRY = """\
---
title: Should I Call to Follow up on an Interview?
date: 2012-12-28
topic: interviews
tags: [follow-up, holidays]
asker: Shawn
---

## Question

I interviewed for a part-time job at the hospital just before the holidays. The hiring manager said \
he’d call me by Christmas, and he didn’t. I don’t want to be a pest, but I really want this job.

Should I call him, or send an email and wait?

## Answer

Shawn, it is always worth following up. Holidays slow everything down – people take time off and \
decisions wait until everyone is back.

Send a short email this week: thank him again for his time, say you’re still very interested, and ask \
whether he needs anything else from you. If you hear nothing by mid-January, one brief phone call at \
10\u00a0a.m. on a weekday is perfectly polite.

Whatever you do, keep it warm and short. “Just checking in” is fine; “Why haven’t you called?” is not.
"""

CALL_ENTRY = """\
---
title: Should I call to follow up on an interview?
date: 2012-12-28
topic: interviews
tags: [follow-up, Holidays]
asker: Shawn
aliases: [2012/12/28/should-i-call/]
---

## Question

I interviewed for a part-time job in a hospital emergency room just before the holidays. The manager \
said he’d call by Christmas. He didn’t.

Should I call, or is an email enough?

## Answer

Shawn, it is always a good idea to follow up. *Holidays slow everything down*, so silence rarely means no.

### What to send

- A short thank-you email
- A [hand-written note](https://oldblog.example.com/2012/11/02/thank-you-notes/), if you have the address

A telephone on a desk

If January comes and goes, one polite phone call is fine.
"""


def advice(root: Path, *argv: str) -> int:
    """Run `advice --root ROOT import ...`."""
    return main(["--root", str(root), "import", *argv])


def wxr(items: str) -> bytes:
    """A minimal export around the given <item> elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://example.org/blog</link>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"
    ).encode()


def post(title: str, html: str, name: str = "a-post", link: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><content:encoded><![CDATA[{html}]]>"
        f"</content:encoded><wp:post_date>2014-03-02 10:00:00</wp:post_date>"
        f"<wp:post_name>{name}</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type></item>"
    )


def parse_wxr(data: bytes, options: Options | None = None):
    """The export's posts as entries (topics not chosen)."""
    return export_entries(read_export(data), "export", options or Options())


def md_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "qa").rglob("*.md"))}


# --- a post copied from the page ---------------------------------------------------------------


def test_saved_post_is_written_as_this_entry(column, capsys):
    assert advice(column.root, str(SAVED)) == 0
    out = capsys.readouterr().out
    rel = "qa/2012/should-i-call-to-follow-up-on-an-interview.md"
    assert f"wrote {rel}  Should I Call to Follow up on an Interview?" in out
    assert (column.root / rel).read_text(encoding="utf-8") == SAVED_ENTRY
    assert load_column(column.root).diagnostics == []


def test_saved_post_drops_the_page_furniture():
    entry = parse_saved_post(SAVED.read_text(encoding="utf-8"))
    text = entry.question + entry.answer
    for furniture in (
        "Leave a Reply",
        "Fill in your details",
        "commenting using",
        "Log Out",
        "Connecting to",
        "Notify me",
        "Post was not sent",
        "Email check failed",
        "cannot share posts",
        "Share this",
        "Posted in",
        "Ask the Career Coach",
        "careercoach",
    ):
        assert furniture not in text
    assert entry.answer.endswith("“Why haven’t you called?” is not.")


def test_saved_post_spacing_quotes_title_and_asker():
    entry = parse_saved_post(SAVED.read_text(encoding="utf-8"))
    assert entry.title == "Should I Call to Follow up on an Interview?"
    assert entry.date == datetime.date(2012, 12, 28)
    # NBSPs used as spacing after 'A:' are gone; the one inside '10 a.m.' keeps it on one line.
    assert entry.answer.startswith("Shawn, it is always worth following up.")
    assert f"10{NBSP}a.m." in entry.answer
    assert entry.answer.count(NBSP) == 1 and NBSP not in entry.question
    # Curly quotes and apostrophes are the author's text and stay.
    assert "he’d call me" in entry.question and "“Just checking in”" in entry.answer
    assert entry.asker == "Shawn"
    assert (entry.tags, entry.categories) == (("follow-up", "holidays"), (("Interviews", "interviews"),))


def test_saved_post_without_a_date_uses_the_file_date_and_says_so(column, capsys, tmp_path):
    source = tmp_path / "post.txt"
    source.write_text("Q&A: Ask for a raise now?\nQ: Is it too soon?\nA: Dana, no.\nLeave a Reply\n", "utf-8")
    os.utime(source, (1_600_000_000, 1_600_000_000))
    day = datetime.date.fromtimestamp(1_600_000_000)
    assert advice(column.root, str(source), "--topic", "salary") == 1
    out = capsys.readouterr().out
    rel = f"qa/{day.year}/ask-for-a-raise-now.md"
    assert f"wrote {rel}" in out
    assert f"{rel}: no date found in the text; used the file's date {day.isoformat()}" in out
    entry = load_column(column.root).entries[0]
    assert (entry.date, entry.topic, entry.asker, entry.answer) == (day, "salary", "Dana", "Dana, no.")


def test_saved_post_copied_from_the_question_on_takes_its_title_from_it():
    entry = parse_saved_post("Q: Can I ask for a raise after six months? My review went well.\nA: Yes.\n")
    assert (entry.title, entry.question, entry.answer) == (
        "Can I ask for a raise after six months?",
        "Can I ask for a raise after six months? My review went well.",
        "Yes.",
    )
    assert entry.attention == ("the post has no title; took the first sentence of its text: check 'title:'",)


def test_text_with_nothing_but_furniture_is_refused(column, capsys, tmp_path):
    source = tmp_path / "empty.txt"
    source.write_text("Leave a Reply\nCancel\nConnecting to %s\n", "utf-8")
    assert advice(column.root, str(source), "--topic", "salary") == 1
    assert "empty.txt: no post text found; copy the page from the title down" in capsys.readouterr().err


def test_saved_web_page_is_refused_with_what_to_do(column, capsys, tmp_path):
    page = tmp_path / "post.html"
    page.write_text("<!DOCTYPE html><html><body><p>Q: hi</p></body></html>", "utf-8")
    assert advice(column.root, str(page), "--topic", "salary") == 1
    assert "saved web page (HTML); copy the post's text into a .txt file" in capsys.readouterr().err
    assert md_files(column.root) == {}


# --- a WordPress export --------------------------------------------------------------------------


def test_export_writes_one_entry_per_post(column, capsys):
    assert (
        advice(column.root, str(EXPORT), *MAP, "--topic", "interviews") == 1
    )  # a link to a post left on the old blog needs a look
    out = capsys.readouterr().out
    assert sorted(md_files(column.root)) == [
        "qa/2012/should-i-call.md",
        "qa/2013/is-it-rude-to-negotiate-a-first-offer.md",
        "qa/2013/promotion-without-a-raise.md",
        "qa/2013/two-offers.md",
    ]
    assert (column.root / "qa/2012/should-i-call.md").read_text(encoding="utf-8") == CALL_ENTRY
    assert "advice import: 4 imported, 0 unchanged, 0 conflict(s), 0 not imported" in out
    assert (
        "qa/2012/should-i-call.md: links to files or pages left on the old blog (copy them or change the "
        "links): https://oldblog.example.com/2012/11/02/thank-you-notes/"
    ) in out
    column_ = load_column(column.root)
    assert column_.diagnostics == []
    entries = {entry.slug: entry for entry in column_.entries}
    raise_ = entries["promotion-without-a-raise"]
    assert (raise_.topic, raise_.tags, raise_.asker) == ("salary", ("promotions", "raises"), None)
    assert raise_.summary == "Take the title, but get the raise in writing."
    assert raise_.question.startswith("My manager offered me a promotion")
    assert raise_.answer.startswith("Take the title, but get the raise in writing.")
    assert "\n\n> A promise without a date is only a hope.\n\n" in raise_.answer
    assert "[email to HR](mailto:hr@example.com)" in raise_.answer
    offers = entries["two-offers"]
    assert (offers.topic, offers.asker) == ("interviews", "Torn in Toledo")
    assert offers.answer.startswith("*Congratulations*, that is a good problem to have.<br>\nWrite down")


def test_export_drops_scripts_images_and_unsafe_links(column):
    advice(column.root, str(EXPORT), *MAP, "--topic", "interviews")
    text = "\n".join(data.decode() for data in md_files(column.root).values())
    for gone in ("tracking pixel", "document.write", "<script", "javascript", "<img", "![", "phone.jpg"):
        assert gone not in text
    assert "A telephone on a desk" in text  # the image's alt text
    assert "Ignore anyone who tells you to click here for a &lt;script>-free salary calculator." in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## Question", "## Answer"] * 4


def test_draft_becomes_draft_true_without_alias(column):
    advice(column.root, str(EXPORT), *MAP, "--topic", "interviews")
    entries = {entry.slug: entry for entry in load_column(column.root).entries}
    draft = entries["is-it-rude-to-negotiate-a-first-offer"]
    assert (draft.draft, draft.date, draft.aliases) == (True, datetime.date(2013, 1, 4), ())
    assert not any(entry.draft for slug, entry in entries.items() if slug != draft.slug)


def test_aliases_are_old_permalinks_relative_to_the_blog(column):
    advice(column.root, str(EXPORT), *MAP, "--topic", "interviews")
    entries = {entry.slug: entry.aliases for entry in load_column(column.root).entries}
    assert entries["should-i-call"] == ("2012/12/28/should-i-call/",)
    assert entries["promotion-without-a-raise"] == ("2013/01/03/promotion-without-a-raise/",)
    result = parse_wxr(wxr(post("T", "<p>Q: a</p><p>A: b</p>", link="https://example.org/blog/x/y/")))
    assert result.entries[0].aliases == ("x/y/",)


def test_skipped_items_and_comments_are_counted(column, capsys):
    advice(column.root, str(EXPORT), *MAP, "--topic", "interviews")
    assert "skipped: 1 attachment, 1 comment, 1 navigation menu item, 1 page" in capsys.readouterr().out


def test_unmapped_category_without_fallback_is_reported_with_counts(column, capsys):
    assert advice(column.root, str(EXPORT), *MAP) == 1
    out = capsys.readouterr().out
    assert "not imported: " in out and "'Two offers, one week to decide': its categories have no topic" in out
    assert "categories with no topic (not imported); map each with --topic-map 'CATEGORY=TOPIC'" in out
    assert "  Miscellany: 1 post\n" in out
    assert "qa/2013/two-offers.md" not in md_files(column.root)
    assert len(md_files(column.root)) == 3


def test_unmapped_category_with_fallback_is_listed_but_fine(column, capsys):
    assert (
        advice(column.root, str(EXPORT), *MAP, "--topic", "interviews") == 1
    )  # a link to a post left on the old blog needs a look
    out = capsys.readouterr().out
    assert "categories with no topic (put under 'interviews')" in out and "  Miscellany: 1 post" in out


def test_post_without_markers_is_a_draft_that_says_so(column):
    result = parse_wxr(wxr(post("Q&amp;A: Lost", "<p>I lost my job.</p><p>Start again.</p>")))
    (entry,) = result.entries
    assert entry.title == "Lost" and entry.draft
    assert entry.question.startswith("*This post was imported without 'Q:' and 'A:' markers")
    assert entry.answer == "I lost my job.\n\nStart again."
    assert entry.attention == (
        "no 'Q:'/'A:' markers: the whole post is in the answer and the entry is a draft; "
        "move the question into '## Question' and remove 'draft: true'",
    )


def test_attention_is_reported_and_exits_1(column, capsys, tmp_path):
    source = tmp_path / "lost.xml"
    source.write_bytes(wxr(post("Lost", "<p>I lost my job.</p>", name="lost")))
    assert advice(column.root, str(source), "--topic", "salary") == 1
    out = capsys.readouterr().out
    assert "needs attention:\n  qa/2014/lost.md: no 'Q:'/'A:' markers" in out
    assert load_column(column.root).diagnostics == []


# --- never overwriting -------------------------------------------------------------------------


def test_second_run_writes_nothing_and_reports_unchanged(column, capsys):
    assert (
        advice(column.root, str(EXPORT), str(SAVED), *MAP, "--topic", "interviews") == 1
    )  # a link to a post left on the old blog needs a look
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (column.root / "qa").rglob("*.md")}
    capsys.readouterr()
    assert advice(column.root, str(EXPORT), str(SAVED), *MAP, "--topic", "interviews") == 0
    out = capsys.readouterr().out
    assert "unchanged qa/2012/should-i-call.md  Should I call to follow up on an interview?" in out
    assert "advice import: 0 imported, 5 unchanged, 0 conflict(s), 0 not imported" in out
    assert "wrote" not in out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (column.root / "qa").rglob("*.md")} == before


def test_edited_entry_is_a_conflict_and_left_alone(column, capsys):
    advice(column.root, str(EXPORT), *MAP, "--topic", "interviews")
    path = column.root / "qa/2012/should-i-call.md"
    edited = path.read_text(encoding="utf-8").replace("Should I call, or", "Should I phone, or")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert advice(column.root, str(EXPORT), *MAP, "--topic", "interviews") == 1
    out = capsys.readouterr().out
    assert "conflict qa/2012/should-i-call.md: already exists with other content; not overwritten" in out
    assert "0 imported, 3 unchanged, 1 conflict(s)" in out
    assert path.read_text(encoding="utf-8") == edited


def test_slug_taken_by_another_file_is_a_conflict(column, capsys):
    other = column.entry("should-i-call")
    before = other.read_bytes()
    assert advice(column.root, str(EXPORT), *MAP, "--topic", "interviews") == 1
    out = capsys.readouterr().out
    assert "slug 'should-i-call' is already used by qa/should-i-call.md; not imported" in out
    assert not (column.root / "qa/2012/should-i-call.md").exists()
    assert other.read_bytes() == before
    assert load_column(column.root).diagnostics == []


def test_dry_run_writes_nothing(column, capsys):
    assert (
        advice(column.root, str(EXPORT), str(SAVED), *MAP, "--topic", "interviews", "--dry-run") == 1
    )  # a link to a post left on the old blog needs a look
    out = capsys.readouterr().out
    assert "would write qa/2012/should-i-call.md  Should I call to follow up on an interview?" in out
    assert (
        "advice import: 5 to import, 0 unchanged, 0 conflict(s), 0 not imported, 0 left out "
        "(dry run: nothing written)" in out
    )
    assert md_files(column.root) == {}
    assert sorted(p.name for p in (column.root / "qa").iterdir()) == ["topics.yml"]


# --- unreadable or unsafe input -------------------------------------------------------------------


def test_malformed_xml_names_the_line(column, capsys, tmp_path):
    broken = tmp_path / "broken.xml"
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<title>About the Coach</title>", "<title>About</titel>"
    )
    broken.write_text(text, encoding="utf-8")
    line = text[: text.index("</titel>")].count("\n") + 1
    assert advice(column.root, str(broken), "--topic", "interviews") == 1
    captured = capsys.readouterr()
    assert f"broken.xml: not well-formed XML at line {line}, column " in captured.err
    assert "(mismatched tag); the file is damaged or cut short" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert md_files(column.root) == {}


@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">',
        '<!ENTITY d SYSTEM "file:///etc/passwd">',
    ],
    ids=["entity-bomb", "external-entity"],
)
def test_xml_entities_are_refused(column, capsys, tmp_path, declaration):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{declaration}]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<item><title>&d;</title></item></channel></rss>",
        encoding="utf-8",
    )
    assert advice(column.root, str(bomb), "--topic", "interviews") == 1
    err = capsys.readouterr().err
    assert "bomb.xml: refused: the XML declares a DTD or entities" in err
    assert md_files(column.root) == {}


def test_xml_that_is_not_an_export_is_refused(column, capsys, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss><channel><item/></channel></rss>', encoding="utf-8")
    assert advice(column.root, str(feed), "--topic", "interviews") == 1
    assert "not a WordPress export: it has no WXR version 1.x" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--topic", "interveiws"), "--topic: unknown topic 'interveiws'; valid: interviews, salary"),
        (("--topic-map", "Money Talk"), "--topic-map 'Money Talk' must look like 'CATEGORY=TOPIC'"),
        (("--topic-map", "Money Talk=pay"), "--topic-map 'Money Talk': unknown topic 'pay'"),
    ],
)
def test_usage_mistakes_exit_2(column, capsys, argv, message):
    assert advice(column.root, str(EXPORT), *argv) == 2
    assert message in capsys.readouterr().err
    assert md_files(column.root) == {}


def test_missing_source_exits_2(column, capsys):
    assert advice(column.root, "nowhere.xml") == 2
    assert "no such file: nowhere.xml" in capsys.readouterr().err


# --- the pure pieces ----------------------------------------------------------------------------


def test_html_headings_images_links_and_allowed_tags():
    markdown = html_to_markdown(
        "<h1>Big</h1><h2>Mid</h2><h3>Small</h3>"
        '<p><a href="/2012/other/">older post</a>, <a href="ftp://x.example/f">a file</a>, '
        '<a href="”https://example.org/a b”">curly</a>, <a href="#top">top</a>, '
        '<a href="https://example.org/"><img src="x.png" alt="logo"></a>, '
        "<del>old</del> <sup>2</sup> &lt;b&gt;literal&lt;/b&gt; [not](javascript:x)</p>"
        "<ul><li>one<ul><li>inner</li></ul></li></ul><p>&nbsp;</p><p># not a heading</p>",
        base_url="https://oldblog.example.com",
    )
    assert markdown.split("\n\n") == [
        "### Big",
        "### Mid",
        "#### Small",
        "[older post](https://oldblog.example.com/2012/other/), a file, "
        "[curly](https://example.org/a%20b), top, [logo](https://example.org/), "
        "<del>old</del> <sup>2</sup> &lt;b>literal&lt;/b> \\[not\\]\\(javascript:x)",
        "- one\n    - inner",
        "\\# not a heading",
    ]
    assert find_unsafe_markup(markdown, 1) == []


HTML_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<h1>", "</h1>", "<h2>", "</h2>", "<b>", "</b>", "<strong>Q:</strong>", "<b>A.</b>",
        "<em>", "</em>", "<ul><li>", "</li></ul>", "<blockquote>", "</blockquote>",
        "<a href='javascript:x'>", "<a href='data:x'>", "<a href='/old/post/'>", "</a>",
        "<img src=x alt='y'>", "<script>bad()</script>", "<iframe src=x></iframe>", "&lt;", "&gt;",
        "&amp;", "&nbsp;", "<", ">", "[", "]", "(", ")", "!", "#", "##", " ", "\n", "\n\n", "*", "_",
        "`", "~~~", "-", "=", "Q:", "A:", "Shawn, ", "text", "javascript:", "<div>", "</div>", "<br>",
        "<!--", "-->", "<code>", "</code>", "<pre>", "</pre>", "<del>", "</del>", "[r]: data:x",
        "[caption]", "[/caption]", "[gallery ids='1']", "[audio src='https://x.example/a.mp3']", "[embed]",
        "[/embed]", "[contact-form-7 id='1']", "[[gallery]]", "[video src='javascript:x']",
        "<sup data-fn='a'>",
        "</sup>", "<dl><dt>", "</dt><dd>", "</dd></dl>", "<table><tr><td>", "|", "</td></tr></table>",
        "<tfoot><tr><td>", "https://x.example/a\n", "&D;", "\u202e", "<!-- wp:footnotes /-->", "#MeToo",
        "<figure class='wp-block-embed'><div class='wp-block-embed__wrapper'>", "</div></figure>",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(HTML_PIECES, min_size=1, max_size=40).map("".join))
def test_any_post_html_becomes_an_entry_that_passes_the_check(tmp_path_factory, html):
    export = wxr(post("Q&amp;A: Any", escape(html), name="any"))
    scratch = tmp_path_factory.mktemp("entry")
    for entry in export_entries(read_export(export), "export", Options()).entries:
        path = scratch / f"{entry.slug}.md"
        path.write_text(entry_text(replace(entry, topic="salary")), encoding="utf-8")
        problems = []
        load_entry(scratch, path, {"salary": Topic("salary", "Salary", "")}, problems)
        assert problems == []


def test_classic_editor_and_block_editor_bodies():
    classic = html_to_markdown("Q: Should I call?\nA: Yes, call.\nThen wait.\n\nGood luck.")
    assert split_question_answer(classic) == Split(
        "Should I call?", "Yes, call.<br>\nThen wait.\n\nGood luck.", (), False
    )
    blocks = html_to_markdown(
        "<!-- wp:paragraph -->\n<p><strong>Q:&nbsp;</strong>Why?</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:paragraph -->\n<p><strong>A:</strong> Because.</p>\n<!-- /wp:paragraph -->"
    )
    assert split_question_answer(blocks) == Split("Why?", "Because.", (), False)


@pytest.mark.parametrize(
    ("answer", "asker"),
    [
        ("Shawn, it is always...", "Shawn"),
        ("Mary Ann, take the job.", "Mary Ann"),
        ("Dear Worried in Ohio, relax.", "Worried in Ohio"),
        ("Yes, you should call.", None),
        ("Unfortunately, no.", None),
        ("**Congratulations**, that is good news.", None),
        ("Take the job.", None),
    ],
)
def test_asker_from_the_salutation(answer, asker):
    assert find_asker("Should I?", answer) == asker


def test_bold_markers_and_several_questions():
    split = split_question_answer("Intro.\n\n**Q:** One?\n\n**A.** Yes.\n\n**Q:** Two?\n\n**A:** No.")
    assert (split.question, split.answer) == ("Intro.\n\nOne?", "Yes.\n\n**Q:** Two?\n\n**A:** No.")
    assert split.notes == (
        "text before 'Q:' was put at the start of the question; check it belongs there",
        "1 more 'Q:' marker(s) in the answer: the post may hold several questions",
    )


def test_imported_column_builds_and_old_links_redirect(column, capsys):
    from selectolax.lexbor import LexborHTMLParser

    from advice_column.cli import main

    assert (
        advice(column.root, str(EXPORT), *MAP, "--topic", "interviews") == 1
    )  # a link to a post left on the old blog needs a look
    assert main(["--root", str(column.root), "build"]) == 0
    site = column.root / "site"
    published = [entry for entry in load_column(column.root).entries if not entry.draft]
    assert published and all(entry.aliases for entry in published)
    for entry in published:
        (alias,) = entry.aliases
        page = LexborHTMLParser((site / alias / "index.html").read_text(encoding="utf-8"))
        target = page.css_first('meta[http-equiv="refresh"]').attributes["content"].split("url=", 1)[1]
        assert (site / alias / target).resolve() == (site / entry.url).resolve()
        assert (site / entry.url / "index.html").exists()
        assert page.css_first("link[rel=canonical]").attributes["href"].endswith(entry.url)
