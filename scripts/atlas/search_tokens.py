"""The search's tokens, cut in Python exactly as the browser cuts them (assets/search-worker.js).

The index is built here, at build time; the browser cuts only the reader's query. Both
sides must make the same tokens from the same folded text, so this module is a line-by-line
port of the worker's `tokensWithPlaces`, and tests/test_search.py holds the two against each
other on every text of every language's index, in Chromium, as tests/test_fold.py does for
the fold.

- Chinese runs become overlapping bigrams (Lucene's CJK analyzer), broken at function words
  (的了和与及或) so that 硅谷的创新 and 硅谷创新 share 硅谷 and 创新; a run of one character is
  one token.
- The index (`across=True`) also holds the bigram that spans a connector inside a Chinese
  name — hyphen, dash, middle dot, space — so that 巴黎-萨克雷 is found as 巴黎萨克雷.
- Latin-script words are lower-cased, lose a possessive 's and a plural -s (a light stem),
  and a few English stopwords are dropped.
"""

from __future__ import annotations

import re
import unicodedata

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# JavaScript's [\p{L}\p{N}] is Python's [^\W_] (str.isalnum); JavaScript's \s, spelled out.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
TOKEN = re.compile(f"[{CJK_RANGES}]+|[^\\W_]+(?:[.'\u2019][^\\W_]+)*")
CJK = re.compile(f"[{CJK_RANGES}]")
FUNCTION_WORDS = "的了和与及或"
CJK_BREAK = re.compile(f"[{FUNCTION_WORDS}]")
CONNECTOR = re.compile(f"^[{JS_SPACE}\\-\u2010-\u2015\u00b7\u30fb\u2027\u2022]+$")
POSSESSIVE = re.compile("['\u2019]s$")
PLAIN_WORD = re.compile("^[a-z]+$")
JS_SPACE_SET = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(map(chr, range(0x2000, 0x200B)))
)
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "it", "of", "on"}
    | {"or", "the", "to", "with", "what", "which", "how"}
)


def stem(word: str) -> str:
    if len(word) <= 4 or not PLAIN_WORD.match(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1] if word.endswith("s") else word


def tokens(folded: str, across: bool = False) -> list[str]:
    """The tokens of already folded text, in order; with `across`, as the index holds them."""
    text = folded.lower()
    found: list[str] = []
    previous: int | None = None
    for match in TOKEN.finditer(text):
        run, start = match.group(), match.start()
        if not CJK.match(run[0]):
            previous = None
            run = POSSESSIVE.sub("", run)
            if run not in STOPWORDS:
                found.append(stem(run))
            continue
        if across and previous is not None and CONNECTOR.match(text[previous:start]):
            pair = text[previous - 1] + run[0]
            if not CJK_BREAK.search(pair):
                found.append(pair)
        previous = start + len(run)
        for piece in CJK_BREAK.split(run):
            if len(piece) == 1:
                found.append(piece)
            found.extend(piece[j : j + 2] for j in range(len(piece) - 1))
    return found


def name_key(folded: str) -> str:
    """A name as the browser looks it up: lower-case, without the characters JavaScript's
    [\\s\\p{P}\\p{S}] matches (white space, punctuation, symbols)."""
    return "".join(
        character
        for character in folded.lower()
        if character not in JS_SPACE_SET and unicodedata.category(character)[0] not in "PS"
    )
