"""KPI charts, the value/printed agreement check and the computed trajectories.

Charts are read from the built pages by their elements (KPI pages and the dashboard, three
languages); the check is fed bad records; growth rates are compared with a hand computation.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from atlas.convert import LANGUAGES, label
from atlas.export.charts import Chart, Point, draw_kpi_chart, nice_ticks
from atlas.kpi_printed import check_kpi_values, read_printed
from atlas.load import dotted
from atlas.model import Kpi
from atlas.pages.kpi_trajectories import chart_svg, trajectories
from atlas.pages.view import LanguageView
from atlas.paths import DATA
from atlas.vocabulary import UI_LABELS
from pages import INJECTED, INTERFACE, english_in, heading, page, resolve
from pages import LANGUAGES as CODES
from record_edits import edit, problems
from test_loader_errors import KPI

CHINESE = ("zh-hant", "zh-hans")
CJK = re.compile(r"[\u3400-\u9fff]")
# what marks a figure-year annotation, per language: "2014 figure", "2014 年數字"
FIGURE_WORD = {"en": "figure", "zh-hant": "年數字", "zh-hans": "年数字"}
QUALIFIER_WORDS = {
    "about": {"en": "about", "zh-hant": "約", "zh-hans": "约"},
    "at-least": {"en": "at least", "zh-hant": "不少於", "zh-hans": "不少于"},
}


@pytest.fixture(scope="session")
def atlas(real_atlas):
    return real_atlas  # check(DATA, corpus), done once for the run


@pytest.fixture(scope="session")
def kpis(atlas) -> list[Kpi]:
    return sorted(atlas.of_type(Kpi), key=lambda kpi: kpi.number)


def ui(key: str, language: str) -> str:
    return label(UI_LABELS[key], language)


def numbers(text: str) -> list[str]:
    """The numbers a text shows, thousands separators (space or comma) and a year note aside."""
    text = re.sub(r"[(（]\d{4} ?年[)）]", "", text)
    text = re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", "", text)
    return re.findall(r"\d+(?:\.\d+)?", text)


def charts_on(site: Path, url: str) -> dict[str, object]:
    """Every KPI chart on a page, by the KPI id its ids carry."""
    found = {}
    for svg in page(site, url).select("article figure.atlas-chart svg"):
        title_id = svg["aria-labelledby"].split()[0]
        found[title_id.removeprefix("chart-").removesuffix("-title")] = svg
    return found


# -- every chart, on every KPI page and the dashboard, in every language ----------------------
@pytest.mark.parametrize("language", CODES)
@pytest.mark.parametrize("where", ["kpi-page", "dashboard"])
def test_every_chart_carries_every_value(real_site, kpis, language, where):
    for kpi in kpis:
        url = f"{language}/kpis/{kpi.id}/" if where == "kpi-page" else f"{language}/kpis/dashboard/"
        svg = charts_on(real_site, url)[kpi.id]
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        title, desc = svg.select_one(f"title#{title_id}"), svg.select_one(f"desc#{desc_id}")
        assert title is not None and desc is not None, url
        assert kpi.number in title.get_text()
        description = desc.get_text()
        for value in kpi.values:
            mark = svg.select_one(f"g.atlas-chart-point[data-column='{value.column}']")
            assert mark is not None, f"{url}: no mark for {value.column}"
            assert f"atlas-chart-point--{value.kind}" in mark["class"]
            shown = mark.select_one("text.atlas-chart-label").get_text()
            # the mark's label and the description both give the printed numbers
            assert numbers(shown) == numbers(value.printed), (url, shown, value.printed)
            assert shown in description, (url, shown)
            assert str(value.column) in description
            if value.qualifier != "none":
                assert QUALIFIER_WORDS[value.qualifier][language] in shown
            # the figure-year quirk: marked under the column and said in the description
            note = mark.select_one("text.atlas-chart-note")
            if value.figure_year and value.figure_year != value.column:
                assert note is not None, f"{url}: {value.column} holds a {value.figure_year} figure"
                assert str(value.figure_year) in note.get_text()
                assert FIGURE_WORD[language] in note.get_text()
                assert int(mark["data-figure-year"]) == value.figure_year
                assert str(value.figure_year) in description
            else:
                assert note is None


@pytest.mark.parametrize("language", CODES)
def test_actual_and_target_differ_by_more_than_colour(real_site, kpis, language):
    for kpi in kpis:
        svg = charts_on(real_site, f"{language}/kpis/{kpi.id}/")[kpi.id]
        legend = svg.select("g.atlas-chart-legend g.atlas-chart-key")
        assert [key.get_text() for key in legend] == [
            ui("chart_actual", language),
            ui("chart_target", language),
        ]
        for kind, key in zip(("actual", "target"), legend, strict=True):
            mark = svg.select_one(f"g.atlas-chart-point--{kind} circle")
            sample = key.select_one("circle")
            assert mark["fill"] == sample["fill"]  # the legend shows the marks as drawn
            hollow = mark["fill"] == "#ffffff"
            assert hollow == (kind == "target")  # filled dot vs hollow dot
            dashed = key.select_one("line").has_attr("stroke-dasharray")
            assert dashed == (kind == "target")  # solid line vs dashed line
        actual = svg.select_one("polyline.atlas-chart-line--actual")
        target = svg.select_one("polyline.atlas-chart-line--target")
        assert not actual.has_attr("stroke-dasharray")
        assert target.has_attr("stroke-dasharray")


@pytest.mark.parametrize("language", CODES)
def test_a_2021_figure_in_the_2022_column_is_annotated(real_site, language):
    svg = charts_on(real_site, f"{language}/kpis/kpi-2-1-startups/")["kpi-2-1-startups"]
    mark = svg.select_one("g.atlas-chart-point[data-column='2022']")
    expected = {"en": "2021 figure", "zh-hant": "2021 年數字", "zh-hans": "2021 年数字"}
    assert mark.select_one("text.atlas-chart-note").get_text() == expected[language]
    assert expected[language] in mark.title.get_text()


def test_english_charts_have_english_words(real_site, kpis):
    for url in [f"en/kpis/{kpi.id}/" for kpi in kpis] + ["en/kpis/dashboard/"]:
        for svg in charts_on(real_site, url).values():
            texts = [element.get_text() for element in svg.select("text, title, desc")]
            assert [text for text in texts if CJK.search(text)] == [], url


@pytest.mark.parametrize("language", CHINESE)
def test_no_english_on_the_chinese_kpi_pages(real_site, kpis, language):
    for url in [f"{language}/kpis/{kpi.id}/" for kpi in kpis] + [f"{language}/kpis/dashboard/"]:
        article = page(real_site, url).select_one("article")
        # the dashboard is all ours; on a KPI page, its values, chart and trajectories
        ours = article.select(INTERFACE) if url.endswith("dashboard/") else []
        ours += article.select("h2#values, h2#trajectories, .atlas-kpi, .atlas-cagr")
        ours += article.select("figure.atlas-chart svg text, figure.atlas-chart svg title")
        ours += article.select("figure.atlas-chart svg desc, figure.atlas-chart figcaption")
        assert english_in(ours) == [], url


def test_charts_are_inline_and_ask_nothing_of_another_host(real_site, kpis):
    for url in [f"{c}/kpis/{kpi.id}/" for c in CODES for kpi in kpis]:
        article = page(real_site, url).select_one("article")
        for figure in article.select("figure.atlas-chart"):
            assert figure.select("img, object, embed, iframe") == []
            svg = figure.svg
            assert svg.select("image, script, style, use, a, foreignObject") == []
            markup = str(svg).replace('xmlns="http://www.w3.org/2000/svg"', "")
            assert "http" not in markup and "url(" not in markup and "font-family" not in markup


def test_the_dashboard_groups_a_chart_per_kpi_by_area(real_site, atlas, kpis):
    for language in LANGUAGES:
        url = f"{language.code}/kpis/dashboard/"
        dashboard = page(real_site, url)
        table = page(real_site, f"{language.code}/kpis/")
        home = f"{language.code}/"
        in_nav = {
            resolve(real_site, home, a["href"])[0] for a in page(real_site, home).select("nav a")
        }
        assert real_site / url / "index.html" in in_nav
        assert table.select_one("article a[href='dashboard/']") is not None  # the table links it
        areas = [h2 for h2 in dashboard.select("article h2") if h2["id"].startswith("area-")]
        view = LanguageView(atlas, language)
        assert [heading(h2) for h2 in areas] == list(
            dict.fromkeys(view.text(kpi.area) for kpi in kpis)
        )
        assert list(charts_on(real_site, url)) == [kpi.id for kpi in kpis]
        for kpi in kpis:
            section = dashboard.select_one(f"h3#kpi-{kpi.id}")
            assert section is not None
            link = section.find_next("p").a
            target, _ = resolve(real_site, url, link["href"])
            assert target == real_site / language.code / "kpis" / kpi.id / "index.html"
        # each KPI page links to its chart on the dashboard, anchor included
        kpi_url = f"{language.code}/kpis/{kpis[0].id}/"
        caption = page(real_site, kpi_url).select_one("figure.atlas-chart figcaption a")
        target, anchor = resolve(real_site, kpi_url, caption["href"])
        assert target == real_site / url / "index.html" and anchor == f"kpi-{kpis[0].id}"


def test_charts_are_deterministic_and_escaped(atlas, kpis):
    english = LanguageView(atlas, LANGUAGES[0])
    assert chart_svg(english, kpis[0]) == chart_svg(LanguageView(atlas, LANGUAGES[0]), kpis[0])
    chart = Chart(
        id_prefix="chart-x",
        title=INJECTED,
        description=INJECTED,
        unit=INJECTED,
        x_axis=INJECTED,
        legend_actual=INJECTED,
        legend_target=INJECTED,
        points=(Point(2016, 1.0, INJECTED, INJECTED, "actual", INJECTED, 2014),),
    )
    svg = draw_kpi_chart(chart)
    assert "<script" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
    assert svg == draw_kpi_chart(chart)
    assert "\n\n" not in svg  # one Markdown HTML block
    with pytest.raises(ValueError):
        draw_kpi_chart(Chart(**{**chart.__dict__, "id_prefix": '" onload="x'}))


def test_value_axis_ticks_reach_past_the_largest_value():
    assert nice_ticks(2 / 0.82) == [0.0, 1.0, 2.0, 3.0]
    assert nice_ticks(100000 / 0.82) == [0.0, 50000.0, 100000.0, 150000.0]
    assert nice_ticks(28.05 / 0.82)[-1] >= 28.05


# -- the value/printed agreement check ----------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("1 065 間", (1065, "none", None, "間", None, None, None)),
        ("3 755 間 (2021 年)", (3755, "none", None, "間", None, None, 2021)),
        ("約 5 000 間", (5000, "about", None, "間", None, None, None)),
        ("不少於 100 000 人", (100000, "at-least", None, "人", None, None, None)),
        ("逾 3 萬人", (3, "more-than", "萬", "人", None, None, None)),
        ("2,306 港元", (2306, "none", None, "港元", None, None, None)),
        (
            "0.74% (167.27 億港元)",
            (Decimal("0.74"), "none", None, "%", None, Decimal("167.27"), None),
        ),
        ("56:44", (56, "none", None, None, 44, None, None)),
        ("11.56", (Decimal("11.56"), "none", None, None, None, None, None)),
    ],
)
def test_printed_figures_are_read_as_printed(printed, parts):
    reading = read_printed(printed)
    main = reading.main
    second = reading.bracketed.value if reading.bracketed else None
    found = (main.value, main.qualifier, main.multiplier, main.printed_unit, main.ratio_to)
    assert (*found, second, reading.year) == parts


@pytest.mark.parametrize(
    "printed",
    ["five thousand", "約", "1 065 間 (", "12 (three)", "1:2:3", "9.15 左右", "5 000 間以上"],
)
def test_unreadable_printed_text_is_not_read(printed):
    assert read_printed(printed) is None


def test_a_number_that_disagrees_with_the_printed_text_is_refused(records, corpus):
    edit(records, KPI, "kind: target, value: 5000,", "kind: target, value: 5500,")
    assert problems(records, corpus) == [
        "data/kpis/kpi-startups.yml:11: values[2].value: expected 5000, the number printed in"
        " '約 5 000 間', found 5500"
    ]


def test_a_missing_or_wrong_qualifier_is_refused(records, corpus):
    edit(records, KPI, "value: 5000, qualifier: about,", "value: 5000,")
    edit(records, KPI, "value: 7000, qualifier: about,", "value: 7000, qualifier: at-least,")
    edit(records, KPI, "value: 1065,", "value: 1065, qualifier: about,")
    assert problems(records, corpus) == [
        "data/kpis/kpi-startups.yml:9: values[0].qualifier: expected none, as no 不少於, 約 or 逾"
        " is printed in '1 065 間', found about",
        "data/kpis/kpi-startups.yml:11: values[2].qualifier: expected about, the word printed"
        " before the number in '約 5 000 間', found none",
        "data/kpis/kpi-startups.yml:12: values[3].qualifier: expected about, the word printed"
        " before the number in '約 7 000 間', found at-least",
    ]


def test_every_disagreement_is_reported_at_once(records, corpus):
    edit(records, KPI, "value: 1065, printed_unit: 間", "value: 1065")
    edit(records, KPI, "figure_year: 2021,", "figure_year: 2020,")
    edit(
        records, KPI, "value: 7000, qualifier: about, printed_unit: 間", "value: 7, multiplier: 萬"
    )
    assert problems(records, corpus) == [
        "data/kpis/kpi-startups.yml:9: values[0].printed_unit: expected 間, the unit printed in"
        " '1 065 間', found none",
        "data/kpis/kpi-startups.yml:10: values[1].figure_year: expected 2021, the year printed in"
        " '3 755 間 (2021 年)', found 2020",
        "data/kpis/kpi-startups.yml:12: values[3].multiplier: expected none, as no 萬 or 億 is"
        " printed in '約 7 000 間', found 萬",
        "data/kpis/kpi-startups.yml:12: values[3].printed_unit: expected 間, the unit printed in"
        " '約 7 000 間', found none",
        "data/kpis/kpi-startups.yml:12: values[3].qualifier: expected about, the word printed"
        " before the number in '約 7 000 間', found none",
        "data/kpis/kpi-startups.yml:12: values[3].value: expected 7000, the number printed in"
        " '約 7 000 間', found 7",
    ]


def _kpi_file(name: str) -> dict:
    return yaml.safe_load((DATA / "kpis" / f"{name}.yml").read_text(encoding="utf-8"))


def _check(data: dict) -> list[str]:
    found = []
    check_kpi_values(
        Kpi.model_validate(data),
        lambda where, expected, got: found.append(
            f"{dotted(where)}: expected {expected}, found {got}"
        ),
    )
    return found


def test_bracketed_figures_and_ratios_are_checked_too():
    data = _kpi_file("kpi-1-1-rd-expenditure-to-gdp")
    assert _check(data) == []
    del data["values"][0]["bracketed"]
    data["values"][1]["bracketed"]["multiplier"] = "萬"
    data["values"][2]["bracketed"] = {"value": 1.3}
    assert _check(data) == [
        "values[0].bracketed: expected the figure printed in brackets in"
        " '0.74% (167.27 億港元)', found none",
        "values[1].bracketed.multiplier: expected 億, the multiplier printed in"
        " '0.99% (265.54 億港元)', found 萬",
        "values[2].bracketed: expected no bracketed figure, as none is printed in '1.3%',"
        " found 1.3",
    ]
    ratio = _kpi_file("kpi-1-3-public-private-rd-ratio")
    ratio["values"][0]["ratio_to"] = 45
    del ratio["values"][1]["ratio_to"]
    assert _check(ratio) == [
        "values[0].ratio_to: expected 44, the second term of the ratio printed in '56:44',"
        " found 45",
        "values[1].ratio_to: expected 42, the second term of the ratio printed in '58:42',"
        " found none",
    ]


def test_unreadable_printed_text_with_a_number_is_refused():
    data = _kpi_file("kpi-3-2-it-workers-per-thousand")
    data["values"][0]["printed"] = "9.15 左右"
    (message,) = _check(data)
    assert message.startswith("values[0].printed: expected a figure the check can read")


# -- computed trajectories -----------------------------------------------------------------------
def _rates(kpis: list[Kpi], kpi_id: str) -> dict[int, object]:
    kpi = next(kpi for kpi in kpis if kpi.id == kpi_id)
    return {t.target.column: t for t in trajectories(kpi)}


def test_growth_rates_match_a_hand_computation(kpis):
    # 1.2: HK$3,575 a head in 2020 (the 2022 column's figure) → HK$5,000 (2027), HK$9,000 (2032)
    per_head = _rates(kpis, "kpi-1-2-rd-expenditure-per-capita")
    assert per_head[2027].rate == pytest.approx((5000 / 3575) ** (1 / 7) - 1)
    assert per_head[2032].rate == pytest.approx((9000 / 3575) ** (1 / 12) - 1)
    assert round(per_head[2027].rate * 100, 1) == 4.9 and round(per_head[2032].rate * 100, 1) == 8.0
    # 2.1: 3,755 start-ups in 2021 — the figure's year, not its column's 2022 — → about 5,000
    startups = _rates(kpis, "kpi-2-1-startups")
    assert startups[2027].years == 6 and startups[2027].bound == "about"
    assert startups[2027].rate == pytest.approx((5000 / 3755) ** (1 / 6) - 1)
    # 3.1: "不少於 100 000 人" is a floor, so the rate is the least needed
    workforce = _rates(kpis, "kpi-3-1-it-workforce")
    assert workforce[2032].bound == "at-least"
    assert workforce[2032].rate == pytest.approx((100000 / 45310) ** (1 / 12) - 1)
    # 1.3 is a ratio: no rate, and a reason
    ratio = _rates(kpis, "kpi-1-3-public-private-rd-ratio")
    assert {t.reason for t in ratio.values()} == {"ratio"} and ratio[2027].rate is None


@pytest.mark.parametrize("language", CODES)
def test_pages_show_the_rates_as_the_atlas_computation_with_the_formula(real_site, language):
    expected = {
        "en": ("4.9% a year", "8.0% a year", "about 4.9% a year", "at least 6.8% a year"),
        "zh-hant": ("每年 4.9%", "每年 8.0%", "每年約 4.9%", "每年至少 6.8%"),
        "zh-hans": ("每年 4.9%", "每年 8.0%", "每年约 4.9%", "每年至少 6.8%"),
    }[language]
    rows = {
        "kpi-1-2-rd-expenditure-per-capita": {2027: expected[0], 2032: expected[1]},
        "kpi-2-1-startups": {2027: expected[2]},
        "kpi-3-1-it-workforce": {2032: expected[3]},
    }
    for kpi_id, cells in rows.items():
        url = f"{language}/kpis/{kpi_id}/"
        section = page(real_site, url).select_one("article .atlas-cagr")
        for column, text in cells.items():
            cell = section.select_one(f"tr#trajectory-{column} td.atlas-cagr-rate")
            assert cell.get_text(strip=True) == text, url
        dashboard = page(real_site, f"{language}/kpis/dashboard/")
        row = dashboard.select_one(f"#trajectories-{kpi_id}")
        assert set(cells.values()) <= {td.get_text(strip=True) for td in row.select("td")}
    for url in [f"{language}/kpis/kpi-2-2-unicorns/", f"{language}/kpis/dashboard/"]:
        section = page(real_site, url).select_one("article .atlas-cagr")
        assert section.select_one(".atlas-cagr-label").get_text() == ui("cagr_label", language)
        assert section.select_one(".atlas-cagr-formula").get_text() == ui("cagr_formula", language)
    ratio = page(real_site, f"{language}/kpis/kpi-1-3-public-private-rd-ratio/")
    reasons = {td.get_text() for td in ratio.select(".atlas-cagr td.atlas-cagr-rate")}
    assert reasons == {ui("cagr_ratio", language)}
    assert ratio.select(".atlas-cagr td[data-rate]") == []


def test_the_label_says_whose_computation_it_is():
    assert "not the source's" in UI_LABELS["cagr_label"]["en"]
    assert "並非原文所載" in UI_LABELS["cagr_label"]["zh"]
    assert "并非原文所载" in label(UI_LABELS["cagr_label"], "zh-hans")
