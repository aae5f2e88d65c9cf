"""The downloads, /downloads/ at the site's root: the atlas as data, for every language.

    downloads/atlas.json             every record, its relations resolved both ways
    downloads/records/<folder>/<id>.json   one record, as in atlas.json
    downloads/schema.json            the record model as JSON Schema
    downloads/<table>.csv            records, one table per record type, facts, relations,
                                     kpi_values (UTF-8 with a byte order mark, CRLF)
    downloads/datapackage.json       the CSV files as a Frictionless Data Package
    downloads/atlas.db               the same tables in SQLite, with full-text search

The files are made once per build, in memory (the downloads page lists their sizes before
the export stage writes them), and are byte-identical for the same data and edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atlas.export.columns import Table, csv_bytes
from atlas.export.database import database_bytes
from atlas.export.datapackage import package_descriptor
from atlas.export.licence import cite_as
from atlas.export.record_json import (
    DOWNLOADS,
    atlas_document,
    json_bytes,
    ordered_records,
    record_entry,
    record_json_path,
    record_schema,
)
from atlas.export.tables import all_tables
from atlas.link import Atlas
from atlas.model import FOLDERS, Record, folder_of
from atlas.publication import Publication

__all__ = ["Download", "Downloads", "downloads", "record_json_path", "write"]


@dataclass(frozen=True)
class Download:
    """One file of the downloads: its path below downloads/, what it is and how many rows."""

    path: str
    kind: str  # atlas-json, schema, table, datapackage, database, record-json
    content: bytes
    count: int  # rows of a table; records of a JSON file; tables of the database or package
    table: Table | None = None


@dataclass(frozen=True)
class Downloads:
    files: tuple[Download, ...]

    def of_kind(self, kind: str) -> list[Download]:
        return [file for file in self.files if file.kind == kind]


_made: list[tuple[Atlas, Publication, Downloads]] = []  # the last build's, for page and export


def downloads(atlas: Atlas, publication: Publication) -> Downloads:
    """The downloads of this atlas and edition (made once, then reused by page and export)."""
    if _made and _made[0][0] is atlas and _made[0][1] == publication:
        return _made[0][2]
    made = make_downloads(atlas, publication)
    _made[:] = [(atlas, publication, made)]
    return made


def make_downloads(atlas: Atlas, publication: Publication) -> Downloads:
    records = ordered_records(atlas)
    entries = [record_entry(atlas, publication, record) for record in records]
    terms = cite_as(atlas, publication)

    def json_url(record: Record) -> str:
        return publication.site_url + record_json_path(folder_of(record), record.id)

    tables = all_tables(atlas, publication, json_url)
    contents = {table.file: csv_bytes(table) for table in tables}
    package = package_descriptor(atlas, publication, tables, contents)
    files = [
        Download(
            "atlas.json",
            "atlas-json",
            json_bytes(atlas_document(atlas, publication, entries, terms)),
            len(entries),
        ),
        Download("schema.json", "schema", json_bytes(record_schema()), len(FOLDERS)),
        Download("datapackage.json", "datapackage", json_bytes(package), len(tables)),
        *(
            Download(table.file, "table", contents[table.file], len(table.rows), table)
            for table in tables
        ),
        Download("atlas.db", "database", database_bytes(tables), len(tables)),
        *(
            Download(
                record_json_path(folder_of(record), record.id).removeprefix(DOWNLOADS + "/"),
                "record-json",
                json_bytes(entry),
                1,
            )
            for record, entry in zip(records, entries, strict=True)
        ),
    ]
    return Downloads(tuple(files))


def write(atlas: Atlas, publication: Publication, folder: Path) -> None:
    """The export: every file of the downloads below `folder`/downloads/."""
    for file in downloads(atlas, publication).files:
        target = folder / DOWNLOADS / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)
