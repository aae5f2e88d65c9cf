"""Theme pages: /<lang>/themes/ and /<lang>/themes/<theme>/.

A theme page is a matrix: rows are records (hubs grouped by country or region, then
district models, clusters, policies, and the Blueprint's strategies and measures),
columns are the sources, and each cell holds the record's claims on the theme with their
quotes and a link to each fact's anchor. Above it, what the Blueprint plans stands beside
what the hubs did. Tagging is the atlas's reading; the pages say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from atlas.model import (
    Cluster,
    DistrictModel,
    Fact,
    Hub,
    Measure,
    Policy,
    Record,
    Source,
    Strategy,
    quoted_items,
)
from atlas.pages.facets import place_of, source_code
from atlas.pages.view import LanguageView, Page
from atlas.vocabulary import THEMES, TYPE_LABELS

INDEX_URL = "themes/"
# Row groups after the hubs, in order (the Blueprint's rows come last, as the issue asks).
LATER_GROUPS: tuple[tuple[str, tuple[type[Record], ...]], ...] = (
    ("models", (DistrictModel,)),
    ("clusters", (Cluster,)),
    ("policies", (Policy,)),
    ("blueprint", (Strategy, Measure)),
)


def pages(view: LanguageView) -> Iterator[Page]:
    yield Page("themes/index.md", "themes.md.j2", {"themes": theme_index(view)})
    for theme in THEMES:
        yield Page(f"themes/{theme}.md", "theme.md.j2", {"theme": theme_view(view, theme)})


def facts_on(record: Record, theme: str) -> list[Fact]:
    return [item for item in quoted_items(record) if theme in item.themes]


def _sources(view: LanguageView) -> list[Source]:
    return sorted(view.atlas.of_type(Source), key=lambda source: source.file)


def theme_index(view: LanguageView) -> dict[str, object]:
    rows = []
    for theme, entry in THEMES.items():
        records = [r for r in view.atlas.records.values() if facts_on(r, theme)]
        rows.append(
            {
                "id": theme,
                "label": view.label(entry),
                "definition": view.label(entry, "definition_"),
                "href": f"{theme}/",
                "facts": sum(len(facts_on(r, theme)) for r in records),
                "records": len(records),
            }
        )
    return {"title": view.ui["themes_title"], "rows": rows}


def _blueprint_order(view: LanguageView, record: Record) -> tuple:
    """Strategies by number, each followed by its measures in the source's order."""
    if isinstance(record, Strategy):
        return (record.number, 0, 0, record.id)
    assert isinstance(record, Measure)
    strategy = view.atlas.records[record.strategy]
    assert isinstance(strategy, Strategy)
    return (strategy.number, 1, min((f.line for f in record.facts), default=0), record.id)


def _row(view: LanguageView, record: Record, theme: str, url: str, sources: list[Source]):
    facts = facts_on(record, theme)
    by_source: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        by_source[fact.source].append(view.fact(fact, url, record))
    return {
        "record": view.ref(record, url) | {"kind": view.type_label(record)},
        "cells": [by_source.get(source.id, []) for source in sources],
        "facts": [view.fact(fact, url, record) for fact in facts],
    }


def theme_view(view: LanguageView, theme: str) -> dict[str, object]:
    url = f"themes/{theme}/"
    atlas = view.atlas
    sources = _sources(view)
    groups: list[dict[str, object]] = []
    hubs = [hub for hub in atlas.of_type(Hub) if facts_on(hub, theme)]
    by_place: dict[str, list[Record]] = defaultdict(list)
    place_names: dict[str, str] = {}
    for hub in hubs:
        place = place_of(atlas, hub)
        key = place.id if place else ""
        place_names[key] = view.name(place) if place else view.ui["elsewhere"]
        by_place[key].append(hub)
    for key in sorted(by_place, key=lambda k: (k == "", -len(by_place[k]), place_names[k])):
        members = sorted(by_place[key], key=lambda hub: (hub.id != key, view.name(hub)))
        groups.append(
            {
                "id": f"place-{key or 'elsewhere'}",
                "label": place_names[key],
                "rows": [_row(view, hub, theme, url, sources) for hub in members],
            }
        )
    for group, kinds in LATER_GROUPS:
        members = [r for r in atlas.records.values() if isinstance(r, kinds) and facts_on(r, theme)]
        if not members:
            continue
        if group == "blueprint":
            members.sort(key=lambda r: _blueprint_order(view, r))
            label = view.ui["blueprint_rows"]
        else:
            members.sort(key=view.name)
            label = view.label(TYPE_LABELS[group])
        groups.append(
            {
                "id": group,
                "label": label,
                "rows": [_row(view, r, theme, url, sources) for r in members],
            }
        )
    used = [
        index
        for index, _ in enumerate(sources)
        if any(row["cells"][index] for group in groups for row in group["rows"])
    ]
    for group in groups:
        for row in group["rows"]:
            row["cells"] = [row["cells"][index] for index in used]
    blueprint = next((g for g in groups if g["id"] == "blueprint"), {"rows": []})
    hub_rows = [row for g in groups if str(g["id"]).startswith("place-") for row in g["rows"]]
    return {
        "id": theme,
        "title": view.label(THEMES[theme]),
        "definition": view.label(THEMES[theme], "definition_"),
        "sources": [
            view.ref(sources[index], url) | {"short": source_code(sources[index])} for index in used
        ],
        "groups": groups,
        "blueprint_rows": blueprint["rows"],
        "hub_rows": hub_rows,
        "others": [
            {"label": view.label(entry), "href": f"../{other}/"}
            for other, entry in THEMES.items()
            if other != theme
        ],
        "index_href": "../",
    }
