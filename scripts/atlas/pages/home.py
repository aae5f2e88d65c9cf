"""The home page: the hand-written docs/<lang>/index.md with the world map put in place of
its `<!-- atlas:map -->` line (the convert stage has already written the page's text)."""

from __future__ import annotations

from collections.abc import Iterator

from atlas.convert import chinese
from atlas.pages.view import LanguageView, Page
from atlas.pages.world_map import map_svg
from atlas.paths import DOCS

MAP_MARK = "<!-- atlas:map -->"


def pages(view: LanguageView) -> Iterator[Page]:
    written_in = "zh-hant" if view.code == "zh-hans" else view.code
    source = DOCS / written_in / "index.md"
    if not source.is_file():
        return
    text = chinese(source.read_text(encoding="utf-8"), view.code)
    if MAP_MARK not in text:
        return
    before, after = text.split(MAP_MARK, 1)
    yield Page(
        "index.md",
        "home.md.j2",
        {"home": {"before": before, "after": after, "map": map_svg(view, "")}},
    )
