"""Record pages: one page per record, /<lang>/<folder>/<id>/, in every language."""

from __future__ import annotations

from collections.abc import Iterator

from atlas.export.citations import record_cite
from atlas.export.record_json import record_json_path
from atlas.model import (
    Blueprint,
    Group,
    Hub,
    Kpi,
    Measure,
    Record,
    Source,
    Strategy,
    folder_of,
    quoted_items,
)
from atlas.pages.changelog import record_history
from atlas.pages.compare import HUB_CHOICES, ready_comparisons
from atlas.pages.facets import measures_of, members_of
from atlas.pages.kpi_trajectories import kpi_charts_view
from atlas.pages.view import LanguageView, Page, page_url, relative
from atlas.vocabulary import TYPE_LABELS

TEMPLATES: dict[type[Record], str] = {
    Blueprint: "blueprint.md.j2",
    Strategy: "strategy.md.j2",
    Measure: "measure.md.j2",
    Kpi: "kpi.md.j2",
    Source: "source.md.j2",
}


def pages(view: LanguageView) -> Iterator[Page]:
    for folder in TYPE_LABELS:
        for record in view.atlas.in_folder(folder):
            yield Page(
                f"{folder}/{record.id}.md",
                TEMPLATES.get(type(record), "record.md.j2"),
                {"record": record_view(view, record)},
            )


def numbered_title(view: LanguageView, record: Record) -> str:
    """The page's title: the record's name, after its number where the Blueprint numbers it
    ("Strategy 3: Broaden venture capital…", "策略三：豐富創投融資渠道…")."""
    number = view.number_label(record)
    if not number:
        return view.name(record)
    return f"{number}{': ' if view.code == 'en' else '：'}{view.name(record)}"


def record_view(view: LanguageView, record: Record) -> dict[str, object]:
    url = page_url(record)
    folder = folder_of(record)
    page: dict[str, object] = {
        "id": record.id,
        "folder": folder,
        "title": numbered_title(view, record),
        "other_names": view.other_names(record),
        "aliases": view.aliases(record),
        "type_label": view.type_label(record),
        "type_href": relative(url, f"{folder}/"),
        "kind": view.kind(record),
        "number": getattr(record, "number", None) or "",
        "summary": view.text(record.summary),
        "voices": view.voices(record, url),
        "relations": view.link_groups(view.atlas.outgoing(record.id), url, reverse=False),
        "backlinks": view.link_groups(view.atlas.incoming(record.id), url, reverse=True),
        "notes": [view.note(note, url) for note in record.notes],
        "compare": compare_control(view, record) if isinstance(record, Hub) else None,
        "group_comparison": group_comparison(view, record) if isinstance(record, Group) else None,
        "cite": record_cite(view, record),
        "history": record_history(view, record),
        "json_href": relative(url, "../" + record_json_path(folder, record.id)),
        "downloads_href": relative(url, "downloads/"),
    }
    if isinstance(record, Blueprint):
        page["vision"] = view.text(record.vision)
        page["released"] = record.released
        page["aims"] = [view.fact(aim, url) for aim in record.aims]
    if isinstance(record, Strategy):
        page["targets"] = targets(view, record, url)
    if isinstance(record, Measure):
        strategy = view.atlas.records[record.strategy]
        assert isinstance(strategy, Strategy)
        target = next(target for target in strategy.targets if target.id == record.target)
        page["strategy"] = view.ref(strategy, url)
        page["target"] = {"id": target.id, "claim": view.text(target.claim)}
    if isinstance(record, Kpi):
        page |= kpi(view, record)
    if isinstance(record, Source):
        page |= source(view, record, url)
    return page


def compare_control(view: LanguageView, hub: Hub) -> dict[str, object]:
    """The "compare with…" form of a hub page, submitted to compare/: the other hubs to pick
    come from compare/hubs.json (assets/views.js), the same file for every hub page."""
    url = page_url(hub)
    return {
        "action": relative(url, "compare/"),
        "id": hub.id,
        "choices": relative(url, HUB_CHOICES),
    }


def group_comparison(view: LanguageView, group: Group) -> dict[str, str] | None:
    """The ready comparison of a group's members side by side, where there is one."""
    members = {member.id for member in members_of(view.atlas, group)}
    for slug, title, ids in ready_comparisons(view):
        if set(ids) == members:
            return {"href": relative(page_url(group), f"compare/{slug}/"), "title": title}
    return None


def targets(view: LanguageView, strategy: Strategy, from_url: str) -> list[dict]:
    # in the source's order: by the line of the measure's first quote
    measures = sorted(
        measures_of(view.atlas, strategy),
        key=lambda m: (min((f.line for f in m.facts), default=0), m.id),
    )
    return [
        {
            "fact": view.fact(target, from_url),
            "measures": [view.ref(m, from_url) for m in measures if m.target == target.id],
        }
        for target in strategy.targets
    ]


def kpi(view: LanguageView, record: Kpi) -> dict[str, object]:
    kinds = {"actual": view.ui["kind_actual"], "target": view.ui["kind_target"]}
    return {
        "number": record.number,
        "area": view.text(record.area),
        "unit": view.text(record.unit),
        "kpi_values": [
            {
                "column": value.column,
                "figure_year": value.figure_year or value.column,
                "printed": {"text": value.printed, "lang": view.printed_lang(record)},
                "kind": kinds[value.kind],
            }
            for value in record.values
        ],
        "dashboard_href": relative(page_url(record), f"kpis/dashboard/#kpi-{record.id}"),
    } | kpi_charts_view(view, record)


def source(view: LanguageView, record: Source, url: str) -> dict[str, object]:
    ui = view.ui
    rows = [
        {"label": ui["title"], "value": record.title, "lang": record.script},
        {"label": ui["authors"], "value": "、".join(record.authors), "lang": record.script},
        {"label": ui["publisher"], "value": record.publisher, "lang": record.script},
        {"label": ui["date"], "value": record.date or ui["undated"]},
        {"label": ui["medium"], "value": view.text(record.medium)},
        {"label": ui["place"], "value": view.text(record.place) if record.place else ""},
        {"label": ui["url"], "value": record.url or "", "href": record.url},
        {
            "label": ui["archived_url"],
            "value": record.archived_url or "",
            "href": record.archived_url,
        },
        {"label": ui["script"], "value": ui[f"script_{record.script}"]},
    ]
    taken = []
    for other in view.atlas.records.values():
        for item in quoted_items(other):
            if item.source == record.id:
                taken.append(
                    {
                        "name": view.name(other),
                        "href": relative(url, page_url(other)) + f"#fact-{item.id}",
                        "locator": view.locator(record, item.line),
                        "line": item.line,
                        "quote": item.quote,
                    }
                )
    taken.sort(key=lambda item: (item["line"], item["href"]))
    return {
        "bibliography": [{"lang": "", "href": ""} | row for row in rows if row["value"]],
        "taken_from": taken,
        "script": record.script,
    }
