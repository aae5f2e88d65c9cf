"""KPI charts: one indicator's values as an inline SVG line chart, drawn at build time.

Recorded figures are filled dots on a solid line, targets hollow dots on a dashed line, with
a legend, so the two differ by shape and stroke, not by colour alone. Every value carries
its label; a figure whose year differs from its column's is annotated under the column.
The SVG has a <title> and a <desc> (role="img"), no scripts, fonts or references to other
hosts, all text escaped, and the same chart always gives the same bytes. The words come
from the caller, already in the page's language (atlas.pages.kpi_trajectories).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 330
LEFT, RIGHT, TOP, BOTTOM = 70, 618, 66, 258  # the plot area
FONT = 12
ACTUAL_COLOUR = "#1f5f99"
TARGET_COLOUR = "#a34200"
GRID = "#d0d0d0"
DASH = "6 4"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Point:
    """One value: where its column is, its height on the axis and its words."""

    column: int
    y: float  # on the axis's scale: the value, or for a ratio a:b, 100·a/(a+b)
    label: str  # the value as the mark shows it: "about 5,000"
    note: str  # the figure-year annotation ("2014 figure"), or ""
    kind: str  # "actual" or "target"
    tooltip: str  # the whole item, for the mark's <title>
    figure_year: int


@dataclass(frozen=True)
class Chart:
    """A chart to draw, every text in the page's language."""

    id_prefix: str
    title: str
    description: str
    unit: str  # the value axis's title: the record's unit
    x_axis: str
    legend_actual: str
    legend_target: str
    points: tuple[Point, ...]
    ratio: bool = False  # ticks read as a:b shares of 100
    tick_suffix: str = ""  # a sign every value is printed with, such as %


def _text(value: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute."""
    return html.escape(_CONTROL.sub("", value), quote=True)


def _n(value: float) -> str:
    """A coordinate, rounded to 0.1, as the shortest SVG number."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of a text's width: wide (CJK) characters one em, others about 0.6."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Ticks from 0 to at least `top` at a step of 1, 2, 2.5 or 5 × 10^k."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-12)
    ticks = [0.0]
    while ticks[-1] < top - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_places(step: float) -> int:
    """Decimal places a tick step needs: 0.25 → 2, 0.5 → 1, 5 → 0."""
    return next((places for places in range(6) if abs(round(step, places) - step) < 1e-9), 6)


def tick_label(value: float, places: int, ratio: bool) -> str:
    """A tick's label: 25,000 or 0.5; on a ratio's axis the two shares, 25:75."""
    if ratio:
        return f"{value:g}:{100 - value:g}"
    return f"{value:,.{places}f}"


def draw_kpi_chart(chart: Chart) -> str:
    """The chart as one SVG string, without blank lines (it stays one Markdown HTML block)."""
    if not _PREFIX.fullmatch(chart.id_prefix):
        raise ValueError(
            f"chart id prefix is not a letter then [A-Za-z0-9_-]*: {chart.id_prefix!r}"
        )
    points = sorted(chart.points, key=lambda p: (p.column, p.kind))
    columns = sorted({p.column for p in points})
    low, high = (columns[0], columns[-1]) if columns else (0, 1)
    span = max(high - low, 1)
    pad = span * 0.09 + 0.5

    def x_of(column: float) -> float:
        return LEFT + (column - (low - pad)) / (span + 2 * pad) * (RIGHT - LEFT)

    if chart.ratio:
        ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
    else:
        ticks = nice_ticks(max((p.y for p in points), default=1) / 0.82)
    y_top = ticks[-1]

    def y_of(value: float) -> float:
        return BOTTOM - value / y_top * (BOTTOM - TOP)

    places = tick_places(ticks[1] - ticks[0])
    prefix = chart.id_prefix
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="atlas-chart-svg" role="img"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" font-size="{FONT}"'
        f' aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{_text(chart.title)}</title>',
        f'<desc id="{prefix}-desc">{_text(chart.description)}</desc>',
        f'<text class="atlas-chart-unit" x="{LEFT - 62}" y="16" font-weight="bold"'
        f' fill="currentColor">{_text(chart.unit)}</text>',
    ]
    out.append(_legend(chart))
    grid = []
    for tick in ticks:
        y = _n(y_of(tick))
        label = tick_label(tick, places, chart.ratio) + ("" if chart.ratio else chart.tick_suffix)
        grid.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}"/>'
            f'<text x="{LEFT - 6}" y="{_n(y_of(tick) + 4)}" text-anchor="end" stroke="none"'
            f' fill="currentColor">{_text(label)}</text>'
        )
    out.append(f'<g class="atlas-chart-grid" stroke="{GRID}" stroke-width="1">{"".join(grid)}</g>')
    out.append(
        f'<line class="atlas-chart-axis" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"'
        ' stroke="currentColor" stroke-width="1"/>'
    )
    ticks_x = "".join(
        f'<text x="{_n(x_of(column))}" y="{BOTTOM + 18}" text-anchor="middle"'
        f' fill="currentColor">{column}</text>'
        for column in columns
    )
    out.append(f'<g class="atlas-chart-columns">{ticks_x}</g>')
    out.append(
        f'<text class="atlas-chart-x-axis" x="{_n((LEFT + RIGHT) / 2)}" y="{HEIGHT - 6}"'
        f' text-anchor="middle" fill="currentColor">{_text(chart.x_axis)}</text>'
    )

    actual = [p for p in points if p.kind == "actual"]
    target = [p for p in points if p.kind == "target"]
    if len(actual) > 1:
        out.append(_line(actual, x_of, y_of, ACTUAL_COLOUR, "actual", dashed=False))
    trail = ([actual[-1]] if actual else []) + target
    if len(trail) > 1:
        out.append(_line(trail, x_of, y_of, TARGET_COLOUR, "target", dashed=True))
    for point in points:
        out.append(_mark(point, x_of(point.column), y_of(point.y)))
    out.append("</svg>")
    return "\n".join(out)


def _line(points: list[Point], x_of, y_of, colour: str, kind: str, dashed: bool) -> str:
    data = " ".join(f"{_n(x_of(p.column))},{_n(y_of(p.y))}" for p in points)
    dash = f' stroke-dasharray="{DASH}"' if dashed else ""
    return (
        f'<polyline class="atlas-chart-line atlas-chart-line--{kind}" points="{data}"'
        f' fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
    )


def _dot(kind: str, x: str, y: str) -> str:
    if kind == "actual":
        return f'<circle cx="{x}" cy="{y}" r="4.5" fill="{ACTUAL_COLOUR}"/>'
    return (
        f'<circle cx="{x}" cy="{y}" r="5" fill="#ffffff" stroke="{TARGET_COLOUR}"'
        ' stroke-width="2"/>'
    )


def _legend(chart: Chart) -> str:
    y = 40
    x = LEFT - 62
    parts = []
    for kind, label, colour, dash in (
        ("actual", chart.legend_actual, ACTUAL_COLOUR, ""),
        ("target", chart.legend_target, TARGET_COLOUR, f' stroke-dasharray="{DASH}"'),
    ):
        parts.append(
            f'<g class="atlas-chart-key atlas-chart-key--{kind}">'
            f'<line x1="{_n(x)}" y1="{y}" x2="{_n(x + 28)}" y2="{y}" stroke="{colour}"'
            f' stroke-width="2"{dash}/>{_dot(kind, _n(x + 14), str(y))}'
            f'<text x="{_n(x + 34)}" y="{y + 4}" fill="currentColor">{_text(label)}</text></g>'
        )
        x += 34 + text_width(label) + 22
    return f'<g class="atlas-chart-legend">{"".join(parts)}</g>'


def _mark(point: Point, x: float, y: float) -> str:
    width = text_width(point.label, FONT)
    anchor, label_x = "middle", x
    if x + width / 2 > WIDTH - 4:
        anchor, label_x = "end", WIDTH - 4
    elif x - width / 2 < 4:
        anchor, label_x = "start", 4
    note = (
        f'<text class="atlas-chart-note" x="{_n(x)}" y="{BOTTOM + 34}" text-anchor="middle"'
        f' font-size="{FONT - 1}" font-style="italic" fill="currentColor">'
        f"{_text(point.note)}</text>"
        if point.note
        else ""
    )
    return (
        f'<g class="atlas-chart-point atlas-chart-point--{point.kind}"'
        f' data-column="{point.column}" data-figure-year="{point.figure_year}">'
        f"<title>{_text(point.tooltip)}</title>"
        f"{_dot(point.kind, _n(x), _n(y))}"
        f'<text class="atlas-chart-label" x="{_n(label_x)}" y="{_n(y - 11)}"'
        f' text-anchor="{anchor}" font-weight="bold" fill="currentColor">'
        f"{_text(point.label)}</text>"
        f"{note}</g>"
    )
