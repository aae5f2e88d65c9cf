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

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from itertools import pairwise

from atlas.fold import fold as fold_script
from atlas.load import RawRecord, dotted
from atlas.model import (
    Blueprint,
    Fact,
    Hub,
    Measure,
    Organisation,
    Policy,
    Record,
    Source,
    Strategy,
    Text,
    quoted_fields,
    quoted_items,
)
from atlas.problems import Problem

FACT_EXPECTED = "figures and names found in the quote (or a derived: note)"
SUMMARY_EXPECTED = "figures and names found in the record's quotes (or its relations' names)"

# Capitalised terms that are not names: never checked. Extend it when a term is reported.
GENERIC = {"ai", "r&d", "i&t", "s&t", "gdp", "kpi", "kpis", "ip", "iot", "ict", "phd", "vc"}
# Chinese names of records that are also common words (政府 "the government"): not checked.
GENERIC_ZH = {"政府", "國家", "国家", "特區", "特区", "本地"}
# Short forms a quote may use for a record, beyond its names and aliases (which are what a
# reader searches for, so a one-character form cannot be one): 來港, 港深 → Hong Kong.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "hong-kong": ("港",),
    "shenzhen": ("深圳", "港深", "深港"),
    "mainland-china": ("內地", "内地"),
    "united-states": ("美國", "美国", "america"),
    "guangdong": ("粵", "粤"),
    "germany": ("東西德", "东西德"),
}

# --- numbers -------------------------------------------------------------------------------

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGIT = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
_CN_RUN = re.compile(f"[{''.join([*_CN_DIGIT, *_CN_UNIT, *_CN_BIG])}]+")
# A single Chinese numeral before one of these is a number: 五大, 三個, 七成, 兩岸 is not.
_COUNTERS = set(
    "大個个項项種种類类家間间所座條条成倍位名點点國国城區区屆届次級级批股年月日歲岁份部篇"
    "章期組组套輪轮極极元萬万億亿千百%"
)
# Words written with numerals that are not numbers.
_CN_WORDS = ("十分", "萬一", "万一", "一一", "千萬", "千万", "萬萬", "万万", "百分百")

_EN_NUMBER = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_EN_UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9}  # fmt: skip
_EN_FRACTION = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# The words and signs that name a currency → one class each.
_CURRENCY_ZH = {
    "港元": "HKD", "港幣": "HKD", "港币": "HKD", "美元": "USD", "人民幣": "CNY", "人民币": "CNY",
    "歐元": "EUR", "欧元": "EUR", "英鎊": "GBP", "英镑": "GBP", "日圓": "JPY", "日元": "JPY",
    "新加坡元": "SGD", "新元": "SGD", "元": "元",
}  # fmt: skip
_CURRENCY_SIGN = {"HK$": "HKD", "US$": "USD", "S$": "SGD", "RMB": "CNY", "$": "dollar",
                  "€": "EUR", "£": "GBP", "¥": "元"}  # fmt: skip
_CURRENCY_EN = {
    "hong kong dollars": "HKD", "hong kong dollar": "HKD", "us dollars": "USD",
    "us dollar": "USD", "dollars": "dollar", "dollar": "dollar", "yuan": "yuan",
    "renminbi": "CNY", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pound": "GBP",
    "yen": "JPY",
}  # fmt: skip
# A claim's currency → the currencies of a quote that back it (else only itself).
_CURRENCY_BACKED_BY = {"dollar": {"dollar", "HKD", "USD", "SGD"}, "yuan": {"元", "CNY"}}

# Words after which a number says where, not what: "strategy 2", "target 1", "KPI 2.2",
# "column 2016". A number with a unit or a sign after it is a figure ("targets 1.3%").
_PLACE_NUMBER = r"\d{1,2}(?:\.\d+)*(?![\d%]|\.\d)(?!\s*(?:%|per\s?cent|[\u3400-\u9fff]))"
_EN_LOCATOR = re.compile(
    r"(?:\b(?:strateg(?:y|ies)|targets?|directions?|measures?|KPIs?|indicators?|appendix|annex|"
    r"sections?|paragraphs?|pages?|items?|models?|trends?|rows?|tables?|issues?|no\.|aims?|"
    r"features?|lines?|parts?|chapters?)|¶)\s*"
    rf"(?:(?-i:[A-Z])\b|{_PLACE_NUMBER})(?:(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[–-]\s*){_PLACE_NUMBER})*"
    r"|\bcolumns?\s+\d{4}\b(?:(?:\s*,\s*|\s+(?:and|or|to)\s+)\d{4}\b)*",
    re.IGNORECASE,
)
_ZH_LOCATOR = re.compile(
    r"(?:指標|指标|策略|目標|目标|方向|措施|附件|趨勢|趋势|模式|第)\s*\d+(?:\.\d+)*"
    r"(?![\d%]|\.\d)(?!\s*[%間间人元萬万億亿])|\d{4}\s*年\s*欄|\d+(?:\.\d+)*\s*(?:段|頁|页)"
)


@dataclass(frozen=True)
class Figure:
    """A figure stated in a text: as written, the values that back it, its currency, and
    whether it is a day or month of a date (only those may stand in a source's date)."""

    shown: str
    values: frozenset[Fraction]
    currency: str | None = None
    date: bool = False


def _digits(text: str) -> Fraction:
    return Fraction(re.sub(r"[ ,]", "", text))


def _chinese_number(run: str) -> Fraction | None:
    """A run of Chinese numerals as one number (十四 → 14, 二〇二二 → 2022, 千億 → 10¹¹), or
    None when it is not one (十四五)."""
    if not any(char in _CN_UNIT or char in _CN_BIG for char in run):
        return Fraction(int("".join(str(_CN_DIGIT[char]) for char in run)))
    total, section, digit = 0, 0, None
    for char in run:
        if char in _CN_DIGIT:
            if digit is not None:
                return None  # two digits with no unit between them
            digit = _CN_DIGIT[char]
        elif char in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[char]
            digit = None
        else:
            big = _CN_BIG[char]
            part = section + (digit or 0) or 1
            total = (total + part) * big if total and big > total else total + part * big
            section, digit = 0, None
    return Fraction(total + section + (digit or 0))


def _pieces(run: str) -> list[tuple[int, int]]:
    """A run of numerals cut into the numbers it holds, longest first: 十四五 → 十四, 五."""
    pieces, start = [], 0
    while start < len(run):
        end = next(
            end for end in range(len(run), start, -1) if _chinese_number(run[start:end]) is not None
        )
        pieces.append((start, end))
        start = end
    return pieces


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _in(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _percent(value: Fraction, percent: bool) -> set[Fraction]:
    return {value, value / 100} if percent else {value}


# English ---------------------------------------------------------------------------------

_EN_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|"
    r"six|seven|eight|nine)|" + "|".join(sorted(_EN_NUMBER, key=len, reverse=True)) + ")"
)
_EN_FIGURE = re.compile(
    r"(?<![\w.,])(?P<sign>HK\$|US\$|S\$|RMB\s?|\$|€|£|¥)?"
    rf"(?:(?P<digits>{_DIGITS})(?:st|nd|rd|th|s|\+)?\b\+?|(?P<word>{_EN_WORD_NUMBER})\b)"
    rf"(?:[\s-]+(?P<fraction>{'|'.join(_EN_FRACTION)})\b)?"
    rf"(?:[\s-]*(?P<scale>{'|'.join(_EN_SCALE)})\b)?"
    r"(?P<percent>\s*%|\s+per\s?cent\b)?"
    rf"(?:[\s-]+(?P<currency>{'|'.join(sorted(_CURRENCY_EN, key=len, reverse=True))})\b)?"
    r"(?:\s*/\s*(?P<denominator>\d+)\b)?",
    re.IGNORECASE,
)
_EN_ARTICLE_FRACTION = re.compile(
    rf"\b(?:a|one)[\s-]+(?P<fraction>{'|'.join(_EN_FRACTION)})\b|\bhalf\b", re.IGNORECASE
)
_EN_DATE = re.compile(
    rf"(?:\b(?P<day>\d{{1,2}})\s+)?\b(?P<month>{'|'.join(_MONTHS)})\b"
    r"(?:\s+(?P<day_after>\d{1,2})\b,?)?(?=(?P<year>\s+\d{4}\b)?)"
)


def _en_word_value(word: str) -> int:
    word = word.lower()
    if "-" in word:
        tens, units = word.split("-")
        return _EN_NUMBER[tens] + _EN_UNIT_WORDS[units]
    return _EN_NUMBER[word]


def figures_en(text: str) -> list[Figure]:
    """The figures an English text states, read strictly."""
    figures: list[Figure] = []
    skipped = _spans(_EN_LOCATOR, text)
    for match in _EN_DATE.finditer(text):
        day = match["day"] or match["day_after"]
        if not (day or match["year"]):
            continue  # "May" alone is a verb as often as a month
        month = Fraction(_MONTHS.index(match["month"]) + 1)
        figures.append(Figure(match["month"], frozenset({month}), date=True))
        if day:
            figures.append(Figure(day, frozenset({Fraction(day)}), date=True))
            skipped.append(match.span("day") if match["day"] else match.span("day_after"))
    taken: list[tuple[int, int]] = []
    for match in _EN_FIGURE.finditer(text):
        if _in(match.start("digits") if match["digits"] else match.start("word"), skipped):
            continue
        if match["digits"]:
            value = _digits(match["digits"])
        else:
            value = Fraction(_en_word_value(match["word"]))
        if match["fraction"]:
            share = value / _EN_FRACTION[match["fraction"].lower()]
            values = {share, share * 100}
        elif match["denominator"]:
            values = {value / int(match["denominator"])}
        else:
            value *= _EN_SCALE.get((match["scale"] or "").lower(), 1)
            values = _percent(value, bool(match["percent"]))
        sign = (match["sign"] or "").strip()
        currency = _CURRENCY_SIGN.get(sign) or _CURRENCY_EN.get((match["currency"] or "").lower())
        figures.append(Figure(match.group(0).strip(), frozenset(values), currency))
        taken.append(match.span())
    for match in _EN_ARTICLE_FRACTION.finditer(text):
        if not _in(match.start(), taken):
            share = Fraction(1, _EN_FRACTION[(match["fraction"] or "half").lower()])
            figures.append(Figure(match.group(0), frozenset({share, share * 100})))
    return figures


# Chinese ---------------------------------------------------------------------------------

_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_ZH_FIGURE = re.compile(
    rf"(?P<sign>HK\$|US\$|S\$|RMB|\$|€|£|¥)?\s*(?<![\d.])(?P<digits>{_DIGITS})\+?"
    r"(?:\s*/\s*(?P<denominator>\d+))?"
    r"(?P<multiplier>\s*[十百千萬万億亿]+)?"
    r"(?P<percent>\s*%)?(?P<tenths>\s*成)?"
    rf"(?:\s*(?P<currency>{'|'.join(sorted(_CURRENCY_ZH, key=len, reverse=True))}))?"
    r"(?=(?P<date>\s*[月日]))?"
)
_ZH_FRACTION = re.compile(f"(?P<whole>{_CN_RUN.pattern})分之(?P<part>{_CN_RUN.pattern})")
_ZH_DECADE = re.compile(r"(?P<decade>\d0)\s*年代")


def _zh_digits_figure(match: re.Match) -> Figure:
    value = _digits(match["digits"])
    if match["denominator"]:
        values = {value / int(match["denominator"])}
    else:
        multiplier = _chinese_number((match["multiplier"] or "").strip() or "一")
        value *= multiplier or 1
        values = _percent(value, bool(match["percent"]))
        if match["tenths"]:
            values = {value * 10, value / 10}
    currency = _CURRENCY_SIGN.get(match["sign"] or "") or _CURRENCY_ZH.get(match["currency"] or "")
    return Figure(match.group(0).strip(), frozenset(values), currency, bool(match["date"]))


def _counted_run(text: str, start: int, end: int) -> bool:
    """Whether the run of Chinese numerals text[start:end] is a figure, read strictly."""
    before = text[:start].rstrip()[-1:]
    if before == "第" or before.isdigit():  # an ordinal, or the multiplier of a number
        return False
    if any(word in text[max(0, start - 3) : end + 3] for word in _CN_WORDS):
        return False
    if end - start >= 2:
        return True
    return text[start] in "二兩两三四五六七八九十" and text[end : end + 1] in _COUNTERS


def figures_zh(text: str) -> list[Figure]:
    """The figures a Chinese text states, read strictly."""
    text = text.translate(_WIDTH)
    skipped = _spans(_ZH_LOCATOR, text)
    figures = [
        _zh_digits_figure(match)
        for match in _ZH_FIGURE.finditer(text)
        if not _in(match.start("digits"), skipped)
    ]
    for match in _CN_RUN.finditer(text):
        if not _counted_run(text, match.start(), match.end()):
            continue  # a run of two or more is a figure of each number it holds: 十四五
        for begin, finish in _pieces(match.group(0)):
            start, end = match.start() + begin, match.start() + finish
            value = _chinese_number(text[start:end])
            assert value is not None
            after = text[end : end + 4]
            values = {value, value * 10} if after.startswith("成") else {value}
            currency = next((code for word, code in _CURRENCY_ZH.items() if after.startswith(word)),
                            None)  # fmt: skip
            date = after.startswith(("月", "日"))
            figures.append(Figure(text[start:end], frozenset(values), currency, date))
    for match in _ZH_FRACTION.finditer(text):
        whole, part = _chinese_number(match["whole"]), _chinese_number(match["part"])
        if whole and part is not None:
            values = {part / whole, part} if match["whole"] == "百" else {part / whole}
            figures.append(Figure(match.group(0), frozenset(values)))
    return figures


# Quotes, read generously -----------------------------------------------------------------


@cache
def quote_values(quote: str) -> frozenset[Fraction]:
    """Every value a quote can be read to print: every reading of every figure counts."""
    text = quote.translate(_WIDTH)
    values: set[Fraction] = set()
    for figure in figures_zh(text) + figures_en(text):
        values |= figure.values
    for match in re.finditer(rf"{_DIGITS}|\d+(?:\.\d+)?", text):
        value = _digits(match.group(0))
        values |= {value, value / 100}
    for match in re.finditer(r"\d+(?:\.\d+)?", text):  # each group of digits on its own
        values.add(Fraction(match.group(0)))
    for match in _CN_RUN.finditer(text):
        run, tenths = match.group(0), text[match.end() :].startswith("成")
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                value = _chinese_number(run[start:end])
                if value is not None:
                    values |= {value, value * 10} if tenths else {value}
    for match in _ZH_DECADE.finditer(text):
        values |= {Fraction(1900 + int(match["decade"])), Fraction(2000 + int(match["decade"]))}
    if "半" in text:
        values |= {Fraction(1, 2), Fraction(50)}
    if re.search("[雙双]", text):
        values.add(Fraction(2))
    return frozenset(values)


@cache
def quote_amounts(quote: str) -> frozenset[tuple[Fraction, str]]:
    """(value, currency) for every amount a quote prints with its currency."""
    return frozenset(
        {
            (value, figure.currency)
            for figure in figures_zh(quote) + figures_en(quote)
            if figure.currency
            for value in figure.values
        }
    )


@dataclass
class Backing:
    """What some quotes hold: the values and amounts they print, and their words (Chinese
    folded to one script, Latin as `_key` writes names)."""

    values: set[Fraction] = field(default_factory=set)
    amounts: set[tuple[Fraction, str]] = field(default_factory=set)
    text: str = ""
    latin: str = " "

    @classmethod
    def of(cls, quotes: Iterable[str]) -> Backing:
        backing = cls()
        for quote in quotes:
            backing.values |= quote_values(quote)
            backing.amounts |= quote_amounts(quote)
            backing.add_words(quote)
        return backing

    def add_words(self, text: str) -> None:
        self.text += "\n" + _folded(text)
        self.latin += _key(text) + " | "

    def holds(self, form: str) -> bool:
        """Whether the words hold a name's form: Chinese anywhere, Latin as whole words."""
        if _CJK.search(form):
            return form in self.text
        return bool(form) and f" {form} " in self.latin

    def backs(self, figure: Figure) -> bool:
        if figure.currency is None:
            return bool(figure.values & self.values)
        accepted = _CURRENCY_BACKED_BY.get(figure.currency, {figure.currency})
        return any(value in figure.values and unit in accepted for value, unit in self.amounts)


# --- names ---------------------------------------------------------------------------------

_LATIN_WORD = re.compile(r"[^\W\d_](?:[\w&+.'’]*[\w+])?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_START = re.compile(r"^|[.;:!?]\s+|\s[-–—]\s+|[\"“‘(]")


def _folded(text: str) -> str:
    return fold_script(text.translate(_WIDTH)).casefold()


def _key(name: str) -> str:
    """A Latin name as the check compares it: case, dashes and possessives aside."""
    name = re.sub(r"[–—-]", " ", name.replace("’", "'")).casefold()
    name = re.sub(r"'s\b", "", name)
    return " ".join(re.findall(r"[a-z0-9&+_.']+", name)).strip(". ")


# The records whose names are proper names: places, bodies, named plans and texts. (A
# concept's name, "agglomeration", or a strategy's, is a phrase, not a name.)
NAMED_TYPES = (Hub, Organisation, Policy, Blueprint, Source)


@dataclass(frozen=True)
class Gazetteer:
    """The names of every record, Latin and Chinese, folded for comparing."""

    latin: dict[str, frozenset[str]]  # Latin name → the ids of the records it names
    chinese: dict[str, frozenset[str]]  # Chinese name (two characters or more) → record ids
    forms: dict[str, frozenset[str]]  # record id → every form of its names, folded
    longest: int  # words in the longest Latin name

    @classmethod
    def of(cls, records: Iterable[Record]) -> Gazetteer:
        latin: dict[str, set[str]] = defaultdict(set)
        chinese: dict[str, set[str]] = defaultdict(set)
        forms: dict[str, set[str]] = defaultdict(set)
        for record in records:
            if not isinstance(record, NAMED_TYPES):
                continue
            for name in (record.names.en, record.names.zh, *record.names.aliases):
                if _CJK.search(name):
                    folded = _folded(name)
                    forms[record.id].add(folded)
                    if len(folded) >= 2 and name not in GENERIC_ZH:
                        chinese[folded].add(record.id)
                elif key := _key(name):
                    latin[key].add(record.id)
                    forms[record.id].add(key)
            forms[record.id] |= {_folded(form) for form in SHORT_FORMS.get(record.id, ())}
        return cls(
            {key: frozenset(ids) for key, ids in latin.items()},
            {key: frozenset(ids) for key, ids in chinese.items()},
            {key: frozenset(value) for key, value in forms.items()},
            max((len(key.split()) for key in latin), default=1),
        )

    def stands_in(self, record_ids: Iterable[str], backing: Backing) -> bool:
        return any(backing.holds(form) for rid in record_ids for form in self.forms.get(rid, ()))


@dataclass(frozen=True)
class Name:
    """A name a text states, as written, and the records it may name."""

    shown: str
    records: frozenset[str]


def _joined(text: str, first: re.Match, second: re.Match) -> bool:
    """Whether two words are one name's: apart by a space, a dash or a possessive only."""
    return bool(re.fullmatch(r"(?:'s|’s)?[\s–—-]*", text[first.end() : second.start()]))


def names_en(text: str, gazetteer: Gazetteer) -> list[Name]:
    """The records an English text names with capitalised words, longest name first."""
    words = [word for word in _LATIN_WORD.finditer(text) if text[word.end() : word.end() + 1]
             != "$"]  # fmt: skip
    joined = [_joined(text, first, second) for first, second in pairwise(words)] + [False]
    starts = {match.end() for match in _SENTENCE_START.finditer(text)}
    found: list[Name] = []
    index = 0
    while index < len(words):
        word = words[index]
        if not word.group(0)[0].isupper():
            index += 1
            continue
        reach = 1  # the words from here that stand together, as one name's would
        while reach < gazetteer.longest and joined[index + reach - 1]:
            reach += 1
        for length in range(reach, 0, -1):
            last = words[index + length - 1]
            if not last.group(0)[0].isupper():
                continue
            shown = text[word.start() : last.end()]
            ids = gazetteer.latin.get(_key(shown))
            # a generic term is no name, nor a common word opening a sentence
            if ids and not (length == 1 and _generic(shown, word.start() in starts)):
                found.append(Name(shown, ids))
                index += length
                break
        else:
            index += 1
    return found


# Capitalised words that are also record names but open sentences as ordinary words.
_COMMON = {"it", "the", "this", "these", "its", "in", "a", "an"}


def _generic(word: str, opens_sentence: bool) -> bool:
    return _key(word) in GENERIC or (opens_sentence and word.lower() in _COMMON)


def names_zh(text: str, gazetteer: Gazetteer) -> list[Name]:
    """The records a Chinese text names, longest name first, left to right."""
    folded = _folded(text)
    found: list[Name] = []
    index = 0
    while index < len(folded):
        for length in range(min(16, len(folded) - index), 1, -1):
            ids = gazetteer.chinese.get(folded[index : index + length])
            if ids:
                aligned = len(folded) == len(text)  # folding kept each character's place
                shown = (text if aligned else folded)[index : index + length]
                found.append(Name(shown, ids))
                index += length
                break
        else:
            index += 1
    return found


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
    for raw, record in pairs:
        _check_record(raw, record, records, related, gazetteer, problems)


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
