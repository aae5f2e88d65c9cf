"""A KPI value's number must say what its printed text says (called by the link stage).

The printed cell is read as the source prints it: a qualifier (不少於, 約, 逾), a number whose
thousands are separated by spaces or commas, a multiplier (萬, 億), a unit word or sign (%,
港元, 間, 人), or a ratio a:b; then, in brackets, a second figure or the figure's year
("(2021 年)"). Every part read is compared with the value's keys, and every disagreement is
a problem of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from atlas.model import Kpi, KpiFigure, KpiValue

QUALIFIERS = {"不少於": "at-least", "約": "about", "逾": "more-than"}
MULTIPLIERS = {"萬": Decimal(10) ** 4, "億": Decimal(10) ** 8}
# Units the check reads after a number; a word not listed makes the text unreadable, so a
# qualifier printed after the number (左右, 以上) is never taken for a unit. Add units here.
UNITS = ("%", "港元", "元", "美元", "間", "家", "人", "名", "個", "項", "宗")

_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?:(?P<qualifier>{'|'.join(QUALIFIERS)})\s*)?"
    rf"(?P<number>{_NUMBER})"
    r"(?:\s*(?P<multiplier>[萬億]))?"
    rf"(?:\s*(?P<unit>{_UNIT}))?"
)
_RATIO = re.compile(rf"(?P<a>{_NUMBER})\s*:\s*(?P<b>{_NUMBER})")
_YEAR = re.compile(r"(?P<year>\d{4})\s*年")
_CELL = re.compile(r"(?P<main>[^()（）]+?)(?:\s*[(（](?P<bracket>[^()（）]+)[)）])?")
GRAMMAR = (
    f"a figure the check can read: [{'|'.join(QUALIFIERS)}] number [萬|億] "
    f"[{'|'.join(UNITS)}], or a ratio a:b, then optionally (a second figure) or (YYYY 年)"
)


@dataclass(frozen=True)
class Figure:
    """The parts of one printed figure."""

    value: Decimal
    qualifier: str = "none"
    multiplier: str | None = None
    printed_unit: str | None = None
    ratio_to: Decimal | None = None


@dataclass(frozen=True)
class Reading:
    """A printed cell as the check reads it."""

    main: Figure
    bracketed: Figure | None = None
    year: int | None = None


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ ,]", "", text))


def read_figure(text: str) -> Figure | None:
    text = text.strip()
    ratio = _RATIO.fullmatch(text)
    if ratio:
        return Figure(_number(ratio["a"]), ratio_to=_number(ratio["b"]))
    match = _FIGURE.fullmatch(text)
    if not match:
        return None
    return Figure(
        _number(match["number"]),
        QUALIFIERS.get(match["qualifier"] or "", "none"),
        match["multiplier"],
        match["unit"],
    )


def read_printed(printed: str) -> Reading | None:
    """The parts of a printed cell, or None if it is not one the check can read."""
    cell = _CELL.fullmatch(printed.strip())
    if not cell:
        return None
    main = read_figure(cell["main"])
    if main is None:
        return None
    bracket = cell["bracket"]
    if bracket is None:
        return Reading(main)
    year = _YEAR.fullmatch(bracket.strip())
    if year:
        return Reading(main, year=int(year["year"]))
    second = read_figure(bracket)
    return Reading(main, bracketed=second) if second else None


def scaled(value: float, multiplier: str | None) -> float:
    """A figure with its multiplier applied: 167.27 億 → 16 727 000 000."""
    return float(Decimal(str(value)) * MULTIPLIERS[multiplier]) if multiplier else value


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, float | Decimal):
        return f"{Decimal(str(value)).normalize():f}"
    return str(value)


# What each key must be, said for a part the text prints and for one it does not.
_MEANINGS = {
    "value": ("the number printed", "no number is printed"),
    "qualifier": ("the word printed before the number", "no 不少於, 約 or 逾 is printed"),
    "multiplier": ("the multiplier printed", "no 萬 or 億 is printed"),
    "printed_unit": ("the unit printed", "no unit is printed after the number"),
    "ratio_to": ("the second term of the ratio printed", "no ratio a:b is printed"),
}


def _compare(
    figure: Figure, recorded: KpiValue | KpiFigure, where: tuple, printed: str, problem
) -> None:
    keys = ["value", "qualifier", "multiplier", "printed_unit"]
    if isinstance(recorded, KpiValue):
        keys.append("ratio_to")
    for key in keys:
        read, found = getattr(figure, key), getattr(recorded, key)
        if isinstance(read, Decimal):
            same = found is not None and float(read) == float(found)
        else:
            same = read == found
        if same:
            continue
        printed_part, absent = _MEANINGS[key]
        if read is None or read == "none":
            expected = f"none, as {absent} in '{printed}'"
        else:
            expected = f"{_shown(read)}, {printed_part} in '{printed}'"
        problem((*where, key), expected, _shown(found))


Report = Callable[[tuple, str, str], None]


def check_kpi_values(record: Kpi, problem: Report) -> None:
    """Report every key of every value that disagrees with its printed text."""
    for index, value in enumerate(record.values):
        where = ("values", index)
        reading = read_printed(value.printed)
        if reading is None:
            if value.value is not None:
                problem((*where, "printed"), GRAMMAR, f"'{value.printed}'")
            continue
        _compare(reading.main, value, where, value.printed, problem)
        if reading.bracketed is None:
            if value.bracketed is not None:
                expected = f"no bracketed figure, as none is printed in '{value.printed}'"
                problem((*where, "bracketed"), expected, _shown(value.bracketed.value))
        elif value.bracketed is None:
            expected = f"the figure printed in brackets in '{value.printed}'"
            problem((*where, "bracketed"), expected, "none")
        else:
            _compare(
                reading.bracketed, value.bracketed, (*where, "bracketed"), value.printed, problem
            )
        if reading.year is not None and value.figure_year != reading.year:
            expected = f"{reading.year}, the year printed in '{value.printed}'"
            problem((*where, "figure_year"), expected, _shown(value.figure_year))
