"""Printing a hub profile and the KPI table on A4, in headless Debian Chromium.

What a reader holding the paper would notice: no navigation or search box, every quote
still there, where each link leads, the table whole on the page, the page's citation at
the end. The module's name holds "test_browser" for the CI guard in conftest.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
PAGES = ["en/hubs/london/", "zh-hant/hubs/london/", "zh-hans/kpis/", "en/kpis/"]

PRINTED = """() => {
  const shown = (element) => element && getComputedStyle(element).display !== "none"
    && element.getBoundingClientRect().height > 0;
  const after = (link) => getComputedStyle(link, "::after").content;
  const links = Array.from(document.querySelectorAll(".md-content a[href]"))
    .filter((link) => !link.getAttribute("href").startsWith("#") && shown(link));
  const table = document.querySelector(".md-content table");
  return {
    header: shown(document.querySelector(".md-header")),
    sidebar: shown(document.querySelector(".md-sidebar--primary")),
    search: shown(document.querySelector(".md-search")),
    quotes: Array.from(document.querySelectorAll(".atlas-quote")).filter(shown).length,
    allQuotes: document.querySelectorAll(".atlas-quote").length,
    linkTargets: links.map(after),
    tableWidth: table ? table.getBoundingClientRect().right : 0,
    pageWidth: document.documentElement.clientWidth,
    citation: shown(document.querySelector("#cite-page pre[data-cite-format=gbt2025]")),
    citationText: Array.from(document.querySelectorAll("#cite-page pre"))
      .filter(shown).map((pre) => pre.textContent),
  };
}"""


def printed_view(reader, real_server: str, url: str) -> dict:
    reader.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    reader.goto(f"{real_server}/{url}")
    reader.emulate_media(media="print")
    reader.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return reader.evaluate(PRINTED)


@pytest.mark.parametrize("url", PAGES)
def test_a_printed_page_keeps_the_content_and_drops_the_chrome(reader, real_server, url):
    printed = printed_view(reader, real_server, url)
    assert not printed["header"] and not printed["sidebar"] and not printed["search"]
    assert printed["quotes"] == printed["allQuotes"], "every quote is printed"
    assert printed["tableWidth"] <= printed["pageWidth"] or not printed["tableWidth"]


@pytest.mark.parametrize("url", PAGES)
def test_printed_links_show_their_public_address(reader, real_server, url):
    printed = printed_view(reader, real_server, url)
    targets = [content for content in printed["linkTargets"] if content not in ("none", "")]
    assert targets, "links on paper say where they lead"
    assert all(re.search(r"https?://", content) for content in targets), targets[:3]


@pytest.mark.parametrize("url", [url for url in PAGES if "/hubs/" in url])
def test_a_printed_profile_ends_with_its_citation(reader, real_server, url):
    printed = printed_view(reader, real_server, url)
    assert printed["citation"], "the page's GB/T 7714-2025 citation is printed"
    assert len(printed["citationText"]) == 3  # GB/T 7714-2025, APA, Chicago
    assert all(url in text for text in printed["citationText"])


@pytest.mark.parametrize("url", PAGES)
def test_the_page_prints_to_a4_pdf(reader, real_server, url):
    reader.goto(f"{real_server}/{url}")
    pdf = reader.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and 1 <= pages <= 12
