"""The KPI dashboard: /<lang>/kpis/dashboard/, one chart per indicator, grouped by area,
with the growth a year each target needs (atlas.pages.kpi_trajectories computes both)."""

from __future__ import annotations

from collections.abc import Iterator

from atlas.model import Kpi
from atlas.pages.kpi_trajectories import kpi_charts_view
from atlas.pages.view import LanguageView, Page, page_url, relative

URL = "kpis/dashboard/"


def pages(view: LanguageView) -> Iterator[Page]:
    if view.atlas.of_type(Kpi):
        yield Page("kpis/dashboard.md", "kpi_dashboard.md.j2", {"dashboard": dashboard(view)})


def _kpis(view: LanguageView) -> list[Kpi]:
    kpis = [kpi for kpi in view.atlas.of_type(Kpi) if isinstance(kpi, Kpi)]
    return sorted(kpis, key=lambda kpi: ([int(n) for n in kpi.number.split(".")], kpi.id))


def dashboard(view: LanguageView) -> dict[str, object]:
    kinds = {"actual": view.ui["kind_actual"], "target": view.ui["kind_target"]}
    groups: dict[str, list[dict]] = {}
    summary, target_columns = [], set()
    for kpi in _kpis(view):
        charts = kpi_charts_view(view, kpi)
        rates = [
            {
                "column": row["target_column"],
                "text": view.ui["cagr_to_item"]
                .replace("{column}", str(row["target_column"]))
                .replace("{rate}", str(row["rate"])),
            }
            for row in charts["trajectories"]
        ]
        reasons = {row["rate"] for row in charts["trajectories"] if not row["computed"]}
        if len(reasons) == 1 and not any(row["computed"] for row in charts["trajectories"]):
            rates = [{"column": "", "text": reasons.pop()}]  # one reason, said once
        target_columns.update(row["target_column"] for row in charts["trajectories"])
        item = {
            "id": kpi.id,
            "number": kpi.number,
            "name": view.name(kpi),
            "href": relative(URL, page_url(kpi)),
            "unit": view.text(kpi.unit),
            "chart": charts["chart"],
            "kpi_values": [
                {
                    "column": value.column,
                    "figure_year": value.figure_year or value.column,
                    "printed": {"text": value.printed, "lang": view.printed_lang(kpi)},
                    "kind": kinds[value.kind],
                }
                for value in sorted(kpi.values, key=lambda v: v.column)
            ],
            "rates": rates,
        }
        groups.setdefault(view.text(kpi.area), []).append(item)
        summary.append((item, {row["target_column"]: row for row in charts["trajectories"]}))
    columns = sorted(target_columns)
    return {
        "title": view.ui["nav_kpi_dashboard"],
        "table_href": relative(URL, "kpis/"),
        "groups": [{"area": area, "kpis": kpis} for area, kpis in groups.items()],
        "columns": columns,
        "summary": [
            {
                "id": item["id"],
                "number": item["number"],
                "name": item["name"],
                "cells": [
                    {
                        "rate": rows[c]["rate"] if c in rows else view.ui["chart_none"],
                        "rate_data": rows[c]["rate_data"] if c in rows else "",
                    }
                    for c in columns
                ],
            }
            for item, rows in summary
        ],
    }
