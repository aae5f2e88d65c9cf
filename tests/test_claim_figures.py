"""Figures and names in claims and summaries stand in their quotes (issue 10, part 3).

A claim may state a number, an amount, a percentage, a year or a proper name only if its
quote holds it, in whatever form, or if the fact declares in `derived` how it follows from
the quote. Each refusal is asserted as the line an editor reads.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest

from atlas import claim_figures
from atlas.claim_figures import check_claim_figures
from atlas.claim_numbers import figures_en, figures_zh, quote_values
from atlas.corpus import Corpus
from atlas.load import load_folder
from atlas.paths import DATA
from atlas.pipeline import check as build_atlas
from atlas.validate import validate_record
from record_edits import edit, problems

HUB = "hubs/hong-kong.yml"
KPI = "kpis/kpi-startups.yml"
EXPECTED = "expected figures and names found in the quote (or a derived: note)"
SUMMARY = "expected figures and names found in the record's quotes (or its relations' names)"

# A second place, so that the fixture has a name the hub's quotes do not hold.
GERMANY = """id: germany
names: {en: Germany, zh: 德國, aliases: [德国]}
summary: {en: A country the review cites., zh: 評論提及的國家。}
kind: country
facts:
  - id: high-tech-strategy
    claim: {en: Germany launched a high-tech strategy in 2010., zh: 德國於 2010 年推出高技術戰略。}
    source: cma-2023-blueprint-review
    quote: 美國和德國政府分別於2009和2010年推出了「重振美國製造業框架」
    line: 13
    themes: [government]
relations:
  - {type: related-to, target: hong-kong}
"""


def add_fact(records: Path, fact: str) -> None:
    """Append a fact (YAML, one item of the list) to the fixture hub's facts."""
    edit(records, HUB, "relations:", fact.strip("\n") + "\nrelations:")


def passes(records: Path, corpus: Corpus) -> None:
    build_atlas(records, corpus)


def fact(claim_en: str, claim_zh: str, quote: str, line: int, extra: str = "") -> str:
    return f"""  - id: added
    claim: {{en: "{claim_en}", zh: "{claim_zh}"}}
    source: cma-2023-blueprint-review
    quote: {quote}
    line: {line}
    themes: [government]
{extra}"""


# --- reading figures -------------------------------------------------------------------------


def values(figures) -> set[Fraction]:
    return {value for figure in figures for value in figure.values}


@pytest.mark.parametrize(
    ("claim", "quote"),
    [
        ("3,755 start-ups", "3 755 間"),
        ("3 755 start-ups", "3,755 間"),
        ("3755 start-ups", "3 755 間"),
        ("HK$10 billion", "100億港元"),
        ("HK$16.727 billion", "167.27 億港元"),
        ("more than 90%", "逾九成"),
        ("more than nine tenths", "逾九成"),
        ("a hundred-billion investment", "千億投資"),
        ("in 2022", "二〇二二年"),
        ("the 14th Five-Year Plan", "「十四五」規劃"),
        ("in the 1990s", "上世紀90年代"),
        ("more than 1/3", "三分之一以上"),
        ("the five hubs", "五大重鎮"),
        ("a two-way platform", "雙向平台"),
    ],
)
def test_an_english_figure_is_read_by_value(claim, quote):
    figures = figures_en(claim)
    assert figures, f"no figure read in {claim!r}"
    for figure in figures:
        assert figure.values & quote_values(quote), (figure, sorted(quote_values(quote)))


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("撥款 100 億港元", {Fraction(10**10)}),
        ("逾九成", {Fraction(90)}),
        ("五大產業集群", {Fraction(5)}),
        ("八項指標", {Fraction(8)}),
        ("二〇二二年", {Fraction(2022)}),
        ("「十四五」規劃", {Fraction(14), Fraction(5)}),
        ("千億投資", {Fraction(10**11)}),
        ("1/3 多", {Fraction(1, 3)}),
    ],
)
def test_a_chinese_figure_is_read_by_value(claim, expected):
    assert expected <= values(figures_zh(claim))


@pytest.mark.parametrize(
    "text",
    [
        "一個創新中心",
        "其中之一",
        "第三項舉措",
        "十分重要",
        "兩岸",
        "策略二",
        "指標 2.2",
        "2016 年欄",
    ],
)
def test_chinese_words_and_locators_are_no_figures(text):
    assert figures_zh(text) == []


@pytest.mark.parametrize(
    "text",
    ["one of the hubs", "under strategy 2 and beside its target 1", "KPI 2.2", "column 2016", "¶7"],
)
def test_english_words_and_locators_are_no_figures(text):
    assert figures_en(text) == []


# --- the check refuses each kind, in the editor's words ----------------------------------------


def test_a_number_the_quote_lacks(records, corpus):
    edit(records, HUB, "en: A core city of the Greater Bay Area.", "en: One of 11 core cities.")
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:7: facts[0].claim.en: {EXPECTED}, found '11'"
    ]


def test_an_amount_the_quote_lacks(records, corpus):
    add_fact(
        records,
        fact(
            "It will put HK$1 billion into university research.",
            "將撥款 10 億港元資助大學研發團隊。",
            "將撥款100億港元資助大學研發團隊把科研成果商品化和產業化",
            43,
        ),
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:13: facts[1].claim.en: {EXPECTED}, found 'HK$1 billion'",
        f"data/hubs/hong-kong.yml:13: facts[1].claim.zh: {EXPECTED}, found '10 億港元'",
    ]


def test_an_amount_in_a_currency_the_quote_does_not_name(records, corpus):
    add_fact(
        records,
        fact(
            "A 4-billion-dollar scheme was set up only in 2018.",
            "40 億元的基金直至 2018 年才成立。",
            "直至2018年才成立的40億元「再工業化資助基金」",
            31,
        ),
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:13: facts[1].claim.en: {EXPECTED}, found '4-billion-dollar'"
    ]


def test_a_year_the_quote_lacks(records, corpus):
    edit(
        records,
        HUB,
        "{en: A core city of the Greater Bay Area., zh: 大灣區的中心城市。}",
        "{en: A core city of the Greater Bay Area since 1990., zh: 1990 年起為大灣區的中心城市。}",
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:7: facts[0].claim.en: {EXPECTED}, found '1990'",
        f"data/hubs/hong-kong.yml:7: facts[0].claim.zh: {EXPECTED}, found '1990'",
    ]


def test_a_percentage_the_quote_lacks(records, corpus):
    add_fact(
        records,
        fact(
            "Manufacturing is to rise to 1.5% and then 6% of GDP.",
            "製造業佔 GDP 比重提高至 1.5% 和 6%。",
            "本地製造業佔GDP的比重分別提高至1.5%和5%",
            33,
        ),
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:13: facts[1].claim.en: {EXPECTED}, found '6%'",
        f"data/hubs/hong-kong.yml:13: facts[1].claim.zh: {EXPECTED}, found '6%'",
    ]


def test_a_name_the_quote_lacks(records, corpus):
    (records / "hubs" / "germany.yml").write_text(GERMANY, encoding="utf-8")
    edit(
        records,
        HUB,
        "{en: A core city of the Greater Bay Area., zh: 大灣區的中心城市。}",
        "{en: 'A core city of the Greater Bay Area, as Berlin is of Germany.', "
        "zh: 大灣區的中心城市，猶如德國的柏林。}",
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:7: facts[0].claim.en: {EXPECTED}, found 'Germany'",
        f"data/hubs/hong-kong.yml:7: facts[0].claim.zh: {EXPECTED}, found '德國'",
    ]


def test_a_summary_figure_or_name_no_quote_of_the_record_holds(records, corpus):
    (records / "hubs" / "germany.yml").write_text(GERMANY, encoding="utf-8")
    edit(
        records,
        "organisations/itib.yml",
        "{en: The bureau that issued the Blueprint., zh: 發佈藍圖的政策局。}",
        "{en: 'The bureau that issued the 8 strategies of the Blueprint, as Germany did.', "
        "zh: 發佈藍圖八大策略的政策局。}",
    )
    assert problems(records, corpus) == [
        f"data/organisations/itib.yml:3: summary.en: {SUMMARY}, found '8'",
        f"data/organisations/itib.yml:3: summary.en: {SUMMARY}, found 'Germany'",
        f"data/organisations/itib.yml:3: summary.zh: {SUMMARY}, found '八'",
    ]


def test_a_derivation_must_list_what_the_claim_writes(records, corpus):
    add_fact(
        records,
        fact(
            "Governments began to lead industrial strategies after 2008, fifteen years before.",
            "2008 年後、即評論的十五年前，政府開始牽頭制定產業發展戰略。",
            "2008年金融海嘯之後，國際上興起了政府牽頭制定產業發展戰略和規劃的潮流",
            13,
            extra="""    derived:
      figures: [sixteen]
      how: {en: the review is of 2023, zh: 評論寫於 2023 年}
""",
        ),
    )
    assert problems(records, corpus) == [
        f"data/hubs/hong-kong.yml:13: facts[1].claim.en: {EXPECTED}, found 'fifteen'",
        f"data/hubs/hong-kong.yml:13: facts[1].claim.zh: {EXPECTED}, found '十五'",
        "data/hubs/hong-kong.yml:19: facts[1].derived.figures[0]: expected a figure or name "
        "as the claim writes it, found 'sixteen', which the claim does not",
    ]


# --- and accepts what the quote holds, in any form, and declared derivations --------------------


def test_formatting_variants_are_accepted(records, corpus):
    edit(
        records,
        KPI,
        "claim: {en: The table row., zh: 表列數字。}",
        "claim: {en: 'The table row: 1,065, then 3755 in 2021; targets about 5 000 and 7,000.', "
        "zh: '表列數字：1,065 間、3755 間（2021 年）；目標約 5 000 間及 7,000 間。'}",
    )
    add_fact(
        records,
        fact(
            "It will put HK$10 billion into university research.",
            "將撥款 100 億港元資助大學研發團隊。",
            "將撥款100億港元資助大學研發團隊把科研成果商品化和產業化",
            43,
        ),
    )
    passes(records, corpus)


def test_a_declared_derivation_is_accepted(records, corpus):
    add_fact(
        records,
        fact(
            "Governments began to lead industrial strategies after 2008, fifteen years before.",
            "2008 年後、即評論的十五年前，政府開始牽頭制定產業發展戰略。",
            "2008年金融海嘯之後，國際上興起了政府牽頭制定產業發展戰略和規劃的潮流",
            13,
            extra="""    derived:
      figures: [fifteen, 十五]
      how: {en: 'the review is dated January 2023, 15 years after 2008', zh: 評論寫於 2023 年 1 月}
""",
        ),
    )
    passes(records, corpus)


def test_a_name_the_quote_writes_in_another_script_is_accepted(records, corpus):
    (records / "hubs" / "germany.yml").write_text(GERMANY, encoding="utf-8")
    passes(records, corpus)


def test_attribution_and_locators_need_no_quote(records, corpus):
    edit(
        records,
        HUB,
        "{en: A core city of the Greater Bay Area., zh: 大灣區的中心城市。}",
        "{en: 'The CMA review of January 2023 lists, in appendix B, a core city of the Greater "
        "Bay Area.', zh: 2023 年 1 月的評論在附件 B 列出大灣區的中心城市。}",
    )
    edit(
        records,
        HUB,
        "summary: {en: The city the Blueprint is for., zh: 藍圖所規劃的城市。}",
        "summary: {en: The city the Blueprint (December 2022) is for., "
        "zh: 藍圖（2022 年 12 月）所規劃的城市。}",
    )
    passes(records, corpus)


# --- the real data --------------------------------------------------------------------------------


def test_the_real_data_states_no_figure_or_name_its_quotes_lack():
    found: list = []
    raws = load_folder(DATA, found)
    pairs = [(raw, record) for raw in raws if (record := validate_record(raw, found))]
    assert found == [], "the data does not load"
    check_claim_figures(pairs, {record.id: record for _, record in pairs}, found)
    assert [str(problem) for problem in found] == []


def test_a_large_atlas_is_checked_in_processes_with_the_same_problems(records, corpus, monkeypatch):
    """From FORK_FROM records the check is shared among forked processes: the editor reads
    the same problems as one process finds, from records checked in different processes."""
    edit(records, HUB, "en: A core city of the Greater Bay Area.", "en: One of 11 core cities.")
    strategy = "strategies/strategy-venture-finance.yml"  # the last record, in another part
    edit(records, strategy, "Explore strategic tech investments.", "Explore 7 investments.")
    monkeypatch.setenv("ATLAS_BUILD_JOBS", "1")
    alone = problems(records, corpus)
    assert [line.split(":", 1)[0] for line in alone] == [f"data/{HUB}", f"data/{strategy}"]
    monkeypatch.setenv("ATLAS_BUILD_JOBS", "2")
    monkeypatch.setattr(claim_figures, "FORK_FROM", 1)
    parent, check_record = os.getpid(), claim_figures._check_record

    def in_a_child(*args) -> None:
        assert os.getpid() != parent, "a record was checked in the parent process"
        check_record(*args)

    monkeypatch.setattr(claim_figures, "_check_record", in_a_child)
    assert problems(records, corpus) == alone
