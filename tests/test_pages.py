"""Generated pages, checked by their elements: titles, anchors, links, languages."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from atlas.pipeline import build_site
from atlas.search import INDEX_PATH
from pages import INJECTED, LANGUAGES, heading, html_pages, ids, page, resolve, tree

KPI_URL = "kpis/kpi-startups/"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "KPI 2.1: Start-ups in co-working spaces, incubators and accelerators"),
        ("zh-hant", "指標 2.1：在共享工作空間、創業培育中心及加速器內營運的初創企業數目"),
        ("zh-hans", "指标 2.1：在共享工作空间、创业培育中心及加速器内运营的初创企业数目"),
    ],
)
def test_kpi_page_in_each_language(fixture_site, language, title):
    kpi = page(fixture_site, f"{language}/{KPI_URL}")
    assert heading(kpi.h1) == title
    rows = {
        row["id"]: [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in kpi.select("tr[id^=value-]")
    }
    assert list(rows) == ["value-2016", "value-2022", "value-2027", "value-2032"]
    # printed values stay exactly as printed, in the source's script, on every version
    assert rows["value-2022"][1:3] == ["2021", "3 755 間 (2021 年)"]
    assert kpi.select_one("#kpi-kpi-startups") is not None


def test_quotes_stay_verbatim_in_their_script_on_the_simplified_site(fixture_site):
    fact = page(fixture_site, f"zh-hans/{KPI_URL}").select_one("#fact-row")
    quote = fact.select_one("blockquote.atlas-quote")
    assert quote["lang"] == "zh-Hant"
    assert "在共享工作空間、創業培育中心及加速器內營運的初創企業數目" in quote.get_text()
    assert fact.select_one(".atlas-claim").get_text().startswith("表列数字")


def test_kpi_table_has_every_column_with_the_figure_year(fixture_site):
    table = page(fixture_site, "zh-hant/kpis/")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers[2:] == [
        "2016（2014 年數字）",
        "2022（2021 年數字）",
        "2027（2025 年數字）",
        "2032（2030 年數字）",
    ]
    row = table.select_one("#kpi-kpi-startups")
    assert [td.get_text(strip=True) for td in row.find_all("td")][2:] == [
        "1 065 間",
        "3 755 間 (2021 年)",
        "約 5 000 間",
        "約 7 000 間",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_links_lead_to_the_same_record(fixture_site, language):
    url = f"{language}/{KPI_URL}"
    links = page(fixture_site, url).select("a.atlas-language-link")
    assert sorted(link["hreflang"] for link in links) == ["en", "zh-Hans", "zh-Hant"]
    for link in links:
        target, _ = resolve(fixture_site, url, link["href"])
        assert target.exists(), link["href"]
        other = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        assert other.html["lang"] == link["hreflang"]
        assert other.select_one("#kpi-kpi-startups") is not None


def test_html_lang_picks_the_glyphs(fixture_site):
    assert [page(fixture_site, f"{code}/").html["lang"] for code in LANGUAGES] == [
        "en",
        "zh-Hant",
        "zh-Hans",
    ]


def test_fact_links_to_its_source_and_the_source_lists_it(fixture_site):
    url = f"en/{KPI_URL}"
    link = page(fixture_site, url).select_one("#fact-row a.atlas-source-link")
    target, _ = resolve(fixture_site, url, link["href"])
    source = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    taken = [a["href"] for a in source.select(".atlas-taken-from a")]
    assert "../../kpis/kpi-startups/#fact-row" in taken
    assert source.select_one(".atlas-bibliography") is not None


def test_relations_are_links_and_pages_list_their_backlinks(fixture_site):
    strategy = page(fixture_site, "en/strategies/strategy-venture-finance/")
    backlinks = [a.get_text(strip=True) for a in strategy.select(".atlas-backlinks a")]
    assert "Make good use of the Co-Investment Fund" in backlinks
    measures = [a.get_text(strip=True) for a in strategy.select(".atlas-measures a")]
    assert measures == ["Make good use of the Co-Investment Fund"]
    blueprint = page(fixture_site, "en/blueprints/hk-innovation-technology-blueprint/")
    related = [a.get_text(strip=True) for a in blueprint.select(".atlas-relations a")]
    assert related == ["Innovation, Technology and Industry Bureau"]
    back = [a.get_text(strip=True) for a in blueprint.select(".atlas-backlinks a")]
    assert {"Pilot production", "Expand the I&T talent pool"} <= set(back)


def test_every_internal_link_and_anchor_resolves(fixture_site):
    broken = []
    for url in html_pages(fixture_site):
        for href in tree(fixture_site, url).xpath("//a/@href"):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, fragment = resolve(fixture_site, url, href)
            if not target.exists():
                broken.append(f"{url}: {href}")
            elif fragment and target.suffix == ".html":
                other = tree(fixture_site, str(target.relative_to(fixture_site)))
                if fragment not in ids(other):
                    broken.append(f"{url}: {href} (no #{fragment})")
    assert broken == []


FOREIGN_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
}


def test_no_page_loads_anything_from_another_host(fixture_site):
    foreign = []
    for url in html_pages(fixture_site):
        for element in tree(fixture_site, url).iter(*FOREIGN_ATTRIBUTES):
            tag = element.tag
            value = element.get(FOREIGN_ATTRIBUTES[tag], "")
            rel = (element.get("rel") or "").split()
            if tag == "link" and "stylesheet" not in rel and "preconnect" not in rel:
                continue
            if value.startswith(("http:", "https:", "//")):
                foreign.append(f"{url}: <{tag} {FOREIGN_ATTRIBUTES[tag]}={value}>")
    assert foreign == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_home_a_search_box_and_an_index(fixture_site, language):
    home = page(fixture_site, f"{language}/")
    assert home.select_one("input.md-search__input") is not None
    assert (fixture_site / language / INDEX_PATH).exists()
    assert not (fixture_site / language / "search" / "search_index.json").exists(), (
        "Material's own index is not built: the atlas has its own search"
    )
    assert page(fixture_site, f"{language}/hubs/").select_one(".atlas-index a") is not None


def test_root_sends_readers_to_each_language(fixture_site):
    root = page(fixture_site, "index.html")
    assert [a["href"] for a in root.select("a[hreflang]")] == ["en/", "zh-hant/", "zh-hans/"]


def test_record_text_cannot_inject_markup(records, corpus, tmp_path):
    """Whatever a record's text holds, a page shows it as text: no element, no link."""
    hub = records / "hubs" / "hong-kong.yml"
    text = hub.read_text(encoding="utf-8")
    text = text.replace(
        "{en: The city the Blueprint is for., zh: 藍圖所規劃的城市。}",
        "{en: '" + INJECTED + "', zh: '" + INJECTED + "'}",
    )
    text = text.replace("aliases: [HK]", "aliases: ['HK *x* [y](javascript:z)']")
    text = text.replace("{en: A core city of the Greater Bay Area.,", "{en: '" + INJECTED + "',")
    hub.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build_site(site=site, data_dir=records, corpus=corpus, work=tmp_path / "build")
    for language in LANGUAGES:
        soup = page(site, f"{language}/hubs/hong-kong/")
        article = soup.select_one("article")
        assert article.find("script") is None
        assert article.find("img") is None
        assert not [a for a in soup.find_all("a") if "javascript" in a.get("href", "")]
        assert INJECTED in article.select_one(".atlas-summary").get_text()
        assert "HK *x* [y](javascript:z)" in article.select_one(".atlas-aliases").get_text()
    shutil.rmtree(site)
