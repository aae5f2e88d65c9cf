"""Directories: /<lang>/<folder>/, every record of a type.

Hubs, policies and organisations are grouped by country or region and carry facets
(FACETS): without JavaScript the groups are the page; with it (assets/views.js) a reader
filters by kind, place, model, source and theme, with a count beside each value, and the
filter is kept in the URL (?kind=district&model=university-led-district).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from atlas.model import Measure, Record, Strategy
from atlas.pages.facets import DIRECTORY_FACETS, FACETS, place_of
from atlas.pages.view import CHINESE_NUMERALS, LanguageView, Page, page_url, relative
from atlas.pages.world_map import map_svg
from atlas.vocabulary import TYPE_LABELS


def pages(view: LanguageView) -> Iterator[Page]:
    for folder in TYPE_LABELS:
        records = view.atlas.in_folder(folder)
        if not records or folder == "kpis":  # the KPI table is the KPIs' directory
            continue
        if folder in DIRECTORY_FACETS:
            yield Page(f"{folder}/index.md", "directory.md.j2", {"index": faceted(view, folder)})
        else:
            yield Page(f"{folder}/index.md", "index.md.j2", {"index": plain(view, folder)})


def entry(view: LanguageView, record: Record, url: str) -> dict[str, object]:
    return view.ref(record, url) | {
        "other": record.names.en if view.code != "en" else view.zh(record.names.zh),
        "other_lang": "en" if view.code != "en" else "zh-Hant",
        "kind": view.kind(record),
        "number": view.number_label(record),
    }


def _order(view: LanguageView, record: Record) -> tuple:
    number = getattr(record, "number", None) or 0
    return (number if isinstance(number, int) else 0, view.name(record))


def plain(view: LanguageView, folder: str) -> dict[str, object]:
    url = f"{folder}/"
    records = sorted(view.atlas.in_folder(folder), key=lambda r: _order(view, r))
    return {
        "folder": folder,
        "title": view.label(TYPE_LABELS[folder]),
        "entries": [entry(view, record, url) for record in records],
        "groups": measure_groups(view, url) if folder == "measures" else [],
    }


def measure_groups(view: LanguageView, url: str) -> list[dict[str, object]]:
    """The measures under their strategy, in the Blueprint's order, each with the number of
    the target it serves ("target 3" / "目標三"): how the appendix lists them."""
    groups = []
    strategies = sorted(view.atlas.of_type(Strategy), key=lambda strategy: strategy.number)
    for strategy in strategies:
        targets = {target.id: index for index, target in enumerate(strategy.targets, start=1)}
        members = [m for m in view.atlas.of_type(Measure) if m.strategy == strategy.id]
        members.sort(key=lambda m: (targets.get(m.target, 0), m.facts[0].line if m.facts else 0))
        entries = []
        for measure in members:
            number = targets.get(measure.target, 0)
            target = (
                f"target {number}"
                if view.code == "en"
                else view.zh(f"目標{CHINESE_NUMERALS.get(number, number)}")
            )
            entries.append(entry(view, measure, url) | {"number": target})
        if entries:
            groups.append(
                {
                    "id": f"strategy-{strategy.number}",
                    "title": f"{view.number_label(strategy)}{': ' if view.code == 'en' else '：'}"
                    f"{view.name(strategy)}",
                    "href": relative(url, page_url(strategy)),
                    "entries": entries,
                }
            )
    return groups


def faceted(view: LanguageView, folder: str) -> dict[str, object]:
    url = f"{folder}/"
    records = sorted(view.atlas.in_folder(folder), key=lambda r: view.name(r))
    groups: dict[str, list[dict]] = defaultdict(list)
    group_names: dict[str, str] = {}
    facet_values: dict[str, Counter] = {key: Counter() for key in DIRECTORY_FACETS[folder]}
    value_labels: dict[tuple[str, str], str] = {}
    for record in records:
        place = place_of(view.atlas, record)
        group = place.id if place else ""
        group_names[group] = view.name(place) if place else view.ui["elsewhere"]
        item = entry(view, record, url)
        item["facets"] = {}
        for key in DIRECTORY_FACETS[folder]:
            values = FACETS[key].values(view, record)
            item["facets"][key] = " ".join(value for value, _ in values)
            for value, value_label in values:
                facet_values[key][value] += 1
                value_labels[(key, value)] = value_label
        groups[group].append(item)
    # groups by size, the unplaced last; values by count, then label
    ordered = sorted(groups, key=lambda g: (g == "", -len(groups[g]), group_names[g]))
    facets = [
        {
            "key": key,
            "label": view.ui[FACETS[key].label],
            "all_of": FACETS[key].all_of,
            "options": [
                {"value": value, "label": value_labels[(key, value)], "count": count}
                for value, count in sorted(
                    facet_values[key].items(), key=lambda vc: (-vc[1], value_labels[(key, vc[0])])
                )
            ],
        }
        for key in DIRECTORY_FACETS[folder]
        if facet_values[key]
    ]
    return {
        "folder": folder,
        "title": view.label(TYPE_LABELS[folder]),
        "total": len(records),
        "facets": facets,
        "groups": [
            {"id": group or "elsewhere", "name": group_names[group], "entries": groups[group]}
            for group in ordered
        ],
        "map": map_svg(view, url) if folder == "hubs" else None,
    }
