"""What a reader does, in headless Debian Chromium: open, switch language, follow a source.

These tests fail, never skip, in CI (see conftest.browser).
"""

from __future__ import annotations

import pytest

from atlas import chromium
from atlas.model import Kpi

pytestmark = pytest.mark.browser
SWITCHES = [
    ("en", "zh-Hant"),
    ("en", "zh-Hans"),
    ("zh-hant", "en"),
    ("zh-hant", "zh-Hans"),
    ("zh-hans", "en"),
    ("zh-hans", "zh-Hant"),
]
CODE = {"en": "en", "zh-Hant": "zh-hant", "zh-Hans": "zh-hans"}


@pytest.fixture(scope="module")
def first_kpi(real_atlas) -> Kpi:
    kpis = sorted(real_atlas.of_type(Kpi), key=lambda kpi: kpi.number)  # real_atlas: check()
    return kpis[0]


@pytest.mark.parametrize(("start", "target"), SWITCHES)
def test_switching_language_lands_on_the_same_kpi(reader, real_server, first_kpi, start, target):
    url = f"{real_server}/{start}/kpis/{first_kpi.id}/"
    reader.goto(url)
    assert reader.locator(f"#kpi-{first_kpi.id}").is_visible()
    reader.locator(".md-header__option .md-select").hover()
    reader.locator(f"a.atlas-language-link[hreflang={target}]").click()
    reader.wait_for_url(f"**/{CODE[target]}/kpis/{first_kpi.id}/")
    assert reader.locator("html").get_attribute("lang") == target
    assert reader.locator(f"#kpi-{first_kpi.id}").is_visible()
    assert reader.locator("tr#value-2032").is_visible()


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_following_a_facts_source_link(reader, real_server, first_kpi, language):
    reader.goto(f"{real_server}/{language}/kpis/{first_kpi.id}/")
    fact = reader.locator(".atlas-fact").first
    fact_id = fact.get_attribute("id")
    fact.locator("a.atlas-source-link").click()
    reader.wait_for_url(f"**/{language}/sources/{first_kpi.facts[0].source}/")
    back = reader.locator(f".atlas-taken-from a[href$='/kpis/{first_kpi.id}/#{fact_id}']")
    assert back.count() == 1
    back.click()
    reader.wait_for_url(f"**/kpis/{first_kpi.id}/#{fact_id}")
    assert reader.locator(f"#{fact_id}").is_visible()


def test_a_fact_anchor_opens_at_the_fact(reader, real_server, first_kpi):
    fact_id = f"fact-{first_kpi.facts[0].id}"
    reader.goto(f"{real_server}/zh-hans/kpis/{first_kpi.id}/#{fact_id}")
    assert reader.locator(f"#{fact_id}").is_visible()
    assert reader.evaluate("location.hash") == f"#{fact_id}"


def test_search_box_answers_on_every_language(reader, real_server):
    for language, query in (("en", "Blueprint"), ("zh-hant", "藍圖"), ("zh-hans", "蓝图")):
        reader.goto(f"{real_server}/{language}/")
        reader.locator("label.md-search__icon, .md-search__input").first.click()
        reader.locator(".md-search__input").focus()
        reader.keyboard.insert_text(query)
        reader.keyboard.press("End")
        results = reader.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        assert results.count() > 0, language


def test_the_tests_browser_runs_without_the_address_bars_popups(browser):
    """The browser the tests share (atlas.chromium) keeps Playwright's disabled features and
    adds its own: no context preloads the address bar's popups."""
    final = chromium.disabled_features()  # the switch the shared browser was given
    assert final is not None and set(chromium.DISABLED) < set(final), final
    context = browser.new_context()
    context.new_page().goto("about:blank")
    session = browser.new_browser_cdp_session()
    urls = [target["url"] for target in session.send("Target.getTargets")["targetInfos"]]
    session.detach()
    context.close()
    assert not [url for url in urls if url.startswith("chrome://")], urls
