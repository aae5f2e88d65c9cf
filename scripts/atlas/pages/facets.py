"""Facets: the ways a directory can be filtered, each a function record → values.

A registry in the manner of datasette's facets: each facet has a URL key, a label and a
function giving a record's values, so directories, the compare view and tests share one
definition of "the country of a hub" or "the sources that discuss it".

Values of `all_of` facets (source, theme, model) are combined with AND, since a record has
several; values of the others (kind, place) with OR, since a record has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from atlas.link import CITES_SOURCE, Atlas
from atlas.model import DistrictModel, Hub, Measure, Record, Source, quoted_items
from atlas.pages.view import LanguageView, source_code
from atlas.vocabulary import THEMES

PLACE_LINKS = ("located-in", "part-of")
PLACE_KINDS = ("country", "region")


def place_of(atlas: Atlas, record: Record) -> Hub | None:
    """The country (or, failing one, the region) a record is in, by located-in links.

    A country is its own place. Records other than hubs are placed through the hubs they
    are located in or, failing that, the hubs they are related to.
    """
    seen: set[str] = set()
    frontier = [record]
    region: Hub | None = None
    while frontier:
        current = frontier.pop(0)
        if current.id in seen:
            continue
        seen.add(current.id)
        if isinstance(current, Hub) and current.kind == "country":
            return current
        if isinstance(current, Hub) and current.kind == "region" and region is None:
            region = current
        types = PLACE_LINKS if isinstance(current, Hub) or current is not record else None
        for link in atlas.outgoing(current.id):
            target = atlas.records[link.target]
            if not isinstance(target, Hub):
                continue
            if link.type in PLACE_LINKS or (types is None and link.type == "related-to"):
                frontier.append(target)
    return region


def models_of(atlas: Atlas, record: Record) -> list[DistrictModel]:
    """The district models a record exemplifies."""
    return [
        model
        for link in atlas.outgoing(record.id)
        if link.type == "exemplifies"
        and isinstance(model := atlas.records[link.target], DistrictModel)
    ]


def examples_of(atlas: Atlas, model: Record) -> list[Hub]:
    """The hubs that exemplify a district model (the reverse of models_of)."""
    return [
        hub
        for link in atlas.incoming(model.id)
        if link.type == "exemplifies" and isinstance(hub := atlas.records[link.origin], Hub)
    ]


def members_of(atlas: Atlas, group: Record) -> list[Record]:
    """A group's members, in the order the group lists them (its has-member relations)."""
    return [
        atlas.records[relation.target]
        for relation in group.relations
        if relation.type == "has-member" and relation.target in atlas.records
    ]


def measures_of(atlas: Atlas, strategy: Record) -> list[Measure]:
    """The measures proposed under a strategy, in the Atlas's order."""
    return [
        m for m in atlas.of_type(Measure) if isinstance(m, Measure) and m.strategy == strategy.id
    ]


def sources_of(atlas: Atlas, record: Record) -> list[Source]:
    ids = {link.target for link in atlas.outgoing(record.id) if link.type == CITES_SOURCE}
    return sorted((atlas.source(i) for i in ids), key=lambda source: source.file)


def themes_of(record: Record) -> list[str]:
    present = {theme for item in quoted_items(record) for theme in item.themes}
    return [theme for theme in THEMES if theme in present]


@dataclass(frozen=True)
class Facet:
    """One way to filter a directory."""

    key: str  # the URL parameter
    label: str  # key of the ui vocabulary
    values: Callable[[LanguageView, Record], list[tuple[str, str]]]  # (value, label)
    all_of: bool  # several values chosen: records must have all of them


def _kind(view: LanguageView, record: Record) -> list[tuple[str, str]]:
    kind = getattr(record, "kind", None)
    return [(kind, view.kind(record))] if kind else []


def _place(view: LanguageView, record: Record) -> list[tuple[str, str]]:
    place = place_of(view.atlas, record)
    return [(place.id, view.name(place))] if place else []


def _model(view: LanguageView, record: Record) -> list[tuple[str, str]]:
    return [(model.id, view.name(model)) for model in models_of(view.atlas, record)]


def _source(view: LanguageView, record: Record) -> list[tuple[str, str]]:
    return [
        (source_code(source), f"{source_code(source)} {view.name(source)}")
        for source in sources_of(view.atlas, record)
    ]


def _theme(view: LanguageView, record: Record) -> list[tuple[str, str]]:
    return [(theme, view.theme_label(theme)) for theme in themes_of(record)]


FACETS = {
    "kind": Facet("kind", "facet_kind", _kind, all_of=False),
    "place": Facet("place", "facet_place", _place, all_of=False),
    "model": Facet("model", "facet_model", _model, all_of=True),
    "source": Facet("source", "facet_source", _source, all_of=True),
    "theme": Facet("theme", "facet_theme", _theme, all_of=True),
}
# Which facets each faceted directory offers.
DIRECTORY_FACETS = {
    "hubs": ("kind", "place", "model", "source", "theme"),
    "policies": ("kind", "place", "source", "theme"),
    "organisations": ("kind", "place", "source"),
}
