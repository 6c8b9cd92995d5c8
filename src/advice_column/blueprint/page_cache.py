"""What a preview server keeps between rebuilds, so that an edit re-renders only what it touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .views import EntryView


class PageCache:
    """Pages by path with the inputs they were rendered from, Markdown already rendered, entry
    views, the last catalog and what the writer last wrote."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[object, str, object]] = {}
        self.sections: dict[str, str] = {}
        self.views: dict[str, EntryView] = {}
        self.catalog: Catalog | None = None  # the last one, whose related questions may be reused
        self.written: dict[str, str | bytes] = {}  # what the writer last wrote, by path

    def get(self, path: str, key: object, render, same: object = None) -> str:
        """The page at ``path``: from the cache when ``key`` is unchanged, else ``render()``.

        ``same``: inputs cheaper to compare than ``key`` that decide it (the very objects the page
        shows); while they are equal, ``key`` is not even made (it may be a function making it).
        """
        kept = self._pages.get(path)
        if kept is not None and same is not None and kept[2] == same:
            return kept[1]
        key = key() if callable(key) else key
        if kept is not None and kept[0] == key:
            self._pages[path] = (key, kept[1], same)
            return kept[1]
        text = render()
        self._pages[path] = (key, text, same)
        return text


class NoCache(PageCache):
    """Keeps nothing: a whole build renders every page once, and holding them would only cost
    memory (each forked worker would keep every page it rendered)."""

    def get(self, path: str, key: object, render, same: object = None) -> str:
        return render()
