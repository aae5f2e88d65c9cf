"""Links that last: editions, the manifest of published addresses, redirects, same anchors.

What a reader who printed a link, or a citation naming an edition, would notice: the link
still leads to the page and the anchor, in every language, and the edition is on record.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from atlas import editions, manifest
from atlas.pipeline import check
from atlas.problems import AtlasError
from pages import LANGUAGES, page

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def real_addresses(real_site: Path) -> dict[str, set[str]]:
    """manifest.site_addresses(real_site): every page and anchor, read once for the module."""
    return manifest.site_addresses(real_site)


# -- the manifest ----------------------------------------------------------------------------
def test_every_published_address_still_answers(real_site: Path, real_addresses) -> None:
    published = manifest.read_manifest(DATA)
    assert len(published) > 900, "data/published-urls.txt lists the published pages"
    gone = manifest.missing(real_site, published, real_addresses)
    assert not gone, "published addresses that no longer work:\n" + "\n".join(gone[:20])


def test_every_address_of_the_site_is_in_the_manifest(real_addresses) -> None:
    published = manifest.read_manifest(DATA)
    new = [
        f"{address}#{anchor}" if anchor else address
        for address, anchors in real_addresses.items()
        for anchor in ([""] if address not in published else sorted(anchors - published[address]))
    ]
    assert not new, f"run `make manifest` to publish {len(new)} new addresses, e.g. {new[:5]}"


def test_manifest_covers_all_three_languages() -> None:
    published = manifest.read_manifest(DATA)
    per_language = defaultdict(set)
    for address in published:
        language, rest = address.split("/", 1)
        per_language[language].add(rest)
    assert set(per_language) == set(LANGUAGES)
    assert per_language["en"] == per_language["zh-hant"] == per_language["zh-hans"]


def test_a_removed_anchor_is_reported_with_its_page(real_site: Path, real_addresses) -> None:
    published = {"en/hubs/london/": {"facts", "fact-no-such-fact"}, "en/hubs/atlantis/": set()}
    assert manifest.missing(real_site, published, real_addresses) == [
        "en/hubs/atlantis/: the page is gone and no redirect leads from it",
        "en/hubs/london/#fact-no-such-fact: the anchor is gone",
    ]


def test_the_anchors_of_a_page_are_read_as_a_browser_would(tmp_path: Path) -> None:
    """Only ids inside <article> count; a quoted `>`, an entity, single quotes or an upper-case
    ID do not fool the reader; comments and scripts hold no anchors."""
    page = tmp_path / "index.html"
    page.write_text(
        '<h2 id="before">x</h2><article class="md-content__inner">'
        '<h2 title="a > b" id="facts">F</h2><div ID=\'fact-a&#45;b\'></div>'
        '<p id="note-1">positional</p><!-- <h3 id="commented"> --><script>"<h3 id=\'s\'>"</script>'
        '<article><h3 id="inner">i</h3></article><h4 id="pending">t</h4><div id="fact-b"></div>'
        '</article><h2 id="after">y</h2>',
        "utf-8",
    )
    assert manifest.anchors_of(page) == {"facts", "fact-a-b", "inner", "fact-b"}


# -- the same anchors in every language ------------------------------------------------------
def test_heading_anchors_are_the_same_in_every_language(real_addresses) -> None:
    by_page: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for address, anchors in real_addresses.items():
        language, rest = address.split("/", 1)
        by_page[rest][language] = anchors
    differing = [
        rest
        for rest, languages in by_page.items()
        if len({frozenset(anchors) for anchors in languages.values()}) != 1
    ]
    assert not differing, f"pages whose anchors differ between languages: {differing[:5]}"
    generated = [
        anchor
        for anchors in real_addresses.values()
        for anchor in anchors
        if anchor.startswith("_")
    ]
    assert not generated, f"headings with position-made ids (#_1): {generated[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_hand_written_pages_keep_english_anchors(real_site: Path, language: str) -> None:
    about = page(real_site, f"{language}/about/")
    ids = [heading["id"] for heading in about.select("article h2")]
    assert ids[:2] == ["audience", "method"]


# -- editions --------------------------------------------------------------------------------
def test_the_data_is_the_newest_edition(corpus) -> None:
    problems: list = []
    entries = editions.read_editions(DATA, problems)
    assert not problems and entries, "data/editions.yml lists at least one edition"
    history = editions.history(entries, editions.fingerprints(check(DATA, corpus)))
    pending = history.pending
    assert pending is None, (
        "records changed since edition "
        f"{entries[-1].edition.version}: {(pending.added + pending.changed + pending.removed)[:5]}"
        " — record a new edition: make edition VERSION=x.y"
    )


def test_history_names_what_each_edition_added_changed_and_removed() -> None:
    def entry(version: str, records: dict[str, str]) -> editions.EditionEntry:
        edition = editions.Edition(version, dt.date(2026, 1, int(version[-1]) + 1))
        return editions.EditionEntry(edition, {"en": "", "zh": ""}, records)

    first = entry("1.0", {"hubs/a": "1", "hubs/b": "1"})
    second = entry("1.1", {"hubs/a": "2", "hubs/c": "1"})
    history = editions.history([first, second], {"hubs/a": "2", "hubs/c": "9"})
    assert (history.editions[1].added, history.editions[1].changed) == (["hubs/c"], ["hubs/a"])
    assert history.editions[1].removed == ["hubs/b"]
    assert history.last_changed == {"hubs/a": second.edition}
    assert history.pending is not None and history.pending.changed == ["hubs/c"]


def test_record_pages_say_when_the_record_last_changed(real_site: Path) -> None:
    for language in LANGUAGES:
        meta = page(real_site, f"{language}/hubs/london/").select_one(".atlas-record-meta")
        assert meta is not None
        link = meta.select_one('a[href*="changelog/#edition-"]')
        assert link is not None and link.get_text() == "1.0"


@pytest.mark.parametrize("language", LANGUAGES)
def test_changelog_lists_the_first_edition(real_site: Path, language: str) -> None:
    changelog = page(real_site, f"{language}/changelog/")
    first = changelog.select_one("#edition-1-0")
    assert first is not None and "1.0" in first.get_text()
    changes = changelog.select('.atlas-edition-changes[data-edition="1.0"] .atlas-changes dd')
    added = sum(len(dd.select("a")) for dd in changes)
    assert added == len(editions.read_editions(DATA, [])[0].records)


def test_an_edition_is_never_rewritten(tmp_path: Path, corpus) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    atlas = check(data, corpus)
    with pytest.raises(FileExistsError, match="never rewritten"):
        editions.record_edition(data, atlas, "1.0", dt.date(2026, 12, 1), {"en": "", "zh": ""})


# -- redirects -------------------------------------------------------------------------------
def test_a_renamed_id_leaves_a_redirect_in_every_language(redirected_site: Path) -> None:
    """redirected_site: the fixture records with "- {from: hubs/hong-kong-sar, to:
    hubs/hong-kong}" in redirects.yml."""
    site = redirected_site
    for language in LANGUAGES:
        old = page(site, f"{language}/hubs/hong-kong-sar/")
        assert old.select_one('link[rel="canonical"]')["href"].endswith(
            f"/{language}/hubs/hong-kong/"
        )
        refresh = old.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == "0; url=../../hubs/hong-kong/"
        assert old.select_one("body a")["href"] == "../../hubs/hong-kong/"
    published = {"zh-hant/hubs/hong-kong-sar/": {"fact-gba-core"}}
    assert manifest.missing(site, published) == []
    published = {"zh-hant/hubs/hong-kong-sar/": {"fact-gone"}}
    assert manifest.missing(site, published) == [
        "zh-hant/hubs/hong-kong-sar/#fact-gone: the anchor is gone "
        "(redirected to zh-hant/hubs/hong-kong/)"
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("- {from: hubs/hong-kong, to: hubs/hong-kong}", "expected an id no record uses"),
        ("- {from: hubs/old, to: hubs/nowhere}", "[0].to: expected a record, found 'hubs/nowhere'"),
        ("- {from: Hubs/Old Name, to: hubs/hong-kong}", "[0].from: expected <folder>/<id>"),
        ("- {from: hubs/old}", "expected {from: …, to: …}"),
    ],
)
def test_a_bad_redirect_is_a_clear_error(records: Path, corpus, entry: str, message: str) -> None:
    (records / "redirects.yml").write_text(entry + "\n")
    with pytest.raises(AtlasError) as error:
        check(records, corpus)
    report = error.value.report()
    assert "data/redirects.yml:1: " in report and message in report


@pytest.mark.browser
def test_an_old_address_with_its_anchor_lands_on_the_fact(
    redirected_site: Path, serve, open_tab
) -> None:
    site = redirected_site  # hubs/hong-kong-sar → hubs/hong-kong
    tab = open_tab({"width": 1000, "height": 800})
    with serve(site) as url:
        tab.goto(f"{url}/zh-hans/hubs/hong-kong-sar/#fact-gba-core")
        tab.wait_for_url("**/zh-hans/hubs/hong-kong/#fact-gba-core")
        assert tab.locator("#fact-gba-core").is_visible()
