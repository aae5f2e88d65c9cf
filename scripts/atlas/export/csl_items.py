"""What a citation is about, as CSL-JSON items; and BibTeX and RIS written from an item.

Two kinds of item:

* a **page** of the atlas: the atlas as its (institutional) author and as the site, the
  page's title in the page's language, the edition as version and publication date, the
  build date as accessed date, the absolute address (with `#fact-…` for a fact);
* an original **source**: its authors as printed (the publisher when none), title, the
  newspaper, account or series it appeared in, date, place, address, in its own script.

CSL has no variable for an archived copy's address; it goes into `note`, which none of our
styles prints, and so reaches CSL-JSON, BibTeX and RIS only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from atlas.convert import chinese
from atlas.model import Source

Item = dict[str, Any]

LANGUAGE_TAGS = {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}

# the CSL type of a source, by its kind: online columns and articles are web pages (blog
# posts when they have no address), op-eds newspaper articles, briefings and reviews reports
SOURCE_TYPES = {
    "op-ed": "article-newspaper",
    "review": "report",
    "briefing": "report",
    "column": "webpage",
    "article": "webpage",
}
# where `medium` (our description, zh) names the container, its page and its issue
_TITLE = re.compile(r"《([^》]+)》")
_PAGE = re.compile(r"([A-Z]?\d+)\s*版")
_ISSUE = re.compile(r"第\s*(\d+)\s*期")


def date_parts(value: str | dt.date | None) -> dict[str, list[list[int]]] | None:
    """A CSL date from a date or a partial date "YYYY", "YYYY-MM", "YYYY-MM-DD"."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else value
    return {"date-parts": [[int(part) for part in text.split("-")]]}


def page_item(
    key: str,
    title: str,
    site: str,
    version: str,
    issued: dt.date,
    built: dt.date,
    url: str,
    language: str,
) -> Item:
    """A page of the atlas (language: the page's language code, en / zh-hant / zh-hans)."""
    return {
        "id": key,
        "type": "webpage",
        "title": title,
        "author": [{"literal": site}],
        "container-title": site,
        "version": version,
        "issued": date_parts(issued),
        "accessed": date_parts(built),
        "URL": url,
        "language": LANGUAGE_TAGS[language],
    }


def source_item(source: Source) -> Item:
    """An original source, in its own script."""
    script = "zh-hans" if source.script == "zh-Hans" else "zh-hant"
    medium = source.medium.zh
    kind = SOURCE_TYPES[source.kind]
    if kind == "webpage" and not source.url:
        kind = "post-weblog"
    item: Item = {
        "id": source.id,
        "type": kind,
        "title": source.title,
        "author": [{"literal": name} for name in source.authors or [source.publisher]],
    }
    named = _TITLE.search(medium)
    if kind == "report":
        if named:
            item["collection-title"] = chinese(named.group(1), script)
        if issue := _ISSUE.search(medium):
            item["collection-number"] = issue.group(1)
    else:
        item["container-title"] = chinese(named.group(1), script) if named else source.publisher
        if kind == "article-newspaper" and (page := _PAGE.search(medium)):
            item["page"] = page.group(1)
    if item.get("container-title") != source.publisher:  # a site is not named twice
        item["publisher"] = source.publisher
    if source.place and kind not in ("webpage", "post-weblog"):  # a site has no place
        item["publisher-place"] = chinese(source.place.zh, script)
    if source.date:
        item["issued"] = date_parts(source.date)
    if source.url:
        item["URL"] = source.url
    if source.archived_url:
        item["note"] = f"Archived copy: {source.archived_url}"
    item["language"] = source.script
    return item


def csl_json(items: list[Item]) -> str:
    """CSL-JSON: an array of items, one line each."""
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    return "[" + ",\n".join(lines) + "]"


# -- BibTeX --------------------------------------------------------------------------
_BIBTEX_TYPES = {"article-newspaper": "article", "report": "techreport"}
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _bibtex_text(text: str) -> str:
    escaped = _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1), text)
    return escaped.replace("\\\\", "\\textbackslash{}").replace("\\~", "\\textasciitilde{}")


def _iso(date: dict[str, list[list[int]]]) -> str:
    parts = date["date-parts"][0]
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))


def bibtex(item: Item) -> str:
    """A BibTeX entry (fields both BibTeX and biblatex read) for a CSL-JSON item."""
    fields: list[tuple[str, str]] = [
        ("author", " and ".join("{" + _bibtex_text(a["literal"]) + "}" for a in item["author"])),
        ("title", "{" + _bibtex_text(item["title"]) + "}"),
    ]
    container = _bibtex_text(item.get("container-title", ""))
    kind = _BIBTEX_TYPES.get(item["type"], "misc")
    if container:
        fields.append(("journal" if kind == "article" else "howpublished", container))
    for csl, name in (
        ("collection-title", "series"),
        ("collection-number", "number"),
        ("page", "pages"),
        ("version", "version"),
        ("publisher-place", "address"),
    ):
        if csl in item:
            fields.append((name, _bibtex_text(item[csl])))
    if kind == "techreport":
        fields.append(("institution", _bibtex_text(item["publisher"])))
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1]))
        fields.append(("date", _iso(item["issued"])))
    if "accessed" in item:
        fields.append(("urldate", _iso(item["accessed"])))
    if "URL" in item:
        fields.append(("url", item["URL"]))
    if "note" in item:
        fields.append(("note", _bibtex_text(item["note"])))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{kind}{{{item['id']},\n{body}\n}}"


# -- RIS -----------------------------------------------------------------------------
_RIS_TYPES = {
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "article-newspaper": "NEWS",
    "report": "RPRT",
}


def _ris_date(date: dict[str, list[list[int]]]) -> str:
    parts = [f"{part:02d}" if i else str(part) for i, part in enumerate(date["date-parts"][0])]
    return "/".join(parts + [""] * (3 - len(parts)))


def ris(item: Item) -> str:
    """A RIS record for a CSL-JSON item."""
    lines = [("TY", _RIS_TYPES[item["type"]]), ("ID", item["id"])]
    lines += [("AU", author["literal"]) for author in item["author"]]
    lines.append(("TI", item["title"]))
    for csl, tag in (
        ("container-title", "T2"),
        ("collection-title", "T3"),
        ("collection-number", "IS"),
        ("page", "SP"),
        ("version", "ET"),
        ("publisher", "PB"),
        ("publisher-place", "CY"),
    ):
        if csl in item:
            lines.append((tag, item[csl]))
    if "issued" in item:
        lines.append(("PY", str(item["issued"]["date-parts"][0][0])))
        lines.append(("DA", _ris_date(item["issued"])))
    if "accessed" in item:
        lines.append(("Y2", _ris_date(item["accessed"])))
    if "URL" in item:
        lines.append(("UR", item["URL"]))
    if "note" in item:
        lines.append(("N1", item["note"]))
    lines.append(("LA", item["language"]))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)
