"""The KPI table: /<lang>/kpis/, every indicator's printed values by column year."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from atlas.model import Kpi
from atlas.pages.view import LanguageView, Page, page_url, relative


def pages(view: LanguageView) -> Iterator[Page]:
    if view.atlas.of_type(Kpi):
        yield Page("kpis/index.md", "kpi_table.md.j2", {"table": table(view)})


def column_header(view: LanguageView, column: int, figure_year: int | None) -> str:
    if figure_year is None:
        return str(column)
    if view.code == "en":
        return f"{column} ({figure_year} figure)"
    return view.zh(f"{column}（{figure_year} 年數字）")


def table(view: LanguageView) -> dict[str, object]:
    kpis = sorted(view.atlas.of_type(Kpi), key=lambda kpi: [int(n) for n in kpi.number.split(".")])
    # A column's header names the figure year most of its cells have ("2016 (2014 年數字)");
    # a cell whose figure is from another year says so on its KPI's page.
    years: dict[int, Counter] = defaultdict(Counter)
    for kpi in kpis:
        for value in kpi.values:
            years[value.column][value.figure_year] += 1
    columns = {column: counter.most_common(1)[0][0] for column, counter in years.items()}
    groups: dict[str, list[dict]] = defaultdict(list)
    for kpi in kpis:
        lang = view.printed_lang(kpi)
        printed = {value.column: {"text": value.printed, "lang": lang} for value in kpi.values}
        groups[view.text(kpi.area)].append(
            {
                "id": kpi.id,
                "number": kpi.number,
                "name": view.name(kpi),
                "href": relative("kpis/", page_url(kpi)),
                "unit": view.text(kpi.unit),
                "cells": [
                    printed.get(column, {"text": "", "lang": ""}) for column in sorted(columns)
                ],
            }
        )
    return {
        "title": view.ui["kpi_table"],
        "dashboard_href": relative("kpis/", "kpis/dashboard/"),
        "columns": [column_header(view, c, columns[c]) for c in sorted(columns)],
        "groups": [{"area": area, "rows": rows} for area, rows in groups.items()],
    }
