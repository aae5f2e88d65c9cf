"""Script folding for search: one table, used alike by the index (here) and the query (JS).

A reader may type 矽谷 or 硅谷, 三藩市 or 舊金山 or 旧金山, 中試 or 中试, ＡＩ or AI. Search
folds both the indexed text and the query to one form — mainland Simplified — with the
same table and the same rule (longest key first, left to right), so the two sides cannot
disagree. The table is built from OpenCC's own dictionaries (characters, Hong Kong variants,
phrases), the project's phrase table (phrases.yml: 三藩市→旧金山, 矽→硅 …), the
regional words of Hong Kong usage, and the term table (terms.yml): every spelling of a term
(數碼經濟, 數字經濟, 信息技術 …) folds to its mainland form, so either side's word finds the
same text. OpenCC's Taiwan tables are left out: TWPhrasesRev
rewrites 資訊科技 as 信息技术 and 簡報 as 演示文稿, so a reader who copies 信息科技 from
our zh-Hans page would no longer find the zh-Hant text; TWVariantsRev folds 著 into 着,
which breaks 显著 in Simplified text.
Every phrase is also entered under its character-by-character Simplified spelling, so
that a phrase and its Simplified spelling fold alike. Full-width Latin letters and digits
fold to ASCII.

Case is not folded here: the tokenizer in the browser lowercases both sides.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc

from atlas.convert import PHRASES, TERMS

DICTIONARIES = Path(opencc.__file__).with_name("dictionary")
CHARACTER_FILES = ("TSCharacters.txt",)
VARIANT_FILES = ("HKVariantsRev.txt",)
PHRASE_FILES = (
    "TSPhrases.txt",
    "HKVariantsRevPhrases.txt",
)
# U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; U+3000 is the ideographic space.
WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def _read(name: str) -> dict[str, str]:
    """key → first candidate, from one OpenCC dictionary file (key TAB values)."""
    table: dict[str, str] = {}
    for line in (DICTIONARIES / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split(" ")[0]
    return table


def _longest_match(text: str, table: dict[str, str], longest: dict[str, int]) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        for length in range(min(longest.get(text[index], 0), len(text) - index), 0, -1):
            value = table.get(text[index : index + length])
            if value is not None:
                out.append(value)
                index += length
                break
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def _longest_by_first_char(table: dict[str, str]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in table:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


@cache
def fold_table() -> dict[str, str]:
    """The folding table: Traditional, variant and regional spellings → mainland Simplified."""
    characters = {}
    for name in CHARACTER_FILES:
        characters |= _read(name)
    for name in VARIANT_FILES:  # variant → standard Traditional → Simplified
        characters |= {key: characters.get(value, value) for key, value in _read(name).items()}
    # A character that is itself Simplified output is left alone: folding it would break
    # the Simplified text it occurs in. Phrases still fold it in context.
    simplified = set(_read("TSCharacters.txt").values())
    characters = {
        key: value for key, value in characters.items() if len(key) == 1 and key not in simplified
    }
    characters |= {key: value for key, value in WIDTH.items()}
    character_longest = _longest_by_first_char(characters)

    def by_character(text: str) -> str:
        return _longest_match(text, characters, character_longest)

    phrases: dict[str, str] = {}
    for name in PHRASE_FILES:
        phrases |= _read(name)
    phrases |= PHRASES
    phrases |= {spelling: term.mainland for term in TERMS.terms for spelling in term.spellings}
    table = dict(characters)
    for key, value in phrases.items():
        folded = by_character(value)
        table[key] = folded
        table.setdefault(by_character(key), folded)
    # Drop entries that change nothing: they only cost bytes in the browser.
    return {key: value for key, value in table.items() if key != value}


@cache
def _fold_longest() -> dict[str, int]:
    return _longest_by_first_char(fold_table())


@cache
def fold(text: str) -> str:
    """Text in the one form that search compares: Simplified, mainland words, ASCII width."""
    return _longest_match(text, fold_table(), _fold_longest())


def table_for(texts: set[str]) -> dict[str, str]:
    """The part of the table a browser needs: entries whose result can occur in `texts`.

    A query folds to something findable only if its folded form occurs in the index, so
    an entry whose output has a character the index never contains cannot change a result.
    """
    present = {character for text in texts for character in text}
    return {
        key: value
        for key, value in sorted(fold_table().items())
        if all(character in present for character in value)
    }
