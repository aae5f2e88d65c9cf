"""Page families, one module each, registered in one place (FAMILIES).

Each family is a function ``pages(view: LanguageView) -> Iterable[Page]``; the render stage
writes every page of every family for each language, in this order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from atlas.pages import coverage, directories, kpi_table, records
from atlas.pages.view import LanguageView, Page

PageFamily = Callable[[LanguageView], Iterable[Page]]

FAMILIES: dict[str, PageFamily] = {
    "records": records.pages,
    "directories": directories.pages,
    "kpi-table": kpi_table.pages,
    "coverage": coverage.pages,
}
