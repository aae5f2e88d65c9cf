"""Stage 4, convert: Chinese is written once, in zh-Hant; zh-Hans is generated here.

OpenCC's hk2s configuration converts the characters (Hong Kong variants included); the
project's phrase table (phrases.yml) adds the regional vocabulary (資訊→信息, 矽谷→硅谷,
三藩市→旧金山), word by word and tested. The term table (terms.yml) holds the words that
mean the same on both sides of the boundary but are written differently (數碼經濟 / 數字經濟):
zh-Hant pages show the Hong Kong term, zh-Hans pages the mainland one, in our own text only
— never inside 「quotation marks」 or 《titles》. Quotes are evidence and never pass through here.

Text shown in another script than its page's carries a `lang` attribute; `written_script`
says which a string is in, and `script_runs` cuts a page's text into runs that need one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc
from opencc import OpenCC

from atlas.model import Text
from atlas.paths import DOCS
from atlas.record_file import read_own_yaml

PHRASES_FILE = Path(__file__).with_name("phrases.yml")
TERMS_FILE = Path(__file__).with_name("terms.yml")


@dataclass(frozen=True)
class Language:
    """One language version of the site."""

    code: str  # URL segment
    html: str  # BCP 47 tag for <html lang>, picks glyph shapes
    name: str  # as shown in the language switcher
    theme: str  # Material's theme.language
    search: str  # Material's search language


LANGUAGES = (
    Language("en", "en", "English", "en", "en"),
    Language("zh-hant", "zh-Hant", "繁體中文", "zh-Hant", "zh"),
    Language("zh-hans", "zh-Hans", "简体中文", "zh-Hans", "zh"),
)


@dataclass(frozen=True)
class Term:
    """One word, written the Hong Kong way and the mainland way (both in Traditional
    characters), and other spellings of it (Taiwan's, a second mainland one)."""

    hk: str
    mainland: str
    also: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.hk, self.mainland, *self.also)


@dataclass(frozen=True)
class Terms:
    """The term table: the terms, and fixed phrases that contain one but never change."""

    terms: tuple[Term, ...]
    keep: tuple[str, ...]


def load_phrases(path: Path = PHRASES_FILE) -> dict[str, str]:
    return read_own_yaml(path) or {}


def load_terms(path: Path = TERMS_FILE) -> Terms:
    data = read_own_yaml(path) or {}
    terms = tuple(
        Term(entry["hk"], entry["mainland"], tuple(entry.get("also", ())))
        for entry in data.get("terms", [])
    )
    return Terms(terms, tuple(data.get("keep", [])))


PHRASES = load_phrases()
TERMS = load_terms()
_OPENCC = OpenCC("hk2s")


def _pattern(keys: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(keys), key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in ordered) or "(?!)")


def _replace(
    text: str, pattern: re.Pattern[str], table: dict[str, str], rest: Callable[[str], str]
) -> str:
    """`text` with every match of `pattern` replaced by its value; `rest` turns the rest."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(rest(text[last : match.start()]))
        out.append(table[match.group(0)])
        last = match.end()
    out.append(rest(text[last:]))
    return "".join(out)


# Quoted words and titles in our prose: 「…」 (one level of 「」 inside allowed), 『…』, 《…》.
# They are the words of others (a source's term, a title as printed): terms never change there.
QUOTED = re.compile(r"「(?:[^「」]|「[^「」]*」)*」|『[^『』]*』|《[^《》]*》")


def _outside_quotes(text: str, outside: Callable[[str], str], inside: Callable[[str], str]) -> str:
    out, last = [], 0
    for match in QUOTED.finditer(text):
        out.append(outside(text[last : match.start()]))
        out.append(inside(match.group(0)))
        last = match.end()
    out.append(outside(text[last:]))
    return "".join(out)


_PHRASE_PATTERN = _pattern(PHRASES)


@cache
def _characters(text: str) -> str:
    """OpenCC and the phrase table, the whole text alike (quotes of ours included)."""
    return _replace(text, _PHRASE_PATTERN, PHRASES, _OPENCC.convert)


def _term_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(spelling → Hong Kong term, spelling → mainland term in Simplified); a fixed phrase
    maps to itself, so that the longest match keeps it whole."""
    hong_kong = {
        spelling: term.hk
        for term in TERMS.terms
        for spelling in (term.mainland, *term.also)
        if spelling != term.hk
    }
    mainland = {
        spelling: _characters(term.mainland) for term in TERMS.terms for spelling in term.spellings
    }
    hong_kong |= {phrase: phrase for phrase in TERMS.keep}
    mainland |= {phrase: _characters(phrase) for phrase in TERMS.keep}
    return hong_kong, mainland


TO_HONG_KONG, TO_MAINLAND = _term_tables()
_HONG_KONG_PATTERN = _pattern(TO_HONG_KONG)
# Outside quotes, terms and phrases are one table (a term wins over a phrase of the same key;
# the longest match wins, so a fixed phrase stays whole).
_MAINLAND_TABLE = PHRASES | TO_MAINLAND
_MAINLAND_PATTERN = _pattern(_MAINLAND_TABLE)


def _keep(text: str) -> str:
    return text


@cache
def to_hong_kong(text: str) -> str:
    """zh-Hant as written → zh-Hant in Hong Kong usage: mainland and Taiwan terms of the term
    table become Hong Kong's (數字經濟→數碼經濟), outside quotation marks and titles."""
    return _outside_quotes(
        text, lambda part: _replace(part, _HONG_KONG_PATTERN, TO_HONG_KONG, _keep), _keep
    )


@cache
def to_simplified(text: str) -> str:
    """zh-Hant (Hong Kong usage) → zh-Hans (mainland usage)."""
    return _outside_quotes(
        text,
        lambda part: _replace(part, _MAINLAND_PATTERN, _MAINLAND_TABLE, _OPENCC.convert),
        _characters,
    )


def chinese(text: str, language: str) -> str:
    """A zh-Hant string as a page in `language` shows it: Simplified on zh-Hans pages,
    zh-Hant in Hong Kong usage elsewhere (English pages show Traditional)."""
    return to_simplified(text) if language == "zh-hans" else to_hong_kong(text)


def label(entry: dict[str, str], language: str, stem: str = "") -> str:
    """A vocabulary entry ({en, zh} or {<stem>en, <stem>zh}) in `language`."""
    if language == "en":
        return entry[f"{stem}en"]
    return chinese(entry[f"{stem}zh"], language)


def localise(text: Text, language: str) -> str:
    """The version of a two-language text that a page in `language` shows."""
    return text.en if language == "en" else chinese(text.zh, language)


# -- scripts ------------------------------------------------------------------------------------
# Han characters, CJK punctuation and full-width forms: what a run of Chinese text is made of.
_HAN = "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
_HAN_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_CHINESE_RUN = re.compile(
    rf"[{_HAN}\uff01-\uff5e\U00020000-\U0003ffff]*{_HAN_CHARACTER.pattern}"
    rf"[{_HAN}\uff01-\uff5e\U00020000-\U0003ffff]*"
)


def is_traditional(text: str) -> bool:
    """Whether OpenCC (the converter the zh-Hans pages use) would change the text."""
    return _OPENCC.convert(text) != text


def written_script(text: str) -> str:
    """The BCP 47 tag of a string as written: "en" without Han characters; "zh-Hant" when
    OpenCC would change it (it has a Traditional character); "zh-Hans" otherwise."""
    if not _HAN_CHARACTER.search(text):
        return "en"
    return "zh-Hant" if is_traditional(text) else "zh-Hans"


@cache
def simplified_only() -> frozenset[str]:
    """Characters only Simplified text uses (发, 着, 区): OpenCC's Simplified→Traditional
    table never gives them back, not even through its Hong Kong or Taiwan variants
    (so 群, 峰 and 台, which Hong Kong writes, are not among them)."""
    folder = Path(opencc.__file__).with_name("dictionary")

    def read(name: str) -> dict[str, list[str]]:
        table = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key and values:
                table[key] = values.split(" ")
        return table

    variants = {key: values[0] for key, values in read("TWVariants.txt").items()}
    variants |= {key: values[0] for key, values in read("HKVariants.txt").items()}
    only = set()
    for character, candidates in read("STCharacters.txt").items():
        forms = set(candidates) | {variants.get(candidate, candidate) for candidate in candidates}
        if character not in forms:
            only.add(character)
    return frozenset(only)


def has_simplified(text: str) -> bool:
    """Whether the text has a character that only Simplified text uses."""
    only = simplified_only()
    return any(character in only for character in text)


@cache
def script_runs(text: str, language: str) -> tuple[tuple[str, str], ...]:
    """The text cut into (run, lang) pieces: lang is "" for a run in the page's own script,
    else the BCP 47 tag the run needs. English pages: every run of Chinese, Traditional or
    Simplified by `written_script`. zh-Hant pages: Simplified words (a source's, quoted in a
    note): a whole 「quotation」 that holds one, else the Han characters around them up to
    the nearest Traditional one. zh-Hans pages: nothing (the text has been converted)."""
    if language == "en":
        spans = [
            (match.start(), match.end(), written_script(match.group(0)))
            for match in _CHINESE_RUN.finditer(text)
        ]
    elif language == "zh-hant":
        spans = [span for match in _SIMPLIFIED_PIECE.finditer(text) if (span := _simplified(match))]
    else:
        spans = []
    pieces: list[tuple[str, str]] = []
    last = 0
    for start, end, lang in spans:
        if start > last:
            pieces.append((text[last:start], ""))
        pieces.append((text[start:end], lang))
        last = end
    if last < len(text):
        pieces.append((text[last:], ""))
    return tuple(pieces)


# On zh-Hant pages: the inside of a quotation, else a run of Han characters.
_SIMPLIFIED_PIECE = re.compile(
    r"(?<=「)(?P<quote>(?:[^「」]|「[^「」]*」)*)(?=」)|(?<=『)(?P<inner>[^『』]*)(?=』)"
    rf"|{_HAN_CHARACTER.pattern}+"
)


def _simplified(match: re.Match[str]) -> tuple[int, int, str] | None:
    """The span of a zh-Hant page's text that is Simplified, in one piece of `_SIMPLIFIED_PIECE`."""
    piece = match.group(0)
    if not has_simplified(piece):
        return None
    if match.group("quote") is not None or match.group("inner") is not None:
        return match.start(), match.end(), "zh-Hans"
    marks = [index for index, character in enumerate(piece) if has_simplified(character)]
    first, last = marks[0], marks[-1]
    while first > 0 and not is_traditional(piece[first - 1]):
        first -= 1
    while last + 1 < len(piece) and not is_traditional(piece[last + 1]):
        last += 1
    return match.start() + first, match.start() + last + 1, "zh-Hans"


# -- hand-written pages -------------------------------------------------------------------------
def handwritten_folder(language: Language, source: Path = DOCS) -> Path:
    """Where a language's hand-written pages are: zh-Hans is converted from docs/zh-hant/."""
    return source / ("zh-hant" if language.code == "zh-hans" else language.code)


# An element of a hand-written page that names its language holds words as written (a
# spelling shown as an example): it is never converted.
_MARKED = re.compile(r"<(?P<tag>[a-z]+)\b[^>]*\slang=\"[^\"]+\"[^>]*>.*?</(?P=tag)>", re.S)


def handwritten_text(language: Language, page: Path) -> str:
    """A hand-written page's text in the script of `language`."""
    text = page.read_text(encoding="utf-8")
    if language.code == "en":
        return text
    out, last = [], 0
    for match in _MARKED.finditer(text):
        out.append(chinese(text[last : match.start()], language.code))
        out.append(match.group(0))
        last = match.end()
    out.append(chinese(text[last:], language.code))
    return "".join(out)


def write_handwritten_pages(language: Language, docs: Path, source: Path = DOCS) -> None:
    """Copy the language's hand-written pages into `docs`, converted where needed."""
    folder = handwritten_folder(language, source)
    for page in sorted(folder.rglob("*.md")):
        target = docs / page.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(handwritten_text(language, page), "utf-8")
