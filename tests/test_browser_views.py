"""Filtering a directory and comparing records, in headless Debian Chromium (assets/views.js).

Against the real site, in the three language versions. The module's name holds
"test_browser" for the CI guard in conftest; these tests fail, never skip, in CI.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser
LANGUAGES = ["en", "zh-hant", "zh-hans"]
NEXT_LANGUAGE = {"en": "zh-Hant", "zh-hant": "zh-Hans", "zh-hans": "en"}
THREE = ["boston", "seattle", "san-diego"]
PHONE = {"width": 390, "height": 844}

# Every item of the directory: its link, its facet values, whether it is displayed.
DIRECTORY = """() => Array.from(document.querySelectorAll("ul.atlas-directory > li")).map(li => ({
  href: li.querySelector("a").getAttribute("href"),
  shown: !li.hidden && li.offsetParent !== null,
  values: Object.fromEntries(Array.from(li.attributes)
    .filter(attribute => attribute.name.startsWith("data-"))
    .map(attribute => [attribute.name.slice(5), attribute.value.split(/\\s+/).filter(Boolean)])),
}))"""
# Every facet of the form: its key, its logic, and each value's box and shown count.
FACETS = """() => Array.from(document.querySelectorAll("fieldset[data-facet]")).map(set => ({
  key: set.dataset.facet,
  allOf: set.dataset.allOf === "true",
  values: Array.from(set.querySelectorAll("label")).map(label => ({
    value: label.querySelector("input").value,
    checked: label.querySelector("input").checked,
    count: Number(label.querySelector("[data-count]").textContent),
    empty: label.classList.contains("atlas-facet-empty"),
  })),
}))"""


@pytest.fixture
def phone(open_tab, real_server):
    return open_tab(PHONE)


# -- helpers ---------------------------------------------------------------------------
def open_directory(tab, url: str) -> list[dict]:
    tab.goto(url)
    tab.locator("form[data-atlas-facets]").wait_for(state="visible")  # the script has run
    return tab.evaluate(DIRECTORY)


def shown(items: list[dict]) -> list[str]:
    return [item["href"] for item in items if item["shown"]]


def status_numbers(tab) -> tuple[int, int]:
    """(shown, total) as the status line says them, read through its own template."""
    status = tab.locator("[data-atlas-status]")
    template = status.get_attribute("data-template")
    pattern = (
        re.escape(template)
        .replace(re.escape("##"), r"(?P<total>\d+)")
        .replace(re.escape("#"), r"(?P<shown>\d+)")
    )
    match = re.fullmatch(pattern, status.text_content().strip())
    assert match, (template, status.text_content())
    return int(match["shown"]), int(match["total"])


def query(tab) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(tab.url).query)


def language_hrefs(tab) -> list[str]:
    return tab.eval_on_selector_all("a.atlas-language-link", "links => links.map(a => a.href)")


def open_comparison(tab, url: str):
    tab.goto(url)
    tab.locator("form[data-atlas-compare-form]").wait_for(state="visible")  # the script has run
    return tab.locator("[data-atlas-compare-result] .atlas-compare-wrap > table")


def columns(table) -> list[str]:
    return table.locator("thead th[data-record]").evaluate_all(
        "cells => cells.map(cell => cell.dataset.record)"
    )


def tick(tab, selector: str) -> None:
    """Tick a box the way a reader does: by clicking its label."""
    tab.locator("label", has=tab.locator(selector)).click()


# -- directories -----------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_filtering_a_directory_survives_a_reload(reader, real_server, language):
    items = open_directory(reader, f"{real_server}/{language}/hubs/")
    assert len(shown(items)) == len(items) == status_numbers(reader)[1]
    tick(reader, "input[name=kind][value=district]")
    reader.wait_for_function("location.search.includes('kind=district')")
    assert query(reader) == [("kind", "district")]
    items = reader.evaluate(DIRECTORY)
    districts = [item["href"] for item in items if item["values"]["kind"] == ["district"]]
    assert districts
    assert shown(items) == districts
    assert status_numbers(reader) == (len(districts), len(items))
    assert all(href.endswith("?kind=district") for href in language_hrefs(reader))

    reader.reload()
    reader.locator("form[data-atlas-facets]").wait_for(state="visible")
    assert reader.locator("input[name=kind][value=district]").is_checked()
    assert shown(reader.evaluate(DIRECTORY)) == districts
    assert status_numbers(reader)[0] == len(districts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_directory_opens_filtered_by_its_address(reader, real_server, language):
    url = f"{real_server}/{language}/hubs/"
    items = open_directory(reader, f"{url}?model=university-led-district")
    wanted = [i["href"] for i in items if "university-led-district" in i["values"]["model"]]
    assert {"kendall-square/", "oxford-science-park/"} <= set(wanted)
    assert shown(items) == wanted
    assert reader.locator("input[name=model][value=university-led-district]").is_checked()

    items = open_directory(reader, f"{url}?source=001&source=004")
    both = [i["href"] for i in items if {"001", "004"} <= set(i["values"]["source"])]
    assert both
    assert shown(items) == both
    assert status_numbers(reader) == (len(both), len(items))


def test_facet_counts_say_what_ticking_would_show(reader, real_server):
    """OR facets count among items passing the other facets; AND facets among those shown."""
    items = open_directory(reader, f"{real_server}/en/hubs/?kind=district&kind=city&theme=talent")
    facets = reader.evaluate(FACETS)
    ticked = {
        facet["key"]: [v["value"] for v in facet["values"] if v["checked"]] for facet in facets
    }
    assert ticked["kind"] == ["city", "district"]  # in the form's order
    assert ticked["theme"] == ["talent"]

    def passes(item, facet) -> bool:
        wanted, has = ticked[facet["key"]], item["values"][facet["key"]]
        if not wanted:
            return True
        test = all if facet["allOf"] else any
        return test(value in has for value in wanted)

    for facet in facets:
        others = [other for other in facets if other is not facet or facet["allOf"]]
        pool = [item for item in items if all(passes(item, other) for other in others)]
        for value in facet["values"]:
            expected = sum(value["value"] in item["values"][facet["key"]] for item in pool)
            assert value["count"] == expected, (facet["key"], value["value"])
            assert value["empty"] == (expected == 0 and not value["checked"])
    assert any(value["empty"] for facet in facets for value in facet["values"])

    reader.locator("[data-atlas-clear]").click()
    reader.wait_for_function("!location.search")
    assert len(shown(reader.evaluate(DIRECTORY))) == len(items)


def test_a_filter_follows_a_language_switch(reader, real_server):
    open_directory(reader, f"{real_server}/en/hubs/?kind=district")
    reader.locator(".md-header__option .md-select").hover()
    reader.locator('a.atlas-language-link[hreflang="zh-Hant"]').click()
    reader.wait_for_url("**/zh-hant/hubs/?kind=district")
    reader.locator("form[data-atlas-facets]").wait_for(state="visible")
    assert reader.locator("input[name=kind][value=district]").is_checked()
    items = reader.evaluate(DIRECTORY)
    assert shown(items)
    assert all(item["values"]["kind"] == ["district"] for item in items if item["shown"])


def test_a_phone_reader_filters_by_keyboard(phone, real_server):
    items = open_directory(phone, f"{real_server}/zh-hans/hubs/")
    box = phone.locator("input[name=kind][value=district]")
    box.focus()
    phone.keyboard.press("Space")
    phone.wait_for_function("location.search.includes('kind=district')")
    assert box.is_checked()
    after = phone.evaluate(DIRECTORY)
    assert 0 < len(shown(after)) < len(items)
    assert all(item["values"]["kind"] == ["district"] for item in after if item["shown"])


# -- the compare view ------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_comparing_three_hubs_and_following_a_fact(reader, real_server, language):
    table = open_comparison(reader, f"{real_server}/{language}/compare/?ids={','.join(THREE)}")
    assert columns(table) == THREE
    names = table.locator("thead th[data-record] a").evaluate_all(
        "links => links.map(a => a.textContent.trim())"
    )
    assert table.locator("caption").text_content() == " · ".join(names)
    assert reader.locator("[data-atlas-compare-message]").is_hidden()
    rows = table.locator("tbody tr")
    assert table.locator("tbody tr[data-row^='theme-']").count() >= 1
    for row in range(rows.count()):
        cells = rows.nth(row).locator("td")
        assert cells.count() == len(THREE)
        assert rows.nth(row).locator("td:not([data-empty])").count() >= 1

    link = table.locator("tbody tr[data-row^='theme-'] td a[href*='#fact-']").first
    fact = link.get_attribute("href").split("#", 1)[1]
    link.click()
    reader.wait_for_url(f"**/{language}/hubs/**#{fact}")
    assert reader.locator(f"[id='{fact}']").is_visible()


def test_a_comparison_fetches_the_columns_it_shows_and_no_other(reader, real_server):
    """The compare page carries no column: it fetches each of the records asked for, once."""
    open_comparison(reader, f"{real_server}/en/compare/?ids={','.join(THREE)},nowhere")
    fetched = [url.rsplit("/", 1)[1] for url in reader.requests if "/compare/columns/" in url]
    assert sorted(fetched) == sorted(f"{record}.json" for record in THREE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comparison_follows_a_language_switch(reader, real_server, language):
    open_comparison(reader, f"{real_server}/{language}/compare/?ids={','.join(THREE)}")
    hrefs = language_hrefs(reader)
    assert len(hrefs) == len(LANGUAGES)
    assert all(href.endswith(f"/compare/?ids={','.join(THREE)}") for href in hrefs)
    target = NEXT_LANGUAGE[language]
    reader.locator(".md-header__option .md-select").hover()
    reader.locator(f'a.atlas-language-link[hreflang="{target}"]').click()
    reader.wait_for_url(f"**/{target.lower()}/compare/?ids={','.join(THREE)}")
    table = reader.locator("[data-atlas-compare-result] table")
    table.wait_for()
    assert columns(table) == THREE


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_id_is_named_and_the_rest_compared(reader, real_server, language):
    table = open_comparison(reader, f"{real_server}/{language}/compare/?ids=boston,nowhere,seattle")
    message = reader.locator("[data-atlas-compare-message]")
    assert message.is_visible()
    assert "nowhere" in message.text_content()
    unknown = reader.locator("[data-atlas-compare]").get_attribute("data-unknown")
    assert message.text_content().startswith(unknown)
    assert columns(table) == ["boston", "seattle"]


def test_two_to_four_records_are_compared(reader, real_server):
    url = f"{real_server}/en/compare/"
    need = "Choose two to four records to compare."
    open_comparison(reader, f"{url}?ids=boston")
    assert reader.locator("[data-atlas-compare-message]").text_content() == need
    assert reader.locator("[data-atlas-compare-result] table").count() == 0

    five = "boston,seattle,san-diego,san-jose,san-francisco"
    table = open_comparison(reader, f"{url}?ids={five}")
    assert reader.locator("[data-atlas-compare-message]").text_content() == need
    assert columns(table) == five.split(",")[:4]

    table = open_comparison(reader, f"{url}?ids=tokyo&ids=london,tokyo")
    assert columns(table) == ["tokyo", "london"]
    assert reader.locator("input[name=ids][value=london]").is_checked()


def test_the_compare_form_keeps_the_order_of_ticking(reader, real_server):
    open_comparison(reader, f"{real_server}/en/compare/")
    assert reader.locator("[data-atlas-compare-message]").is_visible()
    tick(reader, "input[name=ids][value=seattle]")
    tick(reader, "input[name=ids][value=boston]")
    reader.locator("form[data-atlas-compare-form] button[type=submit]").click()
    reader.wait_for_url("**/en/compare/?ids=seattle,boston")
    table = reader.locator("[data-atlas-compare-result] table")
    table.wait_for()
    assert columns(table) == ["seattle", "boston"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_with_on_a_hub_page(reader, real_server, language):
    reader.goto(f"{real_server}/{language}/hubs/boston/")
    form = reader.locator("form[data-atlas-compare-with]")
    form.locator("select[name=with]").select_option("seattle")
    form.locator("button[type=submit]").click()
    reader.wait_for_url(f"**/{language}/compare/?ids=boston,seattle")
    table = reader.locator("[data-atlas-compare-result] table")
    table.wait_for()
    assert columns(table) == ["boston", "seattle"]


def test_compare_without_javascript_takes_the_hub_forms_fields(reader, real_server):
    """What the hub page's form sends when no script runs: ?id=boston&with=seattle."""
    table = open_comparison(reader, f"{real_server}/en/compare/?id=boston&with=seattle")
    assert columns(table) == ["boston", "seattle"]


def test_a_ready_comparison_is_left_as_it_is(reader, real_server):
    reader.goto(f"{real_server}/en/compare/us-hubs-2020/")
    assert reader.locator("[data-atlas-compare-result]").count() == 0
    assert reader.locator("table.atlas-compare-table").count() == 1
    table = reader.locator("table.atlas-compare-table")
    assert columns(table) == ["boston", "san-francisco", "san-jose", "seattle", "san-diego"]


def test_a_comparison_fits_a_phone(phone, real_server):
    table = open_comparison(phone, f"{real_server}/zh-hans/compare/?ids={','.join(THREE)}")
    assert columns(table) == THREE
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"]
    overflow = table.evaluate("table => getComputedStyle(table.parentElement).overflowX")
    assert overflow == "auto"
