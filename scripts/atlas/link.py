"""Stage 3, link: validated records → an Atlas; ids, relations, structure, themes and quotes
checked. Loading and validating are the stages before it (atlas.pipeline runs them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from atlas.claim_figures import check_claim_figures
from atlas.corpus import Corpus, fold
from atlas.kpi_printed import check_kpi_values
from atlas.load import RawRecord, dotted
from atlas.model import (
    Blueprint,
    Cluster,
    Direction,
    DistrictModel,
    Fact,
    Hub,
    Kpi,
    Measure,
    Policy,
    Record,
    Source,
    Strategy,
    folder_of,
    quoted_fields,
    quoted_items,
)
from atlas.outline import check_outlines
from atlas.problems import Problem

CITES_SOURCE = "cites-source"  # the link a fact makes to its source's page


@dataclass(frozen=True, order=True)
class Link:
    """A link from one record to another: a relation type, or CITES_SOURCE."""

    origin: str
    type: str
    target: str


@dataclass
class Atlas:
    """Every record by id, with the links between them resolved both ways."""

    records: dict[str, Record]
    links: list[Link] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._from: dict[str, list[Link]] = defaultdict(list)
        self._to: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            self._from[link.origin].append(link)
            self._to[link.target].append(link)

    def of_type(self, kind: type[Record]) -> list[Record]:
        """The records of a type, in the order of `records` (a new list each call: pages ask
        this hundreds of times, so the scan is made once per type)."""
        return list(self._by("type", kind, lambda record: isinstance(record, kind)))

    def in_folder(self, folder: str) -> list[Record]:
        return list(self._by("folder", folder, lambda record: folder_of(record) == folder))

    def _by(self, how: str, key: object, keep: Callable[[Record], bool]) -> tuple[Record, ...]:
        cache = self.__dict__.setdefault("_selections", {})
        if cache.get("size") != len(self.records):  # records added or removed: start again
            cache.clear()
            cache["size"] = len(self.records)
        if (how, key) not in cache:
            cache[(how, key)] = tuple(record for record in self.records.values() if keep(record))
        return cache[(how, key)]

    def outgoing(self, record_id: str) -> list[Link]:
        return self._from.get(record_id, [])

    def incoming(self, record_id: str) -> list[Link]:
        return self._to.get(record_id, [])

    def source(self, source_id: str) -> Source:
        record = self.records[source_id]
        assert isinstance(record, Source)
        return record


# Structural fields: (model, field, model the field must point to). Each becomes a part-of link.
PARENT_FIELDS: list[tuple[type[Record], str, type[Record]]] = [
    (Direction, "blueprint", Blueprint),
    (Strategy, "blueprint", Blueprint),
    (Strategy, "direction", Direction),
    (Measure, "strategy", Strategy),
    (Kpi, "blueprint", Blueprint),
]


def _check_ids(pairs: list[tuple[RawRecord, Record]], problems: list[Problem]) -> dict:
    records: dict[str, Record] = {}
    first_path: dict[str, str] = {}
    for raw, record in pairs:
        if record.id in records:
            problems.append(
                Problem(
                    raw.path,
                    raw.line_of(("id",)),
                    "id",
                    "an id no other record uses",
                    f"'{record.id}', already the id of {first_path[record.id]}",
                )
            )
            continue
        records[record.id] = record
        first_path[record.id] = raw.path
    return records


def _check_record(
    raw: RawRecord,
    record: Record,
    records: dict[str, Record],
    corpus: Corpus | None,
    problems: list[Problem],
    rejected: dict[str, str],
    follows_rejection: set[str],
) -> list[Link]:
    links: list[Link] = []

    def problem(location: tuple, expected: str, found: str) -> None:
        problems.append(Problem(raw.path, raw.line_of(location), dotted(location), expected, found))

    def missing(location: tuple, expected: str, value: str) -> None:
        """An id that leads nowhere: a typo, or a record refused for problems of its own."""
        if value not in rejected:
            problem(location, expected, repr(value))
            return
        follows_rejection.add(record.id)
        found = f"{value!r}, which is refused for its own problems ({rejected[value]})"
        line = raw.line_of(location)
        problems.append(
            Problem(raw.path, line, dotted(location), expected, found, caused_by=rejected[value])
        )

    for index, relation in enumerate(record.relations):
        if relation.target not in records:
            missing(("relations", index, "target"), "the id of a record", relation.target)
        elif relation.target == record.id:
            problem(("relations", index, "target"), "another record's id", "the record's own")
        else:
            links.append(Link(record.id, relation.type, relation.target))

    for model, name, parent in PARENT_FIELDS:
        value = getattr(record, name, None) if isinstance(record, model) else None
        if value is None:
            continue
        if value not in records:
            missing((name,), f"the id of a {parent.__name__.lower()} record", value)
        elif not isinstance(records.get(value), parent):
            problem((name,), f"the id of a {parent.__name__.lower()} record", f"'{value}'")
        else:
            links.append(Link(record.id, "part-of", value))

    if isinstance(record, Measure) and isinstance(records.get(record.strategy), Strategy):
        strategy = records[record.strategy]
        target_ids = [target.id for target in strategy.targets]
        if record.target not in target_ids:
            problem(
                ("target",), f"one of {strategy.id}'s targets {target_ids}", f"'{record.target}'"
            )

    seen_ids: set[str] = set()
    for field_name, items in quoted_fields(record):
        for index, item in enumerate(items):
            where = (field_name, index)
            if item.id in seen_ids:
                problem((*where, "id"), "an id used once in the record", f"'{item.id}' again")
            seen_ids.add(item.id)
            source = records.get(item.source)
            if source is None:
                missing((*where, "source"), "the id of a source record", item.source)
                continue
            if not isinstance(source, Source):
                problem((*where, "source"), "the id of a source record", f"'{item.source}'")
                continue
            links.append(Link(record.id, CITES_SOURCE, item.source))
            if corpus is not None:
                _check_quote(item, source, corpus, where, problem)

    if isinstance(record, Kpi):
        quotes = [fold(item.quote) for item in record.facts]
        for index, value in enumerate(record.values):
            if not any(fold(value.printed) in quote for quote in quotes):
                problem(
                    ("values", index, "printed"),
                    "the value as printed in one of the record's quotes",
                    f"'{value.printed}'",
                )
        check_kpi_values(record, problem)

    for index, note in enumerate(record.notes):
        if note.source is not None and not isinstance(records.get(note.source), Source):
            problem(("notes", index, "source"), "the id of a source record", f"'{note.source}'")

    if isinstance(record, Source) and corpus is not None and record.file not in corpus.texts:
        problem(("file",), f"a file in {corpus.folder}", f"'{record.file}'")
    return links


def _check_quote(item: Fact, source: Source, corpus: Corpus, where: tuple, problem) -> None:
    text = corpus.texts.get(source.file)
    if text is None:
        return  # reported on the source record
    lines = text.lines_of(item.quote)
    if not lines:
        problem(
            (*where, "quote"),
            f"words found verbatim in {source.file} (spaces and line breaks aside)",
            f"'{item.quote[:40]}', which is not there",
        )
    elif item.line not in lines:
        shown = ", ".join(str(line) for line in lines)
        problem((*where, "line"), f"the line the quote begins on ({shown})", str(item.line))


def _check_names(pairs: list[tuple[RawRecord, Record]], problems: list[Problem]) -> None:
    """A name or alias leads to one record, unless every record using it declares it shared."""
    users: dict[str, list[tuple[RawRecord, Record]]] = defaultdict(list)
    for raw, record in pairs:
        names = {
            name.casefold() for name in (record.names.en, record.names.zh, *record.names.aliases)
        }
        for name in names:
            users[name].append((raw, record))
    for name, holders in sorted(users.items()):
        if len(holders) < 2:
            continue
        for raw, record in holders:
            if name not in {shared.casefold() for shared in record.names.shared}:
                others = ", ".join(other.id for _, other in holders if other is not record)
                problems.append(
                    Problem(
                        raw.path,
                        raw.line_of(("names",)),
                        "names.shared",
                        f"'{name}' listed as shared, or used by this record alone",
                        f"it also names {others}",
                    )
                )


def _check_connected(
    pairs: list[tuple[RawRecord, Record]], links: list[Link], problems: list[Problem]
) -> None:
    """Every record but a source links to, or is linked from, another record."""
    connected = {
        end for link in links if link.type != CITES_SOURCE for end in (link.origin, link.target)
    }
    for raw, record in pairs:
        # a record whose relations are all broken is reported for those, not again here
        if not isinstance(record, Source) and record.id not in connected and not record.relations:
            problems.append(
                Problem(raw.path, 1, "relations", "a link to or from another record", "none")
            )
        if not quoted_items(record):
            problems.append(Problem(raw.path, 1, "facts", "at least one fact", "none"))


def link_records(
    pairs: list[tuple[RawRecord, Record]],
    corpus: Corpus | None,
    problems: list[Problem],
    rejected: dict[str, str] | None = None,
    named_by_rejected: frozenset[str] = frozenset(),
) -> Atlas:
    """Resolve ids and links and check quotes (against `corpus`, when it is there).

    Problems are appended to `problems`; the Atlas returned holds the records that have a
    unique id, and is only to be used when no problem was found. `rejected` maps the ids of
    records refused by validation to their files: a link to one is reported as caused by it.
    """
    records = _check_ids(pairs, problems)
    links: list[Link] = []
    follows: set[str] = set(named_by_rejected)  # records with a link to or from a rejected one
    unique = [(raw, record) for raw, record in pairs if records.get(record.id) is record]
    for raw, record in unique:
        links.extend(_check_record(raw, record, records, corpus, problems, rejected or {}, follows))
    checked = len(problems)
    _check_names(unique, problems)
    _check_connected([pair for pair in unique if pair[1].id not in follows], links, problems)
    _check_themes(unique, problems)
    check_outlines(unique, records, corpus, problems)
    check_claim_figures(unique, records, problems)
    if rejected:
        _after_rejections(problems, checked, unique, follows, rejected)
    return Atlas(dict(sorted(records.items())), sorted(set(links)))


def _after_rejections(
    problems: list[Problem],
    start: int,
    pairs: list[tuple[RawRecord, Record]],
    follows: set[str],
    rejected: dict[str, str],
) -> None:
    """Problems of a record linked to or from a refused one may only follow from the refusal
    (a name it borrows, a link it lost): they are reported after the root causes."""
    paths = {raw.path for raw, record in pairs if record.id in follows}
    cause = ", ".join(sorted(set(rejected.values())))
    for index in range(start, len(problems)):
        if problems[index].path in paths and not problems[index].caused_by:
            problems[index] = replace(problems[index], caused_by=cause)


# Types whose every quoted item must carry a comparison theme (issue: themes).
THEMED_TYPES: tuple[type[Record], ...] = (Hub, DistrictModel, Cluster, Strategy, Measure, Policy)


def _check_themes(pairs: list[tuple[RawRecord, Record]], problems: list[Problem]) -> None:
    for raw, record in pairs:
        if not isinstance(record, THEMED_TYPES):
            continue
        for field_name, items in quoted_fields(record):
            for index, item in enumerate(items):
                if not item.themes:
                    location = (field_name, index, "themes")
                    problems.append(
                        Problem(
                            raw.path,
                            raw.line_of((field_name, index)),
                            dotted(location),
                            "one or more comparison themes (vocabulary.yml, themes)",
                            f"none on fact '{item.id}'",
                        )
                    )
