"""Records as JSON: the whole atlas (atlas.json), one file per record, and the JSON Schema of
the record model (schema.json), generated from the pydantic models.

A record's entry holds the record exactly as the model has it (``record``, valid against its
type's schema in schema.json) beside what the atlas resolves: its names and summary in the
three scripts, its pages, and its links both ways with the other end's folder and names.
"""

from __future__ import annotations

import json

from atlas.convert import LANGUAGES, label, localise
from atlas.link import Atlas, Link
from atlas.model import FOLDERS, Record, Text, folder_of
from atlas.publication import Publication
from atlas.vocabulary import UI_LABELS

DOWNLOADS = "downloads"


def record_json_path(folder: str, record_id: str) -> str:
    """Where a record's JSON is, below the site's root: downloads/records/<folder>/<id>.json."""
    return f"{DOWNLOADS}/records/{folder}/{record_id}.json"


def json_bytes(document: object, indent: int | None = 1) -> bytes:
    """Deterministic JSON: keys sorted, UTF-8 as is, one newline at the end."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(
        document, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators
    )
    return (text + "\n").encode("utf-8")


def texts(text: Text) -> dict[str, str]:
    """A two-language text in the three scripts, keyed by BCP 47 tag (en, zh-Hant, zh-Hans)."""
    return {language.html: localise(text, language.code) for language in LANGUAGES}


def names(record: Record) -> dict[str, str]:
    return texts(Text(en=record.names.en, zh=record.names.zh))


def pages(publication: Publication, record: Record) -> dict[str, str]:
    """The record's page in each language, absolute."""
    url = f"{folder_of(record)}/{record.id}/"
    return {language.html: publication.address(language.code, url) for language in LANGUAGES}


def _end(atlas: Atlas, link: Link, end: str) -> dict[str, object]:
    other = atlas.records[getattr(link, end)]
    return {"type": link.type, end: other.id, "folder": folder_of(other), "names": names(other)}


def record_entry(atlas: Atlas, publication: Publication, record: Record) -> dict[str, object]:
    """One record as atlas.json and its own JSON file hold it."""
    folder = folder_of(record)
    return {
        "id": record.id,
        "folder": folder,
        "type": type(record).__name__,
        "names": names(record),
        "summary": texts(record.summary),
        "pages": pages(publication, record),
        "json": publication.site_url + record_json_path(folder, record.id),
        "record": record.model_dump(mode="json"),
        "relations": [_end(atlas, link, "target") for link in atlas.outgoing(record.id)],
        "backlinks": [_end(atlas, link, "origin") for link in atlas.incoming(record.id)],
    }


def atlas_document(
    atlas: Atlas, publication: Publication, entries: list[dict[str, object]], cite_as: dict
) -> dict[str, object]:
    """atlas.json: every record's entry, with the edition, the build date and the terms."""
    return {
        "title": {
            language.html: label(UI_LABELS["site_name"], language.code) for language in LANGUAGES
        },
        "site_url": publication.site_url,
        "edition": {
            "version": publication.edition.version,
            "date": publication.edition.date.isoformat(),
        },
        "built": publication.built.isoformat(),
        "cite_as": cite_as,
        "schema": "schema.json",
        "relations_note": "every relation type of the record model, plus part-of for the "
        "blueprint, strategy and direction fields and cites-source for a record whose facts "
        "quote a source",
        "records": entries,
    }


def ordered_records(atlas: Atlas) -> list[Record]:
    """Every record, type by type in the model's order, by id within a type."""
    return [record for folder in FOLDERS for record in atlas.in_folder(folder)]


def record_schema() -> dict[str, object]:
    """schema.json: each record type's JSON Schema (the `record` of an entry), by folder."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Innovation Hub Atlas record model",
        "description": "The JSON Schema of each record type, generated from the atlas's "
        "pydantic models. In atlas.json and records/<folder>/<id>.json, the `record` of an "
        "entry is valid against records[<its folder>].",
        "records": {folder: model.model_json_schema() for folder, model in FOLDERS.items()},
    }
