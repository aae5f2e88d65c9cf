"""The search index as the browser loads it: built once here, split into shards, fetched by
the query's terms (as Pagefind does), so that a page never builds an index and a reader
downloads only the part of it a query needs.

One language's index is a folder:

    search/atlas-index.json        the entry point, small and not fingerprinted: the fold
                                   table, the glossary, the kinds, and how the rest is cut
    search/<hash>/t<i>.json        by bucket, [terms, names]: a term → its postings
                                   (documents, frequencies), one string per field (below);
                                   a name key → the documents that bear that name
    search/<hash>/lengths.json     each document's field lengths, for the scores
    search/<hash>/cards.json       each document as a result lists it: [link, title, kind]
    search/<hash>/d<i>.json        each document's snippets, [anchor, text], for a result's
                                   snippet (the one that matches best)
    search/<hash>/g<i>.json        glossary entry i's tokens, [postings, near] (search_lookups)
    search/<hash>/names.json       a Bloom filter of the name keys (search_lookups)

`<hash>` is the content's fingerprint: the files below it never change, so a browser may
keep them across page loads and visits (README, "Deploying", has the cache header).

A term's bucket is a hash of its first two characters, so every term that a prefix of two
characters or more can reach ("bost" → boston), and every term within one edit of it that
keeps those two characters, is in the one file the query's term names. Name keys share the
terms' files, by the same hash: a name the query may hold starts as one of its terms does
(三藩市 with the term 三藩, siliconvalley with silicon), so looking names up seldom costs a
request of its own. In the browser each request costs some milliseconds, whatever its size.

A term's postings in a field are a list of numbers (term_postings) written as one string,
in the base-64 variable-length quantities of source maps (VLQ: five bits a character, the
sign in the lowest bit): a gap of one document is one character instead of the two of
JSON's "1,", and the browser's JSON.parse copies a string instead of building an array, so
that a query decodes only the postings of its own terms, not those of every term its files
hold. At 100× our data a cold query's term files were 100 KB–1.8 MB of JSON whose transfer
and parse were most of its time (docs/benchmark.md, 2026-12-03).

The browser scores as MiniSearch 7.2 did when it built the index in the page, which the
atlas's ranking was tuned on: BM25+ (k 1.2, b 0.7, d 0.5), a field's length its number of
distinct terms, the inverse document frequency over the documents holding the term in that
field; field boosts, the term's weight, prefix and fuzzy weights, and sums as MiniSearch's.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from pathlib import Path

from atlas.fold import fold
from atlas.search_lookups import fnv1a, glossary_files, name_filter
from atlas.search_tokens import name_key, tokens

FIELDS = ("n", "r", "b")  # names, the names of linked records and of the kind, the text
K, B, D = 1.2, 0.7, 0.5
TERM_SHARD_BYTES = 40_000  # raw JSON a term file aims at; gzip makes it a third or less
FINGERPRINT_LENGTH = 16  # hex digits naming the folder of a build's shards
# The address of a shard: its folder never changes, so a host may let browsers keep it.
FINGERPRINTED = re.compile(rf"/search/[0-9a-f]{{{FINGERPRINT_LENGTH}}}/")
# A result list of ten fetches a few files of snippets, not one each: every request costs
# the browser some milliseconds, and documents compress better together. The list itself
# (links, titles, kinds: cards.json, fetched when the worker opens) is shown before them.
DOCUMENTS_PER_FILE = 8


def bucket(key: str, count: int) -> int:
    """The file of a term or name key: FNV-1a over the code points of its first two
    characters (assets/search-worker.js computes the same)."""
    return fnv1a(key[:2]) % count


def searched_fields(documents: list[dict], kinds: list[list[str]]) -> list[tuple[str, ...]]:
    """Each document's three searched texts, folded, as the index holds them."""
    fields = []
    for document in documents:
        names = " \n ".join(fold(name) for name in document["n"])
        related = list(kinds[document["k"]]) if document["k"] >= 0 else []
        for other in document["l"]:
            related += documents[other]["n"][:2]
        body = [text for _, text in document["s"]] + list(document["x"])
        fields.append((names, fold(" \n ".join(related)), fold(" \n ".join(body))))
    return fields


def term_postings(
    fields: list[tuple[str, ...]],
) -> tuple[dict[str, list[list[int]]], list[list[int]]]:
    """term → for each field, its postings: the gaps between the documents that hold the
    term, rising, each gap preceded by -frequency where the term is there more than once;
    and for each field, each document's length (its number of distinct terms)."""
    frequencies: list[dict[str, dict[int, int]]] = [defaultdict(dict) for _ in FIELDS]
    lengths: list[list[int]] = [[] for _ in FIELDS]
    for number, texts in enumerate(fields):
        for field, text in enumerate(texts):
            found = tokens(text, across=True)
            lengths[field].append(len(set(found)))
            for term in found:
                per_document = frequencies[field][term]
                per_document[number] = per_document.get(number, 0) + 1
    postings: dict[str, list[list[int]]] = defaultdict(lambda: [[] for _ in FIELDS])
    for field in range(len(FIELDS)):
        for term, per_document in frequencies[field].items():
            flat, last = postings[term][field], 0
            for number, frequency in sorted(per_document.items()):
                flat += [number - last] if frequency == 1 else [-frequency, number - last]
                last = number
    return dict(sorted(postings.items())), lengths


VLQ_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def vlq(number: int) -> str:
    """One number as a base-64 VLQ: sign in bit 0, then five bits a digit, lowest first,
    bit 5 set on every digit but the last (assets/search-worker.js decodes it)."""
    value = (-number << 1) | 1 if number < 0 else number << 1
    digits = []
    while True:
        digit, value = value & 31, value >> 5
        digits.append(VLQ_DIGITS[digit | 32] if value else VLQ_DIGITS[digit])
        if not value:
            return "".join(digits)


_SMALL = [vlq(number) for number in range(-64, 1024)]  # most gaps and frequencies


def encoded(numbers: list[int]) -> str:
    """A list of postings as one VLQ string."""
    small = _SMALL
    return "".join(small[n + 64] if -64 <= n < 1024 else vlq(n) for n in numbers)


def name_keys(documents: list[dict]) -> dict[str, list[int]]:
    """name key → the documents that bear that name or alias, in document order."""
    keys: dict[str, list[int]] = defaultdict(list)
    for number, document in enumerate(documents):
        for name in document["n"]:
            key = name_key(fold(name))
            if key and number not in keys[key]:
                keys[key].append(number)
    return dict(sorted(keys.items()))


def _split(terms: dict[str, object], names: dict[str, list[int]], target: int) -> list[str]:
    """Terms and name keys as JSON, [terms, names], in as many files as `target` bytes call
    for, each entry in its key's bucket (each value serialised once: its size decides the
    count)."""
    dumped = [{key: _dump(value) for key, value in part.items()} for part in (terms, names)]
    size = sum(len(key) + len(text) for part in dumped for key, text in part.items())
    count = max(1, math.ceil(size / target))
    files: list[tuple[list[str], list[str]]] = [([], []) for _ in range(count)]
    for which, part in enumerate(dumped):
        for key, text in part.items():
            files[bucket(key, count)][which].append(f"{_dump(key)}:{text}")
    return ["[{" + ",".join(held) + "},{" + ",".join(named) + "}]" for held, named in files]


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_shards(
    folder: Path, documents: list[dict], fields: list[tuple[str, ...]], entry: dict[str, object]
) -> None:
    """Write the index of one language into `folder` (its search/). `fields` are the
    documents' searched texts (searched_fields); `entry` holds what every query needs."""
    postings, lengths = term_postings(fields)
    written_postings = {
        term: [encoded(field) for field in lists] for term, lists in postings.items()
    }
    names = name_keys(documents)
    terms = _split(written_postings, names, TERM_SHARD_BYTES)
    snippets = [doc["s"] for doc in documents]
    pages = [
        snippets[i : i + DOCUMENTS_PER_FILE] for i in range(0, len(snippets), DOCUMENTS_PER_FILE)
    ]
    parts = {f"t{i}.json": part for i, part in enumerate(terms)}
    parts |= {f"d{i}.json": _dump(part) for i, part in enumerate(pages)}
    parts["lengths.json"] = _dump(lengths)
    parts["cards.json"] = _dump([[doc["u"], doc["t"], doc["k"]] for doc in documents])
    glossary = glossary_files(list(entry.get("glossary", [])), written_postings)
    parts |= {f"g{i}.json": _dump(list(part)) for i, part in enumerate(glossary)}
    parts["names.json"] = _dump(name_filter(names))
    fingerprint = hashlib.sha256()
    for name, text in parts.items():
        fingerprint.update(f"{name}\0{text}\0".encode())
    shards = fingerprint.hexdigest()[:FINGERPRINT_LENGTH]
    entry = {
        **entry,
        "shards": shards,
        "terms": len(terms),
        "perFile": DOCUMENTS_PER_FILE,
        "documents": len(documents),
        "bm25": {"k": K, "b": B, "d": D},
    }
    written = {"atlas-index.json": _dump(entry)}
    written |= {f"{shards}/{name}": text for name, text in parts.items()}
    (folder / shards).mkdir(parents=True, exist_ok=True)
    for path, text in written.items():
        (folder / path).write_text(text, encoding="utf-8")
