"""What contributor Markdown may hold: the raw HTML tags and link schemes allowed.

`advice check` reports anything else, the renderer's sanitiser removes it, and the importer
converts posts to fit it: all three read this one policy.
"""

from __future__ import annotations

RAW_HTML_ALLOWED = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "del", "ins"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
