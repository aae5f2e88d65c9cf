"""Cite this: ready citations of a record page and of each of its facts, made at build time.

Seven formats. Four are formatted by citeproc-py from the official CSL styles vendored in
`csl/` (GB/T 7714-2025 and -2015 numeric, APA 7, Chicago author-date); BibTeX, RIS and
CSL-JSON are written from the CSL-JSON item by `csl_items` (bibtex.csl exists, but in
citeproc-py it gives keys with spaces, one key for every page, localised month names and
no version or access date).

Every entry is formatted in the locale of its own language (en-US, zh-TW for zh-Hant,
zh-CN for zh-Hans): citeproc-py has no CSL-M, so this is how a Chinese entry gets "等"
after three authors and an English one "et al.". A page's citation is in the page's
language; a source's entry in the source's script, the same on every page (cached).

A fact's citation is the page's with `#fact-<id>` on the address, followed by its source
as an entry of its own.

Speed: of a language's page items only the title and the address differ. Where a style
prints both verbatim (no text-case applies to them: checked once per style and language
by formatting with title "zqxtitle" and with "ZQXTITLE"), the page is formatted once with
those stand-ins and each page's title and address are put in their places; a title or
address that starts or ends with punctuation or a space, where citeproc-py's seam rules
could act, is formatted in full. Only Chicago's English entries (title case) are formatted
page by page.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)

from atlas.export import citeproc_fixes
from atlas.export.csl_items import LANGUAGE_TAGS, Item, bibtex, page_item, ris, source_item
from atlas.model import Fact, Record, Source, folder_of, quoted_fields

if TYPE_CHECKING:
    from atlas.pages.view import LanguageView

CSL = Path(__file__).parent / "csl"
LOCALES = {"en": "en-US", "zh-Hant": "zh-TW", "zh-Hans": "zh-CN"}


def _as_document(item: Item) -> Item:
    """An atlas page as the style's versioned electronic document (see STYLES)."""
    if item["type"] != "webpage" or "version" not in item:
        return item
    fitted = dict(item, type="document")
    del fitted["container-title"]  # the site is the author: named once (APA 7 §9.8)
    return fitted


# style key → (label or ui key, CSL file, item fit). An atlas page is a web page, but the
# web-page forms of GB/T 7714-2025 and APA 7 have no place for a version: both styles
# print it for a document ("[EB/OL]. V1.0." and "(Version 1.0)"). GB/T 7714-2015 has no
# version at all; its entry names the edition by its date.
STYLES: dict[str, tuple[str, str, Callable[[Item], Item]]] = {
    "gbt2025": ("GB/T 7714-2025", "china-national-standard-gb-t-7714-2025-numeric", _as_document),
    "gbt2015": ("GB/T 7714-2015", "china-national-standard-gb-t-7714-2015-numeric", dict),
    "apa": ("cite_apa", "apa", _as_document),
    "chicago": ("cite_chicago", "chicago-author-date", dict),
}
DATA_FORMATS: dict[str, tuple[str, Callable[[Item], str]]] = {
    "bibtex": ("BibTeX", bibtex),
    "ris": ("RIS", ris),
    "csl-json": ("CSL-JSON", lambda item: "[" + json.dumps(item, ensure_ascii=False) + "]"),
}
FORMATS = [*STYLES, *DATA_FORMATS]


@functools.cache
def _style(name: str, locale: str) -> CitationStylesStyle:
    citeproc_fixes.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the schema check is skipped (validate=False)
        return CitationStylesStyle(str(CSL / f"{name}.csl"), locale=locale, validate=False)


_NUMBER = re.compile(r"^\[\d+\]\s*")
_DOUBLED = re.compile(r"([?!？！。])\.")
_HALF_WIDTH = {"（": "(", "）": ")", "，": ", ", "：": ": ", "；": "; "}


def _tidy(text: str, style: str, language: str) -> str:
    """What citeproc-py leaves to be done (CSL 1.0.2 behaviour it lacks), and the number."""
    text = _NUMBER.sub("", text.strip())  # numeric styles' [1]: the reader's list numbers
    if language == "en":
        if style == "gbt2025":  # the style writes Chinese (full-width) punctuation throughout
            for wide, narrow in _HALF_WIDTH.items():
                text = text.replace(wide, narrow)
        # en-US has punctuation-in-quote="true", which citeproc-py does not apply
        text = re.sub(r"([”’])([.,])", r"\2\1", text)
    head, address, tail = text.partition("http")  # an address keeps its own last character
    return _DOUBLED.sub(r"\1", head) + address + tail


def _formatted(style: str, item: Item) -> str:
    """citeproc-py's bibliography entry for one item, untidied."""
    _label, name, fit = STYLES[style]
    bibliography = CitationStylesBibliography(
        _style(name, LOCALES[item["language"]]), citeproc_fixes.source([fit(item)]), formatter.plain
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def render(style: str, item: Item) -> str:
    """One item as one bibliography entry of a CSL style, in the item's language's locale."""
    return _tidy(_formatted(style, item), style, item["language"])


_TITLES = ("zqxtitle", "ZQXTITLE")
_ADDRESS = "zqxaddress"
_SEAM = set(" .,;:!?")  # citeproc-py's seam rules look at these (citeproc.string)


@functools.cache
def _page_form(style: str, rest: str) -> str | None:
    """The style's entry for page items like `rest` (JSON, without id, title and URL), with
    "\\x00T" and "\\x00U" where title and address go; None if it changes either."""
    forms = set()
    for title in _TITLES:
        item = json.loads(rest) | {"id": "page", "title": title, "URL": _ADDRESS}
        text = _formatted(style, item)
        if text.count(title) != 1 or text.count(_ADDRESS) != 1:
            return None
        forms.add(text.replace(title, "\x00T").replace(_ADDRESS, "\x00U"))
    return forms.pop() if len(forms) == 1 else None


def _plain(text: str) -> bool:
    return bool(text) and {text[0], text[-1]}.isdisjoint(_SEAM)


@functools.cache
def _source_entry(style: str, item_json: str) -> str:
    item = json.loads(item_json)
    return DATA_FORMATS[style][1](item) if style in DATA_FORMATS else render(style, item)


def source_entry(style: str, source: Source) -> str:
    """A source's entry in one format: the same on every page, so made once."""
    return _source_entry(style, json.dumps(source_item(source), ensure_ascii=False))


def page_entry(style: str, item: Item, page: tuple[Item, str] | None = None) -> str:
    """A page item in one format: through the style's page form where that is exact; else,
    for a fact (`page`: the page's item and its text in this style), the page's text with
    the fact's address, where the page's address is printed once; else formatted in full."""
    if style in DATA_FORMATS:
        return DATA_FORMATS[style][1](item)
    rest = {key: value for key, value in item.items() if key not in ("id", "title", "URL")}
    form = _page_form(style, json.dumps(rest, ensure_ascii=False, sort_keys=True))
    if form is not None and _plain(item["title"]) and _plain(item["URL"]):
        text = form.replace("\x00T", item["title"]).replace("\x00U", item["URL"])
        return _tidy(text, style, item["language"])
    if page and page[0]["title"] == item["title"] and page[1].count(page[0]["URL"]) == 1:
        return page[1].replace(page[0]["URL"], item["URL"])
    return render(style, item)


def page_citation(view: LanguageView, record: Record, anchor: str = "") -> Item:
    """The CSL-JSON item of a record's page (or, with anchor "fact-x", of one fact)."""
    from atlas.pages.view import page_url  # the pages import this module

    publication = view.publication
    key = f"atlas-{view.code}-{folder_of(record)}-{record.id}"
    return page_item(
        key=f"{key}-{anchor}" if anchor else key,
        title=view.name(record),
        site=view.ui["site_name"],
        version=publication.edition.version,
        issued=publication.edition.date,
        built=publication.built,
        url=publication.address(view.code, page_url(record)) + (f"#{anchor}" if anchor else ""),
        language=view.code,
    )


def cited_items(view: LanguageView, record: Record) -> list[Fact]:
    """The items a record page shows with a #fact- anchor, in the page's order: the aims or
    targets of its body, then its facts by source."""
    body = [item for name, items in quoted_fields(record) if name != "facts" for item in items]
    return body + sorted(record.facts, key=lambda fact: view.atlas.source(fact.source).file)


def _label(view: LanguageView, style: str) -> str:
    label = STYLES[style][0] if style in STYLES else DATA_FORMATS[style][0]
    return view.ui.get(label, label)


def _formats(view: LanguageView, texts: dict[str, str], lang: str = "") -> list[dict]:
    return [
        {"key": style, "label": _label(view, style), "text": texts[style], "lang": lang}
        for style in FORMATS
    ]


def record_cite(view: LanguageView, record: Record) -> dict[str, object]:
    """The "Cite this" view of a record page: the page's citation, every fact's, and the
    entries of the facts' sources (each once; a fact's copy button adds its source's)."""
    publication = view.publication
    page = page_citation(view, record)
    page_texts = {style: page_entry(style, page) for style in FORMATS}
    own = LANGUAGE_TAGS[view.code]
    facts, sources = [], {}
    for fact in cited_items(view, record):
        item = page_citation(view, record, f"fact-{fact.id}")
        source = view.atlas.source(fact.source)
        if source.id not in sources:
            sources[source.id] = {
                "anchor": f"cite-source-{source.id}",
                "name": view.name(source),
                "formats": _formats(
                    view,
                    {style: source_entry(style, source) for style in FORMATS},
                    "" if source.script == own else source.script,
                ),
            }
        texts = {style: page_entry(style, item, (page, page_texts[style])) for style in FORMATS}
        facts.append(
            {
                "id": fact.id,
                "source": sources[source.id]["anchor"],
                "source_name": sources[source.id]["name"],
                "formats": _formats(view, texts),
            }
        )
    intro = view.ui["cite_intro"].format(
        edition=publication.edition.version,
        date=publication.edition.date.isoformat(),
        built=publication.built.isoformat(),
    )
    return {
        "intro": intro,
        "page": _formats(view, page_texts),
        "facts": facts,
        "sources": list(sources.values()),
    }
