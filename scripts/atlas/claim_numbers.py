"""Figures in a text, for the claim check (atlas.claim_figures): numbers, amounts,
percentages, fractions and dates read from English and Chinese, compared by value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

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
