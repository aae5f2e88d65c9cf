"""Findable by number and name: the Blueprint's numbers in directories and titles, the
coverage page's source columns named (issue 10, part 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.model import Measure, Source, Strategy
from pages import LANGUAGES, page

STRATEGY_WORD = {"en": "Strategy 3", "zh-hant": "策略三", "zh-hans": "策略三"}


@pytest.fixture(scope="module")
def atlas(real_atlas):
    return real_atlas  # check(DATA, corpus), done once for the run


@pytest.mark.parametrize("language", LANGUAGES)
def test_strategies_are_listed_and_titled_by_their_number(real_site: Path, language: str, atlas):
    directory = page(real_site, f"{language}/strategies/")
    numbers = [span.get_text() for span in directory.select(".atlas-index .atlas-number")]
    assert len(numbers) == len(atlas.of_type(Strategy)) and STRATEGY_WORD[language] in numbers
    strategy = page(real_site, f"{language}/strategies/strategy-venture-financing/")
    assert strategy.title.get_text().startswith(STRATEGY_WORD[language])
    assert strategy.select_one("article h1").get_text().startswith(STRATEGY_WORD[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_measures_stand_under_their_strategy_with_their_target(
    real_site: Path, language: str, atlas
):
    directory = page(real_site, f"{language}/measures/")
    groups = directory.select("article h2[id^=strategy-]")
    assert [group["id"] for group in groups] == [
        f"strategy-{strategy.number}"
        for strategy in sorted(atlas.of_type(Strategy), key=lambda s: s.number)
        if any(m.strategy == strategy.id for m in atlas.of_type(Measure))
    ]
    listed = [link["href"] for link in directory.select(".atlas-index li > a")]
    assert sorted(listed) == sorted(f"{m.id}/" for m in atlas.of_type(Measure))
    target = {"en": "target ", "zh-hant": "目標", "zh-hans": "目标"}[language]
    numbers = directory.select(".atlas-index .atlas-number")
    assert numbers and all(span.get_text().startswith(target) for span in numbers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coverage_page_names_its_source_columns(real_site: Path, language: str, atlas):
    coverage = page(real_site, f"{language}/coverage/")
    codes = [th.get_text() for th in coverage.select("#per-type ~ div table thead th a")]
    legend = {
        dt.get_text(): dd.get_text()
        for dt, dd in zip(
            coverage.select(".atlas-source-legend dt"),
            coverage.select(".atlas-source-legend dd"),
            strict=True,
        )
    }
    assert sorted(legend) == sorted(source.file[:3] for source in atlas.of_type(Source))
    assert set(codes) <= set(legend)
    assert all(legend.values())
