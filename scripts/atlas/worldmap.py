"""The world map of hubs: Natural Earth countries in the Equal Earth projection, as inline SVG.

Drawn at build time from the vendored TopoJSON; the SVG has no scripts, fonts or references to
other hosts, and the same input always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, pairwise
from pathlib import Path

COUNTRIES = Path(__file__).resolve().parent / "geodata" / "countries-110m.json"
ANTARCTICA = "010"

LAND_FILL = "#dcdcdc"
SHADED_FILL = "#9ec5e0"
BORDER = "#ffffff"
DOT_COLOUR = "#c0392b"
DOT_R = 4.0  # a filled dot: a place drawn where it is
RING_R = 6.5  # a hollow ring, larger than a dot: a district or park drawn at its city
MARKER_GAP = 1.5  # the least space left between two markers' edges
_MARKER_STYLE = {
    False: ("map-dot", f'r="{DOT_R:g}" fill="{DOT_COLOUR}" stroke="#ffffff" stroke-width="1"'),
    True: (
        "map-dot map-dot--approximate",
        f'r="{RING_R:g}" fill="#ffffff" stroke="{DOT_COLOUR}" stroke-width="2"',
    ),
}

# Equal Earth (Šavrič, Patterson & Jenny 2018) polynomial coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Marker:
    """A hub to draw: `approximate` means a district or park placed at its city's position."""

    id: str
    label: str
    href: str
    lon: float
    lat: float
    approximate: bool = False


@dataclass(frozen=True)
class Country:
    """One Natural Earth country: its ISO 3166-1 numeric id (or "" if it has none) and rings."""

    id: str
    name: str
    rings: tuple[Ring, ...]


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection of a point in degrees, in radius units, y pointing north."""
    lam = math.radians(lon)
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def decode_topojson(topology: dict, name: str = "countries") -> list[Country]:
    """The polygons of one object of a quantized, delta-encoded TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        xs, ys = accumulate(dx for dx, _ in arc), accumulate(dy for _, dy in arc)
        arcs.append([(x * sx + tx, y * sy + ty) for x, y in zip(xs, ys, strict=True)])

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    countries = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        name_ = geometry.get("properties", {}).get("name", "")
        countries.append(Country(str(geometry.get("id", "")), name_, rings))
    return countries


def _clip(ring: Ring, edge: float, west: bool) -> Ring:
    """The part of a ring west (or east) of a meridian: one Sutherland–Hodgman pass."""
    out: Ring = []
    for a, b in pairwise([*ring, ring[0]]):
        a_in, b_in = (a[0] <= edge, b[0] <= edge) if west else (a[0] >= edge, b[0] >= edge)
        if a_in:
            out.append(a)
        if a_in != b_in:
            out.append((edge, a[1] + (edge - a[0]) / (b[0] - a[0]) * (b[1] - a[1])))
    return out


def cut_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that crosses ±180° as the pieces either side of it; any other ring as it is."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in pairwise(ring)):
        return [ring]
    unwrapped = ring[:1]
    for lon, lat in ring[1:]:
        unwrapped.append((lon + 360 * round((unwrapped[-1][0] - lon) / 360), lat))
    edge = 180.0 if max(lon for lon, _ in unwrapped) > 180 else -180.0
    pieces = []
    for west in (True, False):
        shift = 360.0 if west and edge < 0 else -360.0 if not west and edge > 0 else 0.0
        piece = [(lon + shift, lat) for lon, lat in _clip(unwrapped, edge, west)]
        if len(piece) >= 3 and any(abs(lon) != 180 for lon, _ in piece):
            pieces.append(piece)
    return pieces


@cache
def countries() -> tuple[Country, ...]:
    """The vendored Natural Earth 110m countries, without Antarctica, cut at the antimeridian."""
    topology = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    return tuple(
        Country(c.id, c.name, tuple(piece for r in c.rings for piece in cut_antimeridian(r)))
        for c in decode_topojson(topology)
        if c.id != ANTARCTICA
    )


def drawn_country_ids() -> frozenset[str]:
    """The country ids the map has a shape for (small states such as Singapore have none)."""
    return frozenset(c.id for c in countries() if c.id)


@dataclass(frozen=True)
class _Frame:
    """How projected points map onto the SVG's user units."""

    left: float
    top: float
    scale: float
    width: int
    height: int

    def place(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale


@cache
def _frame(width: int) -> _Frame:
    points = [equal_earth(*point) for c in countries() for ring in c.rings for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    scale = width / (max(xs) - min(xs))
    return _Frame(min(xs), max(ys), scale, width, math.ceil((max(ys) - min(ys)) * scale))


def _num(tenths: int) -> str:
    """An integer count of tenths as the shortest SVG number: 15 → 1.5, -3 → -.3, 20 → 2."""
    if tenths % 10 == 0:
        return str(tenths // 10)
    text = f"{abs(tenths) / 10:.1f}".removeprefix("0")
    return "-" + text if tenths < 0 else text


def _pair(x: int, y: int) -> str:
    ys = _num(y)
    return _num(x) + ("" if ys.startswith("-") else " ") + ys


def _path_data(rings: Iterable[Ring], frame: _Frame) -> str:
    """SVG path data: each ring rounded to 0.1, repeated points dropped, moves after the first
    written relative."""
    parts: list[str] = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for lon, lat in ring:
            x, y = frame.place(lon, lat)
            point = (round(x * 10), round(y * 10))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        steps = [_pair(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(points)]
        deltas = "".join(s if s.startswith("-") else " " + s for s in steps).lstrip()
        parts.append(f"M{_pair(*points[0])}l{deltas}z")
    return "".join(parts)


@cache
def _country_paths(width: int) -> tuple[tuple[str, str], ...]:
    frame = _frame(width)
    drawn = ((c.id, _path_data(c.rings, frame)) for c in countries())
    return tuple(item for item in drawn if item[1])


def _text(value: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute."""
    return html.escape(_CONTROL.sub("", value), quote=True)


def _href(value: str) -> str:
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in {"http", "https", "mailto"}:
        raise ValueError(f"map marker link with a {scheme.group(1)!r} scheme: {value!r}")
    return _text(value)


def _layout(
    markers: list[Marker], frame: _Frame
) -> list[tuple[Marker, float, float, float, float]]:
    """Each marker with its drawn and its true position: markers that would overlap are pushed
    apart, pair by pair in a fixed order, until none do (or a bounded number of rounds)."""
    true = [frame.place(m.lon, m.lat) for m in markers]
    pos = [list(point) for point in true]
    reach = [(RING_R + 1 if m.approximate else DOT_R + 0.5) + MARKER_GAP / 2 for m in markers]
    for _round in range(200):
        moved = False
        for i in range(len(pos)):
            for j in range(i):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                distance, need = math.hypot(dx, dy), reach[i] + reach[j]
                if distance >= need - 1e-3:
                    continue
                if distance < 1e-6:  # the same spot: part them along a fixed, per-pair angle
                    angle = 2.39996 * (i + j)  # the golden angle, so pairs part different ways
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (need - distance) / 2 / distance
                pos[i][0], pos[i][1] = pos[i][0] + dx * push, pos[i][1] + dy * push
                pos[j][0], pos[j][1] = pos[j][0] - dx * push, pos[j][1] - dy * push
                moved = True
        if not moved:
            break
    return [(m, pos[i][0], pos[i][1], *true[i]) for i, m in enumerate(markers)]


def _r(value: float) -> str:
    return _num(round(value * 10))


def draw_world_map(
    markers: list[Marker],
    shaded: dict[str, str],
    *,
    title: str,
    description: str,
    width: int = 960,
    id_prefix: str | None = None,
) -> str:
    """The map as an SVG string: countries (those in `shaded`, keyed by ISO 3166-1 numeric id,
    tinted and titled with its value) and a linked marker per hub. `id_prefix` keeps the
    title and desc ids unique on a page; by default it is derived from the title and desc."""
    if id_prefix is None:
        digest = hashlib.sha256(f"{title}\n{description}".encode()).hexdigest()[:8]
        id_prefix = f"worldmap-{digest}"
    if not _PREFIX.fullmatch(id_prefix):
        raise ValueError(f"map id prefix is not a letter then [A-Za-z0-9_-]*: {id_prefix!r}")
    frame = _frame(width)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="world-map" role="img"'
        f' viewBox="0 0 {frame.width} {frame.height}"'
        f' aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{_text(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_text(description)}</desc>',
        f'<g class="map-countries" fill="{LAND_FILL}" stroke="{BORDER}" stroke-width=".5"'
        ' stroke-linejoin="round" fill-rule="evenodd">',
    ]
    for country_id, data in _country_paths(width):
        if country_id and country_id in shaded:
            out.append(
                f'<path class="map-country map-country--shaded" data-country="{country_id}"'
                f' fill="{SHADED_FILL}" d="{data}">'
                f"<title>{_text(shaded[country_id])}</title></path>"
            )
        else:
            out.append(f'<path d="{data}"/>')
    out.append("</g>")

    placed = _layout(sorted(markers, key=lambda m: (not m.approximate, m.id)), frame)
    leaders = [
        f'<line x1="{_r(tx)}" y1="{_r(ty)}" x2="{_r(x)}" y2="{_r(y)}"/>'
        for _m, x, y, tx, ty in placed
        if math.dist((x, y), (tx, ty)) >= 1
    ]
    if leaders:
        lines = "".join(leaders)
        out.append(f'<g class="map-leaders" stroke="#555555" stroke-width=".6">{lines}</g>')
    out.append('<g class="map-markers">')
    for marker, x, y, _tx, _ty in placed:
        kind, style = _MARKER_STYLE[marker.approximate]
        out.append(
            f'<a href="{_href(marker.href)}"><circle class="{kind}" cx="{_r(x)}" cy="{_r(y)}"'
            f" {style}><title>{_text(marker.label)}</title></circle></a>"
        )
    out.append("</g></svg>")
    return "\n".join(out)
