"""The world map (atlas.worldmap) and the gazetteer entries it is drawn from (atlas.gazetteer)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from atlas import gazetteer
from atlas.paths import DATA
from atlas.worldmap import Marker, cut_antimeridian, draw_world_map, equal_earth

HOSTILE = '<script>alert(1)</script>&"'
SVG = "{http://www.w3.org/2000/svg}"


def _hub_ids() -> set[str]:
    return {path.stem for path in (DATA / "hubs").glob("*.yml")}


def _markers() -> list[Marker]:
    return [
        Marker("boston", "Boston", "../hubs/boston/", -71.06, 42.36, approximate=False),
        Marker("kendall-square", HOSTILE, "../hubs/kendall-square/?a=1&b=2", -71.1, 42.37, True),
    ]


def _svg() -> str:
    return draw_world_map(
        _markers(), {"840": f"United States {HOSTILE}"}, title=f"Hubs {HOSTILE}", description="Map"
    )


def test_every_hub_file_has_a_place_and_every_place_a_hub_file():
    places = set(gazetteer.places())
    assert _hub_ids(), "no hub files found"
    assert sorted(_hub_ids() - places) == [], "hubs missing from places.yml"
    assert sorted(places - _hub_ids()) == [], "places.yml entries with no hub file"


def test_places_resolve_in_the_gazetteer():
    for hub_id, place in gazetteer.places().items():
        position, code = gazetteer.position_of(hub_id), gazetteer.country_code_of(hub_id)
        if place.unmapped:
            assert position is None and code is None and gazetteer.unmapped_reason(hub_id)
        else:
            assert position is not None or code is not None, hub_id
    boston = gazetteer.position_of("boston")
    assert boston is not None and boston.place == "Boston" and not boston.approximate
    assert -72 < boston.lon < -70 and 42 < boston.lat < 43
    kendall = gazetteer.position_of("kendall-square")
    assert kendall is not None and kendall.approximate and kendall.place == "Cambridge"
    assert gazetteer.country_code_of("united-states") == "840"
    assert gazetteer.position_of("no-such-hub") is None
    assert set(gazetteer.GAZETTEER_CREDIT) == {"en", "zh"}


def test_an_unknown_geonameid_is_named_with_its_hub(tmp_path: Path):
    places = tmp_path / "places.yml"
    places.write_text("atlantis: {geonameid: 999999999}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="atlantis"):
        gazetteer.load_places(places)
    places.write_text("atlantis: {country: '999'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="atlantis"):
        gazetteer.load_places(places)
    places.write_text("atlantis: {unmapped: true}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="atlantis: unmapped needs a reason"):
        gazetteer.load_places(places)


def test_the_map_links_and_titles_each_marker():
    svg = _svg()
    root = ET.fromstring(svg)  # well-formed XML
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == f"Hubs {HOSTILE}" and desc.text == "Map"
    links = {a.get("href"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == {"../hubs/boston/", "../hubs/kendall-square/?a=1&b=2"}
    boston = links["../hubs/boston/"].find(f"{SVG}circle")
    kendall = links["../hubs/kendall-square/?a=1&b=2"].find(f"{SVG}circle")
    assert boston.get("class") == "map-dot"
    assert kendall.get("class") == "map-dot map-dot--approximate"
    assert float(kendall.get("r")) > float(boston.get("r"))
    assert boston.find(f"{SVG}title").text == "Boston"
    assert kendall.find(f"{SVG}title").text == HOSTILE
    circles = [c.get("class") for c in root.iter(f"{SVG}circle")]
    assert circles == ["map-dot map-dot--approximate", "map-dot"], "dots are drawn last"
    shaded = [p for p in root.iter(f"{SVG}path") if p.get("data-country") == "840"]
    assert len(shaded) == 1 and shaded[0].find(f"{SVG}title").text.endswith(HOSTILE)


def test_the_map_escapes_text_and_refers_to_nothing_outside():
    svg = _svg()
    assert "<script" not in svg and "alert(1)</script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;" in svg
    assert "?a=1&amp;b=2" in svg
    assert re.findall(r"https?:", svg) == ["http:"]
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "<image" not in svg and "font" not in svg and "<style" not in svg
    with pytest.raises(ValueError, match="javascript"):
        draw_world_map(
            [Marker("x", "x", "javascript:alert(1)", 0, 0, False)], {}, title="t", description="d"
        )


def test_the_map_is_deterministic_and_rounds_to_tenths():
    assert _svg() == _svg()
    assert _svg() == draw_world_map(
        list(reversed(_markers())),
        {"840": f"United States {HOSTILE}"},
        title=f"Hubs {HOSTILE}",
        description="Map",
    )
    assert not re.search(r"\d\.\d\d", _svg())
    other = draw_world_map([], {}, title="Other", description="Map")
    assert re.search(r'id="([^"]+)-title"', other)[1] != re.search(r'id="([^"]+)-title"', _svg())[1]
    named = draw_world_map([], {}, title="t", description="d", id_prefix="home-map")
    assert 'aria-labelledby="home-map-title home-map-desc"' in named


def test_markers_at_one_spot_are_drawn_apart():
    same = [Marker(f"m{i}", f"M{i}", f"#{i}", 114.17, 22.28, i % 2 == 0) for i in range(5)]
    root = ET.fromstring(draw_world_map(same, {}, title="t", description="d"))
    centres = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in root.iter(f"{SVG}circle")
    ]
    for i, (x1, y1, r1) in enumerate(centres):
        for x2, y2, r2 in centres[:i]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2


def test_equal_earth_centre_and_the_order_of_known_places():
    assert equal_earth(0, 0) == (0.0, 0.0)
    london, tokyo, singapore = (
        equal_earth(-0.13, 51.51),
        equal_earth(139.69, 35.69),
        equal_earth(103.85, 1.29),
    )
    assert tokyo[0] > london[0], "Tokyo east of London"
    assert london[1] > singapore[1] > 0, "London north of Singapore, north of the equator"
    santiago = equal_earth(-70.65, -33.45)
    assert santiago[0] < 0 and santiago[1] < 0, "Santiago west and south of the centre"
    x_edge, _ = equal_earth(180, 0)
    assert x_edge == pytest.approx(2.7066, abs=1e-3)  # 2√3π / (3·A1)
    assert equal_earth(0, 90)[1] == pytest.approx(1.3173, abs=1e-3)
    assert equal_earth(10, 30) == pytest.approx(
        (-equal_earth(-10, -30)[0], -equal_earth(-10, -30)[1])
    )


def test_rings_across_the_antimeridian_are_cut():
    ring = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0)]
    pieces = cut_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        lons = [lon for lon, _ in piece]
        assert max(lons) - min(lons) <= 10 + 1e-9
    assert cut_antimeridian([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]) == [
        [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    ]


def test_the_map_of_every_mapped_hub_stays_small():
    markers, shaded = [], {}
    for hub_id in sorted(_hub_ids()):
        position = gazetteer.position_of(hub_id)
        if position:
            href = f"../hubs/{hub_id}/"
            markers.append(
                Marker(hub_id, hub_id, href, position.lon, position.lat, position.approximate)
            )
        if code := gazetteer.country_code_of(hub_id):
            shaded[code] = hub_id
    svg = draw_world_map(markers, shaded, title="Hubs", description="Every mapped hub")
    assert len(ET.fromstring(svg).findall(f"{SVG}g/{SVG}a")) == len(markers) > 30
    assert len(svg.encode()) < 100_000
