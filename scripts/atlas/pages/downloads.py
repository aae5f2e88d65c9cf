"""The downloads page: /<lang>/downloads/, every file of /downloads/ with what it holds, its
size and rows, the data model, the licence and how to cite.

The files themselves are made by atlas.export.downloads (once per build, shared by the three
languages); the page links to them relatively, so the site may live under a sub-path.
"""

from __future__ import annotations

from collections.abc import Iterator

from atlas.export.downloads import Download, downloads
from atlas.export.licence import atlas_citation, source_as_printed, source_details
from atlas.export.record_json import DOWNLOADS
from atlas.export.tables import FACT_COLUMNS
from atlas.model import FOLDERS, Source
from atlas.pages.view import LanguageView, Page, page_url, relative
from atlas.vocabulary import TYPE_LABELS

URL = "downloads/"
LICENCE_DEEDS = {
    "en": "https://creativecommons.org/licenses/by/4.0/deed.en",
    "zh-hant": "https://creativecommons.org/licenses/by/4.0/deed.zh-hant",
    "zh-hans": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans",
}
TABLE_DESCRIPTIONS = {  # tables other than a record type's
    "records": "download_records_csv",
    "facts": "download_facts_csv",
    "relations": "download_relations_csv",
    "kpi_values": "download_kpi_values_csv",
}
# columns in three scripts (claims) and three language versions (pages), by their ending
SCRIPT_SUFFIXES = {
    "_en": ("download_english", "download_version_en"),
    "_zh_hant": ("script_zh-Hant", "download_version_zh_hant"),
    "_zh_hans": ("script_zh-Hans", "download_version_zh_hans"),
}


def pages(view: LanguageView) -> Iterator[Page]:
    yield Page("downloads.md", "downloads.md.j2", {"downloads": downloads_view(view)})


def file_href(path: str) -> str:
    """A link from this page to a file of /downloads/ (relative: the site may be a sub-path)."""
    return relative(URL, f"../{DOWNLOADS}/{path}")


def size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def _counted(view: LanguageView, key: str, count: int) -> str:
    return view.ui[key].format(count=f"{count:,}")


def file_row(view: LanguageView, file: Download) -> dict[str, str]:
    ui = view.ui
    if file.kind == "table" and file.table is not None:
        name = file.table.name
        if name in FOLDERS:
            what = ui["download_type_csv"].format(type=view.label(TYPE_LABELS[name]))
        else:
            what = ui[TABLE_DESCRIPTIONS[name]]
        count = _counted(view, "download_rows" if file.count != 1 else "download_row", file.count)
    else:
        what, count_key = {
            "atlas-json": ("download_atlas_json", "download_records_count"),
            "schema": ("download_schema", "download_types_count"),
            "datapackage": ("download_datapackage", "download_tables_count"),
            "database": ("download_database", "download_tables_count"),
        }[file.kind]
        what, count = ui[what], _counted(view, count_key, file.count)
    return {
        "name": file.path,
        "href": file_href(file.path),
        "what": what,
        "size": size(len(file.content)),
        "count": count,
        "example": "",
        "example_href": "",
    }


def record_files_row(view: LanguageView, files: list[Download]) -> dict[str, str]:
    """The per-record JSON files, as one row: their pattern, total size and number."""
    return {
        "name": "records/<folder>/<id>.json",
        "href": "",
        "what": view.ui["download_record_json"],
        "size": size(sum(len(file.content) for file in files)),
        "count": _counted(view, "download_files_count", len(files)),
        "example": files[0].path if files else "",
        "example_href": file_href(files[0].path) if files else "",
    }


def facts_columns(view: LanguageView, file: Download) -> list[dict[str, str]]:
    """Every column of facts.csv with its meaning in the page's language."""
    assert file.table is not None
    columns = []
    for column in file.table.columns:
        base, which = column.name, ""
        for ending, (script_key, version_key) in SCRIPT_SUFFIXES.items():
            stem = column.name.removesuffix(ending)
            if stem != column.name and stem in FACT_COLUMNS:
                base, which = stem, view.ui[version_key if stem == "page" else script_key]
        meaning = view.ui[f"download_fact_{base}"]
        if which:
            meaning += _bracketed(view, which)
        columns.append({"name": column.name, "meaning": meaning})
    return columns


def _separated(view: LanguageView, text: str) -> str:
    """A clause after a comma, ending a sentence, in the page's punctuation."""
    return f", {text}." if view.code == "en" else f"，{text}。"


def _bracketed(view: LanguageView, text: str) -> str:
    return f" ({text})" if view.code == "en" else f"（{text}）"


def downloads_view(view: LanguageView) -> dict[str, object]:
    publication = view.publication
    made = downloads(view.atlas, publication)
    ui = view.ui
    by_kind = {kind: made.of_kind(kind) for kind in ("atlas-json", "record-json", "schema")}
    files = [file_row(view, file) for file in by_kind["atlas-json"]]
    files.append(record_files_row(view, by_kind["record-json"]))
    files += [file_row(view, file) for file in by_kind["schema"]]
    files += [
        file_row(view, file)
        for kind in ("datapackage", "table", "database")
        for file in made.of_kind(kind)
    ]
    facts = next(file for file in made.of_kind("table") if file.path == "facts.csv")
    edition = publication.edition
    dates = {"edition": edition.version, "date": edition.date.isoformat()}
    sources = sorted(view.atlas.of_type(Source), key=lambda source: source.file)
    return {
        "intro": ui["download_intro"].format(**dates, built=publication.built.isoformat()),
        "files": files,
        "schema_href": file_href("schema.json"),
        "datapackage_href": file_href("datapackage.json"),
        "facts_href": file_href("facts.csv"),
        "facts_columns": facts_columns(view, facts),
        "licence_text": ui["download_licence_text"],
        "licence_href": LICENCE_DEEDS[view.code],
        "citation": atlas_citation(publication, view.code),
        "sources": [
            {
                "printed": source_as_printed(source, view.code),
                "lang": source.script,
                "details": _separated(view, source_details(source, view.code)),
                "address": source.url or source.archived_url or "",
                "href": relative(URL, page_url(source)),
                "name": view.name(source),
            }
            for source in sources
        ],
    }
