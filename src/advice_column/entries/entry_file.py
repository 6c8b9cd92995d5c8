"""An entry file written by a tool (new, init, import): its path under qa/ and its text."""

from __future__ import annotations

import datetime

import yaml

from .slugs import hashed_slug, slugify


def entry_path(title: str, day: datetime.date, qa_dir: str = "qa") -> str:
    """Where the entry goes: ``qa/<year>/<slug>.md``, the slug from the title or a short hash of it."""
    return f"{qa_dir}/{day.year}/{slugify(title) or hashed_slug(title, 'q')}.md"


class _FrontMatterDumper(yaml.SafeDumper):
    """safe_dump's representation, but the mapping always in block style (lists stay inline)."""

    def represent_dict(self, data):
        # With default_flow_style=None a mapping of plain values would come out as '{title: ...}'.
        node = super().represent_dict(data)
        node.flow_style = False
        return node


_FrontMatterDumper.add_representer(dict, _FrontMatterDumper.represent_dict)


def entry_text(front: dict, question: str = "", answer: str = "", comment: str = "") -> str:
    """An entry file: ``front`` as YAML (keys in the order given, lists inline), then the sections.

    ``comment``, one line, ends the front matter as a YAML comment: kept in the file, never shown.
    """
    header = yaml.dump(
        front,
        Dumper=_FrontMatterDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=None,
    )
    if comment:
        header += "# " + " ".join(comment.split()) + "\n"
    return f"---\n{header}---\n\n## Question\n\n{question}\n\n## Answer\n\n{answer}\n"
