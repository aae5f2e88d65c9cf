"""The downloads (/downloads/ and /<lang>/downloads/): data package, CSV, SQLite, JSON, page."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from atlas.convert import chinese
from atlas.corpus import fold
from atlas.export.columns import BYTE_ORDER_MARK
from atlas.export.downloads import make_downloads, record_json_path
from atlas.export.tables import KPI_VALUE_COLUMN_NAMES
from atlas.link import Atlas
from atlas.model import FOLDERS, KpiValue, folder_of, quoted_fields, quoted_items
from atlas.outline import locate, locator_text
from atlas.publication import Edition, Publication, site_url
from pages import INTERFACE, LANGUAGES, english_in, page, resolve

CHINESE = ("zh-hant", "zh-hans")
TABLES = ("records", *FOLDERS, "facts", "relations", "kpi_values")


@pytest.fixture(scope="module")
def atlas(real_atlas) -> Atlas:
    return real_atlas  # check(DATA, corpus), done once for the run


@pytest.fixture(scope="module")
def downloads(real_site) -> Path:
    return real_site / "downloads"


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


# -- the data package ------------------------------------------------------------------------
def test_the_data_package_validates_with_frictionless(downloads):
    import frictionless

    report = frictionless.validate(downloads / "datapackage.json")
    assert report.flatten(["resourcePath", "rowNumber", "type", "note"]) == []
    assert report.valid
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["name"] for resource in package["resources"]] == list(TABLES)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["citation"]["atlas"].startswith("Innovation Hub Atlas")
    assert len(package["sources"]) == 5
    facts = next(resource for resource in package["resources"] if resource["name"] == "facts")
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}} in (
        facts["schema"]["foreignKeys"]
    )


def test_csv_files_are_utf8_with_a_byte_order_mark_and_crlf(downloads):
    for name in TABLES:
        raw = (downloads / f"{name}.csv").read_bytes()
        assert raw.startswith(BYTE_ORDER_MARK.encode("utf-8")), name
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), name


def test_every_csv_has_a_row_per_record(downloads, atlas):
    assert sorted(row["id"] for row in read_csv(downloads / "records.csv")) == sorted(atlas.records)
    for folder in FOLDERS:
        rows = read_csv(downloads / f"{folder}.csv")
        assert [row["id"] for row in rows] == [r.id for r in atlas.in_folder(folder)], folder
    hub = next(row for row in read_csv(downloads / "hubs.csv") if row["id"] == "boston")
    record = atlas.records["boston"]
    assert hub["kind"] == record.kind
    assert hub["name_zh_hans"] == chinese(record.names.zh, "zh-hans")
    assert hub["page_zh_hant"] == f"{site_url()}zh-hant/hubs/boston/"


def test_facts_csv_has_a_row_per_quoted_item(downloads, atlas):
    rows = read_csv(downloads / "facts.csv")
    assert len(rows) == sum(len(quoted_items(record)) for record in atlas.records.values())
    by_key = {(row["record_id"], row["fact_id"]): row for row in rows}
    for record in atlas.records.values():
        for field, items in quoted_fields(record):
            for fact in items:
                row = by_key[(record.id, fact.id)]
                assert row["record_folder"] == folder_of(record)
                assert row["field"] == field
                zh_hant = chinese(fact.claim.zh, "zh-hant")  # in Hong Kong usage (terms.yml)
                assert (row["claim_en"], row["claim_zh_hant"]) == (fact.claim.en, zh_hant)
                assert row["claim_zh_hans"] == chinese(fact.claim.zh, "zh-hans")
                assert (row["source_id"], row["quote"]) == (fact.source, fact.quote)
                where = locate(atlas.source(fact.source), fact.line)
                assert (row["locator"], int(row["line"])) == (locator_text(where, "en"), fact.line)
                assert row["themes"] == ";".join(fact.themes)
                url = f"{site_url()}en/{folder_of(record)}/{record.id}/#fact-{fact.id}"
                assert row["page_en"] == url


def test_relations_and_kpi_values_csv(downloads, atlas):
    relations = read_csv(downloads / "relations.csv")
    assert [(row["origin_id"], row["type"], row["target_id"]) for row in relations] == [
        (link.origin, link.type, link.target) for link in atlas.links
    ]
    values = read_csv(downloads / "kpi_values.csv")
    kpis = [record for record in atlas.in_folder("kpis")]
    assert len(values) == sum(len(kpi.values) for kpi in kpis)
    # every field of KpiValue is a column, a nested one as <field>_<key> columns; so is a
    # numeric `value`, when the model has one
    fields = [KPI_VALUE_COLUMN_NAMES.get(name, name) for name in KpiValue.model_fields]
    missing = [f for f in fields if not any(c == f or c.startswith(f + "_") for c in values[0])]
    assert missing == []
    first = kpis[0].values[0]
    row = next(r for r in values if r["kpi_id"] == kpis[0].id)
    assert (row["column_year"], row["printed"], row["kind"]) == (
        str(first.column),
        first.printed,
        first.kind,
    )
    number = getattr(first, "value", None)
    if isinstance(number, int | float):
        assert float(row["value"]) == number


# -- the SQLite database ---------------------------------------------------------------------
def test_the_database_opens_in_datasette_with_counts_and_full_text_search(downloads, atlas):
    from datasette.app import Datasette

    expected = {name: len(read_csv(downloads / f"{name}.csv")) for name in TABLES}
    hub_quote = next(fact.quote for fact in atlas.records["boston"].facts if len(fact.quote) >= 12)
    needle = hub_quote[2:10]  # a run inside a Chinese sentence, no spaces around it

    async def ask() -> tuple[dict, list, list, list]:
        datasette = Datasette([str(downloads / "atlas.db")])
        # counted by one query (Datasette's time limit, 1 s), not from its listing, which
        # gives each table's count 5 ms and shows None when a busy machine takes longer
        counting = " union all ".join(
            f"select '{name}' as name, count(*) as count from [{name}]" for name in TABLES
        )
        counted = await datasette.client.get(
            "/atlas.json", params={"sql": counting, "_shape": "array"}
        )
        counts = {row["name"]: row["count"] for row in counted.json()}
        facts = await datasette.client.get(
            "/atlas/facts.json", params={"_search": needle, "_shape": "array", "_size": "max"}
        )
        records = await datasette.client.get(
            "/atlas/records.json", params={"_search": "Boston", "_shape": "array"}
        )
        keys = await datasette.client.get(
            "/atlas.json",
            params={"sql": "select * from pragma_foreign_key_list('facts')", "_shape": "array"},
        )
        return counts, facts.json(), records.json(), keys.json()

    # In its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        counts, facts, records, keys = thread.submit(asyncio.run, ask()).result()
    assert {name: counts[name] for name in TABLES} == expected
    assert counts["sources"] == len(atlas.in_folder("sources"))
    assert any(row["record_id"] == "boston" and row["quote"] == hub_quote for row in facts)
    assert "boston" in [row["id"] for row in records]
    assert {key["table"] for key in keys} == {"records", "sources"}


# -- JSON ------------------------------------------------------------------------------------
def test_atlas_json_and_record_json_agree_with_the_records(downloads, atlas):
    document = json.loads((downloads / "atlas.json").read_text(encoding="utf-8"))
    assert {"version", "date"} <= set(document["edition"])
    dt.date.fromisoformat(document["built"])
    entries = {entry["id"]: entry for entry in document["records"]}
    assert sorted(entries) == sorted(atlas.records)
    for record_id, record in atlas.records.items():
        entry = entries[record_id]
        assert entry["record"] == record.model_dump(mode="json")
        assert [(r["type"], r["target"]) for r in entry["relations"]] == [
            (link.type, link.target) for link in atlas.outgoing(record_id)
        ]
        assert [(r["type"], r["origin"]) for r in entry["backlinks"]] == [
            (link.type, link.origin) for link in atlas.incoming(record_id)
        ]
        for other in entry["relations"]:
            target = atlas.records[other["target"]]
            assert other["folder"] == folder_of(target)
            assert other["names"]["en"] == target.names.en
        path = downloads.parent / record_json_path(folder_of(record), record_id)
        assert json.loads(path.read_text(encoding="utf-8")) == entry
    assert record_json_path("hubs", "london") == "downloads/records/hubs/london.json"


def test_schema_json_validates_every_record_of_atlas_json(downloads):
    schema = json.loads((downloads / "schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["records"]) == sorted(FOLDERS)
    validators = {
        folder: jsonschema.Draft202012Validator(model_schema)
        for folder, model_schema in schema["records"].items()
    }
    document = json.loads((downloads / "atlas.json").read_text(encoding="utf-8"))
    errors = [
        f"{entry['id']}: {error.message}"
        for entry in document["records"]
        for error in validators[entry["folder"]].iter_errors(entry["record"])
    ]
    assert errors == []
    broken = dict(document["records"][0]["record"], unknown="key")
    assert not validators[document["records"][0]["folder"]].is_valid(broken)


def test_the_same_data_gives_byte_identical_files(atlas):
    today = dt.date(2026, 1, 1)
    publication = Publication("https://atlas.example/", Edition("9.9", today), today)
    first, second = make_downloads(atlas, publication), make_downloads(atlas, publication)
    assert [file.path for file in first.files] == [file.path for file in second.files]
    assert [
        f.path for f, g in zip(first.files, second.files, strict=True) if f.content != g.content
    ] == []


def test_no_source_text_is_published_beyond_its_quotes(downloads, corpus):
    """No 130 characters in a row of a source text appear in any download (quotes are < 120)."""
    published = fold(
        "".join(
            path.read_text(encoding="utf-8")
            for path in sorted(downloads.glob("*"))
            if path.suffix in (".json", ".csv")
        )
    )
    leaks = [
        f"{name}: {text.folded[start : start + 30]}…"
        for name, text in corpus.texts.items()
        for start in range(0, max(len(text.folded) - 130, 0), 60)
        if text.folded[start : start + 130] in published
    ]
    assert leaks == []


# -- the page --------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_downloads_page_links_every_file_relatively(real_site, atlas, language):
    url = f"{language}/downloads/"
    article = page(real_site, url).select_one("article")
    hrefs = [a["href"] for a in article.select("a[href]") if "downloads/" in a["href"]]
    assert hrefs and all(href.startswith("../../downloads/") for href in hrefs)
    missing = [href for href in hrefs if not resolve(real_site, url, href)[0].is_file()]
    assert missing == []
    linked = {href.removeprefix("../../downloads/") for href in hrefs}
    top_level = {path.name for path in (real_site / "downloads").iterdir() if path.is_file()}
    assert top_level <= linked
    facts = next(
        row
        for row in article.select("tr")
        if row.select_one("a[href$='downloads/facts.csv']") is not None
    )
    quoted = sum(len(quoted_items(record)) for record in atlas.records.values())
    assert f"{quoted:,}" in facts.get_text(" ")
    assert article.select_one("#licence") is not None and "CC BY 4.0" in article.get_text()


@pytest.mark.parametrize("language", CHINESE)
def test_no_english_in_the_chinese_downloads_page(real_site, language):
    article = page(real_site, f"{language}/downloads/").select_one("article")
    assert english_in(article.select(INTERFACE)) == []
    descriptions = [row.select("td")[1].get_text() for row in article.select("tbody tr")]
    assert descriptions and all(re.search(r"[\u4e00-\u9fff]", text) for text in descriptions)
