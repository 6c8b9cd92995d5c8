"""Aliases: an entry's old addresses, each becoming a redirect page at that site path.

An alias may not land where the build writes anything else (generated folders and files,
MkDocs' own files, folders MkDocs skips) nor be a path no file system can hold.
"""

from __future__ import annotations

MAX_ALIASES = 20
MAX_SEGMENT_BYTES = 200  # file systems allow 255 bytes per name
MAX_SEGMENTS = 8
# First segments the build writes or MkDocs skips (exclude_docs: '.*' and '/templates/'),
# compared ignoring case: on macOS and Windows 'QA/' and 'qa/' are one folder.
RESERVED_FIRST_SEGMENTS = frozenset(
    {
        "qa", "topics", "tags", "archive", "search", "ask", "assets", "templates",
        "index.md", "index.html", "search.md", "404.html", "404.md", "robots.txt", "feed.xml",
        "sitemap.xml", "sitemap.xml.gz",
    }
)  # fmt: skip
# Names each redirect page is written as: no alias may have a folder of that name.
_PAGE_FILES = frozenset({"index.html", "index.md"})
_NOT_IN_PATH = frozenset("\\?#:%<>\"'`{}|^ \t")


def normalize_alias(alias: str) -> str | None:
    """An old site path as ``a/b/``, or None when it could lead off the site or out of it."""
    path = alias.strip().strip("/")
    parts = path.split("/")
    if (
        not path
        or any(part in ("", ".", "..") for part in parts)
        or any(char in _NOT_IN_PATH for char in path)
        or not path.isprintable()
    ):
        return None
    return path + "/"


def alias_problem(alias: str, path: str | None) -> str | None:
    """Why ``alias`` (normalised to ``path``) cannot be a redirect page, or None when it can."""
    if path is None:
        return (
            f"alias {alias!r} must be a path on this site like '2019/12/old-post/' "
            "(no scheme, host, '..', '?', '#', quotes or spaces)"
        )
    parts = path.rstrip("/").split("/")
    if parts[0].casefold() in RESERVED_FIRST_SEGMENTS:
        return f"alias '{path}' is inside '{parts[0]}', which the site generates; choose another path"
    if hidden := next((part for part in parts if part.startswith(".")), None):
        return f"alias '{path}' has the hidden name '{hidden}', which the site never publishes"
    if any(part.casefold() in _PAGE_FILES for part in parts):
        return f"alias '{path}' names a page file; give the folder path, like '2019/old-post/'"
    if len(parts) > MAX_SEGMENTS:
        return f"alias '{path}' is {len(parts)} folders deep; the limit is {MAX_SEGMENTS}"
    if long := next((part for part in parts if len(part.encode()) > MAX_SEGMENT_BYTES), None):
        return f"alias segment '{long[:40]}…' is {len(long.encode())} bytes; the limit is {MAX_SEGMENT_BYTES}"
    return None


def alias_key(path: str) -> str:
    """Two aliases with the same key are one folder on some file systems."""
    return path.casefold()
