"""`advice import` on a Q&A column's export as real blogs make them: one test per defect class.

The export (tests/fixtures/wordpress/qa-column.wordpress.xml) holds a post for each case; see
SOURCES.md. Smaller cases are built inline with ``wxr()``.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from advice_column.cli import main
from advice_column.entries.loader import load_column
from advice_column.importing.html_to_markdown import html_to_markdown, html_to_text
from advice_column.importing.posts import Options, export_entries
from advice_column.importing.wxr import read_export

from .test_import import advice

CORPUS = Path(__file__).parent.parent / "fixtures" / "wordpress"
QA_EXPORT = CORPUS / "qa-column.wordpress.xml"
TOPICS = """\
general:
  title: General
  description: Everything.
work-life:
  title: Work life
  description: Work.
"""
MKDOCS = """\
site_name: Ask Dana
site_url: https://example.org/
theme:
  name: material
  font: false
extra:
  advice:
    comments:
      url: "mailto:editor@example.org"
"""


def new_column(root: Path) -> Path:
    (root / "qa").mkdir(parents=True)
    (root / "qa/topics.yml").write_text(TOPICS, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return root


def wxr(items: str, namespace: str = "https://wordpress.org/export/1.2/", version: str = "1.2") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:wp="{namespace}"><channel><link>https://blog.example/</link>'
        f"<wp:wxr_version>{version}</wp:wxr_version>{items}</channel></rss>"
    ).encode()


def item(title: str, html: str, extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><content:encoded><![CDATA[{html}]]></content:encoded>"
        "<wp:post_date>2014-03-02 10:00:00</wp:post_date><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type>{extra}</item>"
    )


def entries_of(data: bytes, options: Options | None = None):
    return export_entries(read_export(data), "export", options or Options())


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The Q&A export imported once into a fresh column: (root, printed report)."""
    root = new_column(tmp_path_factory.mktemp("qa") / "column")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--root", str(root), "import", str(QA_EXPORT), "--topic", "general"])
    return root, out.getvalue()


def entry(root: Path, slug: str):
    return next(e for e in load_column(root).entries if e.slug == slug)


# 1. exports WordPress itself accepts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("namespace", "version"),
    [
        ("http://wordpress.org/export/1.0/", "1.0"),
        ("http://wordpress.org/export/1.1/", "1.1"),
        ("http://wordpress.org/export/1.2/", "1.2"),
        ("https://wordpress.org/export/1.2/", "1.2"),
    ],
)
def test_every_wxr_version_and_scheme_is_read(namespace, version):
    result = entries_of(wxr(item("T", "Q: a?\n\nA: b."), namespace, version))
    assert [e.question for e in result.entries] == ["a?"]


@pytest.mark.parametrize(
    "name", ["qa-column.wordpress.zip", "qa-column.wordpress.xml.gz", "qa-column-blank-lines.xml"]
)
def test_zipped_gzipped_and_blank_lined_exports_import_like_the_plain_one(tmp_path, capsys, imported, name):
    root = new_column(tmp_path / "column")
    advice(root, str(CORPUS / name), "--topic", "general")
    written = sorted(p.relative_to(root).as_posix() for p in (root / "qa").rglob("*.md"))
    plain = sorted(p.relative_to(imported[0]).as_posix() for p in (imported[0] / "qa").rglob("*.md"))
    assert written == plain and len(written) >= 10


def test_a_damaged_zip_is_named_with_what_to_do(tmp_path, capsys):
    root = new_column(tmp_path / "column")
    broken = tmp_path / "export.zip"
    broken.write_bytes((CORPUS / "qa-column.wordpress.zip").read_bytes()[:200])
    assert advice(root, str(broken), "--topic", "general") == 1
    assert "the zip file is damaged" in capsys.readouterr().err


# 2. never write what `advice check` rejects ----------------------------------------------------


def test_every_written_entry_passes_check(imported):
    root, out = imported
    column = load_column(root)
    assert column.diagnostics == []
    assert len(column.entries) == out.count("\nwrote qa/") + out.startswith("wrote qa/")


def test_old_address_the_site_generates_is_listed_not_written(imported):
    root, out = imported
    assert entry(root, "tag-page-address").aliases == ()
    assert (
        "qa/2021/tag-page-address.md: old address /tags/tag-page-address/ cannot redirect here: "
        "alias 'tags/tag-page-address/' is inside 'tags', which the site generates"
    ) in out


def test_old_address_equal_to_the_new_one_is_not_an_alias(imported):
    root, out = imported
    assert entry(root, "should-i-call-or-email").aliases == ()  # it was /qa/should-i-call-or-email/
    assert "should-i-call-or-email/ cannot redirect" not in out


# 3. private and password-protected posts -------------------------------------------------------


def test_private_and_protected_posts_are_left_out_by_title(imported):
    root, out = imported
    assert "left out: " in out and "'Password-protected answer': password-protected" in out
    assert "'Private answer': private" in out
    text = "".join(p.read_text(encoding="utf-8") for p in (root / "qa").rglob("*.md"))
    assert "secret answer" not in text and "private answer" not in text


def test_hidden_posts_can_come_in_as_drafts(tmp_path, capsys):
    root = new_column(tmp_path / "column")
    advice(root, str(QA_EXPORT), "--topic", "general", "--hidden-as-drafts")
    hidden = [e for e in load_column(root).entries if e.slug in ("secret", "private-one")]
    assert len(hidden) == 2 and all(e.draft and not e.aliases for e in hidden)
    ids = json.loads((root / "docs/wordpress-ids.json").read_text(encoding="utf-8"))["p"]
    assert "105" not in ids and "106" not in ids


# 4. text as the reader saw it ------------------------------------------------------------------


def test_classic_pre_keeps_its_blank_lines_after_text(imported):
    answer = entry(imported[0], "poem-in-a-classic-post").answer
    assert "```\nFirst stanza, line one\nline two\n\nSecond stanza, line one\n   ___\n  (o o)\n```" in answer
    assert answer.startswith("Here it is:") and answer.endswith("That is all.")


def test_line_breaks_in_pre_code_and_verse_are_line_breaks(imported):
    raise_ = entry(imported[0], "asking-for-a-raise").answer
    rd = entry(imported[0], "rd-team").answer
    assert "```\nStep one\n\nStep two\nStep three\n```" in raise_
    assert "```\nask()\nwait()\n```" in raise_
    assert "```\nRoses are late,\ndeadlines are due\n```" in rd
    assert "<br>" not in raise_ + rd


def test_a_line_starting_with_hash_stays_text():
    assert html_to_markdown("<p>#MeToo changed it</p><p>#1 rule</p><p>## two</p>").split("\n\n") == [
        "\\#MeToo changed it",
        "\\#1 rule",
        "\\## two",
    ]


def test_inline_markup_in_titles_adds_no_spaces_and_bidi_controls_go(imported):
    assert html_to_text("E=mc<sup>2</sup> and <b>bold</b>er<br>next, H<sub>2</sub>O") == (
        "E=mc² and bolder next, H₂O"
    )
    assert entry(imported[0], "rd-team").title == "E=mc² and the R&D team"


def test_table_footer_is_a_last_row_and_a_pipe_stays_in_its_cell(imported):
    answer = entry(imported[0], "asking-for-a-raise").answer
    assert "| Year | Raise |\n| --- | --- |\n| 2020 | 3% \\| merit |\n| Total | 3% |" in answer


def test_definition_list_is_a_bold_term_and_its_text():
    assert html_to_markdown("<dl><dt>Term</dt><dd>What it means.</dd></dl>") == "**Term**\n\nWhat it means."


def test_text_that_only_looks_like_an_entity_keeps_its_semicolon():
    assert html_to_markdown("<p>R&D; and R&amp;D; and &copy; and &eacute;t&eacute;</p>") == (
        "R&amp;D; and R&amp;D; and © and été"
    )


# 5. nothing disappears without a word ----------------------------------------------------------


def test_shortcodes_are_converted_or_removed_with_a_note(imported):
    root, out = imported
    answer = entry(root, "media-in-a-post").answer
    assert "*My desk, tidy for once.*" in answer
    assert "[Audio: answer.mp3](https://askdana.example.net/wp-content/uploads/2021/answer.mp3)" in answer
    assert "[Video: tips.mp4](https://cdn.example.net/tips.mp4)" in answer
    assert "[https://vimeo.com/123456](https://vimeo.com/123456)" in answer
    assert "[https://twitter.com/askdana/status/1](https://twitter.com/askdana/status/1)" in answer
    assert "[" not in answer.replace("[Audio", "").replace("[Video", "").replace("[https", "").replace(
        "[checklist", ""
    )
    for note in (
        "removed a [gallery]",
        "removed the [contact-form-7] shortcode",
        "the [audio] player became a link",
    ):
        assert f"qa/2021/media-in-a-post.md: {note}" in out


def test_embed_block_becomes_a_link(imported):
    answer = entry(imported[0], "rd-team").answer
    assert (
        "[https://www.youtube.com/watch?v=dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in answer
    )


def test_gutenberg_footnotes_come_from_post_meta(imported):
    answer = entry(imported[0], "rd-team").answer
    assert "ask for dates.<sup>1</sup> Then ask for the policy.<sup>2</sup>" in answer
    assert answer.endswith(
        "### Notes\n\n1. Source: the 2019 salary survey.\n2. Ask HR for the [written policy](https://example.org/policy)."
    )


def test_a_post_of_only_images_is_named_with_why(imported):
    assert "'Only a picture': nothing left to import (1 image(s) dropped" in imported[1]


# 6. titles, askers, categories -----------------------------------------------------------------


def test_untitled_posts_get_their_first_sentence_and_distinct_files(imported):
    root, out = imported
    assert entry(root, "post-107").title == "Why do untitled posts exist?"
    assert entry(root, "post-108").title == "Is this the second untitled post?"
    assert "Untitled" not in out and "imported without" not in out


@pytest.mark.parametrize(
    ("slug", "asker"),
    [("should-i-call-or-email", "Waiting in Wichita"), ("asking-for-a-raise", None), ("rd-team", None)],
)
def test_dear_reader_is_no_asker(imported, slug, asker):
    assert entry(imported[0], slug).asker == asker


def test_category_without_domain_is_a_category(imported):
    assert "  Money: 1 post" in imported[1]
    result = entries_of(wxr(item("T", "Q: a?\n\nA: b.", "<category><![CDATA[Salary]]></category>")))
    assert result.entries[0].categories == (("Salary", "salary"),)


# 7. old links ----------------------------------------------------------------------------------


def test_links_between_posts_point_at_the_new_entries(imported):
    answer = entry(imported[0], "should-i-call-or-email").answer
    assert "[my poem](../poem-in-a-classic-post/) and [my note on R&amp;D; teams](../rd-team/)" in answer


def test_links_to_uploaded_files_are_listed(imported):
    assert (
        "links to files or pages left on the old blog (copy them or change the links): "
        "https://askdana.example.net/wp-content/uploads/2021/answer.mp3, "
        "https://askdana.example.net/wp-content/uploads/2021/checklist.pdf"
    ) in imported[1]


def test_old_post_ids_map_to_the_published_entries(imported):
    ids = json.loads((imported[0] / "docs/wordpress-ids.json").read_text(encoding="utf-8"))["p"]
    assert ids["102"] == "qa/asking-for-a-raise/" and ids["107"] == "qa/post-107/"
    assert "114" not in ids  # a draft is not published
    assert "105" not in ids and "106" not in ids


# 8. reports that say what happened -------------------------------------------------------------


def test_slug_clash_names_both_posts(tmp_path, capsys):
    root = new_column(tmp_path / "column")
    first = tmp_path / "one.xml"
    second = tmp_path / "two.xml"
    first.write_bytes(wxr(item("First answer", "Q: a?\n\nA: b.", "<wp:post_name>same</wp:post_name>")))
    second.write_bytes(wxr(item("Second answer", "Q: c?\n\nA: d.", "<wp:post_name>same</wp:post_name>")))
    assert advice(root, str(first), str(second), "--topic", "general") == 1
    out = capsys.readouterr().out
    assert (
        f"{second}: 'Second answer' has the slug 'same' of {first}: 'First answer', "
        "imported as qa/2014/same.md" in out
    )


def test_an_undated_post_takes_the_export_date_so_a_later_import_changes_nothing(imported, tmp_path, capsys):
    root, _ = imported
    assert str(entry(root, "undated").date) == "2025-01-06"
    copy = tmp_path / "column"
    shutil.copytree(root, copy)
    capsys.readouterr()
    advice(copy, str(QA_EXPORT), "--topic", "general")
    out = capsys.readouterr().out
    assert "advice import: 0 imported, 12 unchanged, 0 conflict(s)" in out
    assert "needs attention" not in out and "converted or dropped" not in out


def test_a_copied_page_without_category_is_told_to_use_topic(tmp_path, capsys):
    root = new_column(tmp_path / "column")
    page = tmp_path / "post.txt"
    page.write_text("Q&A: Ask now?\nMarch 1, 2020\nQ: Is it too soon?\nA: Dana, no.\n", "utf-8")
    assert advice(root, str(page)) == 1
    out = capsys.readouterr().out
    assert "1 post without a category (not imported): give --topic TOPIC for them" in out
    assert "--topic-map" not in out


def test_help_description_is_wrapped(capsys):
    with pytest.raises(SystemExit):
        advice(Path("."), "--help")
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 100


# issue 11: hostile posts -----------------------------------------------------------------------


def test_tags_with_markup_are_cleaned(imported):
    assert entry(imported[0], "should-i-call-or-email").tags == ("follow-up", "C#")
    result = entries_of(
        wxr(
            item(
                "T", "Q: a?\n\nA: b.", '<category domain="post_tag"><![CDATA[<b>bold</b> "tag"]]></category>'
            )
        )
    )
    assert result.entries[0].tags == ("bold tag",)


def test_one_deeply_nested_post_does_not_stop_the_others(imported):
    assert entry(imported[0], "deeply-nested").answer == "Yes, and the import goes on."
    nested = html_to_markdown("<blockquote>" * 3000 + "deep" + "<ul><li>" * 3000 + "x")
    assert "deep" in nested


def test_long_runs_of_spaces_are_one_space():
    assert html_to_markdown("<p>a" + " " * 200_000 + "b</p>") == "a b"
    assert html_to_markdown("a" + "\t \n" * 50_000 + "b") == "a\n\nb"  # blank lines: two paragraphs
    assert html_to_markdown("<pre>a" + " " * 200_000 + "b</pre>") == "```\na" + " " * 200_000 + "b\n```"


def test_gzip_bomb_is_refused(tmp_path, capsys, monkeypatch):
    from advice_column.importing import source_file

    monkeypatch.setattr(source_file, "MAX_EXPORT_BYTES", 1000)
    root = new_column(tmp_path / "column")
    bomb = tmp_path / "export.xml.gz"
    bomb.write_bytes(gzip.compress(b"<?xml version='1.0'?>" + b" " * 5000))
    assert advice(root, str(bomb), "--topic", "general") == 1
    assert "more than 1,000 bytes once unpacked" in capsys.readouterr().err


# the moved blog, built and opened ---------------------------------------------------------------


@pytest.fixture(scope="module")
def moved_site(imported, tmp_path_factory):
    """The imported column built with `advice build`, served on 127.0.0.1."""
    from advice_column.cli import main

    from ..conftest import served

    root = tmp_path_factory.mktemp("built") / "column"
    shutil.copytree(imported[0], root)
    assert main(["--root", str(root), "build"]) == 0
    with served(root / "site") as url:
        yield root, url


def test_old_permalinks_redirect_and_nothing_private_is_published(moved_site):
    from selectolax.lexbor import LexborHTMLParser

    root, _ = moved_site
    site = root / "site"
    page = LexborHTMLParser((site / "2021/04/poem/index.html").read_text(encoding="utf-8"))
    target = page.css_first('meta[http-equiv="refresh"]').attributes["content"].split("url=", 1)[1]
    assert (site / "2021/04/poem" / target).resolve() == (site / "qa/poem-in-a-classic-post").resolve()
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert "secret answer" not in published and "private answer" not in published
    assert "A draft answer" not in published
    assert json.loads((site / "wordpress-ids.json").read_text(encoding="utf-8"))["p"]["113"] == (
        "qa/poem-in-a-classic-post/"
    )


@pytest.mark.browser
def test_an_old_query_link_arrives_at_its_entry(moved_site, page):
    _, url = moved_site
    page.goto(url + "?p=102")
    page.wait_for_url(url + "qa/asking-for-a-raise/")
    page.goto(url + "?page_id=113")
    page.wait_for_url(url + "qa/poem-in-a-classic-post/")
    page.goto(url + "?p=105")  # password-protected: not in the map, so the home page stays
    page.wait_for_load_state("networkidle")
    assert page.url == url + "?p=105"


def test_a_link_to_a_post_that_is_not_published_is_listed(imported):
    answer = entry(imported[0], "long-spaces").answer
    assert answer == "It works, as [my draft](../a-draft/) says."
    assert (
        "qa/2021/long-spaces.md: links to posts that are not published here (drafts or not imported): a-draft"
    ) in imported[1]
