"""The search glossary (scripts/atlas/glossary.yml), as an editor keeps it.

The browser's side (a glossary term in a query finds the texts that write another term of
its entry) is in the query suite, tests/search_queries.yml; these tests keep the table
itself sound.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from atlas.convert import LANGUAGES
from atlas.fold import fold
from atlas.search import INDEX_PATH, documents, folded_glossary, read_glossary

ENTRIES = read_glossary()


def test_every_entry_has_two_terms_or_more():
    assert [entry for entry in ENTRIES if len(entry) < 2] == []


def test_a_term_belongs_to_one_entry():
    """A term in two entries would make one query mean two things."""
    counts = Counter(term for entry in folded_glossary(ENTRIES) for term in set(entry))
    assert [term for term, count in counts.items() if count > 1] == []


def test_terms_are_written_without_stray_space():
    assert [
        term for entry in ENTRIES for term in entry if term != term.strip() or "  " in term
    ] == []


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_every_entry_has_a_term_the_atlas_writes(real_atlas, language):
    """An entry that no text of the index holds can never help a reader: a typo, or a word
    the atlas does not use."""
    version = next(version for version in LANGUAGES if version.code == language)
    texts = " \n ".join(
        fold(text).lower()
        for doc in documents(real_atlas, version)
        for text in [*doc["n"], *doc["x"], *(snippet[1] for snippet in doc["s"])]
    )
    dead = [entry for entry in folded_glossary(ENTRIES) if not any(term in texts for term in entry)]
    assert dead == []


def test_the_index_carries_the_glossary_folded(real_site):
    index = json.loads((real_site / "zh-hans" / INDEX_PATH).read_text("utf-8"))
    gdp = next(entry for entry in index["glossary"] if "gdp" in entry)
    assert "本地生产总值" in gdp  # written 本地生產總值 in glossary.yml: folded to Simplified
