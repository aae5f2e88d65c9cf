"""What every page family shares: a page to write, and the Atlas seen in one language.

A page family (records, directories, themes, …) is a module of this package with a
function ``pages(view) -> Iterable[Page]``; each Page names its template and carries a
plain dict, already in the page's language. Templates only lay the dict out.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from atlas.convert import Language, chinese, label, localise, written_script
from atlas.link import CITES_SOURCE, Atlas, Link
from atlas.model import Fact, Note, Record, Source, Text, folder_of
from atlas.outline import locate, locator_pieces
from atlas.publication import Edition, Publication, build_date, site_url
from atlas.vocabulary import KIND_LABELS, RELATION_TYPES, THEMES, TYPE_LABELS, UI_LABELS


@dataclass(frozen=True)
class Page:
    """One generated Markdown page: its path below docs/, its template and its view; or,
    with the template DATA, a JSON file (context["data"]) that the pages' scripts read."""

    path: str
    template: str
    context: dict[str, object] = field(default_factory=dict)


DATA = "(data)"


def source_code(source: Source) -> str:
    """The short code readers see in tables and URLs: the corpus file's number (000–004)."""
    return source.file[:3]


def page_url(record: Record) -> str:
    """A record's URL below its language's root: <folder>/<id>/ (stable, see design)."""
    return f"{folder_of(record)}/{record.id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page's URL to another's, both below the language root."""
    anchor = ""
    if "#" in to_url:
        to_url, anchor = to_url.split("#", 1)
        anchor = "#" + anchor
    path = _relative_path(to_url or ".", from_url or ".")
    if to_url.endswith("/") and not path.endswith("/"):
        path += "/"
    return path + anchor


def _relative_path(to_path: str, start: str) -> str:
    """posixpath.relpath for paths below the same root, without its abspath (a system call
    per link: a tenth of the render's time at 10× the data)."""
    if ".." in to_path or ".." in start or to_path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(to_path, start)
    to_parts = [part for part in to_path.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < min(len(to_parts), len(start_parts)) and to_parts[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to_parts[common:]) or "."


# Record types the Blueprint (and the trends article) number, with the word before the number.
# The sources write 方向一 and 策略三 with Chinese numerals, 趋势1 and 1.1 with digits.
NUMBERED = {
    "directions": ("Direction", "方向", True),
    "strategies": ("Strategy", "策略", True),
    "kpis": ("KPI", "指標", False),
    "trends": ("Trend", "趨勢", False),
}
CHINESE_NUMERALS = dict(enumerate("〇一二三四五六七八九十", start=0))


class LanguageView:
    """The Atlas as the pages of one language version show it."""

    def __init__(self, atlas: Atlas, language: Language, publication: Publication | None = None):
        self.atlas = atlas
        self.language = language
        self.code = language.code
        if publication is None:  # a view outside a build (tests, tools): an unnamed draft
            today = build_date()
            publication = Publication(site_url(), Edition("draft", today), today)
        self.publication = publication
        self.ui = {key: self.label(value) for key, value in UI_LABELS.items()}
        # attribute access in templates, where a dict's own methods (items, values) would win
        self.template_labels = SimpleNamespace(**self.ui)

    def label(self, text: dict[str, str], stem: str = "") -> str:
        """A vocabulary entry in this page's language."""
        return label(text, self.code, stem)

    def text(self, text: Text) -> str:
        return localise(text, self.code)

    def zh(self, text: str) -> str:
        """Chinese written in zh-Hant, in the page's script (English pages show Traditional)."""
        return chinese(text, self.code)

    # -- names ----------------------------------------------------------------------
    def name(self, record: Record) -> str:
        if self.code == "en":
            return record.names.en
        return chinese(record.names.zh, self.code)

    def other_names(self, record: Record) -> list[dict[str, str]]:
        zh_hant = {"lang": "zh-Hant", "text": chinese(record.names.zh, "zh-hant")}
        zh_hans = {"lang": "zh-Hans", "text": chinese(record.names.zh, "zh-hans")}
        english = {"lang": "en", "text": record.names.en}
        if self.code == "en":
            names = [zh_hant, zh_hans]
        else:
            names = [english, zh_hant if self.code == "zh-hans" else zh_hans]
        seen = {self.name(record)}
        return [name for name in names if not (name["text"] in seen or seen.add(name["text"]))]

    def aliases(self, record: Record) -> list[dict[str, str]]:
        """The record's other spellings as written, each with its script (Latin → en; Han:
        zh-Hant where OpenCC would change it, else zh-Hans); not those the page shows."""
        shown = {self.name(record)} | {name["text"] for name in self.other_names(record)}
        return [
            {"text": alias, "lang": written_script(alias)}
            for alias in record.names.aliases
            if alias not in shown
        ]

    def printed_lang(self, record: Record) -> str:
        """The script a record's figures are printed in: its (first) source's."""
        sources = [fact.source for fact in getattr(record, "facts", [])]
        return self.atlas.source(sources[0]).script if sources else "zh-Hant"

    def kind(self, record: Record) -> str:
        kind = getattr(record, "kind", None)
        return self.label(KIND_LABELS[kind]) if kind else ""

    def type_label(self, record: Record) -> str:
        return self.label(TYPE_LABELS[folder_of(record)], "one_")

    def number_label(self, record: Record) -> str:
        """How the Blueprint numbers a record, in this page's language: "Strategy 3" / "策略三",
        "KPI 1.1" / "指標 1.1"; "" for records without a number."""
        number = getattr(record, "number", None)
        folder = folder_of(record)
        if not number or folder not in NUMBERED:
            return ""
        en, zh, chinese_numeral = NUMBERED[folder]
        if self.code == "en":
            return f"{en} {number}"
        if chinese_numeral and isinstance(number, int) and number in CHINESE_NUMERALS:
            return self.zh(f"{zh}{CHINESE_NUMERALS[number]}")
        return self.zh(f"{zh} {number}")

    def theme_label(self, theme: str) -> str:
        return self.label(THEMES[theme])

    def ref(self, record: Record, from_url: str) -> dict[str, str]:
        return {
            "id": record.id,
            "name": self.name(record),
            "href": relative(from_url, page_url(record)),
        }

    # -- parts of pages --------------------------------------------------------------
    def fact(self, fact: Fact, from_url: str, record: Record | None = None) -> dict[str, object]:
        """A fact as pages show it; with `record`, its link points at the record's page."""
        source = self.atlas.source(fact.source)
        anchor = f"#fact-{fact.id}"
        return {
            "id": fact.id,
            "claim": localise(fact.claim, self.code),
            "quote": fact.quote,
            "quote_lang": source.script,
            "source_name": self.name(source),
            "source_href": relative(from_url, page_url(source)),
            "source_short": source_code(source),
            "locator": self.locator(source, fact.line),
            "line": fact.line,
            "href": relative(from_url, page_url(record)) + anchor if record else anchor,
            "themes": [{"id": theme, "label": self.theme_label(theme)} for theme in fact.themes],
        }

    def locator(self, source: Source, line: int) -> list[dict[str, str]]:
        """Where the line stands in its source, in this page's language: runs of our words
        (lang "") and titles as printed (lang of the source's script)."""
        language = "en" if self.code == "en" else "zh"
        return [
            {"text": piece.text, "lang": source.script}
            if piece.printed
            else {"text": piece.text if language == "en" else self.zh(piece.text), "lang": ""}
            for piece in locator_pieces(locate(source, line), language)
        ]

    def voices(self, record: Record, from_url: str) -> list[dict[str, object]]:
        """The record's facts grouped by source, in the sources' order: one voice each."""
        by_source: dict[str, list[Fact]] = defaultdict(list)
        for fact in record.facts:
            by_source[fact.source].append(fact)
        voices = []
        for source_id in sorted(by_source, key=lambda sid: self.atlas.source(sid).file):
            source = self.atlas.source(source_id)
            voices.append(
                {
                    "source_name": self.name(source),
                    "source_href": relative(from_url, page_url(source)),
                    "facts": [self.fact(fact, from_url) for fact in by_source[source_id]],
                }
            )
        return voices

    def link_groups(self, links: list[Link], from_url: str, reverse: bool) -> list[dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for link in links:
            other = self.atlas.records[link.origin if reverse else link.target]
            if link.type == CITES_SOURCE:
                if not reverse:
                    continue  # the facts already link to their sources
                group = self.ui["facts"]
            else:
                group = self.label(RELATION_TYPES[link.type], "reverse_" if reverse else "")
            item = self.ref(other, from_url) | {"kind": self.type_label(other)}
            if item not in groups[group]:
                groups[group].append(item)
        return [
            {"label": group, "links": sorted(items, key=lambda item: item["name"])}
            for group, items in groups.items()
        ]

    def note(self, note: Note, from_url: str) -> dict[str, str]:
        text = note.en if self.code == "en" else chinese(note.zh, self.code)
        view = {"text": text, "source_name": "", "source_href": ""}
        if note.source:
            source = self.atlas.source(note.source)
            view |= {
                "source_name": self.name(source),
                "source_href": relative(from_url, page_url(source)),
            }
        return view
