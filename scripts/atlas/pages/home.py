"""The home page: the hand-written docs/<lang>/index.md with the world map put in place of
its `<!-- atlas:map -->` line (the convert stage has already written the page's text)."""

from __future__ import annotations

from collections.abc import Iterator

from atlas.convert import handwritten_folder, handwritten_text
from atlas.pages.view import LanguageView, Page
from atlas.pages.world_map import map_svg

MAP_MARK = "<!-- atlas:map -->"


def pages(view: LanguageView) -> Iterator[Page]:
    source = handwritten_folder(view.language) / "index.md"
    if not source.is_file():
        return
    text = handwritten_text(view.language, source)
    if MAP_MARK not in text:
        return
    before, after = text.split(MAP_MARK, 1)
    yield Page(
        "index.md",
        "home.md.j2",
        {"home": {"before": before, "after": after, "map": map_svg(view, "")}},
    )
