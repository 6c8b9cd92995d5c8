"""Repairs for exports WordPress writes but a strict XML parser refuses; each one is named.

WordPress's own importer falls back to a forgiving parser when an export is not well-formed
(wordpress-importer ``parsers/class-wxr-parser.php``: SimpleXML, then its regex parser). The
repairs here are narrower: they only declare what an export left undeclared and write a lone
``&`` as ``&amp;``, and the repaired bytes are parsed by the same defused parser (no DTD, no
entity expansion), so a repair can make nothing more than the file's own text.
"""

from __future__ import annotations

import re
from html.entities import html5

# What WordPress.com and WordPress put on <rss>; exports from about 2010-2013 use <atom:link>
# in the channel without declaring 'atom'.
KNOWN_PREFIXES = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "media": "http://search.yahoo.com/mrss/",
}
_USED_PREFIX = re.compile(rb"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
_DECLARED_PREFIX = re.compile(rb"\sxmlns:([A-Za-z_][\w.-]*)\s*=")
_RSS_OPEN = re.compile(rb"<rss\b")
_SECTION_START = re.compile(rb"<!\[CDATA\[|<!--")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_REFERENCE = re.compile(rb"&(?:(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)?")


def repair_export(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The export with what can be safely repaired repaired, and a sentence for each repair."""
    data, declared = _declare_prefixes(data)
    data, ampersands = _escape_ampersands(data)
    notes = []
    if declared:
        names = ", ".join(f"'{name}'" for name in declared)
        notes.append(f"declared the namespace prefix(es) {names} the export uses but does not declare")
    if ampersands:
        notes.append(f"read {ampersands} '&' outside the post texts as a literal '&'")
    return data, tuple(notes)


def _declare_prefixes(data: bytes) -> tuple[bytes, list[str]]:
    """Declarations on <rss> for prefixes used in tag names but declared nowhere."""
    root = _RSS_OPEN.search(data)
    if root is None:
        return data, []
    markup = b"".join(piece for piece, is_text in _sections(data) if not is_text)
    used = dict.fromkeys(match.group(1) for match in _USED_PREFIX.finditer(markup))
    declared = set(_DECLARED_PREFIX.findall(markup)) | {b"xml", b"xmlns"}
    missing = [prefix.decode("ascii") for prefix in used if prefix not in declared]
    if not missing:
        return data, []
    uris = {name: KNOWN_PREFIXES.get(name, f"urn:x-undeclared-prefix:{name}") for name in missing}
    declarations = "".join(f' xmlns:{name}="{uri}"' for name, uri in uris.items()).encode("ascii")
    return data[: root.end()] + declarations + data[root.end() :], missing


def _escape_ampersands(data: bytes) -> tuple[bytes, int]:
    """Outside CDATA and comments, a '&' that starts no reference XML knows is made literal.

    An HTML entity name ('&nbsp;') becomes its numeric reference; anything else ('&ixid=' in a
    URL) becomes '&amp;'. Nothing is expanded by name, so no entity can grow the text.
    """
    count = 0

    def fix(match: re.Match) -> bytes:
        nonlocal count
        name = match.group(1)
        if name is not None and (name.startswith(b"#") or name in _XML_ENTITIES):
            return match.group()
        count += 1
        text = html5.get(name.decode("ascii") + ";") if name is not None else None
        if text is not None:
            return "".join(f"&#{ord(char)};" for char in text).encode("ascii")
        return b"&amp;" + match.group()[1:]

    pieces = [piece if is_text else _REFERENCE.sub(fix, piece) for piece, is_text in _sections(data)]
    return b"".join(pieces), count


def _sections(data: bytes) -> list[tuple[bytes, bool]]:
    """The export cut into markup and ``(CDATA or comment, True)`` pieces, in one linear pass."""
    pieces: list[tuple[bytes, bool]] = []
    position = 0
    while (start := _SECTION_START.search(data, position)) is not None:
        end_mark = b"]]>" if start.group() == b"<![CDATA[" else b"-->"
        end = data.find(end_mark, start.end())
        stop = len(data) if end < 0 else end + len(end_mark)
        pieces += [(data[position : start.start()], False), (data[start.start() : stop], True)]
        position = stop
    pieces.append((data[position:], False))
    return pieces
