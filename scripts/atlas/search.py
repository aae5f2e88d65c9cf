"""Stage 7, search: one index per language version, built from the records themselves.

A record is one thing in three languages: every language's index lets a reader find it by
its names and aliases in any script, by the names of the records it links to and from,
and by its words in English and Chinese. What a reader sees — title, type, snippets — is
in the page's own language, and the URLs stay in the reader's language version.

The index is folded (`atlas.fold`) and cut into tokens (`atlas.search_tokens`) here, and
written as shards (`atlas.search_shards`); the browser's worker (assets/search-worker.js)
folds and cuts the query the same way, with the part of the table the index carries.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from atlas.convert import Language, chinese, label, localise
from atlas.fold import fold, table_for
from atlas.link import Atlas
from atlas.model import Record, folder_of, quoted_items
from atlas.record_file import read_own_yaml
from atlas.search_shards import searched_fields, write_shards
from atlas.vocabulary import FOLDER_NAMES, TYPE_LABELS, UI_LABELS

INDEX_PATH = "search/atlas-index.json"  # below the language root
GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")
# Pages that are not records but that a reader may look for by name.
EXTRA_PAGES = {"coverage/": "coverage"}


@cache
def read_glossary(path: Path = GLOSSARY_FILE) -> list[list[str]]:
    """The glossary's entries as written (glossary.yml), read once."""
    entries = read_own_yaml(path)["glossary"]
    return [[str(term) for term in entry] for entry in entries]


def folded_glossary(entries: list[list[str]]) -> list[list[str]]:
    """Entries as the browser matches them against a folded query: folded, lower-case."""
    return [list(dict.fromkeys(fold(term).lower() for term in entry)) for entry in entries]


def all_names(record: Record) -> list[str]:
    """Every name a reader may type for the record (the browser folds the scripts)."""
    return list(dict.fromkeys([record.names.en, record.names.zh, *record.names.aliases]))


def record_document(
    atlas: Atlas, record: Record, language: Language, numbers: dict[str, int]
) -> dict[str, object]:
    """One record in the index of `language`.

    Shown, in the page's language: title `t`, snippets `s` ([anchor, text]: the summary,
    then each claim). Searched as well: names `n` (all scripts), linked records `l` (their
    numbers; the browser indexes their names), and `x`, the record's words in the other
    language — on the English version the Chinese summary and the quotes (the sources'
    own words), on the Chinese versions the English summary and claims. zh-Hans needs no
    zh-Hant copy: the two fold to the same text.
    """
    code = language.code
    items = quoted_items(record)
    snippets = [["", localise(record.summary, code)]]
    snippets += [[f"fact-{item.id}", localise(item.claim, code)] for item in items]
    if code == "en":
        other = [record.summary.zh, *(item.quote for item in items)]
    else:
        other = [record.summary.en, *(item.claim.en for item in items)]
    linked = {link.target for link in atlas.outgoing(record.id)}
    linked |= {link.origin for link in atlas.incoming(record.id)}
    return {
        "u": f"{folder_of(record)}/{record.id}/",
        "t": record.names.en if code == "en" else chinese(record.names.zh, code),
        "k": list(TYPE_LABELS).index(folder_of(record)),
        "n": all_names(record),
        "l": sorted(numbers[other_id] for other_id in linked if other_id in numbers),
        "s": snippets,
        "x": other,
    }


def page_document(
    url: str, names: dict[str, str], language: Language, aliases: list[str] = ()
) -> dict[str, object]:
    """A page that is not a record (a type's index, the coverage page): found by its name,
    and by the names the sources give the whole type (FOLDER_NAMES)."""
    title = label(names, language.code)
    return {
        "u": url,
        "t": title,
        "k": -1,
        "n": [names["en"], names["zh"], *aliases],
        "l": [],
        "s": [],
        "x": [],
    }


def documents(atlas: Atlas, language: Language) -> list[dict[str, object]]:
    """Every document of one language's index, numbered by their place in the list: the
    records, type by type, then the types' index pages and the EXTRA_PAGES."""
    records = [
        record
        for folder in TYPE_LABELS
        for record in sorted(atlas.in_folder(folder), key=lambda record: record.id)
    ]
    numbers = {record.id: number for number, record in enumerate(records)}
    found = [record_document(atlas, record, language, numbers) for record in records]
    folders = list(dict.fromkeys(folder_of(record) for record in records))
    found += [
        page_document(f"{folder}/", TYPE_LABELS[folder], language, FOLDER_NAMES.get(folder, []))
        for folder in folders
    ]
    found += [page_document(url, UI_LABELS[key], language) for url, key in EXTRA_PAGES.items()]
    return found


KINDS = [[names["en"], names["zh"]] for names in TYPE_LABELS.values()]


def entry_point(fields: list[tuple[str, ...]], language: Language) -> dict[str, object]:
    """What every query needs before it fetches a shard: the part of the fold table the
    index's texts (`fields`, already folded) and a reader's words can meet, the kinds, the
    glossary."""
    glossary = read_glossary()
    searched = {fold(text) for pair in KINDS for text in pair}
    searched.update(fold(term) for entry in glossary for term in entry)
    searched.update(text for texts in fields for text in texts)
    return {
        "version": 4,
        "fold": table_for(searched),
        "kindLabels": [label(names, language.code) for names in TYPE_LABELS.values()],
        "glossary": folded_glossary(glossary),
    }


def write_search_index(atlas: Atlas, language: Language, docs: Path) -> Path:
    """Write one language's index below `docs` (search/, replaced whole); returns its entry
    point."""
    folder = docs / INDEX_PATH.rsplit("/", 1)[0]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    found = documents(atlas, language)
    fields = searched_fields(found, KINDS)  # folded once, for the postings and the fold table
    write_shards(folder, found, fields, entry_point(fields, language))
    return docs / INDEX_PATH
