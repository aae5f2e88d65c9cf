"""The tables of the downloads: records, one per record type, facts, relations and
kpi_values, in the order the downloads list them. Each column carries its Table Schema type
(atlas.export.columns), so the same tables become the CSV files, the data package's schemas
and the SQLite database.

A record type's own columns are read from its pydantic model: a field added to the model
appears in its table by itself (a numeric KpiValue.value, say, in kpi_values).
"""

from __future__ import annotations

from collections.abc import Callable

from atlas.export.columns import (
    LIST_SEPARATOR,
    Cell,
    Column,
    ForeignKey,
    Getter,
    Table,
    make_table,
    model_cells,
    page_cells,
    text_cells,
)
from atlas.link import PARENT_FIELDS, Atlas
from atlas.model import (
    FOLDER_OF,
    FOLDERS,
    Fact,
    Kpi,
    KpiValue,
    Measure,
    Record,
    Text,
    folder_of,
    quoted_fields,
)
from atlas.outline import locate, locator_text
from atlas.publication import Publication
from atlas.vocabulary import TYPE_LABELS, UI_LABELS

KPI_VALUE_COLUMN_NAMES = {"column": "column_year"}  # `column` is an SQL keyword


def _record_url(record: Record) -> str:
    return f"{folder_of(record)}/{record.id}/"


def common_cells(publication: Publication, json_url: Callable[[Record], str]) -> tuple:
    """Columns every record has: id, names and aliases first, pages and JSON last."""
    first: list[Cell] = [
        (Column("id", "string", "the record's id: its file name and URL slug", True), _id),
        *text_cells("name", "name", lambda record: Text(en=record.names.en, zh=record.names.zh)),
        (
            Column("aliases", "string", f"other names (joined with '{LIST_SEPARATOR}')"),
            lambda record: LIST_SEPARATOR.join(record.names.aliases),
        ),
    ]
    last: list[Cell] = [
        *page_cells(publication, _record_url, "the record's page"),
        (Column("json", "string", "the record's JSON file", True), json_url),
    ]
    return first, last


def _id(record: Record) -> str:
    return record.id


def records_table(atlas: Atlas, publication: Publication, json_url: Callable) -> Table:
    first, last = common_cells(publication, json_url)
    folder = (Column("folder", "string", "the record's type", True, tuple(FOLDERS)), folder_of)
    summary = text_cells("summary", "summary", lambda record: record.summary)
    return make_table(
        "records",
        "Records",
        "One row per record of every type: the index the other tables' foreign keys point to.",
        [*first, folder, *summary, *last],
        sorted(atlas.records.values(), key=lambda record: record.id),
        ("id",),
    )


def type_table(
    atlas: Atlas, publication: Publication, folder: str, json_url: Callable[[Record], str]
) -> Table:
    model = FOLDERS[folder]
    first, last = common_cells(publication, json_url)
    summary = text_cells("summary", "summary", lambda record: record.summary)
    parents = {field: FOLDER_OF[parent] for owner, field, parent in PARENT_FIELDS if owner is model}
    described = {field: f"id of the {field} ({parent}.csv)" for field, parent in parents.items()}
    own = model_cells(model, set(Record.model_fields), {}, described)
    keys = [ForeignKey(("id",), "records", ("id",))]
    keys += [ForeignKey((field,), parent, ("id",)) for field, parent in parents.items()]
    if model is Measure:  # a measure serves one of its strategy's targets
        keys.append(ForeignKey(("strategy", "target"), "facts", ("record_id", "fact_id")))
    labels = TYPE_LABELS[folder]
    return make_table(
        folder,
        labels["en"],
        f"One row per {labels['one_en'].lower()}: its names and summary in three scripts, "
        "the fields of its type, its pages and its JSON.",
        [*first, *summary, *own, *last],
        sorted(atlas.in_folder(folder), key=lambda record: record.id),
        ("id",),
        tuple(keys),
    )


# The facts table's columns, described in vocabulary.yml (the downloads page lists them).
FACT_COLUMNS = (
    "record_id",
    "record_folder",
    "field",
    "fact_id",
    "claim",
    "source_id",
    "quote",
    "quote_script",
    "locator",
    "locator_zh",
    "line",
    "themes",
    "page",
)
FACT_DESCRIPTIONS = {name: UI_LABELS[f"download_fact_{name}"]["en"] for name in FACT_COLUMNS}


def _locator(atlas: Atlas, fact: Fact, language: str) -> str:
    return locator_text(locate(atlas.source(fact.source), fact.line), language)


def facts_table(atlas: Atlas, publication: Publication) -> Table:
    def fact_column(name: str, type_: str = "string", required: bool = True, enum=()) -> Column:
        return Column(name, type_, FACT_DESCRIPTIONS[name], required, tuple(enum))

    cells: list[Cell] = [
        (fact_column("record_id"), lambda item: item[0].id),
        (fact_column("record_folder", enum=FOLDERS), lambda item: folder_of(item[0])),
        (fact_column("field", enum=("facts", "aims", "targets")), lambda item: item[1]),
        (fact_column("fact_id"), lambda item: item[2].id),
        *text_cells("claim", FACT_DESCRIPTIONS["claim"], lambda item: item[2].claim),
        (fact_column("source_id"), lambda item: item[2].source),
        (fact_column("quote"), lambda item: item[2].quote),
        (
            fact_column("quote_script", enum=("zh-Hant", "zh-Hans")),
            lambda item: atlas.source(item[2].source).script,
        ),
        (fact_column("locator"), lambda item: _locator(atlas, item[2], "en")),
        (fact_column("locator_zh"), lambda item: _locator(atlas, item[2], "zh")),
        (fact_column("line", "integer"), lambda item: item[2].line),
        (fact_column("themes", required=False), lambda item: LIST_SEPARATOR.join(item[2].themes)),
        *page_cells(
            publication,
            lambda item: f"{_record_url(item[0])}#fact-{item[2].id}",
            FACT_DESCRIPTIONS["page"],
        ),
    ]
    items = [
        (record, field, fact)
        for folder in FOLDERS
        for record in sorted(atlas.in_folder(folder), key=lambda record: record.id)
        for field, facts in quoted_fields(record)
        for fact in facts
    ]
    return make_table(
        "facts",
        "Facts",
        "One row per quoted item (fact, aim or target) of every record: the claim in three "
        "scripts, the source's words and where to find them.",
        cells,
        items,
        ("record_id", "fact_id"),
        (
            ForeignKey(("record_id",), "records", ("id",)),
            ForeignKey(("source_id",), "sources", ("id",)),
        ),
    )


def relations_table(atlas: Atlas) -> Table:
    def end(role: str) -> list[Cell]:
        key = "origin" if role == "origin" else "target"
        return [
            (
                Column(f"{key}_id", "string", f"id of the {role} record", True),
                lambda link: getattr(link, key),
            ),
            (
                Column(
                    f"{key}_folder", "string", f"the {role} record's type", True, tuple(FOLDERS)
                ),
                lambda link: folder_of(atlas.records[getattr(link, key)]),
            ),
        ]

    type_column = Column(
        "type",
        "string",
        "a relation type of the vocabulary; part-of also comes from a record's blueprint, "
        "strategy or direction field, and cites-source links a record to a source its facts quote",
        True,
    )
    return make_table(
        "relations",
        "Relations",
        "One row per link between two records; read backwards, each is a backlink.",
        [*end("origin"), (type_column, lambda link: link.type), *end("target")],
        list(atlas.links),
        ("origin_id", "type", "target_id"),
        (
            ForeignKey(("origin_id",), "records", ("id",)),
            ForeignKey(("target_id",), "records", ("id",)),
        ),
    )


def _of_value(get: Getter) -> Getter:
    """A KpiValue column read from a (kpi, value) pair."""
    return lambda item: get(item[1])


def kpi_values_table(atlas: Atlas, publication: Publication) -> Table:
    value_cells = model_cells(KpiValue, set(), KPI_VALUE_COLUMN_NAMES)
    cells: list[Cell] = [
        (Column("kpi_id", "string", "id of the KPI (kpis.csv)", True), lambda item: item[0].id),
        (
            Column("kpi_number", "string", "the KPI's number in the table, e.g. 2.1", True),
            lambda item: item[0].number,
        ),
        *[(column, _of_value(get)) for column, get in value_cells],
        *page_cells(
            publication,
            lambda item: f"{_record_url(item[0])}#value-{item[1].column}",
            "the value on its KPI's page (with its anchor)",
        ),
    ]
    kpis = sorted(atlas.of_type(Kpi), key=lambda kpi: kpi.id)
    items = [(kpi, value) for kpi in kpis for value in kpi.values]
    return make_table(
        "kpi_values",
        "KPI values",
        "One row per value of a KPI table: its column year, the year of the figure, the "
        "value exactly as printed and whether it is a recorded figure or a target.",
        cells,
        items,
        ("kpi_id", KPI_VALUE_COLUMN_NAMES.get("column", "column")),
        (ForeignKey(("kpi_id",), "kpis", ("id",)),),
    )


def all_tables(
    atlas: Atlas, publication: Publication, json_url: Callable[[Record], str]
) -> list[Table]:
    """Every table, in the order the downloads list them."""
    return [
        records_table(atlas, publication, json_url),
        *(type_table(atlas, publication, folder, json_url) for folder in FOLDERS),
        facts_table(atlas, publication),
        relations_table(atlas),
        kpi_values_table(atlas, publication),
    ]
