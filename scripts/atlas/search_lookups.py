"""Two files that spare a query requests (search_shards.py): in the browser each request
costs some milliseconds whatever its size, so a cold query's time is its number of files
(docs/benchmark.md, 2026-12-03).

- **A glossary entry's file** (`g<i>.json`): the postings of every token of every term of
  glossary entry i, and of the index's terms one edit from them (the worker's fuzzy
  matches). A query that holds a glossary term asks for this one file instead of one term
  file for each token the glossary widens it to: 創科創投基金 asked for 16 files at 100× our
  data, of which 13 for the tokens of I&T and VC in every script.
  The postings are the term files' own strings, so a query scores alike from either file.
- **The name filter** (`names.json`): a Bloom filter over every name key of the index. The
  worker looks a query's candidate names up (three characters or more inside a Chinese
  word, runs of words) only where the filter may hold them; the rest cost no request. A
  Bloom filter never misses a key it holds; at ten bits a key, about one candidate in a
  hundred that is no name still costs its request.

The worker (assets/search-worker.js) computes the same hashes: FNV-1a over the code
points, then MurmurHash3's finaliser for the second hash of double hashing.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from atlas.search_tokens import CJK, tokens

MASK = 0xFFFFFFFF
FILTER_BITS_PER_KEY = 10
FILTER_HASHES = 7
# JavaScript's `term.length` counts UTF-16 code units; the worker's fuzzy rule uses it
FUZZY_LENGTH = 6


def fnv1a(text: str) -> int:
    """FNV-1a, 32 bits, over the code points of `text`."""
    value = 0x811C9DC5
    for character in text:
        value = ((value ^ ord(character)) * 0x01000193) & MASK
    return value


def second_hash(first: int) -> int:
    """MurmurHash3's 32-bit finaliser of the first hash, made odd."""
    value = first ^ (first >> 16)
    value = (value * 0x85EBCA6B) & MASK
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & MASK
    value ^= value >> 16
    return value | 1


def filter_positions(key: str, size: int) -> list[int]:
    first = fnv1a(key)
    second = second_hash(first)
    return [((first + i * second) & MASK) % size for i in range(FILTER_HASHES)]


def name_filter(keys: Iterable[str]) -> dict[str, object]:
    """A Bloom filter over `keys`: its size in bits, its number of hashes, its bits in
    base 64 (bit p is bit p % 8 of byte p // 8)."""
    keys = list(keys)
    size = max(64, -(-len(keys) * FILTER_BITS_PER_KEY // 8) * 8)
    bits = bytearray(size // 8)
    for key in keys:
        for position in filter_positions(key, size):
            bits[position >> 3] |= 1 << (position & 7)
    return {"size": size, "hashes": FILTER_HASHES, "bits": base64.b64encode(bits).decode()}


def may_hold(filter_: dict[str, object], key: str) -> bool:
    bits = base64.b64decode(str(filter_["bits"]))
    size = int(filter_["size"])
    return all(bits[p >> 3] & (1 << (p & 7)) for p in filter_positions(key, size))


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def within_one_edit(a: str, b: str) -> bool:
    """The worker's levenshteinAtMostOne, over UTF-16 code units as JavaScript compares."""
    x, y = _utf16(a), _utf16(b)
    x_units = [x[i : i + 2] for i in range(0, len(x), 2)]
    y_units = [y[i : i + 2] for i in range(0, len(y), 2)]
    if abs(len(x_units) - len(y_units)) > 1 or x_units == y_units:
        return x_units == y_units
    i = 0
    while i < len(x_units) and i < len(y_units) and x_units[i] == y_units[i]:
        i += 1
    if len(x_units) == len(y_units):
        return x_units[i + 1 :] == y_units[i + 1 :]
    if len(x_units) > len(y_units):
        return x_units[i + 1 :] == y_units[i:]
    return x_units[i:] == y_units[i + 1 :]


def fuzzy(term: str) -> bool:
    """Whether the worker widens a term to the terms one edit from it."""
    return not CJK.search(term) and len(_utf16(term)) // 2 >= FUZZY_LENGTH


def near_terms(term: str, sorted_terms: list[str]) -> list[str]:
    """The index's terms one edit from `term` that keep its first two characters, in the
    order the worker meets them (its term file's keys, sorted as JavaScript sorts)."""
    start = term[:2]
    return [
        other
        for other in sorted_terms
        if other.startswith(start) and other != term and within_one_edit(term, other)
    ]


def glossary_files(
    glossary: list[list[str]], written: dict[str, list[str]]
) -> list[tuple[dict[str, list[str]], dict[str, list[str]]]]:
    """For each glossary entry (folded, as the worker matches it), [postings, near]: the
    written postings (`written`: term → one VLQ string per field) of its tokens and of
    their fuzzy matches, and each fuzzy token's matches."""
    by_start: dict[str, list[str]] = {}
    for term in sorted(written, key=_utf16):
        by_start.setdefault(term[:2], []).append(term)
    files = []
    for entry in glossary:
        held: dict[str, list[str]] = {}
        near: dict[str, list[str]] = {}
        for token in dict.fromkeys(token for term in entry for token in tokens(term)):
            if token in written:
                held[token] = written[token]
            if fuzzy(token):
                matches = near_terms(token, by_start.get(token[:2], []))
                near[token] = matches
                held |= {match: written[match] for match in matches}
        files.append((dict(sorted(held.items())), near))
    return files
