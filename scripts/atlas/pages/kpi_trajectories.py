"""What KPI pages and the KPI dashboard derive from a KPI's values, computed once, here.

* the growth a year each target needs (the atlas's computation, never the source's):
  CAGR = (target / latest) ^ (1 / (target year − figure year of latest)) − 1, from the latest
  recorded figure (by the year of the figure, not its column) to the target's column year,
  the year the Blueprint's text gives for its targets;
* the chart (atlas.export.charts), its words in the page's language.

Values are the record's numbers (checked against the printed text by atlas.kpi_printed);
the printed text stays as printed and is shown beside them, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from atlas.export.charts import Chart, Point, draw_kpi_chart
from atlas.kpi_printed import read_printed, scaled
from atlas.model import Kpi, KpiFigure, KpiValue
from atlas.pages.view import LanguageView

# A rate's bound follows from the qualifiers: a floor for the target ("at least") makes the
# rate needed a floor; a floor for the starting figure makes it a ceiling.
_START_BOUND = {"about": "about", "at-least": "at-most", "more-than": "less-than"}


@dataclass(frozen=True)
class Trajectory:
    """The growth a year one target needs; `reason` says why there is no rate."""

    target: KpiValue
    start: KpiValue | None
    years: int | None
    rate: float | None
    bound: str  # none, about, at-least, more-than, at-most, less-than
    reason: str | None  # no-actual, no-number, ratio, zero, not-after, units, qualifiers


def figure_year(value: KpiValue) -> int:
    return value.figure_year or value.column


def latest_actual(kpi: Kpi) -> KpiValue | None:
    actuals = [v for v in kpi.values if v.kind == "actual" and v.value is not None]
    return max(actuals, key=lambda v: (figure_year(v), v.column), default=None)


def cagr(start: float, end: float, years: int) -> float:
    """The compound annual growth rate from `start` to `end` over `years` years."""
    return (end / start) ** (1 / years) - 1


def trajectories(kpi: Kpi) -> list[Trajectory]:
    """One per target, in column order."""
    start = latest_actual(kpi)
    out = []
    for target in sorted((v for v in kpi.values if v.kind == "target"), key=lambda v: v.column):
        reason, bound, years, rate = None, "none", None, None
        if start is None:
            reason = "no-actual"
        elif target.value is None:
            reason = "no-number"
        elif target.ratio_to is not None or start.ratio_to is not None:
            reason = "ratio"
        elif start.value is None or start.value <= 0 or target.value < 0:
            reason = "zero"
        elif target.column <= figure_year(start):
            reason = "not-after"
        elif target.printed_unit != start.printed_unit:
            reason = "units"
        elif start.qualifier == "none":
            bound = target.qualifier
        elif target.qualifier == "none":
            bound = _START_BOUND[start.qualifier]
        elif start.qualifier == target.qualifier == "about":
            bound = "about"
        else:
            reason = "qualifiers"
        if reason is None:
            assert start is not None and start.value is not None and target.value is not None
            years = target.column - figure_year(start)
            rate = cagr(
                scaled(start.value, start.multiplier),
                scaled(target.value, target.multiplier),
                years,
            )
        out.append(Trajectory(target, start, years, rate, bound, reason))
    return out


# -- words, in the page's language ------------------------------------------------------------
def _printed_number(value: KpiValue | KpiFigure, printed: Decimal | None) -> str:
    """The number with the decimals it is printed with (1.0 stays 1.0), thousands by commas."""
    number = printed if printed is not None else Decimal(str(value.value))
    return f"{number:,f}"


def value_label(view: LanguageView, value: KpiValue) -> str:
    """The value as a chart's mark and description say it: 'about 5,000' or '約 5,000 間'."""
    reading = read_printed(value.printed)
    main = reading.main if reading else None
    if value.value is None:
        return value.printed
    if value.ratio_to is not None:
        second = main.ratio_to if main else None
        right = second if second is not None else Decimal(str(value.ratio_to))
        return f"{_printed_number(value, main.value if main else None)}:{right:,f}"
    text = _figure(view, value, main.value if main else None)
    if value.bracketed is not None:
        second = reading.bracketed.value if reading and reading.bracketed else None
        inner = _figure(view, value.bracketed, second)
        text += f" ({inner})" if view.code == "en" else f"（{inner}）"
    return text


def _figure(view: LanguageView, figure: KpiValue | KpiFigure, printed: Decimal | None) -> str:
    number = _printed_number(figure, printed)
    qualifier = ""
    if figure.qualifier != "none":
        qualifier = view.ui[f"qualifier_{figure.qualifier.replace('-', '_')}"] + " "
    unit = figure.printed_unit or ""
    if view.code == "en":
        # English pages name the unit on the axis, in English; only a sign such as % stays
        return f"{qualifier}{number}{unit if unit.isascii() else ''}"
    words = (figure.multiplier or "") + ("" if unit == "%" else unit)
    return view.zh(f"{qualifier}{number}{' ' + words if words else ''}{'%' if unit == '%' else ''}")


def _fill(template: str, **parts: object) -> str:
    for key, part in parts.items():
        template = template.replace("{" + key + "}", str(part))
    return template


def value_item(view: LanguageView, value: KpiValue) -> str:
    """'3,755 in the 2022 column (2021 figure)': one value, for a description or a tooltip."""
    year = figure_year(value)
    key = "chart_item" if year == value.column else "chart_item_year"
    return _fill(view.ui[key], value=value_label(view, value), column=value.column, year=year)


def figure_note(view: LanguageView, value: KpiValue) -> str:
    year = figure_year(value)
    return "" if year == value.column else _fill(view.ui["chart_figure_year"], year=year)


def chart_title(view: LanguageView, kpi: Kpi) -> str:
    return _fill(view.ui["chart_title"], number=kpi.number, name=view.name(kpi))


def chart_description(view: LanguageView, kpi: Kpi) -> str:
    joiner = "; " if view.code == "en" else "；"
    items = {}
    for kind in ("actual", "target"):
        values = sorted((v for v in kpi.values if v.kind == kind), key=lambda v: v.column)
        items[kind] = joiner.join(value_item(view, v) for v in values) or view.ui["chart_none"]
    return _fill(
        view.ui["chart_desc"],
        title=chart_title(view, kpi),
        unit=view.text(kpi.unit),
        actual=items["actual"],
        target=items["target"],
    )


def _axis_value(value: KpiValue) -> float | None:
    if value.value is None:
        return None
    if value.ratio_to is not None:
        total = value.value + value.ratio_to
        return 100 * value.value / total if total else None
    return value.value


def chart_svg(view: LanguageView, kpi: Kpi) -> str:
    points = []
    for value in kpi.values:
        y = _axis_value(value)
        if y is None:
            continue  # a cell without a number: in the description and the table only
        points.append(
            Point(
                column=value.column,
                y=y,
                label=value_label(view, value),
                note=figure_note(view, value),
                kind=value.kind,
                tooltip=value_item(view, value),
                figure_year=figure_year(value),
            )
        )
    chart = Chart(
        id_prefix=f"chart-{kpi.id}",
        title=chart_title(view, kpi),
        description=chart_description(view, kpi),
        unit=view.text(kpi.unit),
        x_axis=view.ui["chart_x_axis"],
        legend_actual=view.ui["chart_actual"],
        legend_target=view.ui["chart_target"],
        points=tuple(points),
        ratio=any(value.ratio_to is not None for value in kpi.values),
        tick_suffix="%" if {v.printed_unit for v in kpi.values} == {"%"} else "",
    )
    return draw_kpi_chart(chart)


def rate_text(view: LanguageView, trajectory: Trajectory) -> str:
    """'4.9% a year', 'at least 6.2% a year', or why there is no rate."""
    if trajectory.rate is None:
        return view.ui[f"cagr_{(trajectory.reason or 'no-number').replace('-', '_')}"]
    percent = f"{trajectory.rate * 100:.1f}%".replace("-", "−")
    return _fill(view.ui[f"cagr_rate_{trajectory.bound.replace('-', '_')}"], rate=percent)


def trajectory_rows(view: LanguageView, kpi: Kpi) -> list[dict[str, object]]:
    rows = []
    for trajectory in trajectories(kpi):
        start = trajectory.start
        rows.append(
            {
                "target_column": trajectory.target.column,
                "target": value_label(view, trajectory.target),
                "start": value_item(view, start) if start else view.ui["chart_none"],
                "start_year": figure_year(start) if start else "",
                "years": trajectory.years if trajectory.years is not None else "",
                "rate": rate_text(view, trajectory),
                "computed": trajectory.rate is not None,
                "rate_data": f"{trajectory.rate:.6f}" if trajectory.rate is not None else "",
            }
        )
    return rows


def kpi_charts_view(view: LanguageView, kpi: Kpi) -> dict[str, object]:
    """The chart and the trajectories of one KPI, as KPI pages and the dashboard show them."""
    return {"chart": chart_svg(view, kpi), "trajectories": trajectory_rows(view, kpi)}
