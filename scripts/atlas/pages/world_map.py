"""The map: a world map of the hubs drawn at build time as SVG (atlas.worldmap), on the map
page (/<lang>/map/), the home page and the hub directory. Positions come from the
gazetteer (atlas.gazetteer): they are reference data, never a claim of a source.
"""

from __future__ import annotations

from collections.abc import Iterator

from atlas.gazetteer import GAZETTEER_CREDIT, country_code_of, position_of
from atlas.model import Hub
from atlas.pages.view import LanguageView, Page, page_url, relative
from atlas.worldmap import Marker, draw_world_map

URL = "map/"


def pages(view: LanguageView) -> Iterator[Page]:
    if view.atlas.of_type(Hub):
        yield Page("map.md", "map.md.j2", {"map": map_view(view, URL)})


def _hubs(view: LanguageView) -> list[Hub]:
    hubs = [hub for hub in view.atlas.of_type(Hub) if isinstance(hub, Hub)]
    return sorted(hubs, key=view.name)


def map_svg(view: LanguageView, from_url: str) -> str:
    """The map as inline SVG, its links relative to the page at `from_url`."""
    markers, shaded = [], {}
    for hub in _hubs(view):
        code = country_code_of(hub.id)
        if code:
            shaded[code] = view.name(hub)
        position = position_of(hub.id)
        if position is None:
            continue
        label = view.name(hub)
        if position.approximate:
            label += view.ui["map_at_city_paren"].replace(
                "#", _city_name(view, hub, position.place)
            )
        markers.append(
            Marker(
                id=hub.id,
                label=label,
                href=relative(from_url, page_url(hub)),
                lon=position.lon,
                lat=position.lat,
                approximate=position.approximate,
            )
        )
    return draw_world_map(
        markers,
        shaded,
        title=view.ui["map_title"],
        description=view.ui["map_intro"],
        id_prefix=f"atlas-map-{from_url.strip('/').replace('/', '-') or 'home'}",
    )


def _city_name(view: LanguageView, hub: Hub, gazetteer_name: str) -> str:
    """The city a district is drawn at: the atlas's own record when it has one (named in the
    page's language), else the gazetteer's English name on English pages only."""
    for link in view.atlas.outgoing(hub.id):
        city = view.atlas.records[link.target]
        if link.type == "located-in" and isinstance(city, Hub) and city.kind == "city":
            return view.name(city)
    return gazetteer_name if view.code == "en" else view.ui["map_its_city"]


def map_view(view: LanguageView, url: str) -> dict[str, object]:
    placed, approximate, countries, unmapped = [], [], [], []
    for hub in _hubs(view):
        ref = view.ref(hub, url) | {"kind": view.kind(hub)}
        position = position_of(hub.id)
        if country_code_of(hub.id):
            countries.append(ref)
        elif position is None:
            unmapped.append(ref)
        elif position.approximate:
            approximate.append(ref | {"place": position.place})
        else:
            placed.append(ref | {"place": position.place})
    return {
        "title": view.ui["map_title"],
        "svg": map_svg(view, url),
        "placed": placed,
        "approximate": approximate,
        "countries": countries,
        "unmapped": unmapped,
        "credit": view.label(GAZETTEER_CREDIT),
    }
