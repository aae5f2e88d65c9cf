"""Search as a reader uses it, in headless Chromium on every language version (issue 4).

The query suite is tests/search_queries.yml. A query is typed into the header's search
box the way a reader types it; the test reads the result list the reader sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from atlas.convert import LANGUAGES as LANGUAGES_BUILT
from atlas.fold import fold
from atlas.pipeline import build_site
from atlas.search import KINDS, documents
from atlas.search_shards import bucket, encoded, searched_fields, term_postings
from atlas.search_tokens import name_key, tokens
from pages import INJECTED

pytestmark = pytest.mark.browser
LANGUAGES = ("en", "zh-hant", "zh-hans")
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text("utf-8"))


def search(tab, query: str) -> list[str]:
    """Type `query` into the search box; the result links, as paths below the language."""
    box = tab.locator(".md-search__input")
    box.focus()
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    tab.keyboard.insert_text(query)
    tab.wait_for_function(
        "q => document.querySelector('.atlas-search').dataset.atlasShown === q", arg=query
    )
    return tab.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(link => new URL(link.href).pathname)",
    )


# Every query of the suite, as a reader's input in the page's own search box: the value is
# set and the box's input event fired (what typing does), then the result list is read once
# the box says it shows that query. One page per language runs the whole suite in one go.
RUN_SUITE = """async queries => {
    const box = document.querySelector(".atlas-search");
    const input = box.querySelector(".md-search__input");
    const results = {};
    for (const query of queries) {
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const start = performance.now();
        while (box.dataset.atlasShown !== query) {
            if (performance.now() - start > 20000) throw new Error("no results for " + query);
            await new Promise(resolve => setTimeout(resolve, 5));
        }
        results[query] = Array.from(box.querySelectorAll(".md-search-result__link"))
            .map(link => new URL(link.href).pathname);
    }
    return results;
}"""


@pytest.fixture(scope="module")
def suite_results(browser, real_server):
    """language → query → the result paths the reader sees, for every query of the suite."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    results = {}
    for language in LANGUAGES:
        tab = context.new_page()
        tab.goto(f"{real_server}/{language}/")
        tab.locator(".md-search__input").focus()
        results[language] = tab.evaluate(RUN_SUITE, [case["q"] for case in QUERIES])
    context.close()
    return results


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", QUERIES, ids=[case["q"] for case in QUERIES])
def test_query_suite(suite_results, language, case):
    results = suite_results[language][case["q"]]
    if case["page"] is None:
        assert results == [], f"{case['q']!r} should find nothing, found {results[:5]}"
        return
    expected = f"/{language}/{case['page']}/"
    top = [path.split("#")[0] for path in results[:5]]
    assert expected in top, f"{case['q']!r}: {expected} not in the top 5: {top}"
    if case.get("first"):
        assert top[0] == expected, f"{case['q']!r} is a name: {expected} should be first: {top}"


def test_typing_a_query_of_the_suite_gives_the_same_results(browser, real_server, suite_results):
    """The suite sets the box's value; a reader types: both must give the same list."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{real_server}/zh-hant/")
    for query in ("三藩市", "R&D 人均", "Boston biotech", "巴黎萨克雷"):
        assert search(tab, query) == suite_results["zh-hant"][query], query
    context.close()


# -- the reader's side ----------------------------------------------------------------------
@pytest.fixture
def tab(reader):
    return reader


def wait_for_results(tab, query: str) -> None:
    tab.wait_for_function(
        "q => document.querySelector('.atlas-search').dataset.atlasShown === q", arg=query
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_url_opens_with_its_results(tab, real_server, language):
    """A brief can link to a search: ?q= opens the box with the results shown."""
    tab.goto(f"{real_server}/{language}/concepts/?q=中試")
    wait_for_results(tab, "中試")
    first = tab.locator(".md-search-result__link").first
    assert first.is_visible()
    assert f"/{language}/concepts/pilot-production/" in first.get_attribute("href")


def test_an_english_query_opens_the_page_in_the_readers_language(tab, real_server):
    tab.goto(f"{real_server}/zh-hant/")
    search(tab, "Kendall Square")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/zh-hant/hubs/kendall-square/**")
    assert tab.locator("article h1").first.inner_text().startswith("肯德爾廣場")


def test_search_works_from_the_keyboard(tab, real_server):
    """'/' opens the box, arrows walk the results, Enter follows one."""
    tab.goto(f"{real_server}/en/about/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.name") == "q"
    tab.keyboard.insert_text("Boston")
    wait_for_results(tab, "Boston")
    tab.keyboard.press("ArrowDown")
    focused = tab.evaluate("document.activeElement.getAttribute('href')")
    assert "/en/hubs/boston/" in focused
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/hubs/boston/**")
    tab.keyboard.press("/")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize(
    ("language", "query", "marked"),
    [("zh-hans", "矽谷", "硅谷"), ("zh-hant", "硅谷", "矽谷"), ("en", "valleys", "Valley")],
)
def test_the_snippet_marks_the_match_in_the_pages_own_script(
    tab, real_server, language, query, marked
):
    tab.goto(f"{real_server}/{language}/")
    search(tab, query)
    marks = tab.locator(".md-search-result__item").first.locator("p mark").all_inner_texts()
    assert marked in marks, marks


def in_view(locator) -> bool:
    """Whether a reader sees the element: it is what lies on top at its own centre."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return box.width > 0 && box.height > 0 && (top === element || element.contains(top));
        }"""
    )


def test_search_opens_on_a_phone(browser, real_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{real_server}/zh-hans/")
    box = tab.locator(".md-search__input")
    assert not in_view(box), "the search box is folded away until the reader asks for it"
    tab.locator("label.md-header__button[for='__search']").click()
    tab.wait_for_function("document.activeElement.name === 'q'")
    assert in_view(box)
    tab.keyboard.insert_text("三藩市")
    wait_for_results(tab, "三藩市")
    first = tab.locator(".md-search-result__link").first
    assert first.is_visible()
    assert first.locator("h1").inner_text().startswith("旧金山")
    context.close()


def test_switching_language_keeps_the_search(tab, real_server):
    tab.goto(f"{real_server}/en/")
    search(tab, "path dependency")
    switch = tab.locator("a.atlas-language-link[hreflang='zh-Hant']")
    assert "q=path+dependency" in switch.get_attribute("href")
    tab.goto(switch.get_attribute("href"))
    wait_for_results(tab, "path dependency")
    assert "/zh-hant/concepts/path-dependency/" in tab.locator(
        ".md-search-result__link"
    ).first.get_attribute("href")


@pytest.fixture(scope="module")
def indexed_texts(real_atlas):
    """language → every text its index searches or shows, and its searched fields folded."""
    atlas = real_atlas
    texts = {}
    for language in LANGUAGES_BUILT:
        found = documents(atlas, language)
        plain = sorted(
            {
                text
                for doc in found
                for text in [*doc["n"], *doc["x"], *(snippet[1] for snippet in doc["s"])]
            }
        )
        fields = sorted({text for texts in searched_fields(found, KINDS) for text in texts})
        texts[language.code] = (plain, fields)
    return texts


# The question and the answer cross as one JSON string each: Playwright's own serialisation
# of a few hundred thousand values, item by item, took seconds.
ASK_IN_JSON = """async ([question, fields]) =>
    JSON.stringify(await window.atlasSearch.ask(question, JSON.parse(fields)))"""


def ask_worker(tab, real_server, language, question, fields):
    """What the page's search worker answers (fold, tokens, nameKeys, buckets)."""
    if tab.url != f"{real_server}/{language}/":
        tab.goto(f"{real_server}/{language}/")
    return json.loads(tab.evaluate(ASK_IN_JSON, [question, json.dumps(fields)]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_browser_folds_text_as_the_index_does(tab, real_server, indexed_texts, language):
    """Index and query must fold alike: on every text of a language's index, the worker's
    fold (with the part of the table that index carries) equals atlas.fold."""
    texts = indexed_texts[language][0]
    folded = ask_worker(tab, real_server, language, "fold", {"texts": texts})
    mismatches = [
        (text, browser, python)
        for text, browser, python in zip(texts, folded, map(fold, texts), strict=True)
        if browser != python
    ]
    assert not mismatches, mismatches[:3]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_browser_cuts_tokens_as_the_index_does(tab, real_server, indexed_texts, language):
    """The index is cut in Python (atlas.search_tokens), the query in the worker: on every
    searched field of the index, both sides, with and without connectors, give the same
    tokens, and every name gives the same key and the same file."""
    fields = indexed_texts[language][1]
    for across in (True, False):
        asked = {"texts": fields, "across": across}
        browser = ask_worker(tab, real_server, language, "tokens", asked)
        python = [tokens(text, across=across) for text in fields]
        mismatches = [
            (text, b, p) for text, b, p in zip(fields, browser, python, strict=True) if b != p
        ]
        assert not mismatches, mismatches[:2]
    names = [fold(name) for name in indexed_texts[language][0]]
    keys = json.loads(tab.evaluate(ASK_IN_JSON, ["nameKeys", json.dumps({"texts": names})]))
    assert [key for key, name in zip(keys, names, strict=True) if key != name_key(name)] == []
    asked = json.dumps({"texts": keys, "count": 97})
    buckets = json.loads(tab.evaluate(ASK_IN_JSON, ["buckets", asked]))
    assert buckets == [bucket(key, 97) for key in keys]


def test_the_browser_reads_the_postings_as_they_were_written(tab, real_server, real_atlas):
    """Postings go to the browser as VLQ strings (search_shards.encoded): the worker decodes
    every posting list of the English index, and the edge values, to the numbers written."""
    postings, _ = term_postings(searched_fields(documents(real_atlas, LANGUAGES_BUILT[0]), KINDS))
    lists = [field for fields in postings.values() for field in fields if field]
    lists += [[0, 1, -1, 15, 16, -16, -17, 31, 32, 1023, 1024, -65, 2**25, -(2**25)]]
    texts = [encoded(numbers) for numbers in lists]
    assert ask_worker(tab, real_server, "en", "postings", {"texts": texts}) == lists


def test_search_shows_record_text_as_text(browser, records, corpus, tmp_path, serve):
    """A record cannot inject markup through search results either, nor through the compare
    view, whose columns are fetched and parsed by the page's script."""

    hub = records / "hubs" / "hong-kong.yml"
    text = hub.read_text(encoding="utf-8")
    hub.write_text(
        text.replace("{en: A core city of the Greater Bay Area.,", "{en: '" + INJECTED + "',"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(site=site, data_dir=records, corpus=corpus, work=tmp_path / "build")
    context = browser.new_context()
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(site) as url:
        tab.goto(f"{url}/en/")
        search(tab, "alert")
        results = tab.locator(".md-search-result__list")
        assert "<script>alert(document.domain)</script>" in results.inner_text()
        assert results.locator("script, img").count() == 0
        tab.goto(f"{url}/en/compare/?ids=hong-kong,strategy-venture-finance")
        claim = tab.locator("[data-atlas-compare-result] tr[data-row=theme-networks] td").first
        assert "<script>alert(document.domain)</script>" in claim.inner_text()
        assert tab.locator("[data-atlas-compare-result]").locator("script, img").count() == 0
    context.close()
    assert dialogs == []


# The list as the reader first sees it, then once its snippets are in: the same elements.
WATCH_LISTING = """q => new Promise((resolve, reject) => {
    const box = document.querySelector(".atlas-search");
    const input = box.querySelector(".md-search__input");
    let first = null;
    new MutationObserver(() => {
        if (!first && box.dataset.atlasListed === q) {
            const link = box.querySelector(".md-search-result__link");
            first = {link, href: link.href, text: link.querySelectorAll("p").length};
        }
        if (first && box.dataset.atlasShown === q) {
            const link = box.querySelector(".md-search-result__link");
            resolve({same: link === first.link, listedHref: first.href, listedText: first.text,
                     href: link.href, text: link.querySelectorAll("p mark").length});
        }
    }).observe(box, {attributes: true});
    setTimeout(() => reject(new Error("not listed and shown: " + q)), 10000);
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
})"""


def test_results_are_listed_before_their_snippets_and_kept(tab, real_server):
    """A query's results are listed as soon as they are ranked (titles, kinds, links), and
    their snippets added when their files are in: the worker's first answer is the list of
    its last, without the text; on the page, the first result is the same element before
    and after, its link now to the fact that matches, its snippet marked."""
    tab.goto(f"{real_server}/en/")
    answers = tab.evaluate(
        """q => new Promise(resolve => { let listed = null;
            window.atlasSearch.ask("query", {query: q}, l => { listed = l; })
                .then(answer => resolve([listed, answer])); })""",
        "Kendall Square venture capital",
    )
    listed, answer = answers
    assert [r["u"] for r in listed["results"]] == [r["u"] for r in answer["results"]]
    assert [r["t"] for r in listed["results"]] == [r["t"] for r in answer["results"]]
    assert listed["count"] == answer["count"] and listed["results"]
    assert all(r["text"] == "" and r["anchor"] == "" for r in listed["results"])
    assert any(r["text"] for r in answer["results"])
    tab.locator(".md-search__input").focus()
    seen = tab.evaluate(WATCH_LISTING, "Kendall Square")
    assert seen["same"], seen
    assert seen["listedText"] == 0 and "#" not in seen["listedHref"], seen
    assert seen["text"] > 0, seen
