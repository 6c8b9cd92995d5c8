"""Every word the column adds to its pages, in the column's language (``theme.language``), and
its dates. English, Spanish, French and German are shipped; any word can be replaced in
``mkdocs.yml`` (``extra.advice.words``), and a language not shipped falls back to English.
"""

from __future__ import annotations

import datetime
import functools
import re
from importlib.resources import files

import yaml
from babel.dates import format_date

# {placeholder}s each word may hold; a replacement may use these and no others.
PLACEHOLDER = re.compile(r"\{(\w*)\}")

# Each shipped language's words: languages/<code>.yml (English is the complete set).
SHIPPED = ("en", "es", "fr", "de")
WORDS: dict[str, dict[str, str]] = {
    code: yaml.safe_load((files(__package__) / "languages" / f"{code}.yml").read_text(encoding="utf-8"))
    for code in SHIPPED
}
# The words the search scripts show (assets/advice-search*.js), handed to them in each page.
SCRIPT_WORDS = (
    "asks", "more_results", "result_one", "result_other", "no_results", "results_for", "results_in",
    "showing_results_for", "some_words_only", "search_start", "filter_none", "panel_none",
    "panel_showing", "panel_some_words", "open_search_page", "all_results",
)  # fmt: skip
# Babel's locale for each shipped language's dates ("7 March 2025", not "March 7, 2025").
DATE_LOCALES = {"en": "en_GB", "es": "es", "fr": "fr", "de": "de"}


def base_language(language: str) -> str:
    """'pt-BR' → 'pt': the part before a region."""
    return re.split(r"[-_]", language or "en", maxsplit=1)[0].lower()


@functools.lru_cache(maxsize=8)
def words_for(language: str, overrides: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """The words in ``language`` (English for any not shipped), with ``overrides`` applied."""
    words = {**WORDS["en"], **WORDS.get(base_language(language), {})}
    words.update(overrides)
    return words


def check_overrides(value: object) -> tuple[tuple[str, str], ...]:
    """``extra.advice.words`` as pairs; ValueError says which key or placeholder is wrong."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ValueError("extra.advice.words must map words' names to text, e.g. {asks: '{name} writes'}")
    pairs = []
    for key, text in value.items():
        if key not in WORDS["en"]:
            raise ValueError(
                f"extra.advice.words: unknown word '{key}'; known: {', '.join(sorted(WORDS['en']))}"
            )
        if not isinstance(text, str) or "<" in text or "\n" in text:
            raise ValueError(f"extra.advice.words.{key} must be one line of plain text")
        if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
            raise ValueError(f"extra.advice.words.{key}: a brace that is not a {{placeholder}}")
        allowed = set(PLACEHOLDER.findall(WORDS["en"][key]))
        if unknown := set(PLACEHOLDER.findall(text)) - allowed:
            hint = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
            raise ValueError(
                f"extra.advice.words.{key}: unknown placeholder(s) {sorted(unknown)}; use {hint}"
            )
        pairs.append((key, text))
    return tuple(sorted(pairs))


def long_date(day: datetime.date, language: str = "en") -> str:
    """'7 March 2025', '7 de marzo de 2025', '7 mars 2025', '7. März 2025'."""
    return format_date(day, "long", locale=DATE_LOCALES.get(base_language(language), "en_GB"))


def month_name(day: datetime.date, language: str = "en") -> str:
    """The month's name in the language, as a label ('March', 'Marzo', 'Mars', 'März')."""
    name = format_date(day, "LLLL", locale=DATE_LOCALES.get(base_language(language), "en_GB"))
    return name[:1].upper() + name[1:]
