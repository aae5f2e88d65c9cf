"""The 404 page of each language: in its language, styled, with links that work from any
missing address, at the server's root or under a sub-path (ATLAS_SITE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from atlas.pipeline import build_site
from atlas.publication import SITE_URL_VARIABLE
from pages import LANGUAGES

TITLES = {"en": "Page not found", "zh-hant": "找不到此頁", "zh-hans": "找不到此页"}


def not_found(site: Path, language: str) -> BeautifulSoup:
    return BeautifulSoup((site / language / "404.html").read_text("utf-8"), "html.parser")


def site_path(site: Path, href: str, root: str) -> Path:
    assert href.startswith(root), f"{href} is not an absolute path below {root}"
    rest = href[len(root) :].split("#")[0]
    target = site / rest
    return target / "index.html" if not rest or rest.endswith(("/", ".")) else target


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_speaks_the_language_of_its_version(real_site: Path, language: str):
    page = not_found(real_site, language)
    assert page.select_one("article h1").get_text(strip=True) == TITLES[language]
    assert (
        page.html["lang"].lower()
        == {"en": "en", "zh-hant": "zh-hant", "zh-hans": "zh-hans"}[language]
    )


@pytest.mark.parametrize("root", ["/", "/atlas/"])
def test_every_link_of_the_404_page_resolves_from_any_depth(
    tmp_path: Path, corpus, monkeypatch, root: str
):
    from conftest import FIXTURE_DATA

    monkeypatch.setenv(SITE_URL_VARIABLE, f"https://example.org{root}")
    site = tmp_path / "site"
    build_site(site=site, data_dir=FIXTURE_DATA, corpus=corpus, work=tmp_path / "work")
    for language in LANGUAGES:
        page = not_found(site, language)
        links = [
            link["href"] for link in page.select("a[href]") if not link["href"].startswith("#")
        ]
        links += [link["href"] for link in page.select('link[rel="stylesheet"]')]
        assert len(links) > 8
        for href in links:
            if href.startswith(("#", "http://", "https://")):
                continue  # the page itself; absolute addresses (canonical, Material's credit)
            assert site_path(site, href, root).exists(), f"{language}/404.html: {href}"
