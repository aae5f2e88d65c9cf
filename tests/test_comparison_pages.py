"""Comparison pages (themes, compare, model comparisons, directories, map), by their elements."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml.cssselect import CSSSelector

from atlas.convert import label
from atlas.model import (
    Cluster,
    DistrictModel,
    Hub,
    Measure,
    Policy,
    Record,
    Strategy,
    folder_of,
    quoted_items,
)
from atlas.vocabulary import THEMES, UI_LABELS
from pages import INTERFACE, LANGUAGES, english_in, ids, page, resolve, tree

CHINESE = ("zh-hant", "zh-hans")
COMPARE_WITH = CSSSelector("form[data-atlas-compare-with]")
THEMED = (Hub, DistrictModel, Cluster, Strategy, Measure, Policy)
POOL = (Hub, DistrictModel, Strategy, Cluster)
US_HUBS_2020 = ["boston", "san-francisco", "san-jose", "seattle", "san-diego"]
ARCHETYPES = {
    "university-led-district",
    "science-facility-district",
    "anchor-company-district",
    "government-cultivated-district",
    "market-driven-district",
}
FACT_LINK = re.compile(
    r"^\.\./\.\./(?P<folder>[a-z]+)/(?P<id>[a-z0-9-]+)/#fact-(?P<fact>[a-z0-9-]+)$"
)


@pytest.fixture(scope="session")
def atlas(real_atlas):
    return real_atlas  # check(DATA, corpus), done once for the run


def on_theme(record: Record, theme: str) -> list:
    return [item for item in quoted_items(record) if theme in item.themes]


def of_type(atlas, *kinds) -> list[Record]:
    return [r for r in atlas.records.values() if isinstance(r, kinds)]


def ids_linked(site, url: str, links) -> list[str]:
    """The record ids a list of links leads to, each checked to exist."""
    out = []
    for link in links:
        target, _ = resolve(site, url, link["href"])
        assert target.exists(), f"{url}: {link['href']}"
        out.append(target.parent.name)
    return out


def compare_table(site, url: str):
    return page(site, url).select_one("table.atlas-compare-table")


def columns(table) -> list[str]:
    return [th["data-record"] for th in table.select("thead th[data-record]")]


def exemplars(atlas, model_id: str) -> set[str]:
    return {
        link.origin
        for link in atlas.incoming(model_id)
        if link.type == "exemplifies" and isinstance(atlas.records[link.origin], Hub)
    }


# -- themes --------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_themes_index_lists_every_theme_with_its_facts(real_site, atlas, language):
    url = f"{language}/themes/"
    index = page(real_site, url)
    for theme in THEMES:
        row = index.select_one(f"tr#theme-{theme}")
        assert row is not None, theme
        link = row.select_one("a")
        assert link["href"] == f"{theme}/"
        assert resolve(real_site, url, link["href"])[0].exists()
        expected = sum(len(on_theme(r, theme)) for r in atlas.records.values())
        shown = int(row.find_all("td")[-1].get_text(strip=True))
        assert shown == expected > 0, theme
    assert len(index.select("tr[id^=theme-]")) == len(THEMES)
    note = index.select_one(".atlas-note").get_text(strip=True)
    assert note == label(UI_LABELS["tagging_note"], language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme", ["talent", "costs", "government"])
def test_theme_matrix_has_a_row_for_each_record_on_the_theme(real_site, atlas, language, theme):
    url = f"{language}/themes/{theme}/"
    matrix = page(real_site, url).select_one("table.atlas-matrix")
    rows = {row["id"].removeprefix("row-") for row in matrix.select("tr[id^=row-]")}
    assert rows == {r.id for r in of_type(atlas, *THEMED) if on_theme(r, theme)}
    sources = ids_linked(real_site, url, matrix.select("thead th a"))
    targets: dict = {}
    for row in matrix.select("tr[id^=row-]"):
        for source, cell in zip(sources, row.find_all("td"), strict=True):
            for cell_fact in cell.select(".atlas-cell-fact"):
                anchor = cell_fact.select_one("a.atlas-anchor")
                match = FACT_LINK.match(anchor["href"])
                assert match, anchor["href"]
                record = atlas.records[match["id"]]
                assert folder_of(record) == match["folder"]
                fact = next(f for f in on_theme(record, theme) if f.id == match["fact"])
                assert fact.source == source, anchor["href"]  # in its source's column
                target, fragment = resolve(real_site, url, anchor["href"])
                if target not in targets:  # a record page: read with lxml (pages.tree)
                    targets[target] = ids(tree(real_site, str(target.relative_to(real_site))))
                assert fragment in targets[target], anchor["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_theme_quotes_carry_their_sources_script(real_site, atlas, language):
    url = f"{language}/themes/talent/"
    soup = page(real_site, url)
    for cell_fact in soup.select("table.atlas-matrix .atlas-cell-fact"):
        match = FACT_LINK.match(cell_fact.select_one("a.atlas-anchor")["href"])
        record = atlas.records[match["id"]]
        fact = next(f for f in quoted_items(record) if f.id == match["fact"])
        quote = cell_fact.select_one("blockquote.atlas-quote")
        assert quote["lang"] == atlas.source(fact.source).script
        assert quote.get_text() == fact.quote


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme", ["talent", "costs"])
def test_theme_page_sets_the_blueprint_beside_the_hubs(real_site, atlas, language, theme):
    url = f"{language}/themes/{theme}/"
    soup = page(real_site, url)
    sides = soup.select("#blueprint-and-hubs ~ .atlas-side-by-side section.atlas-side")
    assert [side.h3["id"] for side in sides] == ["blueprint-plans", "hubs-did"]
    assert sides[0].h3.get_text(strip=True) == label(UI_LABELS["blueprint_plans"], language)
    plans = ids_linked(real_site, url, sides[0].select(".atlas-row-name a"))
    did = ids_linked(real_site, url, sides[1].select(".atlas-row-name a"))
    assert set(plans) == {r.id for r in of_type(atlas, Strategy, Measure) if on_theme(r, theme)}
    assert set(did) == {r.id for r in of_type(atlas, Hub) if on_theme(r, theme)}
    note = soup.select_one("article .atlas-note").get_text(strip=True)
    assert note.startswith(label(UI_LABELS["tagging_note"], language))


@pytest.mark.parametrize("url", ["themes/talent/", "themes/", "compare/", "hubs/", "map/"])
def test_heading_ids_are_the_same_in_every_language(real_site, url):
    ids = [
        sorted(h["id"] for h in page(real_site, f"{code}/{url}").select("article h2"))
        for code in LANGUAGES
    ]
    assert ids[0] == ids[1] == ids[2]
    assert not [i for i in ids[0] if re.search(r"_\d+$", i)]


# -- compare -------------------------------------------------------------------------------
def column_table(site, language: str, record_id: str):
    """A record's column of the compare view, compare/columns/<id>.json, as its table."""
    path = site / language / "compare" / "columns" / f"{record_id}.json"
    column = json.loads(path.read_text("utf-8"))
    return BeautifulSoup(column["table"], "html.parser").select_one("table.atlas-compare-table")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_comparable_record_has_a_column_of_the_compare_pages_rows(real_site, atlas, language):
    """The compare page holds the rows and no column (it once held every column: 871 KB of
    HTML at our data, 86 MB at 100×); each comparable record's column is a file of its own,
    with the same rows, in the same order, and links that resolve from the compare page."""
    url = f"{language}/compare/"
    rows = page(real_site, url).select_one("div[data-atlas-compare-pool] table")
    assert columns(rows) == [] and rows.select("td") == []
    row_ids = [row["data-row"] for row in rows.select("tbody tr")]
    folder = real_site / language / "compare" / "columns"
    comparable = sorted(r.id for r in of_type(atlas, *POOL))
    assert sorted(path.stem for path in folder.glob("*.json")) == comparable
    anchors: dict[Path, set[str]] = {}  # a linked page's ids, read once
    for record_id in comparable:
        table = column_table(real_site, language, record_id)
        assert columns(table) == [record_id]
        assert [row["data-row"] for row in table.select("tbody tr")] == row_ids, record_id
        for row in table.select("tbody tr"):
            assert [td["data-record"] for td in row.find_all("td")] == [record_id]
        for link in table.select("a[href]"):
            target, anchor = resolve(real_site, url, link["href"])
            assert target.exists(), (record_id, link["href"])
            if anchor:
                if target not in anchors:
                    anchors[target] = ids(tree(real_site, str(target.relative_to(real_site))))
                assert anchor in anchors[target], (record_id, link["href"])
        _theme_rows_hold_their_facts(real_site, atlas, url, table)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ready_comparisons_are_pages_with_their_columns_in_order(real_site, atlas, language):
    url = f"{language}/compare/"
    links = page(real_site, url).select("ul.atlas-ready a")
    hrefs = [a["href"] for a in links]
    assert "us-hubs-2020/" in hrefs
    for model in of_type(atlas, DistrictModel):
        if model.kind == "archetype" and len(exemplars(atlas, model.id)) >= 2:
            assert f"examples-{model.id}/" in hrefs
    for href in hrefs:
        assert resolve(real_site, url, href)[0].exists(), href
    assert columns(compare_table(real_site, f"{url}us-hubs-2020/")) == US_HUBS_2020
    note = page(real_site, f"{url}us-hubs-2020/").select_one("article .atlas-note")
    assert note.get_text(strip=True).startswith(label(UI_LABELS["tagging_note"], language))
    for model in of_type(atlas, DistrictModel):
        if f"examples-{model.id}/" in hrefs:
            table = compare_table(real_site, f"{url}examples-{model.id}/")
            assert set(columns(table)) == exemplars(atlas, model.id)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["us-hubs-2020/", "xuchang-centres/"])
def test_compare_theme_rows_link_to_themes_and_empty_cells_hold_nothing(
    real_site, atlas, language, slug
):
    url = f"{language}/compare/{slug}"
    _theme_rows_hold_their_facts(real_site, atlas, url, compare_table(real_site, url))


def _theme_rows_hold_their_facts(real_site, atlas, url: str, table) -> None:
    language = url.split("/", 1)[0]
    for theme in THEMES:
        row = table.select_one(f"tr[data-row=theme-{theme}]")
        target, _ = resolve(real_site, url, row.th.a["href"])
        assert target == real_site / language / "themes" / theme / "index.html"
        for cell in row.find_all("td"):
            record = atlas.records[cell["data-record"]]
            owners = [record]
            if isinstance(record, Strategy):
                owners += [m for m in of_type(atlas, Measure) if m.strategy == record.id]
            has_facts = any(on_theme(owner, theme) for owner in owners)
            assert cell.has_attr("data-empty") != has_facts, (theme, record.id)
    for cell in table.select("td[data-empty]"):
        assert cell.select(".atlas-cell-fact, a") == []
        assert cell.get_text(strip=True) == "—"


# -- model comparisons ---------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_district_models_side_by_side(real_site, atlas, language):
    url = f"{language}/compare/district-models/"
    table = compare_table(real_site, url)
    archetypes = {m.id for m in of_type(atlas, DistrictModel) if m.kind == "archetype"}
    assert archetypes == ARCHETYPES
    assert sorted(columns(table)) == sorted(archetypes)
    for cell in table.select("tr[data-row=examples] td"):
        shown = ids_linked(real_site, url, cell.select("a"))
        assert set(shown) == exemplars(atlas, cell["data-record"]), cell["data-record"]
    examples = table.select_one("tr[data-row=examples] td[data-record=university-led-district]")
    assert {"kendall-square", "oxford-science-park"} <= set(
        ids_linked(real_site, url, examples.select("a"))
    )
    risks = table.select_one("tr[data-row=risks]")
    assert risks.th.get_text(strip=True) == label(UI_LABELS["row_risks"], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_city_formulas_side_by_side(real_site, atlas, language):
    table = compare_table(real_site, f"{language}/compare/city-formulas/")
    formulas = {m.id for m in of_type(atlas, DistrictModel) if m.kind == "formula"}
    assert formulas
    assert sorted(columns(table)) == sorted(formulas)


# -- directories ---------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("folder", ["hubs", "policies", "organisations"])
def test_directory_lists_every_record_once_with_facet_counts(real_site, atlas, language, folder):
    url = f"{language}/{folder}/"
    soup = page(real_site, url)
    items = soup.select("ul.atlas-directory > li")
    listed = Counter(ids_linked(real_site, url, [li.a for li in items]))
    assert listed == Counter(r.id for r in atlas.in_folder(folder))
    assert all(any(key.startswith("data-") for key in li.attrs) for li in items)
    form = soup.select_one("form[data-atlas-facets]")
    assert form is not None
    for fieldset in form.select("fieldset[data-facet]"):
        key = fieldset["data-facet"]
        for box in fieldset.select("label"):
            value = box.select_one("input[type=checkbox]")["value"]
            having = [li for li in items if value in li.get(f"data-{key}", "").split()]
            assert int(box.select_one("span[data-count]").get_text()) == len(having), (key, value)
    by_id = dict(zip(ids_linked(real_site, url, [li.a for li in items]), items, strict=True))
    for record in atlas.in_folder(folder):
        cited = {atlas.source(f.source).file[:3] for f in quoted_items(record)}
        assert set(by_id[record.id].get("data-source", "").split()) == cited, record.id
    if folder == "hubs":
        assert "university-led-district" in by_id["kendall-square"]["data-model"].split()
        groups = soup.select("article h2")
        assert groups and all(h["id"].startswith("place-") for h in groups)
        for ul in soup.select("ul.atlas-directory"):
            assert ul.find_previous_sibling("h2")["id"] == f"place-{ul['data-group']}"


# -- map -----------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("where", ["map/", "", "hubs/"])
def test_map_is_one_accessible_local_svg(real_site, atlas, language, where):
    url = f"{language}/{where}"
    svgs = page(real_site, url).select("article svg[role=img]")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.find("title", recursive=False).get_text(strip=True)
    assert svg.find("desc", recursive=False).get_text(strip=True)
    hubs = {h.id for h in of_type(atlas, Hub)}
    linked = ids_linked(real_site, url, svg.find_all("a"))
    assert linked and set(linked) <= hubs
    foreign = [
        f"<{el.name} {key}={value}>"
        for el in [svg, *svg.find_all(True)]
        for key, value in el.attrs.items()
        if key != "xmlns" and re.search(r"https?:|//", str(value))
    ]
    assert foreign == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_page_lists_every_hub(real_site, atlas, language):
    url = f"{language}/map/"
    links = page(real_site, url).select("ul.atlas-map-list a")
    assert sorted(ids_linked(real_site, url, links)) == sorted(h.id for h in of_type(atlas, Hub))


# -- data guardrail and hub pages ----------------------------------------------------------
def test_every_quoted_item_of_a_themed_record_has_a_theme(atlas):
    untagged = [
        f"{folder_of(r)}/{r.id}#{item.id}"
        for r in of_type(atlas, *THEMED)
        for item in quoted_items(r)
        if not item.themes
    ]
    assert untagged == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hub_page_offers_compare_with(real_site, atlas, language):
    hubs = sorted(h.id for h in of_type(atlas, Hub))
    missing = []
    for hub in hubs:
        url = f"{language}/hubs/{hub}/"
        forms = COMPARE_WITH(tree(real_site, url))  # every hub page: read with lxml
        if not forms:
            missing.append(hub)
            continue
        form = forms[0]
        assert form.cssselect("input[type=hidden][name=id]")[0].get("value") == hub
        choices_url = form.cssselect("select[name=with]")[0].get("data-atlas-choices")
        choices, _ = resolve(real_site, url, choices_url)
        assert choices == real_site / language / "compare" / "hubs.json"
        target, _ = resolve(real_site, url, form.get("action"))
        assert target == real_site / language / "compare" / "index.html"
    assert missing == [], f"{len(missing)} of {len(hubs)} hub pages lack the form"
    listed = json.loads((real_site / language / "compare" / "hubs.json").read_text("utf-8"))
    assert sorted(hub_id for hub_id, _ in listed) == hubs
    names = [name for _, name in listed]
    assert names == sorted(names) and all(names), names[:5]


# -- nothing English leaks on the Chinese versions -----------------------------------------
LEAK_PAGES = [
    "themes/",
    "themes/talent/",
    "themes/costs/",
    "compare/",
    "compare/district-models/",
    "compare/city-formulas/",
    "compare/us-hubs-2020/",
    "map/",
    "hubs/",
]


@pytest.mark.parametrize("language", CHINESE)
@pytest.mark.parametrize("url", LEAK_PAGES)
def test_no_english_in_the_chinese_interface(real_site, language, url):
    article = page(real_site, f"{language}/{url}").select_one("article")
    assert english_in(article.select(INTERFACE)) == []


@pytest.mark.parametrize("language", CHINESE)
def test_map_marker_titles_are_chinese_or_tagged(real_site, language):
    """A marker's tooltip is read aloud in the page's language: an English place is a leak."""
    svg = page(real_site, f"{language}/map/").select_one("article svg[role=img]")
    assert english_in(svg.select("a title")) == []
