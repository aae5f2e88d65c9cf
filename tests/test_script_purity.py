"""Every text a page shows is in the page's script, or says which one it is in.

zh-Hans pages are converted from our zh-Hant text: what they show outside an element marked
with another language must come out of OpenCC unchanged (the converter atlas.convert uses),
or a conversion was missed. zh-Hant pages show our text in Hong Kong usage: no mainland term
of the term table (terms.yml) outside quotes, and no Simplified text without its lang. English
pages mark every Chinese word with its lang. Quotes, titles as printed, names and aliases as
written and printed KPI values carry the lang of their script, so they are left out here;
so are <code>, <script> and <style>, and addresses (a URL is no word).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml.html import HtmlElement

from atlas.convert import (
    TO_HONG_KONG,
    has_simplified,
    is_traditional,
    label,
    simplified_only,
    to_hong_kong,
)
from atlas.vocabulary import UI_LABELS
from pages import html_pages, parsed_html

SKIP = {"script", "style", "code", "noscript", "template"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
QUOTES = {"blockquote", "q"}
URL = re.compile(r"(?:https?://|www\.)\S+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Context:
    """What an element's text inherits from the elements around it."""

    lang: str  # the language in force: the nearest lang attribute
    quoted: bool = False  # inside a quotation (<blockquote>, <q>)
    content: bool = False  # inside the page's <article>
    marked: bool = False  # inside an element that names its language (as written, as printed)
    pre: bool = False  # inside a <pre> (a citation, copied as plain text)

    def inside(self, child: HtmlElement) -> Context:
        marked = "lang" in child.attrib
        return Context(
            child.get("lang") if marked else self.lang,
            self.quoted or child.tag in QUOTES,
            self.content or child.tag == "article",
            self.marked or marked,
            self.pre or child.tag == "pre",
        )


@dataclass(frozen=True)
class Shown:
    """One text a reader sees (or hears: a tooltip, a label), where it is and what it is in."""

    page: str
    where: str  # the element and its parents, "p.atlas-claim < div#fact-x", or "…@title"
    text: str
    context: Context

    @property
    def lang(self) -> str:
        return self.context.lang


def _describe(element: HtmlElement | None) -> str:
    parts = []
    while element is not None and element.tag != "body" and len(parts) < 3:
        classes = (element.get("class") or "").split()
        identifier = element.get("id")
        parts.append(
            element.tag
            + (f".{classes[0]}" if classes else "")
            + (f"#{identifier}" if identifier is not None else "")
        )
        element = element.getparent()
    return " < ".join(parts)


def _walk(
    element: HtmlElement, context: Context
) -> Iterator[tuple[HtmlElement, str, Context, str]]:
    """Each text in document order: an element's own text, then each child's (its shown
    attributes, its texts) and the text after that child, which is the element's again.
    Comments and processing instructions are no text, but the text after them is."""
    if element.text and element.text.strip():
        yield element, element.text, context, ""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in SKIP:
            inner = context.inside(child)
            for attribute in SHOWN_ATTRIBUTES:
                if attribute in child.attrib:
                    yield child, child.get(attribute), inner, attribute
            yield from _walk(child, inner)
        if child.tail and child.tail.strip():
            yield element, child.tail, context, ""


def shown_texts(site: Path, url: str) -> list[Shown]:
    """Every text of a page with a Chinese character in it, the only texts any check here
    can find fault with (parsed with lxml itself: a thousand pages, read once each)."""
    root = parsed_html((site / url).read_bytes())
    out = []
    for element, text, context, attribute in _walk(root, Context(root.get("lang"))):
        if HAN.search(text := URL.sub(" ", text)):
            where = _describe(element) + (f"@{attribute}" if attribute else "")
            out.append(Shown(url, where, text, context))
    return out


@pytest.fixture(scope="module")
def shown(real_site) -> dict[str, list[Shown]]:
    """Every text of every page, by language version (parsed once for all the checks)."""
    by_language: dict[str, list[Shown]] = {}
    for url in html_pages(real_site):
        by_language.setdefault(url.split("/", 1)[0], []).extend(shown_texts(real_site, url))
    return by_language


def report(findings: list[str], limit: int = 60) -> str:
    more = f"\n… and {len(findings) - limit} more" if len(findings) > limit else ""
    return f"{len(findings)} findings:\n" + "\n".join(findings[:limit]) + more


# The same texts come back on page after page (the navigation, the header, the labels):
# each distinct text goes through OpenCC once.
traditional = functools.cache(is_traditional)
hong_kong = functools.cache(to_hong_kong)
simplified = functools.cache(has_simplified)


def _snippet(text: str, characters: set[str]) -> str:
    index = min((text.find(c) for c in characters if c in text), default=0)
    return text[max(0, index - 12) : index + 20].strip()


# -- zh-Hans: nothing Traditional of ours ------------------------------------------------------
def test_zh_hans_pages_show_no_traditional_text_outside_marked_elements(shown):
    findings = []
    for item in shown["zh-hans"]:
        if item.lang != "zh-Hans" or item.context.quoted or not traditional(item.text):
            continue
        characters = {c for c in item.text if is_traditional(c)} or {item.text}
        findings.append(
            f"{item.page} <{item.where}>: {''.join(sorted(characters))}"
            f" in “{_snippet(item.text, characters)}”"
        )
    assert findings == [], report(findings)


# -- zh-Hant: Hong Kong usage, and Simplified text marked ---------------------------------------
def test_zh_hant_pages_use_hong_kong_terms_outside_quotes(shown):
    """The term table's mainland words (數字經濟, 信息技術 …) do not appear in our zh-Hant
    prose; quotes, 「quoted words」 and 《titles》 keep the words of others."""
    findings = []
    for item in shown["zh-hant"]:
        if item.context.marked or item.context.quoted or hong_kong(item.text) == item.text:
            continue
        terms = sorted(t for t in TO_HONG_KONG if t in item.text and TO_HONG_KONG[t] != t)
        findings.append(f"{item.page} <{item.where}>: {', '.join(terms)}")
    assert findings == [], report(findings)


def test_zh_hant_pages_mark_simplified_text(shown):
    """An alias, a title or a source's word in Simplified script says so (lang="zh-Hans")."""
    findings = []
    for item in shown["zh-hant"]:
        if item.context.marked or item.context.quoted or not simplified(item.text):
            continue
        characters = {c for c in item.text if c in simplified_only()}
        findings.append(
            f"{item.page} <{item.where}>: {''.join(sorted(characters))}"
            f" in “{_snippet(item.text, characters)}”"
        )
    assert findings == [], report(findings)


# -- English: Chinese marked --------------------------------------------------------------------
def test_english_pages_mark_chinese_text(shown):
    """In the page's content, every Chinese word carries its lang. The <title>, the header
    and the navigation are plain text and cannot mark a word; nor can a citation, copied
    as plain text (<pre>)."""
    findings = []
    for item in shown["en"]:
        if (
            item.lang == "en"
            and item.context.content
            and not item.context.pre
            and HAN.search(item.text)
        ):
            findings.append(f"{item.page} <{item.where}>: “{item.text.strip()[:40]}”")
    assert findings == [], report(findings)


# -- the interface ------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_permanent_links_and_the_footer_speak_the_pages_language(real_site, language):
    soup = BeautifulSoup((real_site / language / "about" / "index.html").read_text("utf-8"), "lxml")
    titles = {link["title"] for link in soup.select("a.headerlink")}
    assert titles == {label(UI_LABELS["permalink"], language)}
    footer = soup.select_one(".md-copyright").get_text(" ", strip=True)
    expected = label(UI_LABELS["made_with"], language).replace("#", "Material for MkDocs")
    assert " ".join(footer.split()).endswith(" ".join(expected.split()))
    assert soup.select_one(".md-copyright a[lang=en]").get_text(strip=True) == "Material for MkDocs"
