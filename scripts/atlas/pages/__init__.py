"""Page families, one module each, registered in one place (FAMILIES).

Each family is a function ``pages(view: LanguageView) -> Iterable[Page]``; the render stage
writes every page of every family for each language, in this order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from atlas.pages import (
    changelog,
    compare,
    coverage,
    directories,
    downloads,
    home,
    kpi_dashboard,
    kpi_table,
    model_comparisons,
    records,
    themes,
    world_map,
)
from atlas.pages.view import LanguageView, Page

PageFamily = Callable[[LanguageView], Iterable[Page]]

FAMILIES: dict[str, PageFamily] = {
    "records": records.pages,
    "directories": directories.pages,
    "kpi-table": kpi_table.pages,
    "kpi-dashboard": kpi_dashboard.pages,
    "coverage": coverage.pages,
    "downloads": downloads.pages,
    "themes": themes.pages,
    "compare": compare.pages,
    "model-comparisons": model_comparisons.pages,
    "map": world_map.pages,
    "home": home.pages,
    "changelog": changelog.pages,
}
