"""Names in a text, for the claim check (atlas.claim_figures): the places, bodies, plans
and texts the atlas has records of, in English and Chinese across scripts; and Backing, what
some quotes hold (values, amounts, words)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise

from atlas.claim_numbers import (
    _CURRENCY_BACKED_BY,
    _WIDTH,
    Figure,
    quote_amounts,
    quote_values,
)
from atlas.fold import fold as fold_script
from atlas.model import (
    Blueprint,
    Hub,
    Organisation,
    Policy,
    Record,
    Source,
)

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


# --- names ---------------------------------------------------------------------------------

_LATIN_WORD = re.compile(r"[^\W\d_](?:[\w&+.'’]*[\w+])?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_START = re.compile(r"^|[.;:!?]\s+|\s[-–—]\s+|[\"“‘(]")


def _folded(text: str) -> str:
    return fold_script(text.translate(_WIDTH)).casefold()


_DASH = re.compile(r"[–—-]")
_POSSESSIVE = re.compile(r"'s\b")
_KEY_WORD = re.compile(r"[a-z0-9&+_.']+")


def _key(name: str) -> str:
    """A Latin name as the check compares it: case, dashes and possessives aside."""
    name = _DASH.sub(" ", name.replace("’", "'")).casefold()
    name = _POSSESSIVE.sub("", name)
    return " ".join(_KEY_WORD.findall(name)).strip(". ")


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
    # first character → the lengths of the Chinese names that start with it, longest first
    # (names_zh tries only these: a text's every place, against every length up to 16, was
    # most of the check's time)
    chinese_lengths: dict[str, tuple[int, ...]]

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
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in chinese:
            lengths[name[0]].add(len(name))
        return cls(
            {key: frozenset(ids) for key, ids in latin.items()},
            {key: frozenset(ids) for key, ids in chinese.items()},
            {key: frozenset(value) for key, value in forms.items()},
            max((len(key.split()) for key in latin), default=1),
            {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()},
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
    written = text if len(folded) == len(text) else folded  # folding kept each place
    found: list[Name] = []
    index = 0
    while index < len(folded):
        longest = min(16, len(folded) - index)
        for length in gazetteer.chinese_lengths.get(folded[index], ()):
            if length > longest:
                continue
            ids = gazetteer.chinese.get(folded[index : index + length])
            if ids:
                shown = written[index : index + length]
                found.append(Name(shown, ids))
                index += length
                break
        else:
            index += 1
    return found


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
