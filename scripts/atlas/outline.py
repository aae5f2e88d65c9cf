"""Locators as data: each source's outline, and where in it every fact stands.

A source record lists its text's parts (sections, paragraphs, appendices, table rows) with
the lines they span, nested. A fact's locator is not written by hand: it is the chain of
parts that hold the fact's line, outermost first, so one source line has one locator on
every record, and the locator reads in the page's language ("appendix, part D “藍圖八大策略”,
strategy 3" / "附件，D 部分「藍圖八大策略」，策略三"), titles quoted as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.corpus import Corpus
from atlas.load import RawRecord, dotted
from atlas.model import Record, Source, SourcePart, quoted_fields
from atlas.problems import Problem

TITLE = "{title}"


@dataclass(frozen=True)
class LocatorPiece:
    """A run of a rendered locator: our words, or a title as printed (in the text's script)."""

    text: str
    printed: bool = False


def locate(source: Source, line: int) -> list[SourcePart]:
    """The parts of `source` that hold `line`, outermost first (empty if none)."""
    chain: list[SourcePart] = []
    parts = source.outline
    while True:
        inner = next((part for part in parts if part.start <= line <= part.end), None)
        if inner is None:
            return chain
        chain.append(inner)
        parts = inner.parts


def check_outlines(
    pairs: list[tuple[RawRecord, Record]],
    records: dict[str, Record],
    corpus: Corpus | None,
    problems: list[Problem],
) -> None:
    """Every source has an outline whose parts nest, fit the text and name titles it prints;
    every quoted item's line falls in a part of its source's outline."""
    for raw, record in pairs:
        if isinstance(record, Source):
            _check_source(raw, record, corpus, problems)
    for raw, record in pairs:
        for field_name, items in quoted_fields(record):
            for index, item in enumerate(items):
                source = records.get(item.source)
                if not isinstance(source, Source) or not source.outline:
                    continue
                if not locate(source, item.line):
                    where = (field_name, index, "line")
                    problems.append(
                        Problem(
                            raw.path,
                            raw.line_of(where),
                            dotted(where),
                            f"a line inside a part of the outline of {source.id}",
                            str(item.line),
                        )
                    )


def _check_source(
    raw: RawRecord, source: Source, corpus: Corpus | None, problems: list[Problem]
) -> None:
    def problem(location: tuple, expected: str, found: str) -> None:
        problems.append(Problem(raw.path, raw.line_of(location), dotted(location), expected, found))

    if not source.outline:
        problem(("outline",), "the parts of the text with their lines", "no outline")
        return
    text = corpus.texts.get(source.file) if corpus else None
    last = text.line_count if text else None

    def walk(parts: list[SourcePart], location: tuple, low: int, high: int | None) -> None:
        previous_end = low - 1
        for index, part in enumerate(parts):
            where = (*location, index)
            if part.end < part.start:
                problem((*where, "end"), f"a line at or after start {part.start}", str(part.end))
            if part.start <= previous_end:
                found = f"{part.start}, inside the part before (to line {previous_end})"
                problem((*where, "start"), "a line after the part before", found)
            if high is not None and part.end > high:
                problem(
                    (*where, "end"), f"a line within the part around it (to {high})", str(part.end)
                )
            if last is not None and part.end > last:
                problem((*where, "end"), f"a line of the text (it has {last})", str(part.end))
            for language in ("en", "zh"):
                has_slot = TITLE in getattr(part.label, language)
                if has_slot != (part.title is not None):
                    expected = "'{title}' in the label if and only if the part has a title"
                    problem((*where, "label", language), expected, getattr(part.label, language))
            lines = text.lines_of(part.title) if part.title and text is not None else None
            if lines is not None and not any(part.start <= line <= part.end for line in lines):
                expected = f"the title as printed on lines {part.start}–{part.end}"
                problem((*where, "title"), expected, repr(part.title))
            walk(part.parts, (*where, "parts"), part.start, part.end)
            previous_end = max(previous_end, part.end)

    walk(source.outline, ("outline",), 1, None)


def locator_pieces(chain: list[SourcePart], language: str) -> list[LocatorPiece]:
    """The chain as a reader's locator in `language` ("en" or "zh"): labels joined, titles
    kept as printed (the caller converts our words for zh-Hans, never the titles)."""
    joiner = ", " if language == "en" else "，"
    pieces: list[LocatorPiece] = []
    for position, part in enumerate(chain):
        if position:
            pieces.append(LocatorPiece(joiner))
        label = getattr(part.label, language)
        before, slot, after = label.partition(TITLE)
        if before:
            pieces.append(LocatorPiece(before))
        if slot and part.title:
            pieces.append(LocatorPiece(part.title, printed=True))
        if after:
            pieces.append(LocatorPiece(after))
    return pieces


def locator_text(chain: list[SourcePart], language: str) -> str:
    """The locator as plain text (downloads, citations)."""
    return "".join(piece.text for piece in locator_pieces(chain, language))
