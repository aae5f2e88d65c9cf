"""'Cite this' in Chromium: a fact's "Cite" link opens its citations, one click copies a
format (the fact's entry with its source's), the button says so, and without the async
clipboard the fallback still copies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest


@pytest.fixture
def cite_tab(browser, real_server) -> Iterator:
    """A desktop page allowed to write and read the clipboard; no request leaves the host."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.base = real_server
    yield tab
    context.close()
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts <= {"127.0.0.1"}, f"requests left the site: {sorted(hosts)}"


def button(tab, block: str, format_key: str):
    return tab.locator(f"{block} dd:has(pre[data-cite-format='{format_key}']) button")


def test_fact_cite_link_opens_and_copies_with_source(cite_tab):
    tab = cite_tab
    tab.goto(f"{tab.base}/en/hubs/london/")
    assert not tab.locator("#cite-fact-headline").is_visible()
    tab.click("#fact-headline a.atlas-cite-link")
    assert tab.locator("#cite-fact-headline").evaluate("node => node.open")
    assert tab.locator("#cite-facts").evaluate("node => node.open")
    copy = button(tab, "#cite-fact-headline", "gbt2025")
    assert copy.inner_text() == "Copy"
    assert copy.get_attribute("aria-label") == "Copy: GB/T 7714-2025, with its source"
    copy.click()
    tab.wait_for_function("document.querySelector('#cite-fact-headline button[data-copied]')")
    clipboard = tab.evaluate("navigator.clipboard.readText()")
    fact = tab.locator("#cite-fact-headline pre[data-cite-format=gbt2025]").inner_text()
    source = tab.locator(
        "#cite-source-xuchang-2022-global-innovation-centres pre[data-cite-format=gbt2025]"
    ).inner_text()
    assert clipboard == fact + "\n" + source
    assert fact.endswith("/en/hubs/london/#fact-headline.")
    assert source.startswith("许昌市科技创新公共服务中心. 国外一流科技创新中心是怎样建设的[R].")
    assert copy.inner_text() == "Copied"
    status = tab.locator("#cite-fact-headline dd:has(pre[data-cite-format=gbt2025]) [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Copied: GB/T 7714-2025, with its source"

    button(tab, "#cite-fact-headline", "csl-json").click()
    tab.wait_for_function(
        "document.querySelector('#cite-fact-headline dd:has(pre[data-cite-format=csl-json])"
        " button[data-copied]')"
    )
    items = json.loads(tab.evaluate("navigator.clipboard.readText()"))
    assert [item["id"] for item in items] == [
        "atlas-en-hubs-london-fact-headline",
        "xuchang-2022-global-innovation-centres",
    ]


def test_page_citation_copies_in_the_page_language(cite_tab):
    tab = cite_tab
    tab.goto(f"{tab.base}/zh-hant/hubs/london/")
    tab.click("#cite-page > summary")
    copy = button(tab, "#cite-page", "apa")
    assert copy.inner_text() == "複製"
    copy.click()
    tab.wait_for_function("document.querySelector('#cite-page button[data-copied]')")
    assert copy.inner_text() == "已複製"
    clipboard = tab.evaluate("navigator.clipboard.readText()")
    assert clipboard == tab.locator("#cite-page pre[data-cite-format=apa]").inner_text()
    assert clipboard.startswith("創新樞紐圖鑑. (") and "/zh-hant/hubs/london/" in clipboard


def test_opening_a_fact_citation_address_opens_it(cite_tab):
    tab = cite_tab
    tab.goto(f"{tab.base}/zh-hans/hubs/london/#cite-fact-headline")
    tab.wait_for_function("document.querySelector('#cite-fact-headline').open")
    assert tab.locator("#cite-fact-headline pre[data-cite-format=ris]").is_visible()


def test_copy_falls_back_without_the_async_clipboard(cite_tab):
    tab = cite_tab
    tab.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    tab.goto(f"{tab.base}/en/hubs/london/#cite-page")
    tab.wait_for_function("document.querySelector('#cite-page').open")
    copy = button(tab, "#cite-page", "bibtex")
    copy.click()
    tab.wait_for_function("document.querySelector('#cite-page button[data-copied]')")
    assert copy.get_attribute("data-copied") == "true"  # execCommand("copy") did it
    status = tab.locator("#cite-page dd:has(pre[data-cite-format=bibtex]) [role=status]")
    assert status.inner_text() == "Copied: BibTeX"
    reader = tab.context.new_page()  # one with the async clipboard, to read what was copied
    reader.goto(f"{tab.base}/en/")
    bibtex = tab.locator("#cite-page pre[data-cite-format=bibtex]").inner_text()
    assert reader.evaluate("navigator.clipboard.readText()") == bibtex
    assert bibtex.startswith("@misc{atlas-en-hubs-london,")
