"""datapackage.json: the CSV files as a Frictionless (Tabular) Data Package.

Every CSV is a resource with its size, SHA-256 hash, dialect and Table Schema (field types,
required fields, enumerations, primary key, foreign keys to the records and sources tables);
the package carries the licence, the original sources and how to cite the atlas.
"""

from __future__ import annotations

import hashlib

from atlas.convert import label
from atlas.export.columns import Column, Table
from atlas.export.licence import (
    LICENCE,
    atlas_citation,
    licence_statement,
    source_as_printed,
    source_citation,
    source_details,
)
from atlas.link import Atlas
from atlas.model import Source
from atlas.publication import Publication
from atlas.vocabulary import UI_LABELS

PACKAGE_NAME = "innovation-hub-atlas"
DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def field_descriptor(column: Column) -> dict[str, object]:
    field: dict[str, object] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, object] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: Table) -> dict[str, object]:
    schema: dict[str, object] = {
        "fields": [field_descriptor(column) for column in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.table, "fields": list(key.reference)},
            }
            for key in table.foreign_keys
        ]
    return schema


def resource_descriptor(table: Table, content: bytes) -> dict[str, object]:
    return {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",  # with a byte order mark, for Excel
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": DIALECT,
        "schema": table_schema(table),
    }


def source_descriptor(source: Source) -> dict[str, str]:
    """An original text, as the package's `sources` list names it."""
    address = source.url or source.archived_url
    title = f"{source_as_printed(source)}, {source_details(source)}"
    return {"title": title} | ({"path": address} if address else {})


def package_descriptor(
    atlas: Atlas, publication: Publication, tables: list[Table], contents: dict[str, bytes]
) -> dict[str, object]:
    """The package: every table as a resource, with the licence, the sources and citations."""
    sources = sorted(atlas.of_type(Source), key=lambda source: source.file)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Innovation Hub Atlas · 創新樞紐圖鑑",
        "description": (
            "The atlas's records as tables: every record type, the facts (claims with their "
            "verbatim quotes, sources and locators), the relations between records and the "
            "values of the Blueprint's KPI table. The same data is in atlas.json (one document; "
            "records/<folder>/<id>.json per record; model in schema.json) and atlas.db (SQLite, "
            "with full-text search). The source texts themselves are not included: quotes are "
            "short quotations, and remain their authors' and publishers'."
        ),
        "version": publication.edition.version,
        "created": f"{publication.built.isoformat()}T00:00:00Z",
        "homepage": publication.site_url,
        "keywords": ["innovation hubs", "innovation districts", "Hong Kong", "I&T Blueprint"],
        "licenses": [LICENCE],
        "sources": [source_descriptor(source) for source in sources],
        "citation": {
            "atlas": atlas_citation(publication),
            "sources": [source_citation(source) for source in sources],
            "note": label(UI_LABELS["download_cite_text"], "en"),
            "licence": licence_statement("en"),
        },
        "resources": [resource_descriptor(table, contents[table.file]) for table in tables],
    }
