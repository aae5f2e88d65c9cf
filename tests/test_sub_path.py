"""The whole site served under a sub-path (issue 11.2): https://example.org/atlas/ works as
the root does. The fixture data is built for http://127.0.0.1:<port>/atlas/ and served from
a folder that holds it at atlas/; a reader in Chromium finds every request answered."""

from __future__ import annotations

import socket

import pytest

from atlas.pipeline import build_site
from atlas.publication import SITE_URL_VARIABLE
from atlas.serve import serving
from conftest import FIXTURE_DATA, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("sub-path")
    with socket.socket() as probe:  # a free port, known before the build writes addresses
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/atlas/"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SITE_URL_VARIABLE, base)
        build_site(root / "www" / "atlas", FIXTURE_DATA, corpus, root / "build")
    with serving(root / "www", port=port):
        yield base


def failed_requests(tab) -> list[str]:
    return [
        f"{response.status} {response.url}" for response in tab.responses if response.status >= 400
    ]


@pytest.mark.parametrize(
    "path", ["", "en/", "zh-hant/hubs/hong-kong/", "zh-hans/kpis/", "en/downloads/"]
)
def test_every_request_of_a_page_is_answered(open_tab, sub_path_site, path):
    tab = open_tab({"width": 1280, "height": 900}, fresh=True)
    tab.responses = []
    tab.on("response", lambda response: tab.responses.append(response))
    tab.goto(sub_path_site + path)
    settle(tab)
    assert failed_requests(tab) == []
    assert all(url.startswith(sub_path_site) for url in tab.requests if url.startswith("http"))


def test_search_and_the_language_menu_stay_under_the_sub_path(open_tab, sub_path_site):
    tab = open_tab({"width": 1280, "height": 900})
    tab.goto(sub_path_site + "en/?q=香港")
    tab.wait_for_function("document.querySelector('.atlas-search').dataset.atlasShown === '香港'")
    first = tab.locator(".md-search-result__link").first.get_attribute("href")
    assert first.startswith(sub_path_site + "en/hubs/hong-kong/"), first
    switch = tab.locator("a.atlas-language-link[hreflang='zh-Hans']").get_attribute("href")
    tab.goto(switch if switch.startswith("http") else sub_path_site + "en/" + switch)
    assert tab.url.startswith(sub_path_site + "zh-hans/")
    assert tab.locator("article h1").first.inner_text()


def test_the_404_page_links_lead_under_the_sub_path(open_tab, sub_path_site):
    tab = open_tab({"width": 1280, "height": 900})
    tab.goto(sub_path_site + "404.html")
    hrefs = tab.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(sub_path_site) for href in hrefs), hrefs
