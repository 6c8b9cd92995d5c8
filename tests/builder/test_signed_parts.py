"""Search parts are reused from site/pagefind only as this build signed them: nothing planted is published."""

from __future__ import annotations

import json
import shutil

from advice_column.builder.search_index import count_indexed_pages


def built_twice(column, plant) -> None:
    column.entry("one", title="First question")
    column.entry("two", title="Second question", date="2024-05-01")
    assert column.run("build") == 0
    plant(column.root / "site/pagefind")
    assert column.run("build") == 0


def test_a_file_planted_beside_a_reused_part_is_not_published(column):
    def plant(bundle):
        (bundle / "planted.js").write_text("alert(document.domain)", encoding="utf-8")
        (bundle / "fragment/planted.pf_fragment").write_bytes(b"x")

    built_twice(column, plant)
    bundle = column.root / "site/pagefind"
    assert not (bundle / "planted.js").exists()
    assert not (bundle / "fragment/planted.pf_fragment").exists()
    assert count_indexed_pages(column.root / "site") == 2


def test_a_changed_file_of_a_part_makes_the_build_index_again(column):
    def plant(bundle):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            language["page_count"] = 99
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")

    built_twice(column, plant)
    assert count_indexed_pages(column.root / "site") == 2


def test_a_part_with_a_record_it_did_not_sign_is_not_reused(column):
    def plant(bundle):
        record = bundle / "advice-sources.sha256"
        lines = record.read_text(encoding="utf-8").splitlines()
        lines.append("0" * 64 + "  planted.js")
        (bundle / "planted.js").write_text("alert(1)", encoding="utf-8")
        record.write_text("\n".join([*lines[:-2], lines[-1], lines[-2]]) + "\n", encoding="utf-8")

    built_twice(column, plant)
    assert not (column.root / "site/pagefind/planted.js").exists()


def test_a_linked_search_folder_is_not_followed(column, tmp_path):
    outside = tmp_path / "outside"

    def plant(bundle):
        shutil.copytree(bundle, outside)
        (outside / "planted.js").write_text("alert(1)", encoding="utf-8")
        shutil.rmtree(bundle)
        bundle.symlink_to(outside)

    built_twice(column, plant)
    bundle = column.root / "site/pagefind"
    assert bundle.is_dir() and not bundle.is_symlink()
    assert not (bundle / "planted.js").exists()
    assert (outside / "planted.js").exists()


def test_a_reused_part_is_the_same_files_linked_and_only_from_its_own_record(tmp_path):
    from advice_column.builder.signed_parts import copy_signed_part, is_signed, sign_part

    key, other_key = b"k" * 32, b"o" * 32
    old = tmp_path / "old"
    (old / "fragment").mkdir(parents=True)
    (old / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (old / "fragment/a.pf_fragment").write_bytes(b"fragment")
    sign_part(key, "sources", old)

    assert copy_signed_part(key, "sources", old, tmp_path / "new")
    copied = tmp_path / "new/fragment/a.pf_fragment"
    assert copied.read_bytes() == b"fragment"
    assert copied.stat().st_ino == (old / "fragment/a.pf_fragment").stat().st_ino  # linked, not copied
    # From another source list, or signed with another key, nothing is reused, checked or not.
    assert is_signed(key, "sources", old)
    assert not is_signed(key, "other sources", old) and not is_signed(other_key, "sources", old)
    assert not copy_signed_part(key, "other sources", old, tmp_path / "n2")
    assert not copy_signed_part(other_key, "sources", old, tmp_path / "n3")
    assert not (tmp_path / "n3/fragment/a.pf_fragment").exists()
    # A file changed after signing is refused when files are checked (the column's site/).
    (old / "fragment/a.pf_fragment").unlink()
    (old / "fragment/a.pf_fragment").write_bytes(b"planted")
    assert not copy_signed_part(key, "sources", old, tmp_path / "n4")
    assert not (tmp_path / "n4/fragment/a.pf_fragment").exists()
