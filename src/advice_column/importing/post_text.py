"""One post's text as Markdown: shortcodes, then blocks, then classic HTML, each in its module."""

from __future__ import annotations

from .blocks import convert_blocks
from .html_to_markdown import LinkRewriter, dropped_elements, parse_html, soup_to_markdown
from .shortcodes import convert_shortcodes
from .wxr import WordPressPost


def post_markdown(
    post: WordPressPost, base_url: str, rewrite_link: LinkRewriter
) -> tuple[str, tuple[str, ...]]:
    """The post's Markdown and a note for each thing that was converted into something else or dropped."""
    html, shortcode_notes = convert_shortcodes(post.content_html)
    soup = parse_html(html)
    images = len(soup.find_all("img"))
    block_notes = convert_blocks(soup, post.meta_value("footnotes"))
    dropped = dropped_elements(soup)
    markdown = soup_to_markdown(soup, base_url, rewrite_link)
    notes = [*shortcode_notes, *block_notes, *dropped]
    if images and not any("image" in note for note in notes):
        notes.append(
            f"{images} image(s) dropped (images are not supported); their descriptions were kept "
            "on a line of their own, except descriptions that were only a file name"
        )
    return markdown, tuple(dict.fromkeys(notes))
