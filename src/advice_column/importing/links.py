"""The blog's own addresses: old permalinks, ``?p=N`` links and uploaded files, mapped to the column.

Links between the blog's posts are rewritten to the entries' new pages; links to what stays
behind (files in ``wp-content/uploads``, attachment pages, pages not imported) are collected so
the report can list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from ..entries.aliases import normalize_alias

ID_KEYS = ("p", "page_id", "attachment_id")


@dataclass
class BlogAddresses:
    """Where each post of one export lived on the old blog, and where it lives now."""

    base_url: str
    by_path: dict[str, str] = field(default_factory=dict)  # old path 'a/b/' -> new slug
    by_id: dict[str, str] = field(default_factory=dict)  # post id -> new slug

    def add(self, post_id: str, link: str, guid: str, slug: str) -> None:
        """Remember that the post known by these old addresses is now the entry ``slug``."""
        if post_id.isdigit():
            self.by_id.setdefault(post_id, slug)
        for url in (link, guid):
            if (path := self.old_path(url)) is not None:
                self.by_path.setdefault(path, slug)
            if (number := old_id(url)) is not None:
                self.by_id.setdefault(number, slug)

    def old_path(self, url: str) -> str | None:
        """The path of a URL on the old blog relative to it ('2012/12/28/post/'), else None."""
        parts = urlsplit(url.strip())
        blog = urlsplit(self.base_url)
        if parts.netloc.lower().removeprefix("www.") != blog.netloc.lower().removeprefix("www."):
            return None
        if parts.query or not parts.path.strip("/"):
            return None
        path = unquote(parts.path)
        prefix = unquote(blog.path).rstrip("/") + "/"
        return normalize_alias(path[len(prefix) :] if path.startswith(prefix) else path)

    def on_blog(self, url: str) -> bool:
        """Whether ``url`` points at the old blog."""
        host = urlsplit(url).netloc.lower().removeprefix("www.")
        return bool(host) and host == urlsplit(self.base_url).netloc.lower().removeprefix("www.")

    def new_slug(self, url: str) -> str | None:
        """The slug of the entry that the old blog's ``url`` showed, if it is imported."""
        if not self.on_blog(url):
            return None
        if (number := old_id(url)) is not None:
            return self.by_id.get(number)
        path = self.old_path(url)
        return self.by_path.get(path) if path else None


def old_id(url: str) -> str | None:
    """N of an old '?p=N' (or '?page_id=N') address; None for any other URL."""
    query = parse_qs(urlsplit(url).query)
    for key in ID_KEYS:
        values = query.get(key)
        if values and values[0].isdigit():
            return values[0]
    return None


def is_uploaded_file(url: str) -> bool:
    """A file the blog hosted (an image, a PDF): it stays on the old site unless it is copied."""
    return "/wp-content/uploads/" in urlsplit(url).path or urlsplit(url).netloc.endswith(
        ".files.wordpress.com"
    )


@dataclass
class PostLinks:
    """A rewriter for one post's links: other posts' addresses become their entries' pages."""

    addresses: BlogAddresses
    left_behind: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)  # the slugs linked to

    def __call__(self, url: str) -> str:
        slug = self.addresses.new_slug(url)
        if slug is not None:
            if slug not in self.rewritten:
                self.rewritten.append(slug)
            fragment = urlsplit(url).fragment
            return f"../{slug}/" + (f"#{fragment}" if fragment else "")
        # A file, an attachment page or a page that was not imported stays on the old blog.
        if (is_uploaded_file(url) or self.addresses.on_blog(url)) and url not in self.left_behind:
            self.left_behind.append(url)
        return url
