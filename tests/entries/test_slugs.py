"""Slugs: new file names spell out every script; addresses already published never change."""

from __future__ import annotations

import pytest

from advice_column.blueprint.catalog import build_catalog
from advice_column.entries.loader import load_column
from advice_column.entries.slugs import is_valid_slug, slugify, stable_slug

from ..conftest import REPO


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Can I skip my cousin's wedding?", "can-i-skip-my-cousins-wedding"),
        ("I’m 41 and I can’t decide", "im-41-and-i-cant-decide"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("Łódź", "lodz"),
        ("Résumé tips", "resume-tips"),
        ("Привет, как дела?", "privet-kak-dela"),
        ("Ελληνικά", "ellinika"),
        ("你好世界", "ni-hao-shi-jie"),
        ("???", ""),
    ],
)
def test_slugify_spells_out_letters_and_joins_words_at_apostrophes(text, slug):
    assert slugify(text) == slug
    assert slug == "" or is_valid_slug(slug)


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        # Frozen: these are the tag pages' addresses sites already publish.
        ("thank-you notes", "thank-you-notes"),
        ("don't", "don-t"),
        ("straße", "strae"),
        ("résumé", "resume"),
        ("привет", "t-e24505f94d"),
        ("日本", "t-44da6bbcf2"),
    ],
)
def test_tag_addresses_do_not_change(tag, slug):
    assert stable_slug(tag) == slug


def test_the_sample_columns_addresses_are_unchanged():
    listed = (REPO / "tests" / "fixtures" / "sample-column-urls.txt").read_text(encoding="utf-8")
    expected = {line for line in listed.splitlines() if line and not line.startswith("#")}
    column = load_column(REPO)
    catalog = build_catalog(column.topics, column.entries)
    now = {f"qa/{entry.slug}/" for entry in column.entries}
    now |= {f"tags/{slug}/" for slug in catalog.tags} | {f"topics/{key}/" for key in column.topics}
    assert expected <= now, sorted(expected - now)
