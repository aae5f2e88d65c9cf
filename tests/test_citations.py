"""Cite this: citations checked by hand against the standards, and on every built page.

The expected strings were checked against GB/T 7714-2025 (electronic resource
"主要责任者. 题名[EB/OL]. 版本. (发布日期)[引用日期]. URL."; newspaper "刊名, 出版日期(版次)";
report "出版地: 出版者, 出版年"; more than three authors: the first three and "等" / "et al."),
GB/T 7714-2015 (the same without a version; English family names in capitals), APA 7
(web page whose author is the site: the site is not named twice; "(Version 1.0)"; up to 20
authors with "&") and Chicago author-date, 18th ed. (title in quotes with the period
inside, title case in English; newspapers without page).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from atlas import editions, redirects
from atlas.convert import LANGUAGES as LANGUAGE_LIST
from atlas.export import citations
from atlas.export.csl_items import source_item
from atlas.model import Source
from atlas.pages.view import LanguageView, page_url
from atlas.paths import DATA
from atlas.pipeline import _publication, build_site
from atlas.publication import Edition, Publication
from pages import INJECTED, LANGUAGES, page, tree

SITE = "https://atlas.example.org/"
PUBLICATION = Publication(SITE, Edition("1.0", dt.date(2025, 6, 1)), dt.date(2025, 6, 20))
VIEWS = {language.code: language for language in LANGUAGE_LIST}
STYLED = ("gbt2025", "gbt2015", "apa", "chicago")
ALL_FORMATS = ["gbt2025", "gbt2015", "apa", "chicago", "bibtex", "ris", "csl-json"]


@pytest.fixture(scope="module")
def atlas(real_atlas):
    return real_atlas  # check(DATA, corpus), done once for the run


def view(atlas, code: str) -> LanguageView:
    return LanguageView(atlas, VIEWS[code], PUBLICATION)


def texts(formats: list[dict]) -> dict[str, str]:
    return {format["key"]: format["text"] for format in formats}


LONDON = {
    "en": {
        "gbt2025": "Innovation Hub Atlas. London[EB/OL]. V1.0. (2025-06-01)[2025-06-20]. "
        "https://atlas.example.org/en/hubs/london/.",
        "gbt2015": "Innovation Hub Atlas. London[EB/OL]. (2025-06-01)[2025-06-20]. "
        "https://atlas.example.org/en/hubs/london/.",
        "apa": "Innovation Hub Atlas. (2025, June 1). London (Version 1.0). "
        "https://atlas.example.org/en/hubs/london/",
        "chicago": "Innovation Hub Atlas. 2025. “London.” Version 1.0. Innovation Hub Atlas, "
        "June 1. https://atlas.example.org/en/hubs/london/.",
    },
    "zh-hant": {
        "gbt2025": "創新樞紐圖鑑. 倫敦[EB/OL]. V1.0. （2025-06-01）[2025-06-20]. "
        "https://atlas.example.org/zh-hant/hubs/london/.",
        "gbt2015": "創新樞紐圖鑑. 倫敦[EB/OL]. (2025-06-01)[2025-06-20]. "
        "https://atlas.example.org/zh-hant/hubs/london/.",
        "apa": "創新樞紐圖鑑. (2025, 六月 1). 倫敦 (版 1.0). "
        "https://atlas.example.org/zh-hant/hubs/london/",
        "chicago": "創新樞紐圖鑑. 2025. 「倫敦」. 版 1.0. 創新樞紐圖鑑, 六月 1. "
        "https://atlas.example.org/zh-hant/hubs/london/.",
    },
    "zh-hans": {
        "gbt2025": "创新枢纽图鉴. 伦敦[EB/OL]. V1.0. （2025-06-01）[2025-06-20]. "
        "https://atlas.example.org/zh-hans/hubs/london/.",
    },
}


@pytest.mark.parametrize("code", LONDON)
def test_london_page_citation(atlas, code):
    cite = citations.record_cite(view(atlas, code), atlas.records["london"])
    page_texts = texts(cite["page"])
    assert [format["key"] for format in cite["page"]] == ALL_FORMATS
    for style, expected in LONDON[code].items():
        assert page_texts[style] == expected, style


def test_london_page_data_formats(atlas):
    page_texts = texts(citations.record_cite(view(atlas, "en"), atlas.records["london"])["page"])
    assert page_texts["bibtex"] == (
        "@misc{atlas-en-hubs-london,\n"
        "  author = {{Innovation Hub Atlas}},\n"
        "  title = {{London}},\n"
        "  howpublished = {Innovation Hub Atlas},\n"
        "  version = {1.0},\n"
        "  year = {2025},\n"
        "  month = jun,\n"
        "  date = {2025-06-01},\n"
        "  urldate = {2025-06-20},\n"
        "  url = {https://atlas.example.org/en/hubs/london/}\n"
        "}"
    )
    assert page_texts["ris"].splitlines() == [
        "TY  - ELEC",
        "ID  - atlas-en-hubs-london",
        "AU  - Innovation Hub Atlas",
        "TI  - London",
        "T2  - Innovation Hub Atlas",
        "ET  - 1.0",
        "PY  - 2025",
        "DA  - 2025/06/01",
        "Y2  - 2025/06/20",
        "UR  - https://atlas.example.org/en/hubs/london/",
        "LA  - en",
        "ER  - ",
    ]
    (item,) = json.loads(page_texts["csl-json"])
    assert item == {
        "id": "atlas-en-hubs-london",
        "type": "webpage",
        "title": "London",
        "author": [{"literal": "Innovation Hub Atlas"}],
        "container-title": "Innovation Hub Atlas",
        "version": "1.0",
        "issued": {"date-parts": [[2025, 6, 1]]},
        "accessed": {"date-parts": [[2025, 6, 20]]},
        "URL": "https://atlas.example.org/en/hubs/london/",
        "language": "en",
    }


def test_london_fact_is_the_page_with_its_anchor_and_its_source(atlas):
    cite = citations.record_cite(view(atlas, "en"), atlas.records["london"])
    fact = next(fact for fact in cite["facts"] if fact["id"] == "headline")
    fact_texts = texts(fact["formats"])
    assert fact_texts["gbt2025"] == (
        "Innovation Hub Atlas. London[EB/OL]. V1.0. (2025-06-01)[2025-06-20]. "
        "https://atlas.example.org/en/hubs/london/#fact-headline."
    )
    assert fact_texts["apa"] == (
        "Innovation Hub Atlas. (2025, June 1). London (Version 1.0). "
        "https://atlas.example.org/en/hubs/london/#fact-headline"
    )
    assert fact["source"] == "cite-source-xuchang-2022-global-innovation-centres"
    source = next(s for s in cite["sources"] if s["anchor"] == fact["source"])
    assert {format["lang"] for format in source["formats"]} == {"zh-Hans"}
    source_texts = texts(source["formats"])
    assert source_texts["gbt2025"] == (
        "许昌市科技创新公共服务中心. 国外一流科技创新中心是怎样建设的[R]. "
        "许昌：许昌市科技创新公共服务中心，2022."
    )
    assert source_texts["gbt2015"] == (
        "许昌市科技创新公共服务中心. 国外一流科技创新中心是怎样建设的[R]. "
        "许昌: 许昌市科技创新公共服务中心, 2022."
    )
    assert source_texts["apa"] == (
        "许昌市科技创新公共服务中心. (2022). 国外一流科技创新中心是怎样建设的 (决策参阅 4). "
        "许昌市科技创新公共服务中心."
    )
    # the shortcut (the page's form with the fact's address) equals formatting in full
    item = citations.page_citation(view(atlas, "en"), atlas.records["london"], "fact-headline")
    for style in STYLED:
        assert fact_texts[style] == citations.render(style, item), style


MING_PAO = {
    "gbt2025": "閻小駿，李拉，郝詠. 關於提振香港發展新動能的若干思考[N]. 明報，2023-12-18（B8）.",
    "gbt2015": "閻小駿, 李拉, 郝詠. 關於提振香港發展新動能的若干思考[N]. 明報, 2023-12-18(B8).",
    "apa": "閻小駿, 李拉, & 郝詠. (2023, 十二月 18). 關於提振香港發展新動能的若干思考. 明報, B8.",
    "chicago": "閻小駿, 李拉, 及 郝詠. 2023. 「關於提振香港發展新動能的若干思考」. "
    "明報 (香港), 十二月 18.",
}


def test_ming_pao_with_its_three_authors(atlas):
    source = atlas.records["mingpao-2023-new-development-momentum"]
    for style, expected in MING_PAO.items():
        assert citations.source_entry(style, source) == expected, style
    bibtex = citations.source_entry("bibtex", source)
    assert bibtex.startswith("@article{mingpao-2023-new-development-momentum,\n")
    assert "  author = {{閻小駿} and {李拉} and {郝詠}},\n" in bibtex
    assert "  journal = {明報},\n" in bibtex and "  pages = {B8},\n" in bibtex
    ris = citations.source_entry("ris", source).splitlines()
    assert ris[:5] == [
        "TY  - NEWS",
        "ID  - mingpao-2023-new-development-momentum",
        "AU  - 閻小駿",
        "AU  - 李拉",
        "AU  - 郝詠",
    ]


def test_undated_and_unaddressed_source(atlas):
    source = atlas.records["top-lab-innovation-district-models"]
    entries = {style: citations.source_entry(style, source) for style in STYLED}
    assert entries["gbt2025"] == (
        "TOP创新区研究院(TOP_Lab). 全球创新区的5大模式,未来的3大趋势……[EB]."
    )
    assert entries["apa"] == (
        "TOP创新区研究院(TOP_Lab). (不详). 全球创新区的5大模式,未来的3大趋势……. 城市设计."
    )
    assert entries["chicago"].startswith("TOP创新区研究院(TOP_Lab). 不详. ")
    assert "TOP\\_Lab" in citations.source_entry("bibtex", source)  # escaped for BibTeX
    assert "year" not in citations.source_entry("bibtex", source)


def test_online_source_keeps_its_address_and_archived_copy(atlas):
    source = atlas.records["hkcnews-2020-us-innovation-hubs"]
    assert citations.source_entry("gbt2025", source) == (
        "FinMonster. 美國創新產業發展的啟示3之1：如何孕育創新重鎮？[EB/OL]. （2020-07-09）. "
        f"{source.url}."
    )
    (item,) = json.loads(citations.source_entry("csl-json", source))
    assert item["URL"] == source.url
    assert item["note"] == f"Archived copy: {source.archived_url}"  # CSL has no such field
    assert f"N1  - Archived copy: {source.archived_url}" in citations.source_entry("ris", source)


def synthetic_source(authors: list[str]) -> Source:
    return Source.model_validate(
        {
            "id": "synthetic-2024-four-authors",
            "names": {"en": "Four authors", "zh": "四位作者"},
            "summary": {"en": "A test.", "zh": "測試。"},
            "file": "009_0123456789abcdef.txt",
            "title": "創新樞紐的四種寫法",
            "authors": authors,
            "publisher": "明報",
            "date": "2024-03-05",
            "medium": {"en": "Ming Pao, page A1", "zh": "《明報》A1 版"},
            "script": "zh-Hant",
            "kind": "op-ed",
        }
    )


def test_more_than_three_chinese_authors_give_deng():
    source = synthetic_source(["陳大文", "李小明", "張三", "王五"])
    item = source_item(source)
    assert citations.render("gbt2025", item) == (
        "陳大文，李小明，張三，等. 創新樞紐的四種寫法[N]. 明報，2024-03-05（A1）."
    )
    assert citations.render("gbt2015", item) == (
        "陳大文, 李小明, 張三, 等. 創新樞紐的四種寫法[N]. 明報, 2024-03-05(A1)."
    )
    # APA 7 lists up to 20 authors
    apa = citations.render("apa", item)
    assert apa.startswith("陳大文, 李小明, 張三, & 王五. (2024, 三月 5). ")


def test_more_than_three_english_authors_give_et_al():
    item = {
        "id": "four-en",
        "type": "article-newspaper",
        "author": [
            {"family": "Smith", "given": "John"},
            {"family": "Doe", "given": "Jane"},
            {"family": "Roe", "given": "Richard"},
            {"family": "Poe", "given": "Edgar Allan"},
        ],
        "title": "Four authors write on innovation hubs",
        "container-title": "The Times",
        "page": "B8",
        "issued": {"date-parts": [[2023, 12, 18]]},
        "language": "en",
    }
    assert citations.render("gbt2025", item) == (
        "Smith J, Doe J, Roe R, et al. Four authors write on innovation hubs[N]. "
        "The Times, 2023-12-18(B8)."
    )
    assert citations.render("gbt2015", item) == (
        "SMITH J, DOE J, ROE R, et al. Four authors write on innovation hubs[N]. "
        "The Times, 2023-12-18(B8)."
    )
    assert citations.render("apa", item) == (
        "Smith, J., Doe, J., Roe, R., & Poe, E. A. (2023, December 18). "
        "Four authors write on innovation hubs. The Times, B8."
    )
    assert citations.render("chicago", item) == (
        "Smith, John, Jane Doe, Richard Roe, and Edgar Allan Poe. 2023. "
        "“Four Authors Write on Innovation Hubs.” The Times, December 18."
    )


def test_page_forms_equal_full_formatting(atlas):
    """The per-language page form (see citations) gives what formatting each page gives."""
    records = list(atlas.records.values())[::7]
    for code in VIEWS:
        language_view = view(atlas, code)
        for record in records:
            item = citations.page_citation(language_view, record)
            for style in STYLED:
                assert citations.page_entry(style, item) == citations.render(style, item)


# -- every built page --------------------------------------------------------------
def record_pages(atlas) -> list[str]:
    return [f"{code}/{page_url(record)}" for code in LANGUAGES for record in atlas.records.values()]


FORMATS = CSSSelector(":scope > dl.atlas-cite-formats > dd > pre")
CITATIONS = CSSSelector("section.atlas-citations[data-atlas-cite]")
CITE_HEADING, FACTS = CSSSelector("h2#cite"), CSSSelector(".atlas-fact[id]")
CITE_LINKS, CITED_FACTS = CSSSelector("a.atlas-cite-link"), CSSSelector(".atlas-cite-fact")


def check_formats(block: HtmlElement, edition) -> dict[str, str]:
    found = {pre.get("data-cite-format"): pre.text_content() for pre in FORMATS(block)}
    assert list(found) == ALL_FORMATS
    (item,) = json.loads(found["csl-json"])
    assert {"id", "type", "title", "author", "language"} <= set(item)
    assert all(set(author) in ({"literal"}, {"family", "given"}) for author in item["author"])
    bibtex = found["bibtex"]
    assert re.match(r"@(misc|article|techreport)\{[A-Za-z0-9:_.-]+,\n", bibtex), bibtex
    for field in ("author", "title"):
        assert f"\n  {field} = {{" in bibtex
    ris = found["ris"].splitlines()
    assert ris[0].startswith("TY  - ") and ris[-1] == "ER  - "
    assert any(line.startswith("TI  - ") for line in ris)
    assert any(line.startswith("AU  - ") for line in ris)
    if item["type"] == "webpage" and item["id"].startswith("atlas-"):  # the atlas's page
        version, date = edition
        for style in ("gbt2025", "apa", "chicago", "bibtex", "ris", "csl-json"):
            assert version in found[style], (style, found[style])
        assert date in found["gbt2015"]  # GB/T 7714-2015 names the edition by its date
        assert item["URL"] in found["gbt2025"]
    return found


def first_with_id(root: HtmlElement) -> dict[str, HtmlElement]:
    """id → what `#id` selects below root: the first element with it."""
    found: dict[str, HtmlElement] = {}
    for element in root.iterdescendants():
        if isinstance(element.tag, str) and element.get("id") is not None:
            found.setdefault(element.get("id"), element)
    return found


def first_inside(root: HtmlElement, selector: CSSSelector) -> dict[str, HtmlElement]:
    """id → what `#id selector` selects: the first element matching selector inside an
    element with that id (one pass over the page, not one per id)."""
    found: dict[str, HtmlElement] = {}
    for element in selector(root):
        for parent in element.iterancestors():
            if parent.get("id"):
                found.setdefault(parent.get("id"), element)
    return found


def test_every_record_page_cites_itself_and_every_fact(real_site, real_atlas):
    """Every record page, in every language: the page's citation in every format, and one
    for each fact, with its source's, and the fact's cite link leading to it (read with
    lxml: pages.tree)."""
    atlas, problems = real_atlas, []
    entries = editions.read_editions(DATA, problems)
    publication = _publication(atlas, entries, redirects.read_redirects(DATA, atlas, problems))
    assert problems == []
    edition = (publication.edition.version, publication.edition.date.isoformat())
    urls = record_pages(atlas)
    assert len(urls) > 800
    for url in urls:
        root = tree(real_site, url)
        sections = CITATIONS(root)
        assert sections, url
        section = sections[0]
        assert CITE_HEADING(root), url
        language = url.split("/")[0]
        in_section, cite_links = first_with_id(section), first_inside(root, CITE_LINKS)
        found = check_formats(in_section["cite-page"], edition)
        assert publication.address(language, url.split("/", 1)[1]) in found["ris"]
        anchors = [node.get("id").removeprefix("fact-") for node in FACTS(root)]
        for fact_id in anchors:
            fact = in_section.get(f"cite-fact-{fact_id}")
            assert fact is not None, (url, fact_id)
            fact_found = check_formats(fact, edition)
            assert f"#fact-{fact_id}" in fact_found["gbt2025"]
            source = in_section.get(fact.get("data-cite-with"))
            check_formats(source, edition)
            assert fact.xpath(".//a[@href=$to]", to="#" + fact.get("data-cite-with")), url
            link = cite_links.get(f"fact-{fact_id}")
            assert link.get("href") == f"#cite-fact-{fact_id}"
        assert len(CITED_FACTS(section)) == len(anchors), url


def test_other_script_carries_its_lang(real_site):
    english = page(real_site, "en/hubs/london/")
    for pre in english.select(".atlas-cite-source pre"):
        assert pre["lang"] in ("zh-Hant", "zh-Hans")
    assert all(not pre.get("lang") for pre in english.select("#cite-page pre"))
    traditional = page(real_site, "zh-hant/hubs/london/")
    langs = {pre.get("lang") for pre in traditional.select(".atlas-cite-source pre")}
    assert langs == {"zh-Hans"}  # the Xuchang briefing and the TOP_Lab article
    simplified = page(real_site, "zh-hans/sources/mingpao-2023-new-development-momentum/")
    assert {pre.get("lang") for pre in simplified.select(".atlas-cite-source pre")} == {"zh-Hant"}


def test_cite_script_is_loaded_deferred(real_site):
    script = page(real_site, "en/hubs/london/").select_one("script[src$='assets/cite.js']")
    assert script is not None and script.has_attr("defer")


def test_citations_escape_record_text(records, corpus, tmp_path):
    """A name (no < > allowed there) and a source's medium (free text) reach the citations
    as text: no element, and the JSON still parses."""
    hub = records / "hubs" / "hong-kong.yml"
    name = "Hong & Kong's *x* [y](javascript:z) {{ 1 }}"
    text = hub.read_text(encoding="utf-8")
    hub.write_text(text.replace("names: {en: Hong Kong,", f'names: {{en: "{name}",'), "utf-8")
    source = records / "sources" / "cma-2023-blueprint-review.yml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("zh: 秘書處政策評論，", "zh: 秘書處政策評論《" + INJECTED + "》，")
    source.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build_site(site=site, data_dir=records, corpus=corpus, work=tmp_path / "build")
    section = page(site, "en/hubs/hong-kong/").select_one("section.atlas-citations")
    assert section.find("script") is None and section.find("img") is None
    assert name in section.select_one("#cite-page pre[data-cite-format=gbt2025]").get_text()
    (item,) = json.loads(section.select_one("#cite-page pre[data-cite-format=csl-json]").get_text())
    assert item["title"] == name
    cma = section.select_one("#cite-source-cma-2023-blueprint-review")
    assert INJECTED in cma.select_one("pre[data-cite-format=apa]").get_text()
    (item,) = json.loads(cma.select_one("pre[data-cite-format=csl-json]").get_text())
    assert item["collection-title"] == INJECTED
    shutil.rmtree(site)
