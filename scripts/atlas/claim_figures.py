"""Figures and names in a claim stand in its quote (issue 10; called by the link stage).

A record says only what a source says. So a quoted item's claim (facts, a blueprint's aims, a
strategy's targets), in English and in Chinese, may state a figure or a proper name only if
the item's quote holds it, or if the item declares in `derived` how the claim's figure or name
follows from the quote. A record's summary may state only figures and names that the
record's quotes hold (see `check_claim_figures` for what else a claim and a summary may name,
as attribution).

Figures are compared by value, whatever their form: "3,755", "3 755" and "3755"; "HK$10
billion" and 100億; "more than nine tenths", "90%" and 逾九成; 二〇二二 and 2022; "1990s" and
90年代; "1/3" and 三分之一. The claim is read strictly (what a reader takes for a figure), the
quote generously (every reading of it counts):

- English: numerals (thousands separated by commas or spaces, decimals, 14th, 1990s, 1/3,
  1000+), number words from two up (five, twenty-five, hundred; not "one": "one of"),
  fractions (nine tenths, a third, half), scale words (thousand, million, billion, trillion),
  a day or month beside a date (25 January 2022) and an amount's currency.
- Chinese: numerals in digits, with the multipliers after them (100 億, 5 000 萬), and Chinese
  numerals that are numbers rather than words: a run of two or more (十四, 二〇二二, 千億; 十四五
  is 十四 and 五), or a single 二…九, 十 or 兩 before a counter (五大, 八項, 三個, 七成). A lone 一
  (一個, "a"), ordinals (第三), numerals in words (十分, 萬一) are not figures.
- A figure that locates rather than states (strategy 2, target 1, KPI 2.2, column 2016,
  appendix D, 指標 2.2, 2016 年欄) is not checked: the outline checks where things are.
- An amount's currency must be the quote's: "HK$" needs 港元 or HK$, "dollar" some dollar,
  and 元 is 元 ("yuan" may read it): 40億元 is not "4 billion dollars".

Names are checked where the check can tell them: capitalised Latin words of the English
claim that are the name or alias of a place, body, named plan or text (NAMED_TYPES: Boston,
Kendall Square, MIT), and such a record's Chinese name or alias written in the Chinese claim
(longest first). A name stands in the quote when the quote writes it or any name, alias or
SHORT_FORMS entry of the record it names (Boston ↔ 波士頓, 波士顿; Hong Kong ↔ 本港, 來港),
compared across scripts and regional spellings (atlas.fold), Latin as whole words.
Capitalised words that name no such record, the generic terms of GENERIC (AI, R&D, GDP) and
GENERIC_ZH (政府), and a common word opening a sentence, are not checked: the check reports
the names it knows, so that an editor is not told about every word that opens a title.

A claim whose figure or name is a faithful derivation lists it in `derived.figures`, as the
claim writes it, and says how in `derived.how` (去年 in a text of January 2023 → 2022; 这里 →
the district the passage is about); a listed figure the claim does not write is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat

from atlas.claim_names import (
    _CJK,
    Backing,
    Gazetteer,
    _folded,
    _key,
    names_en,
    names_zh,
)
from atlas.claim_numbers import (
    figures_en,
    figures_zh,
)
from atlas.load import RawRecord, dotted
from atlas.model import (
    Fact,
    Measure,
    Record,
    Source,
    Strategy,
    Text,
    quoted_fields,
    quoted_items,
)
from atlas.problems import Problem
from atlas.processes import build_jobs, forked_pool

FACT_EXPECTED = "figures and names found in the quote (or a derived: note)"
SUMMARY_EXPECTED = "figures and names found in the record's quotes (or its relations' names)"


# --- the check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Allowance:
    """What a text may state besides what its quotes hold."""

    records: frozenset[str] = frozenset()  # records it may name: its subject, its source …
    years: frozenset[Fraction] = frozenset()  # a cited source's year: "the 2020 column"
    dates: frozenset[Fraction] = frozenset()  # a cited source's month and day
    values: frozenset[Fraction] = frozenset()  # figures declared derived
    shown: frozenset[str] = frozenset()  # figures and names declared derived (_form)


def unbacked(
    text: Text, backing: Backing, allowance: Allowance, gazetteer: Gazetteer
) -> list[tuple[str, str]]:
    """(language, as written) for every figure and name of `text` that nothing backs."""
    missing: list[tuple[str, str]] = []
    for language, figures, names in (
        ("en", figures_en(text.en), names_en(text.en, gazetteer)),
        ("zh", figures_zh(text.zh), names_zh(text.zh, gazetteer)),
    ):
        for figure in figures:
            if (
                backing.backs(figure)
                or _form(figure.shown) in allowance.shown
                or figure.values & (allowance.values | allowance.years)
                or (figure.date and figure.values & allowance.dates)
            ):
                continue
            missing.append((language, figure.shown))
        for name in names:
            if _form(name.shown) in allowance.shown or name.records & allowance.records:
                continue
            if backing.holds(_form(name.shown)):
                continue
            if not gazetteer.stands_in(name.records, backing):
                missing.append((language, name.shown))
    return missing


def _form(written: str) -> str:
    """A figure or name as written, in the form declarations are compared in."""
    return _folded(written) if _CJK.search(written) else _key(written)


def _derived(item: Fact) -> tuple[set[Fraction], set[str]]:
    """The values and the written forms (_form) an item declares derived."""
    if item.derived is None:
        return set(), set()
    values: set[Fraction] = set()
    for shown in item.derived.figures:
        for figure in figures_en(shown) + figures_zh(shown):
            values |= figure.values
    return values, {_form(written) for written in item.derived.figures}


def check_claim_figures(
    pairs: list[tuple[RawRecord, Record]], records: dict[str, Record], problems: list[Problem]
) -> None:
    """Report every figure and name of a claim or summary that its quotes do not back.

    Besides what its quote holds, a claim may state, as attribution: the names of the record
    it is on and of the records above it (a measure's strategy and blueprint), of its source
    and of what the source is authored by, issued by or cites, and of their authors and
    issuers ("the Brookings–ITIF report, as the column reports it"); and the year, month and
    day of its source ("the 2022 briefing").

    A summary is checked against all the quotes of its record (a measure's also against the
    quote of the target it serves) and the figures and names its items declare derived. It
    may also state what its items' claims may, the names of the records related to its record
    either way (for a source, the records that cite it) and what those names hold (a
    strategy's title, "Five models … three trends"), their dates ("the Blueprint (December
    2022)") and the place where a cited source appeared ("a 2020 Hong Kong column").
    """
    gazetteer = Gazetteer.of(records.values())
    related: dict[str, set[str]] = defaultdict(set)
    for record in records.values():
        for target in _linked(record):
            related[record.id].add(target)
            related[target].add(record.id)
        for item in quoted_items(record):  # a source's summary tells what cites it
            related[item.source].add(record.id)
    global _FORKED_WITH
    jobs = build_jobs()
    if jobs == 1 or len(pairs) < FORK_FROM:
        problems += _check_records(pairs, records, related, gazetteer)
        return
    # a large atlas: its records in parts, one process each, the problems in their order
    size = -(-len(pairs) // (jobs * 2))
    _FORKED_WITH = (pairs, records, related, gazetteer)
    try:
        with forked_pool(jobs) as pool:
            for found in pool.map(_check_part, range(0, len(pairs), size), repeat(size)):
                problems += found
    finally:
        _FORKED_WITH = None


FORK_FROM = 2_000  # records from which the check is shared among processes (atlas.processes)
_FORKED_WITH: tuple | None = None  # what the forked checkers read


def _check_part(start: int, size: int) -> list[Problem]:
    assert _FORKED_WITH is not None
    pairs, *rest = _FORKED_WITH
    return _check_records(pairs[start : start + size], *rest)


def _check_records(
    pairs: list[tuple[RawRecord, Record]],
    records: dict[str, Record],
    related: dict[str, set[str]],
    gazetteer: Gazetteer,
) -> list[Problem]:
    problems: list[Problem] = []
    for raw, record in pairs:
        _check_record(raw, record, records, related, gazetteer, problems)
    return problems


def _linked(record: Record) -> set[str]:
    parents = {getattr(record, name, None) for name in ("blueprint", "strategy", "direction")}
    return {relation.target for relation in record.relations} | {
        parent for parent in parents if isinstance(parent, str)
    }


def _above(record: Record, records: dict[str, Record]) -> set[str]:
    """The record and the records it is part of: a measure's strategy, its blueprint."""
    found, todo = set(), [record.id]
    while todo:
        current = records.get(todo.pop())
        if current is None or current.id in found:
            continue
        found.add(current.id)
        todo += [getattr(current, name, None) or "" for name in ("blueprint", "strategy")]
    return found


ATTRIBUTION = {"authored-by", "issued-by", "cites"}


def _source_allowance(
    source: Record | None, records: dict[str, Record]
) -> tuple[set[str], set[Fraction], set[Fraction]]:
    """What citing `source` allows: the source, its authors, publishers and the works it cites
    and theirs ("the Brookings–ITIF report, as the column reports it"), and its date."""
    if not isinstance(source, Source):
        return set(), set(), set()
    names = {source.id}
    years, dates = _dated(source)
    for relation in source.relations:
        if relation.type in ATTRIBUTION:
            names.add(relation.target)
            cited = records.get(relation.target)
            names |= {
                further.target
                for further in (cited.relations if cited else [])
                if further.type in ATTRIBUTION
            }
    return names, years, dates


def _target_quotes(record: Record, records: dict[str, Record]) -> list[str]:
    """A measure's summary restates the target it serves: that target's quote backs it."""
    strategy = records.get(record.strategy) if isinstance(record, Measure) else None
    if not isinstance(record, Measure) or not isinstance(strategy, Strategy):
        return []
    return [target.quote for target in strategy.targets if target.id == record.target]


def _dated(record: Record | None) -> tuple[set[Fraction], set[Fraction]]:
    """The year, and the month and day, a record is dated by: a source's date, a blueprint's
    release, a policy's year."""
    years: set[Fraction] = set()
    dates: set[Fraction] = set()
    for name in ("date", "released", "year"):
        value = getattr(record, name, None)
        if value:
            parts = [Fraction(int(part)) for part in str(value).split("-")]
            years.add(parts[0])
            dates.update(parts[1:])
    return years, dates


def _check_record(
    raw: RawRecord,
    record: Record,
    records: dict[str, Record],
    related: dict[str, set[str]],
    gazetteer: Gazetteer,
    problems: list[Problem],
) -> None:
    def problem(location: tuple, expected: str, found: str) -> None:
        problems.append(Problem(raw.path, raw.line_of(location), dotted(location), expected, found))

    above = _above(record, records)
    all_names, all_years, all_dates = set(above), set(), set()
    derived_values: set[Fraction] = set()
    derived_shown: set[str] = set()
    for field_name, items in quoted_fields(record):
        for index, item in enumerate(items):
            where = (field_name, index)
            names, years, dates = _source_allowance(records.get(item.source), records)
            values, shown = _derived(item)
            all_names |= names
            all_years |= years
            all_dates |= dates
            derived_values |= values
            derived_shown |= shown
            for number, written in enumerate(item.derived.figures if item.derived else []):
                if written not in item.claim.en and written not in item.claim.zh:
                    problem(
                        (*where, "derived", "figures", number),
                        "a figure or name as the claim writes it",
                        f"'{written}', which the claim does not",
                    )
            allowance = Allowance(
                frozenset(above | names), frozenset(years), frozenset(dates),
                frozenset(values), frozenset(shown),
            )  # fmt: skip
            for language, written in unbacked(
                item.claim, Backing.of([item.quote]), allowance, gazetteer
            ):
                problem((*where, "claim", language), FACT_EXPECTED, f"'{written}'")
    items = quoted_items(record)
    if not items:
        return
    around = [records[rid] for rid in sorted(all_names | related[record.id]) if rid in records]
    for source in {item.source for item in items}:  # "a Hong Kong column": where it appeared
        place = getattr(records.get(source), "place", None)
        all_names |= gazetteer.latin.get(_key(place.en), frozenset()) if place else set()
    for other in around:  # a related record's date identifies it: the Blueprint (2022)
        years, dates = _dated(other)
        all_years |= years
        all_dates |= dates
    allowance = Allowance(
        frozenset(all_names | related[record.id]), frozenset(all_years), frozenset(all_dates),
        frozenset(derived_values), frozenset(derived_shown),
    )  # fmt: skip
    backing = Backing.of([item.quote for item in items] + _target_quotes(record, records))
    for other in around:  # what a related record's name holds: its strategy's title
        backing.add_words(other.names.en)
        backing.add_words(other.names.zh)
        for figure in figures_zh(other.names.zh) + figures_en(other.names.en):  # read strictly
            backing.values |= figure.values
    for language, written in unbacked(record.summary, backing, allowance, gazetteer):
        problem(("summary", language), SUMMARY_EXPECTED, f"'{written}'")
