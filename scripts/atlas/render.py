"""Stage 5, render: the Atlas → one Markdown page per record, index and language.

Views are plain dicts (what a page shows, already in the page's language); the HTML is
in the Jinja templates beside this module, with autoescaping on, so no record text can
put markup into a page.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from atlas.convert import Language, chinese, label, localise
from atlas.link import CITES_SOURCE, Atlas, Link
from atlas.model import (
    Blueprint,
    Fact,
    Kpi,
    Measure,
    Record,
    Source,
    Strategy,
    folder_of,
    quoted_items,
)
from atlas.paths import TEMPLATES
from atlas.vocabulary import KIND_LABELS, RELATION_TYPES, TYPE_LABELS, UI_LABELS

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as syntax (HTML is escaped after)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENVIRONMENT.filters["md"] = markdown_escape


def page_url(record: Record) -> str:
    """A record's URL below its language's root: <folder>/<id>/ (stable, see design)."""
    return f"{folder_of(record)}/{record.id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page's URL to another's, both below the language root."""
    path = posixpath.relpath(to_url or ".", from_url or ".")
    return path + "/" if to_url.endswith("/") and not path.endswith("/") else path


class PageRenderer:
    """Renders every page of one language version."""

    def __init__(self, atlas: Atlas, language: Language):
        self.atlas = atlas
        self.language = language
        self.code = language.code
        self.ui = {key: self.label(value) for key, value in UI_LABELS.items()}
        # attribute access in templates, where a dict's own methods (items, values) would win
        self.template_labels = SimpleNamespace(**self.ui)

    def label(self, text: dict[str, str], stem: str = "") -> str:
        """A vocabulary entry in this page's language."""
        return label(text, self.code, stem)

    # -- names ----------------------------------------------------------------------
    def name(self, record: Record) -> str:
        if self.code == "en":
            return record.names.en
        return chinese(record.names.zh, self.code)

    def other_names(self, record: Record) -> list[dict[str, str]]:
        zh_hant = {"lang": "zh-Hant", "text": record.names.zh}
        zh_hans = {"lang": "zh-Hans", "text": chinese(record.names.zh, "zh-hans")}
        english = {"lang": "en", "text": record.names.en}
        if self.code == "en":
            names = [zh_hant, zh_hans]
        else:
            names = [english, zh_hant if self.code == "zh-hans" else zh_hans]
        seen = {self.name(record)}
        return [name for name in names if not (name["text"] in seen or seen.add(name["text"]))]

    def kind(self, record: Record) -> str:
        kind = getattr(record, "kind", None)
        return self.label(KIND_LABELS[kind]) if kind else ""

    def ref(self, record: Record, from_url: str) -> dict[str, str]:
        return {"name": self.name(record), "href": relative(from_url, page_url(record))}

    # -- parts of a record page ------------------------------------------------------
    def fact(self, fact: Fact, from_url: str) -> dict[str, object]:
        source = self.atlas.source(fact.source)
        return {
            "id": fact.id,
            "claim": localise(fact.claim, self.code),
            "quote": fact.quote,
            "quote_lang": source.script,
            "source_name": self.name(source),
            "source_href": relative(from_url, page_url(source)),
            "locator": fact.locator,
            "line": fact.line,
        }

    def voices(self, record: Record, from_url: str) -> list[dict[str, object]]:
        """The record's facts grouped by source, in the sources' order: one voice each."""
        by_source: dict[str, list[Fact]] = defaultdict(list)
        for fact in record.facts:
            by_source[fact.source].append(fact)
        voices = []
        for source_id in sorted(by_source, key=lambda sid: self.atlas.source(sid).file):
            source = self.atlas.source(source_id)
            voices.append(
                {
                    "source_name": self.name(source),
                    "source_href": relative(from_url, page_url(source)),
                    "facts": [self.fact(fact, from_url) for fact in by_source[source_id]],
                }
            )
        return voices

    def link_groups(self, links: list[Link], from_url: str, reverse: bool) -> list[dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for link in links:
            other = self.atlas.records[link.origin if reverse else link.target]
            if link.type == CITES_SOURCE:
                if not reverse:
                    continue  # the facts already link to their sources
                label = self.ui["facts"]
            else:
                label = self.label(RELATION_TYPES[link.type], "reverse_" if reverse else "")
            item = self.ref(other, from_url) | {
                "kind": self.label(TYPE_LABELS[folder_of(other)], "one_")
            }
            if item not in groups[label]:
                groups[label].append(item)
        return [
            {"label": label, "links": sorted(items, key=lambda item: item["name"])}
            for label, items in groups.items()
        ]

    def record_view(self, record: Record) -> dict[str, object]:
        url = page_url(record)
        folder = folder_of(record)
        view: dict[str, object] = {
            "id": record.id,
            "folder": folder,
            "title": self.name(record),
            "other_names": self.other_names(record),
            "aliases": record.names.aliases,
            "type_label": self.label(TYPE_LABELS[folder], "one_"),
            "type_href": relative(url, f"{folder}/"),
            "kind": self.kind(record),
            "number": getattr(record, "number", None) or "",
            "summary": localise(record.summary, self.code),
            "voices": self.voices(record, url),
            "relations": self.link_groups(self.atlas.outgoing(record.id), url, reverse=False),
            "backlinks": self.link_groups(self.atlas.incoming(record.id), url, reverse=True),
            "notes": [self.note(note, url) for note in record.notes],
        }
        if isinstance(record, Blueprint):
            view["vision"] = localise(record.vision, self.code)
            view["released"] = record.released
            view["aims"] = [self.fact(aim, url) for aim in record.aims]
        if isinstance(record, Strategy):
            view["targets"] = self.targets(record, url)
        if isinstance(record, Measure):
            strategy = self.atlas.records[record.strategy]
            assert isinstance(strategy, Strategy)
            target = next(target for target in strategy.targets if target.id == record.target)
            view["strategy"] = self.ref(strategy, url)
            view["target"] = {"id": target.id, "claim": localise(target.claim, self.code)}
        if isinstance(record, Kpi):
            view |= self.kpi(record)
        if isinstance(record, Source):
            view |= self.source(record, url)
        return view

    def note(self, note, from_url: str) -> dict[str, str]:
        text = note.en if self.code == "en" else chinese(note.zh, self.code)
        view = {"text": text, "source_name": "", "source_href": ""}
        if note.source:
            source = self.atlas.source(note.source)
            view |= {
                "source_name": self.name(source),
                "source_href": relative(from_url, page_url(source)),
            }
        return view

    def targets(self, strategy: Strategy, from_url: str) -> list[dict]:
        # in the source's order: by the line of the measure's first quote
        measures = sorted(
            (m for m in self.atlas.of_type(Measure) if m.strategy == strategy.id),
            key=lambda m: (min((f.line for f in m.facts), default=0), m.id),
        )
        return [
            {
                "fact": self.fact(target, from_url),
                "measures": [self.ref(m, from_url) for m in measures if m.target == target.id],
            }
            for target in strategy.targets
        ]

    def column_header(self, column: int, figure_year: int | None) -> str:
        if figure_year is None:
            return str(column)
        if self.code == "en":
            return f"{column} ({figure_year} figure)"
        return (
            f"{column}（{figure_year} 年數字）"
            if self.code == "zh-hant"
            else f"{column}（{figure_year} 年数字）"
        )

    def kpi(self, kpi: Kpi) -> dict[str, object]:
        kinds = {"actual": self.ui["kind_actual"], "target": self.ui["kind_target"]}
        return {
            "number": kpi.number,
            "area": localise(kpi.area, self.code),
            "unit": localise(kpi.unit, self.code),
            "kpi_values": [
                {
                    "column": value.column,
                    "figure_year": value.figure_year or value.column,
                    "printed": value.printed,
                    "kind": kinds[value.kind],
                }
                for value in kpi.values
            ],
        }

    def source(self, source: Source, url: str) -> dict[str, object]:
        ui = self.ui
        rows = [
            {"label": ui["title"], "value": source.title, "lang": source.script},
            {"label": ui["authors"], "value": "、".join(source.authors), "lang": source.script},
            {"label": ui["publisher"], "value": source.publisher, "lang": source.script},
            {"label": ui["date"], "value": source.date or ui["undated"]},
            {"label": ui["medium"], "value": localise(source.medium, self.code)},
            {
                "label": ui["place"],
                "value": localise(source.place, self.code) if source.place else "",
            },
            {"label": ui["url"], "value": source.url or "", "href": source.url},
            {
                "label": ui["archived_url"],
                "value": source.archived_url or "",
                "href": source.archived_url,
            },
            {"label": ui["script"], "value": ui[f"script_{source.script}"]},
        ]
        taken = []
        for record in self.atlas.records.values():
            for item in quoted_items(record):
                if item.source == source.id:
                    href = relative(url, page_url(record)) + f"#fact-{item.id}"
                    taken.append(
                        {
                            "name": self.name(record),
                            "href": href,
                            "locator": item.locator,
                            "line": item.line,
                            "quote": item.quote,
                        }
                    )
        taken.sort(key=lambda item: (item["line"], item["href"]))
        return {
            "bibliography": [{"lang": "", "href": ""} | row for row in rows if row["value"]],
            "taken_from": taken,
            "script": source.script,
        }

    # -- pages -------------------------------------------------------------------------
    def render_record_page(self, record: Record) -> str:
        template = {
            Blueprint: "blueprint.md.j2",
            Strategy: "strategy.md.j2",
            Measure: "measure.md.j2",
            Kpi: "kpi.md.j2",
            Source: "source.md.j2",
        }.get(type(record), "record.md.j2")
        context = {
            "record": self.record_view(record),
            "ui": self.template_labels,
            "lang": self.code,
        }
        return ENVIRONMENT.get_template(template).render(context)

    def render_index_page(self, folder: str) -> str:
        url = f"{folder}/"
        records = sorted(
            self.atlas.in_folder(folder), key=lambda r: (getattr(r, "number", 0) or 0, self.name(r))
        )
        items = [
            self.ref(record, url)
            | {
                "other": record.names.en if self.code != "en" else record.names.zh,
                "kind": self.kind(record),
            }
            for record in records
        ]
        index = {"folder": folder, "title": self.label(TYPE_LABELS[folder]), "entries": items}
        return ENVIRONMENT.get_template("index.md.j2").render(index=index, ui=self.template_labels)

    def render_kpi_table_page(self) -> str:
        kpis = sorted(
            self.atlas.of_type(Kpi), key=lambda kpi: [int(n) for n in kpi.number.split(".")]
        )
        # A column's header names the figure year most of its cells have ("2016 (2014 年數字)");
        # a cell whose figure is from another year says so on its KPI's page.
        years: dict[int, Counter] = defaultdict(Counter)
        for kpi in kpis:
            for value in kpi.values:
                years[value.column][value.figure_year] += 1
        columns = {column: counter.most_common(1)[0][0] for column, counter in years.items()}
        groups: dict[str, list[dict]] = defaultdict(list)
        for kpi in kpis:
            printed = {value.column: value.printed for value in kpi.values}
            groups[localise(kpi.area, self.code)].append(
                {
                    "id": kpi.id,
                    "number": kpi.number,
                    "name": self.name(kpi),
                    "href": relative("kpis/", page_url(kpi)),
                    "unit": localise(kpi.unit, self.code),
                    "cells": [printed.get(column, "") for column in sorted(columns)],
                }
            )
        table = {
            "title": self.ui["kpi_table"],
            "columns": [self.column_header(c, columns[c]) for c in sorted(columns)],
            "groups": [{"area": area, "rows": rows} for area, rows in groups.items()],
        }
        return ENVIRONMENT.get_template("kpi_table.md.j2").render(
            table=table, ui=self.template_labels
        )

    def render_coverage_page(self) -> str:
        url = "coverage/"
        sources = sorted(self.atlas.of_type(Source), key=lambda source: source.file)
        records = [r for r in self.atlas.records.values() if not isinstance(r, Source)]
        cited = {r.id: {fact.source for fact in quoted_items(r)} for r in records}
        types = []
        for folder in TYPE_LABELS:
            members = [r for r in records if folder_of(r) == folder]
            if members:
                types.append(
                    {
                        "folder": folder,
                        "label": self.label(TYPE_LABELS[folder]),
                        "href": relative(url, f"{folder}/"),
                        "counts": [sum(s.id in cited[r.id] for r in members) for s in sources],
                        "total": len(members),
                    }
                )
        counts = Counter(len(quoted_items(r)) for r in records)
        single = [r for r in records if len(cited[r.id]) == 1]
        coverage = {
            "sources": [self.ref(s, url) | {"short": s.file[:3]} for s in sources],
            "types": types,
            "facts_per_source": [
                sum(f.source == s.id for r in records for f in quoted_items(r)) for s in sources
            ],
            "facts_total": sum(len(quoted_items(r)) for r in records),
            "fact_counts": [{"facts": n, "records": counts[n]} for n in sorted(counts)],
            "single_source": [
                self.ref(r, url)
                | {
                    "kind": self.label(TYPE_LABELS[folder_of(r)], "one_"),
                    "source": self.atlas.source(next(iter(cited[r.id]))).file[:3],
                }
                for r in sorted(single, key=lambda r: (folder_of(r), r.id))
            ],
            "quirks": [
                self.ref(r, url) | {"text": self.note(note, url)["text"]}
                for r in self.atlas.records.values()
                for note in r.notes
                if note.source
            ],
        }
        return ENVIRONMENT.get_template("coverage.md.j2").render(
            coverage=coverage, ui=self.template_labels
        )

    def write_pages(self, docs: Path) -> list[str]:
        """Write every generated page under `docs`; return the index pages for the nav."""
        indexes = []
        for folder in TYPE_LABELS:
            records = self.atlas.in_folder(folder)
            if not records:
                continue
            (docs / folder).mkdir(parents=True, exist_ok=True)
            for record in records:
                (docs / folder / f"{record.id}.md").write_text(
                    self.render_record_page(record), "utf-8"
                )
            index = (
                self.render_kpi_table_page() if folder == "kpis" else self.render_index_page(folder)
            )
            (docs / folder / "index.md").write_text(index, "utf-8")
            indexes.append(folder)
        (docs / "coverage.md").write_text(self.render_coverage_page(), "utf-8")
        return indexes
