"""What a page asks the server for, in headless Debian Chromium: nothing that is missing,
and no sitemap.xml (Material's bundle fetches one beside each <link rel="alternate"> it sees;
overrides/main.html keeps our hreflang links out of its sight, and puts them back); and no
error in the console or in a script (our scripts ship minified).

These tests fail, never skip, in CI (see conftest.browser).
"""

from __future__ import annotations

import pytest

from atlas.publication import site_url
from conftest import settle

pytestmark = pytest.mark.browser
PAGES = [
    f"{language}/{path}"
    for language in ("en", "zh-hant", "zh-hans")
    for path in ("", "hubs/boston/", "kpis/")
]
CODES = {"en": "en", "zh-Hant": "zh-hant", "zh-Hans": "zh-hans"}


@pytest.mark.parametrize("path", PAGES)
def test_a_page_requests_nothing_missing_and_no_sitemap(fresh_reader, real_server, path):
    reader = fresh_reader
    problems: list[str] = []
    reader.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"{response.status} {response.url}")
        ),
    )
    reader.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
    reader.on("console", lambda message: message.type == "error" and problems.append(message.text))
    reader.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    reader.goto(f"{real_server}/{path}")
    settle(reader)
    assert problems == []
    assert [url for url in reader.requests if "sitemap" in url] == []
    # the hreflang alternates are back in the head, each leading to this page elsewhere
    alternates = reader.eval_on_selector_all(
        "head link[rel=alternate][hreflang]",
        "links => links.map(link => [link.hreflang, link.getAttribute('href')])",
    )
    rest, address = path.split("/", 1)[1], site_url()
    expected = [(lang, f"{address}{code}/{rest}") for lang, code in CODES.items()]
    expected.append(("x-default", address))
    assert sorted(map(tuple, alternates)) == sorted(expected)


def test_the_language_menu_still_leads_to_the_same_page(reader, real_server):
    reader.goto(f"{real_server}/en/hubs/boston/")
    settle(reader)
    reader.locator(".md-header__option .md-select").hover()
    reader.locator("a.atlas-language-link[hreflang=zh-Hans]").click()
    reader.wait_for_url("**/zh-hans/hubs/boston/")
    assert reader.locator("html").get_attribute("lang") == "zh-Hans"
