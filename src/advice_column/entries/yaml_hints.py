"""What to do about the YAML errors people make most, added to the parser's own words."""

from __future__ import annotations

import re

_KEY = re.compile(r"\s*([A-Za-z_][\w-]*)\s*:")


def yaml_hint(found: str, line: str) -> str:
    """``'; ' + a fix`` for a libyaml error ``found`` on the front-matter ``line``, or ''."""
    key = _KEY.match(line)
    value = f"the {key.group(1)}" if key else "the value"
    name = key.group(1) if key else "title"
    example = "Re: my boss" if name == "title" else "…"
    quote = f'; put {value} in quotes, e.g. {name}: "{example}"'
    if found.startswith("mapping values are not allowed"):
        if line.startswith((" ", "\t")) and key:
            return f"; '{key.group(1)}' is indented: start each key at the beginning of the line"
        return f"; a ': ' inside a value starts a new key{quote}"
    if found.startswith("found character that cannot start any token"):
        return f"; a value may not start with @, ` or %{quote}"
    if found == "found undefined alias":
        return f"; a value may not start with *{quote}"
    if found == "did not find expected key":
        return (
            f"; {value} has text after a closing quote: quote the whole value, and write a quote "
            "inside it twice ('it''s') or use the other kind (\"it's\")"
        )
    if found.startswith("found unexpected end of stream"):
        return "; a quote is opened and never closed"
    if found.startswith("did not find expected ',' or ']'"):
        return "; a list is written [a, b] and closed with ']'; put items holding ',' or ']' in quotes"
    if found.startswith("did not find expected ',' or '}'"):
        return f"; a value may not start with {{{quote}"
    if found.startswith("did not find expected <document start>"):
        return "; start each key at the beginning of the line"
    if found.startswith("did not find expected comment or line break"):
        return f"; a value may not start with | or >{quote}"
    return ""
