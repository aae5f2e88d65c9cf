"""The compare view: /<lang>/compare/?ids=boston,seattle,san-diego, and ready comparisons.

One table builder serves both: columns are records, rows are ROWS (kind, place, model,
anchors, policies, sources) then one row per theme. The compare page carries the table's
rows without columns; each comparable record's column is a file of its own
(compare/columns/<id>.json: the table with that one column, as HTML), and assets/views.js
fetches the two to four the URL asks for. (The page once carried every column, hidden:
871 KB of HTML at our data, 86 MB at 100×.) Ready comparisons (READY) are the same table,
pre-rendered as plain pages at /<lang>/compare/<slug>/, so they work without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from atlas.model import (
    Cluster,
    DistrictModel,
    Fact,
    Group,
    Hub,
    Policy,
    Record,
    Strategy,
    quoted_items,
)
from atlas.pages.facets import (
    examples_of,
    measures_of,
    members_of,
    models_of,
    place_of,
    sources_of,
)
from atlas.pages.view import DATA, LanguageView, Page, page_url, relative, source_code
from atlas.vocabulary import THEMES, TYPE_LABELS

URL = "compare/"
COMPARABLE: tuple[type[Record], ...] = (Hub, DistrictModel, Strategy, Cluster)
POOL_FOLDERS = ("hubs", "models", "strategies", "clusters")


@dataclass(frozen=True)
class Ready:
    """A ready comparison: a plain page at compare/<slug>/."""

    slug: str
    title: dict[str, str]  # en, zh (Traditional; converted for zh-Hans)
    ids: tuple[str, ...]


READY: tuple[Ready, ...] = (
    Ready(
        "us-hubs-2020",
        {
            "en": "The five US innovation hubs of the 2020 column",
            "zh": "2020 年專欄所述美國五大創新重鎮",
        },
        ("boston", "san-francisco", "san-jose", "seattle", "san-diego"),
    ),
    Ready(
        "xuchang-centres",
        {
            "en": "The five foreign science and technology innovation centres "
            "of the Xuchang briefing",
            "zh": "許昌決策參閱所述五個國外科技創新中心",
        },
        ("sf-sj-formula", "london-formula", "tokyo-formula", "berlin-model", "paris-saclay-model"),
    ),
    Ready(
        "blueprint-talent-london-tokyo",
        {
            "en": "The Blueprint's talent strategy beside London and Tokyo",
            "zh": "藍圖的人才策略與倫敦、東京並列",
        },
        ("strategy-talent-hub", "london", "tokyo"),
    ),
)


def ready_comparisons(view: LanguageView) -> list[tuple[str, str, tuple[str, ...]]]:
    """(slug, title, ids) of every ready comparison, the district models' examples included."""
    out = [
        (
            ready.slug,
            view.label(ready.title),
            tuple(i for i in ready.ids if i in view.atlas.records),
        )
        for ready in READY
    ]
    for model in sorted(view.atlas.of_type(DistrictModel), key=lambda m: m.id):
        assert isinstance(model, DistrictModel)
        examples = tuple(sorted(hub.id for hub in examples_of(view.atlas, model)))
        if model.kind == "archetype" and len(examples) >= 2:
            title = f"{view.name(model)}{view.ui['compare_examples_suffix']}"
            out.append((f"examples-{model.id}", title, examples))
    # a group the sources name, of records that compare, unless a ready comparison has them
    for group in sorted(view.atlas.of_type(Group), key=lambda g: g.id):
        ids = tuple(member.id for member in members_of(view.atlas, group))
        comparable = all(isinstance(view.atlas.records[i], COMPARABLE) for i in ids)
        if comparable and not any(set(ids) == set(other) for _, _, other in out):
            out.append((group.id, view.name(group), ids))
    # READY pages always exist (hand-written pages link to them), even on a small data set
    return out


def pages(view: LanguageView) -> Iterator[Page]:
    if not any(view.atlas.of_type(kind) for kind in COMPARABLE):
        return
    ready = ready_comparisons(view)
    pool = _pool_groups(view)
    yield Page("compare/index.md", "compare.md.j2", {"compare": compare_view(view, ready, pool)})
    yield Page(HUB_CHOICES, DATA, {"data": hub_choices(view)})
    for _, members in pool:
        for record in members:
            column = table(view, [record], URL)  # links relative to compare/, where it is shown
            yield Page(f"{COLUMNS}{record.id}.json", "compare_column.json.j2", {"column": column})
    for slug, title, ids in ready:
        url = f"compare/{slug}/"
        records = [view.atlas.records[i] for i in ids]
        yield Page(
            f"compare/{slug}.md",
            "comparison.md.j2",
            {
                "comparison": {
                    "slug": slug,
                    "title": title,
                    "table": table(view, records, url),
                    "live_href": relative(url, URL) + "?ids=" + ",".join(ids[:4]),
                    "index_href": relative(url, URL),
                }
            },
        )


# The hubs a hub page's "Compare with…" offers, in one file per language: a list on every
# hub page would grow each page with the number of hubs (at 100× the data, 7 GB of site).
HUB_CHOICES = "compare/hubs.json"


def hub_choices(view: LanguageView) -> list[list[str]]:
    """[id, name] of every hub, by name in the page's language."""
    hubs = sorted(view.atlas.of_type(Hub), key=lambda hub: view.name(hub))
    return [[hub.id, view.name(hub)] for hub in hubs]


# Each comparable record's column, below compare/: fetched by the page's script.
COLUMNS = "compare/columns/"


def _pool_groups(view: LanguageView) -> list[tuple[str, list[Record]]]:
    """(folder, records) of every record the compare page can show a column of, in order."""
    groups = []
    for folder in POOL_FOLDERS:
        members = sorted(view.atlas.in_folder(folder), key=lambda r: _order(view, r))
        if members:
            groups.append((folder, members))
    return groups


def compare_view(
    view: LanguageView, ready: list, pool: list[tuple[str, list[Record]]]
) -> dict[str, object]:
    groups = [
        {
            "label": view.label(TYPE_LABELS[folder]),
            "options": [{"id": r.id, "name": view.name(r)} for r in members],
        }
        for folder, members in pool
    ]
    return {
        "title": view.ui["compare_title"],
        "groups": groups,
        "rows": table(view, [], URL),  # the rows, without columns: views.js adds them
        "columns": relative(URL, COLUMNS),
        "ready": [
            {
                "href": f"{slug}/",
                "title": title,
                "names": [view.name(view.atlas.records[i]) for i in ids],
            }
            for slug, title, ids in ready
        ],
    }


def _order(view: LanguageView, record: Record) -> tuple:
    number = getattr(record, "number", None)
    return (number if isinstance(number, int) else 0, view.name(record))


# -- the table ---------------------------------------------------------------------------
Cell = dict[str, object]


def _refs(view: LanguageView, records: list[Record], url: str) -> Cell:
    return {"refs": [view.ref(r, url) for r in records]}


def _linked(view: LanguageView, record: Record, kinds: tuple[type[Record], ...], types: set[str]):
    """Records of `kinds` linked to or from `record` by a link of `types`."""
    atlas = view.atlas
    ends = [link.target for link in atlas.outgoing(record.id) if link.type in types]
    ends += [link.origin for link in atlas.incoming(record.id) if link.type in types]
    found = {i: atlas.records[i] for i in ends if isinstance(atlas.records[i], kinds)}
    return sorted(found.values(), key=view.name)


def _owners(view: LanguageView, record: Record) -> list[Record]:
    """The records whose facts a column shows: the record, and a strategy's measures."""
    if isinstance(record, Strategy):
        return [record, *measures_of(view.atlas, record)]
    return [record]


def theme_facts(view: LanguageView, record: Record, theme: str) -> list[tuple[Record, Fact]]:
    """The record's facts on a theme; a strategy's include those of its measures."""
    return [
        (owner, f)
        for owner in _owners(view, record)
        for f in quoted_items(owner)
        if theme in f.themes
    ]


def _kind(view: LanguageView, record: Record, url: str) -> Cell:
    kind = view.kind(record)
    return {"text": view.type_label(record) + (f" · {kind}" if kind else "")}


def _place(view: LanguageView, record: Record, url: str) -> Cell:
    place = place_of(view.atlas, record)
    return _refs(view, [place] if place and place.id != record.id else [], url)


def _model(view: LanguageView, record: Record, url: str) -> Cell:
    return _refs(view, list(models_of(view.atlas, record)), url)


def _anchors(view: LanguageView, record: Record, url: str) -> Cell:
    anchored = [
        view.atlas.records[link.target]
        for link in view.atlas.outgoing(record.id)
        if link.type == "anchored-by"
    ]
    return _refs(view, anchored, url)


def _policies(view: LanguageView, record: Record, url: str) -> Cell:
    return _refs(
        view,
        _linked(
            view, record, (Policy,), {"related-to", "issued-by", "serves", "draws-on", "funds"}
        ),
        url,
    )


def _sources(view: LanguageView, record: Record, url: str) -> Cell:
    sources = {s.id: s for owner in _owners(view, record) for s in sources_of(view.atlas, owner)}
    return {
        "refs": [
            view.ref(s, url) | {"name": f"{source_code(s)} {view.name(s)}"}
            for s in sorted(sources.values(), key=lambda s: s.file)
        ]
    }


def _summary(view: LanguageView, record: Record, url: str) -> Cell:
    return {"text": view.text(record.summary)}


ROWS: dict[str, Callable[[LanguageView, Record, str], Cell]] = {
    "summary": _summary,
    "kind": _kind,
    "place": _place,
    "model": _model,
    "anchors": _anchors,
    "policies": _policies,
    "sources": _sources,
}


BLANK: Cell = {"text": "", "refs": [], "facts": []}


def _is_empty(cell: Cell) -> bool:
    return not (cell.get("text") or cell.get("refs") or cell.get("facts"))


def table(
    view: LanguageView,
    records: list[Record],
    url: str,
    rows: dict[str, Callable[[LanguageView, Record, str], Cell]] | None = None,
    themes: bool = True,
) -> dict[str, object]:
    """Columns `records`, rows `rows` (default ROWS) then, with `themes`, one per theme."""
    body = []
    for key, build in (ROWS if rows is None else rows).items():
        cells = [BLANK | {"id": r.id} | build(view, r, url) for r in records]
        body.append({"id": key, "label": view.ui[f"row_{key}"], "href": "", "cells": cells})
    if themes:
        for theme, entry in THEMES.items():
            cells = [
                BLANK
                | {
                    "id": r.id,
                    "facts": [view.fact(f, url, owner) for owner, f in theme_facts(view, r, theme)],
                }
                for r in records
            ]
            body.append(
                {
                    "id": f"theme-{theme}",
                    "label": view.label(entry),
                    "href": relative(url, f"themes/{theme}/"),
                    "cells": cells,
                }
            )
    for row in body:
        for cell in row["cells"]:
            cell["empty"] = _is_empty(cell)
    # in a fixed comparison, a row empty in every column says nothing
    return {
        "columns": [
            view.ref(r, url) | {"kind": view.type_label(r), "href": relative(url, page_url(r))}
            for r in records
        ],
        "rows": body,
    }
