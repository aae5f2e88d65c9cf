"""atlas.db: the tables as one SQLite database, made with sqlite-utils.

Every table of the downloads becomes a table with its primary key, foreign keys and an
index on each foreign key; names and summaries (the records table) and the facts' claims
and quotes are searchable with SQLite's FTS5 (Datasette shows a search box on both).
The trigram tokenizer finds any run of three or more characters, so a Chinese word is
found inside a sentence, where Chinese text has no spaces between words.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from atlas.export.columns import Table

SQLITE_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": int}
SEARCHABLE = {
    "records": (
        *("name_en", "name_zh_hant", "name_zh_hans", "aliases"),
        *("summary_en", "summary_zh_hant", "summary_zh_hans"),
    ),
    "facts": ("claim_en", "claim_zh_hant", "claim_zh_hans", "quote"),
}
TOKENIZER = "trigram"


def creation_order(tables: list[Table]) -> list[Table]:
    """Tables in an order in which every foreign key points at a table already made."""
    ordered: list[Table] = []
    waiting = list(tables)
    while waiting:
        made = {table.name for table in ordered}
        ready = [
            table
            for table in waiting
            if all(key.table in made or key.table == table.name for key in table.foreign_keys)
        ]
        if not ready:
            raise ValueError(f"foreign keys in a cycle: {[table.name for table in waiting]}")
        ordered += ready
        waiting = [table for table in waiting if table not in ready]
    return ordered


def _foreign_key(key) -> tuple:
    if len(key.fields) == 1:
        return (key.fields[0], key.table, key.reference[0])
    return (key.fields, key.table, key.reference)


def database_bytes(tables: list[Table]) -> bytes:
    """The database file's bytes (made in memory: the same tables give the same bytes)."""
    connection = sqlite3.connect(":memory:")
    database = sqlite_utils.Database(connection)
    for table in creation_order(tables):
        names = [column.name for column in table.columns]
        created = database.table(table.name).create(
            {column.name: SQLITE_TYPES[column.type] for column in table.columns},
            pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
            foreign_keys=[_foreign_key(key) for key in table.foreign_keys],
            not_null={column.name for column in table.columns if column.required},
        )
        created.insert_all(dict(zip(names, row, strict=True)) for row in table.rows)
    for name, columns in SEARCHABLE.items():
        database.table(name).enable_fts(columns, tokenize=TOKENIZER)
    database.index_foreign_keys()
    database.vacuum()
    content = connection.serialize()
    connection.close()
    return content
