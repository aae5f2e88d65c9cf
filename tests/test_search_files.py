"""What the search asks the server for (issue 11: a cold query's time is its number of
files): the entry point and a few shards, in a worker, kept across pages; a query's own
words' term files, one file per glossary entry it names, and the files of the names it may
hold that the name filter admits (atlas/search_lookups.py), then documents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from atlas.fold import fold
from atlas.search_lookups import may_hold, near_terms
from atlas.search_shards import FINGERPRINTED, bucket
from atlas.search_tokens import CJK, name_key, tokens
from atlas.serve import QuietHandler
from conftest import DESKTOP

LANGUAGES = ("en", "zh-hant", "zh-hans")
WORD_BREAK = re.compile(r"[\s\W_的了和与及或]+")


class RecordingHandler(QuietHandler):
    """Serves the site and notes every path asked for."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        RecordingHandler.asked.append(urlsplit(self.path).path)
        super().do_GET()


def shards(site: Path, language: str) -> tuple[dict, dict[str, object]]:
    """A language's entry point, and its shards by file name (parsed)."""
    folder = site / language / "search"
    entry = json.loads((folder / "atlas-index.json").read_text("utf-8"))
    files = {
        path.name: json.loads(path.read_text("utf-8"))
        for path in (folder / entry["shards"]).glob("*.json")
    }
    return entry, files


def term_files(files: dict[str, object]) -> list[list[dict]]:
    """The term files among a language's shards: [terms' postings, name keys' documents]."""
    return [content for name, content in files.items() if re.fullmatch(r"t\d+\.json", name)]


@pytest.mark.browser
def test_the_index_is_fetched_by_parts_off_the_page_and_kept(open_tab, real_site, serve):
    """A `?q=` link fetches the entry point and a few of the index's shards, in a worker; the
    next page the reader opens asks the server for none of the shards again."""
    tab = open_tab(DESKTOP)  # a page of the run's context: its cache is for other ports
    with serve(real_site, RecordingHandler) as url:
        RecordingHandler.asked.clear()
        tab.goto(f"{url}/en/?q=Boston")
        wait_for_results(tab, "Boston")
        assert [worker.url.rsplit("/", 1)[-1] for worker in tab.workers] == ["search-worker.js"]
        first = [path for path in RecordingHandler.asked if FINGERPRINTED.search(path)]
        every = list((real_site / "en" / "search").glob("*/*.json"))
        assert first and len(first) < len(every) / 2, (len(first), len(every))
        RecordingHandler.asked.clear()
        tab.goto(f"{url}/en/hubs/?q=Boston")
        wait_for_results(tab, "Boston")
        again = [path for path in RecordingHandler.asked if FINGERPRINTED.search(path)]
        assert again == [], again


def wait_for_results(tab, query: str) -> None:
    tab.wait_for_function(
        "q => document.querySelector('.atlas-search').dataset.atlasShown === q", arg=query
    )


def name_candidates(folded: str) -> list[str]:
    """The worker's nameCandidates: runs of up to six words, and inside a Chinese word
    every part of three characters or more."""
    words = [word for word in WORD_BREAK.split(folded.lower()) if word]
    keys = []
    for i, word in enumerate(words):
        runs = ("".join(words[i:j]) for j in range(i + 1, min(len(words), i + 6) + 1))
        keys += [key for key in runs if len(key) >= 2]
        if CJK.search(word):
            keys += [word[a:b] for a in range(len(word)) for b in range(a + 3, len(word) + 1)]
    return keys


# (language, query, its glossary terms, its own words): what a query asks for follows
CASES = [
    ("zh-hant", "三藩市", [], ["三藩市"]),
    ("en", "Silicon Valley", [], ["Silicon Valley"]),
    ("zh-hant", "創科創投基金", ["創科", "創投"], ["基金"]),
    ("en", "R&D expenditure GDP", ["R&D", "expenditure", "GDP"], []),
    ("en", "SME Berlin", ["SME"], ["Berlin"]),
    ("zh-hans", "粤港澳大湾区", ["粤港澳大湾区"], []),
]


@pytest.mark.browser
@pytest.mark.parametrize(("language", "query", "glossary", "words"), CASES)
def test_a_query_asks_for_its_words_its_glossary_entries_and_its_names(
    open_tab, real_site, serve, language, query, glossary, words
):
    """A query asks for the term files of its own words, the file of each glossary entry it
    names (never the term files of the tokens the glossary widens it to), the term files of
    the candidate names the filter admits, then documents: nothing else."""
    entry, files = shards(real_site, language)
    folded_glossary = entry["glossary"]
    entries = {
        number
        for number, terms in enumerate(folded_glossary)
        for term in glossary
        if fold(term).lower() in terms
    }
    assert len(entries) == len(glossary), (glossary, "not in the glossary")
    folded = fold(query)
    keys = [key for key in [name_key(folded), *name_candidates(folded)] if key]
    admitted = [key for key in keys if may_hold(files["names.json"], key)]
    own = [token for word in words for token in tokens(fold(word))]
    wanted = {f"t{bucket(key, entry['terms'])}.json" for key in [*own, *admitted]}
    wanted |= {f"g{number}.json" for number in entries}
    tab = open_tab(DESKTOP)  # a page of the run's context: its cache is for other ports
    with serve(real_site, RecordingHandler) as url:
        tab.goto(f"{url}/{language}/")
        tab.wait_for_function("window.atlasSearch !== undefined")
        # once the worker has its name filter (this answer waits for it)
        tab.evaluate("window.atlasSearch.ask('mayBeNames', {texts: []})")
        RecordingHandler.asked.clear()
        answer = tab.evaluate("q => window.atlasSearch.ask('query', {query: q})", query)
        asked = [
            path.rsplit("/", 1)[-1] for path in RecordingHandler.asked if FINGERPRINTED.search(path)
        ]
    assert answer["results"], query
    assert {name for name in asked if not name.startswith("d")} == wanted, asked


def test_a_glossary_entrys_file_holds_the_term_files_own_postings(real_site):
    """The file of a glossary entry holds, for every token of its terms that the index
    holds, and for every term one edit from a fuzzy token, the very postings its term file
    holds; and each fuzzy token's near terms are the ones its term file gives."""
    for language in LANGUAGES:
        entry, files = shards(real_site, language)
        held = {
            term: written for content in term_files(files) for term, written in content[0].items()
        }
        ordered = sorted(held, key=lambda term: term.encode("utf-16-be"))
        for number, terms in enumerate(entry["glossary"]):
            postings, near = files[f"g{number}.json"]
            wanted = {token for term in terms for token in tokens(term)} & set(held)
            assert wanted <= set(postings), (language, terms, wanted - set(postings))
            for term, written in postings.items():
                assert written == held[term], (language, term)
            for token, matches in near.items():
                assert matches == near_terms(token, ordered), (language, token)
                assert set(matches) <= set(postings), (language, token)


def test_the_name_filter_holds_every_name_and_few_others(real_site):
    """No name key of the index is missing from the filter (a name would go unfound); of
    keys that are no name, about one in a hundred passes."""
    for language in LANGUAGES:
        _, files = shards(real_site, language)
        names = {key for content in term_files(files) for key in content[1]}
        assert names and all(may_hold(files["names.json"], key) for key in names)
        others = [f"{key}{n}x" for n, key in enumerate(sorted(names))]
        passed = sum(may_hold(files["names.json"], key) for key in others)
        assert passed <= len(others) * 0.03, (language, passed, len(others))


@pytest.mark.browser
def test_the_worker_reads_the_name_filter_as_it_was_written(reader, real_server, real_site):
    """The worker's Bloom filter lookups (FNV-1a, MurmurHash3's finaliser) answer as
    search_lookups.may_hold does, for names and for keys that are none."""
    _, files = shards(real_site, "zh-hant")
    names = sorted({key for content in term_files(files) for key in content[1]})
    keys = names + [f"{key}{n}x" for n, key in enumerate(names)] + ["", "𠀋𠀋", "a"]
    reader.goto(f"{real_server}/zh-hant/")
    answer = reader.evaluate(
        "async keys => JSON.stringify(await window.atlasSearch.ask('mayBeNames', {texts: keys}))",
        keys,
    )
    assert json.loads(answer) == [may_hold(files["names.json"], key) for key in keys]
