"""Typed columns, and tables made of them: what the CSV files, the data package and the
database are built from.

A model's scalar fields become columns by themselves (model_cells): a Text becomes three
columns (<name>_en, _zh_hant, _zh_hans), a list of strings one column joined with ";", a
nested model one column per field (<name>_<field>), a number or a string one column with its
Table Schema type; lists of models are left to tables of their own.
"""

from __future__ import annotations

import csv
import io
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel

from atlas.convert import LANGUAGES, Language, localise
from atlas.model import Text
from atlas.publication import Publication

Value = str | int | float | None
BYTE_ORDER_MARK = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one
LIST_SEPARATOR = ";"
SCRIPT_NAMES = {
    "en": "English",
    "zh-hant": "Traditional Chinese, Hong Kong usage",
    "zh-hans": "Simplified Chinese, converted from the Traditional with OpenCC",
}


@dataclass(frozen=True)
class Column:
    """One column: its name, Table Schema type and description."""

    name: str
    type: str  # string, integer, number or boolean
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of the downloads, its rows in a fixed order."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


Getter = Callable[[typing.Any], Value]
Cell = tuple[Column, Getter]


def suffix(language: Language) -> str:
    return language.code.replace("-", "_")


def text_cells(
    name: str,
    description: str,
    read: Callable[[typing.Any], Text | None],
    required: bool = True,
) -> list[Cell]:
    """A two-language text as three columns, one per script."""

    def in_script(language: Language) -> Getter:
        def get(item: object) -> Value:
            text = read(item)
            return None if text is None else localise(text, language.code)

        return get

    return [
        (
            Column(
                f"{name}_{suffix(lang)}",
                "string",
                f"{description}: {SCRIPT_NAMES[lang.code]}",
                required,
            ),
            in_script(lang),
        )
        for lang in LANGUAGES
    ]


def page_cells(publication: Publication, url: Callable[[typing.Any], str], what: str) -> list[Cell]:
    """The absolute address of a page in each language."""

    def in_language(language: Language) -> Getter:
        return lambda item: publication.address(language.code, url(item))

    return [
        (
            Column(f"page_{suffix(lang)}", "string", f"{what}, {lang.name} version", True),
            in_language(lang),
        )
        for lang in LANGUAGES
    ]


def _unwrap(annotation: object) -> tuple[object, bool]:
    """The annotation's base type, and whether None is allowed."""
    if typing.get_origin(annotation) is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = typing.get_args(annotation)
        kept = [member for member in members if member is not type(None)]
        if len(kept) == 1:
            return _unwrap(kept[0])[0], len(kept) < len(members)
        bases = {_unwrap(member)[0] for member in kept}
        return (float if bases <= {int, float, Decimal} else None), len(kept) < len(members)
    return annotation, False


SCALAR_TYPES: dict[object, str] = {
    str: "string",
    int: "integer",
    float: "number",
    Decimal: "number",
    bool: "boolean",
}


def _scalar(value: object) -> Value:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return str(value).lower()
    return value  # type: ignore[return-value]


def model_cells(
    model: type[BaseModel],
    skip: set[str],
    rename: dict[str, str],
    descriptions: dict[str, str] | None = None,
) -> list[Cell]:
    """The columns of a model's scalar fields (Text, strings, numbers, lists of strings)."""
    cells: list[Cell] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        base, nullable = _unwrap(info.annotation)
        description = (descriptions or {}).get(name) or info.description or name.replace("_", " ")
        column_name = rename.get(name, name)
        required = not nullable and info.is_required()
        getter = (lambda field: lambda item: _scalar(getattr(item, field)))(name)
        if isinstance(base, type) and issubclass(base, Text):
            reader = (lambda field: lambda item: getattr(item, field))(name)
            cells += text_cells(column_name, description, reader, required)
        elif typing.get_origin(base) is Literal:
            enum = tuple(str(value) for value in typing.get_args(base))
            cells.append((Column(column_name, "string", description, required, enum), getter))
        elif base in SCALAR_TYPES:
            column = Column(column_name, SCALAR_TYPES[base], description, required)
            cells.append((column, getter))
        elif typing.get_origin(base) is list and _unwrap(typing.get_args(base)[0])[0] is str:
            joined = (lambda field: lambda item: LIST_SEPARATOR.join(getattr(item, field)))(name)
            description += f" (joined with '{LIST_SEPARATOR}')"
            cells.append((Column(column_name, "string", description), joined))
        elif isinstance(base, type) and issubclass(base, BaseModel):
            cells += _nested_cells(base, column_name, name, description)
        # lists of facts or KPI values have tables of their own
    return cells


def _nested_cells(model: type[BaseModel], prefix: str, field: str, description: str) -> list:
    """A nested model's scalar fields as columns <prefix>_<name>, empty when it is absent."""
    what = (model.__doc__ or description).strip().split(":")[0].rstrip(".")

    def inner(get: Getter) -> Getter:
        def read(item: object) -> Value:
            nested = getattr(item, field)
            return None if nested is None else get(nested)

        return read

    return [
        (
            Column(
                f"{prefix}_{column.name}",
                column.type,
                f"{what}: {column.description}",
                enum=column.enum,
            ),
            inner(get),
        )
        for column, get in model_cells(model, set(), {})
    ]


def make_table(
    name: str,
    title: str,
    description: str,
    cells: list[Cell],
    items: list,
    primary_key: tuple[str, ...],
    foreign_keys: tuple[ForeignKey, ...] = (),
) -> Table:
    columns = tuple(column for column, _ in cells)
    rows = tuple(tuple(get(item) for _, get in cells) for item in items)
    return Table(name, title, description, columns, rows, primary_key, foreign_keys)


def csv_bytes(table: Table) -> bytes:
    """RFC 4180: CRLF line ends, quotes where needed; UTF-8 with a byte order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows(["" if value is None else value for value in row] for row in table.rows)
    return (BYTE_ORDER_MARK + buffer.getvalue()).encode("utf-8")
