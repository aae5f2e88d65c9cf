"""The record model: one pydantic class per record type, unknown keys rejected.

A record lives in ``data/<folder>/<id>.yml``; the folder names its type (``FOLDERS``).
Every field carries a description: the README's model reference is generated from
them (``python -m atlas reference``), and a test fails when the README drifts.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from atlas.vocabulary import RELATION_TYPES, THEMES

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="kebab-case: lower-case ASCII letters, digits and single hyphens"),
]
# Names reach page titles, navigation and <title>: MkDocs' own templates do not escape
# them, so the characters that could open markup are refused at the door.
# Length limits: far above any record's (the longest name has 250 characters, prose 674), low
# enough that a pasted text cannot make a 15 MB page or search index.
Name = Annotated[str, StringConstraints(min_length=1, max_length=400, pattern=r'^[^<>"`\n]+$')]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Year = Annotated[int, Field(ge=1800, le=2100)]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")]
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text written twice: English (our translation) and Chinese (Traditional, HK usage)."""

    en: Prose = Field(description="English; ours, translated from the source")
    zh: Prose = Field(description="Chinese in Traditional script, Hong Kong usage")


class Names(Strict):
    """What a record is called."""

    en: Name = Field(description="English name")
    zh: Name = Field(description="Chinese name, Traditional script, Hong Kong usage")
    aliases: list[Name] = Field(
        default=[], description="other names in any script or language (三藩市, 旧金山, SF)"
    )
    shared: list[Name] = Field(
        default=[],
        description="names this record shares with another record, declared on both "
        "(a name or alias otherwise belongs to one record)",
    )


class Derived(Strict):
    """Figures and names of a claim that follow from its quote without being printed in it."""

    figures: list[Annotated[str, StringConstraints(min_length=1)]] = Field(
        min_length=1,
        description="each as the claim writes it, in English or Chinese: '2022', 'Kendall "
        "Square'; `make check` refuses a figure or name of a claim that its quote does not "
        "hold unless it is listed here, and a listed one that the claim does not write",
    )
    how: Text = Field(
        description="how they follow from the quote: '去年 (last year) in a review dated "
        "January 2023 is 2022'; '这里 (here) is Kendall Square, of which the passage speaks'"
    )


class Fact(Strict):
    """One claim, with the words of the source that back it."""

    id: Slug = Field(description="the fact's anchor on its page; stable, never reused")
    claim: Text = Field(description="what the source says, in our words")
    source: Slug = Field(description="id of the source record")
    quote: Annotated[str, StringConstraints(min_length=2, max_length=119)] = Field(
        description="verbatim words of the source, under 120 characters, in its own script"
    )
    line: int = Field(
        ge=1,
        description="line of the source text on which the quote begins; the fact's locator "
        "(section, paragraph, appendix item) comes from it and the source's outline",
    )
    themes: list[str] = Field(
        default=[],
        description="comparison themes (vocabulary.yml); required on facts of hubs, models, "
        "clusters, strategies, measures and policies; the atlas's reading, not the source's",
    )
    derived: Derived | None = Field(
        default=None,
        description="how figures or names of the claim that the quote does not print were "
        "derived from it; only for a faithful derivation",
    )

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        unknown = [theme for theme in value if theme not in THEMES]
        if unknown:
            raise ValueError(f"one of {', '.join(THEMES)}; found {unknown[0]!r}")
        if len(set(value)) != len(value):
            raise ValueError("each theme once")
        return value


class Relation(Strict):
    """A typed link to another record."""

    type: str = Field(description="one of the relation types in vocabulary.yml")
    target: Slug = Field(description="id of the record linked to")

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in RELATION_TYPES:
            raise ValueError(f"one of {', '.join(sorted(RELATION_TYPES))}")
        return value


class Note(Strict):
    """A remark on the record, most often a quirk of a source that we record, never fix."""

    en: Prose
    zh: Prose
    source: Slug | None = Field(default=None, description="the source the note is about")


class Record(Strict):
    """Fields every record has."""

    id: Slug = Field(description="stable id: the file name and the URL slug, never reused")
    names: Names
    summary: Text = Field(description="two or three sentences for a reader, from the sources")
    facts: list[Fact] = Field(default=[], description="claims with verbatim quotes")
    relations: list[Relation] = Field(default=[], description="typed links to other records")
    notes: list[Note] = Field(default=[], description="quirks of a source, caveats")


PartKind = Literal[
    "front-matter",
    "masthead",
    "title",
    "byline",
    "heading",
    "section",
    "paragraph",
    "figure",
    "caption",
    "list",
    "item",
    "appendix",
    "table",
    "row",
    "date",
    "closing",
    "footer",
]


class SourcePart(Strict):
    """A part of a source text and the lines it spans: a section, a paragraph, an appendix,
    a table row. Facts are located by their line: the parts that hold it, outermost first."""

    kind: PartKind = Field(description="what the part is (for data users; pages show `label`)")
    start: int = Field(ge=1, description="first line of the part in the text")
    end: int = Field(ge=1, description="last line of the part")
    label: Text = Field(
        description="how a reader names the part, our words: 'appendix D', '¶7', 'strategy 3'; "
        "'{title}' stands for the title as printed"
    )
    title: Name | None = Field(
        default=None, description="the part's title as printed, in the text's script"
    )
    parts: list[SourcePart] = Field(default=[], description="the parts within it, in order")


class Source(Record):
    """One of the five texts: a bibliographic record, never the text itself."""

    file: Annotated[str, StringConstraints(pattern=r"^\d{3}_[0-9a-f]+\.txt$")] = Field(
        description="file name in the corpus folder"
    )
    title: Name = Field(description="title as printed, in the source's script")
    authors: list[Name] = Field(default=[], description="authors as printed")
    publisher: Name = Field(description="publisher or issuing body, as printed")
    date: PartialDate | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; null if undated")
    medium: Text = Field(description="where it appeared: newspaper page, column, briefing")
    place: Text | None = Field(default=None, description="place of publication")
    url: WebAddress | None = Field(
        default=None, description="original address, as the text gives it"
    )
    archived_url: WebAddress | None = Field(default=None, description="archived copy's address")
    script: Literal["zh-Hant", "zh-Hans"] = Field(description="script of the text")
    kind: Literal["column", "briefing", "op-ed", "review", "article"]
    outline: list[SourcePart] = Field(
        default=[],
        description="the text's parts and their lines, from which every fact's locator comes",
    )


class Hub(Record):
    """A place where innovation concentrates: city, district, science park, region."""

    kind: Literal["city", "district", "science-park", "region", "network", "country"]


class DistrictModel(Record):
    """An archetype of innovation district, or a city's development formula."""

    kind: Literal["archetype", "formula"]


class Cluster(Record):
    """An industry cluster, proposed or existing."""


class Blueprint(Record):
    """A development blueprint: its vision and aims."""

    released: PartialDate = Field(description="release date")
    vision: Text
    aims: list[Fact] = Field(description="the aims of the vision, each with its quote")


class Direction(Record):
    """One of a blueprint's broad directions."""

    blueprint: Slug
    number: int = Field(ge=1)


class Strategy(Record):
    """One of a blueprint's strategies, with its targets (目標)."""

    blueprint: Slug
    number: int = Field(ge=1)
    direction: Slug | None = Field(
        default=None, description="the direction it serves, only where a source says so"
    )
    targets: list[Fact] = Field(description="the strategy's targets, each with its quote")


class Measure(Record):
    """A measure (建議) proposed under a strategy's target."""

    strategy: Slug
    target: Slug = Field(description="id of the target, in the strategy, that it serves")


# The parts of a printed KPI figure, shared by a cell (KpiValue) and a second figure printed
# in brackets in it (KpiFigure). The link stage checks each against the printed text.
FigureQualifier = Annotated[
    Literal["none", "at-least", "about", "more-than"],
    Field(
        description="the word printed before the number: 不少於 at-least, 約 about, 逾 more-than"
    ),
]
FigureMultiplier = Annotated[
    Literal["萬", "億"] | None,
    Field(description="the multiplier printed after the number (萬 10⁴, 億 10⁸), not applied"),
]
PrintedUnit = Annotated[
    str | None,
    StringConstraints(pattern=r"^[^\d\s()（）:]+$", max_length=12),
    Field(description="the unit word or sign printed after the number: %, 港元, 間, 人"),
]


class KpiFigure(Strict):
    """A second figure printed in a KPI cell, in brackets: 0.74% (167.27 億港元)."""

    value: float
    qualifier: FigureQualifier = "none"
    multiplier: FigureMultiplier = None
    printed_unit: PrintedUnit = None


class KpiValue(Strict):
    """One cell of a KPI table."""

    column: Year = Field(description="the table column's year, e.g. 2016")
    figure_year: Year | None = Field(
        default=None, description="the year of the figure, where it differs: 2016 (2014 年數字)"
    )
    printed: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="the value exactly as printed; it must appear in one of the record's quotes"
    )
    kind: Literal["actual", "target"]
    value: float | None = Field(
        description="the printed number as a number, nothing added: no separators, qualifier, "
        "multiplier or unit (約 5 000 間 → 5000, 0.74% → 0.74, 56:44 → 56); null only if no "
        "number is printed. `make check` refuses one that disagrees with `printed`"
    )
    qualifier: FigureQualifier = "none"
    multiplier: FigureMultiplier = None
    printed_unit: PrintedUnit = None
    ratio_to: float | None = Field(
        default=None, description="for a ratio printed a:b, the b (`value` holds the a)"
    )
    bracketed: KpiFigure | None = Field(
        default=None,
        description="a second figure printed in brackets, with the keys value, qualifier, "
        "multiplier, printed_unit: 0.74% (167.27 億港元) → {value: 167.27, multiplier: 億, "
        "printed_unit: 港元}; a bracketed year, (2021 年), is the figure_year",
    )


class Kpi(Record):
    """A key performance indicator with its values per column year."""

    blueprint: Slug
    number: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")] = Field(
        description="number in the table, e.g. '2.1'"
    )
    area: Text = Field(description="the table's group: research, start-ups, talent, industry")
    unit: Text
    values: list[KpiValue]


class Policy(Record):
    """A named law, plan, fund, report, scheme or zone."""

    kind: Literal["law", "plan", "strategy", "fund", "scheme", "report", "zone", "index"]
    year: Year | None = Field(default=None, description="year issued, where a source gives it")


class Organisation(Record):
    """A government body, company, university, institute or association."""

    kind: Literal[
        "government", "company", "university", "research-institute", "association", "think-tank"
    ]


class Concept(Record):
    """An idea the sources use: path dependency, pilot production, new quality productive forces."""


class Group(Record):
    """A set of records that a source names as one: 美國五大創新重鎮, 五大產業集群.

    Its members are its `has-member` relations, in the source's order; its facts quote the
    words that name the group and list its members.
    """

    count: int | None = Field(
        default=None,
        ge=2,
        description="how many members the source says the group has (五大 → 5), where it says",
    )

    @field_validator("relations")
    @classmethod
    def _members(cls, value: list[Relation]) -> list[Relation]:
        members = [relation for relation in value if relation.type == "has-member"]
        if len(members) < 2:
            raise ValueError(f"at least two has-member relations; {len(members)} listed")
        return value

    @field_validator("count")
    @classmethod
    def _count(cls, value: int | None, info: ValidationInfo) -> int | None:
        relations = info.data.get("relations") or []
        members = sum(relation.type == "has-member" for relation in relations)
        if value is not None and relations and members != value:
            raise ValueError(f"the number of has-member relations, {members}")
        return value


class Trend(Record):
    """A trend a source foresees."""

    number: int | None = Field(default=None, ge=1)


# data/<folder>/ → the model of the records in it. The folder is also the URL segment.
FOLDERS: dict[str, type[Record]] = {
    "sources": Source,
    "hubs": Hub,
    "models": DistrictModel,
    "clusters": Cluster,
    "blueprints": Blueprint,
    "directions": Direction,
    "strategies": Strategy,
    "measures": Measure,
    "kpis": Kpi,
    "policies": Policy,
    "organisations": Organisation,
    "concepts": Concept,
    "trends": Trend,
    "groups": Group,
}
FOLDER_OF: dict[type[Record], str] = {model: folder for folder, model in FOLDERS.items()}


def folder_of(record: Record) -> str:
    return FOLDER_OF[type(record)]


# Fields that hold quoted items (Fact objects): every record's facts, a blueprint's aims,
# a strategy's targets. Each item is checked against its source and gets an anchor.
QUOTED_FIELDS = ("facts", "aims", "targets")


def quoted_fields(record: Record) -> list[tuple[str, list[Fact]]]:
    return [(name, list(getattr(record, name))) for name in QUOTED_FIELDS if hasattr(record, name)]


def quoted_items(record: Record) -> list[Fact]:
    """Every quoted item of a record, in field order."""
    return [item for _, items in quoted_fields(record) for item in items]
