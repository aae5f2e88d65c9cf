"""Locators as data: each source's outline, and every fact located by its line.

What a reader would notice: a locator in the page's language ("附件，D 部分「藍圖八大策略」，
策略三"), a section's title quoted as printed and marked with its script, and one source line
named the same way on every page. What an editor would notice: an outline that does not fit
its text is refused with a clear message.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from atlas.pipeline import check
from pages import LANGUAGES, html_pages, page, tree
from record_edits import edit, problems

SOURCE = "sources/cma-2023-blueprint-review.yml"
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


# -- what readers see ------------------------------------------------------------------------
def test_a_fact_reads_its_locator_in_each_language(real_site: Path) -> None:
    expected = {
        "en": "appendix, part D “藍圖八大策略”, strategy 3",
        "zh-hant": "附件，D 部分「藍圖八大策略」，策略三",
        "zh-hans": "附件，D 部分「藍圖八大策略」，策略三",
    }
    for language in LANGUAGES:
        fact = page(real_site, f"{language}/strategies/strategy-venture-financing/").select_one(
            ".atlas-fact"
        )
        locator = fact.select_one(".atlas-locator")
        title = locator.select_one("span[lang]")
        assert (title.get_text(), title["lang"]) == ("藍圖八大策略", "zh-Hant")
        if language == "zh-hans":  # our words converted, the printed title kept as printed
            assert locator.get_text() == "附件，D 部分「藍圖八大策略」，策略三"
        else:
            assert locator.get_text() == expected[language]


LOCATORS, CITES = CSSSelector(".atlas-locator"), CSSSelector(".atlas-fact .atlas-cite")
SOURCE_LINK = CSSSelector("a.atlas-source-link")


def _unmarked_text(element: HtmlElement) -> str:
    """The text below element that no element with a lang attribute holds directly."""
    pieces = []
    for piece in element.xpath(".//text()"):
        holder = piece.getparent().getparent() if piece.is_tail else piece.getparent()
        if holder is not None and not holder.get("lang"):
            pieces.append(str(piece))
    return "".join(pieces)


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_no_english_locator_on_a_chinese_page(real_site: Path, language: str) -> None:
    english = []
    for path in html_pages(real_site / language):
        for locator in LOCATORS(tree(real_site / language, path)):
            ours = _unmarked_text(locator)
            if LATIN_WORD.search(ours):
                english.append(f"{path}: {ours}")
    assert not english, english[:5]


def test_one_source_line_has_one_locator_on_every_page(real_site: Path) -> None:
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in html_pages(real_site / "en"):
        for cite in CITES(tree(real_site / "en", path)):
            href = SOURCE_LINK(cite)[0].get("href")
            source = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            line = cite.text_content().rsplit("line", 1)[-1].strip()
            seen[(source, line)].add(LOCATORS(cite)[0].text_content())
    assert len(seen) > 250
    assert {key: names for key, names in seen.items() if len(names) > 1} == {}


# -- what editors are told -------------------------------------------------------------------
def test_an_outline_is_required(records: Path, corpus) -> None:
    path = records / SOURCE
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("\noutline:") + 1], "utf-8")
    found = problems(records, corpus)
    assert any("outline: expected the parts of the text with their lines" in p for p in found)


def test_a_fact_outside_every_part_is_refused(records: Path, corpus) -> None:
    edit(
        records,
        SOURCE,
        "{kind: paragraph, start: 7, end: 7,",
        "{kind: paragraph, start: 6, end: 6,",
    )
    edit(records, "hubs/hong-kong.yml", "quote: 大灣區的中心城市", "quote: 藍圖")
    edit(records, "hubs/hong-kong.yml", "line: 93", "line: 7")
    assert any(
        p.startswith("data/hubs/hong-kong.yml:10: facts[0].line: expected a line inside a part")
        and p.endswith("found 7")
        for p in problems(records, corpus)
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{kind: title, start: 5, end: 5,",
            "{kind: title, start: 5, end: 4,",
            "outline[0].end: expected a line at or after start 5, found 4",
        ),
        (
            "{kind: paragraph, start: 7, end: 7,",
            "{kind: paragraph, start: 5, end: 7,",
            "outline[1].start: expected a line after the part before, found 5",
        ),
        (
            "{kind: footer, start: 155, end: 155,",
            "{kind: footer, start: 155, end: 160,",
            "end: expected a line within the part around it (to 155), found 160",
        ),
        (
            "title: 規劃為發展、施政定方向",
            "title: 規劃為發展",
            "",  # a title that is printed there (a prefix) is accepted
        ),
        (
            "title: 首份創科規劃助開新局",
            "title: 首份創科規劃助開新世界",
            "outline[3].title: expected the title as printed on lines 15–21",
        ),
        (
            'label: {en: "section “{title}”", zh: "「{title}」一節"}, parts: [',
            'label: {en: "section", zh: "「{title}」一節"}, parts: [',
            "outline[2].label.en: expected '{title}' in the label if and only if",
        ),
    ],
)
def test_a_bad_outline_is_a_clear_error(
    records: Path, corpus, old: str, new: str, message: str
) -> None:
    edit(records, SOURCE, old, new)
    if not message:
        assert check(records, corpus)
        return
    found = problems(records, corpus)
    assert any(p.startswith(f"data/{SOURCE}:") and message in p for p in found), found
