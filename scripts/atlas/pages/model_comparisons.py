"""Models side by side: the five innovation-district archetypes against their example
districts (/<lang>/compare/district-models/), and the Xuchang briefing's city formulas
(/<lang>/compare/city-formulas/). Both are the compare view's table with rows of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from atlas.model import DistrictModel, Fact, Hub, Record, quoted_items
from atlas.pages.compare import Cell, table
from atlas.pages.facets import examples_of
from atlas.pages.view import LanguageView, Page

DRIVER_THEMES = (
    "talent",
    "research",
    "capital",
    "place",
    "anchor-firms",
    "manufacturing",
    "startups",
    "openness",
    "networks",
    "digital",
)


def pages(view: LanguageView) -> Iterator[Page]:
    """Both pages always exist (the home page links to them), even on a small data set."""
    models = sorted(view.atlas.of_type(DistrictModel), key=lambda m: _first_line(m))
    archetypes = [m for m in models if isinstance(m, DistrictModel) and m.kind == "archetype"]
    formulas = [m for m in models if isinstance(m, DistrictModel) and m.kind == "formula"]
    yield _page(view, "district-models", archetypes, archetype_rows())
    yield _page(view, "city-formulas", formulas, formula_rows())


def _page(view: LanguageView, slug: str, models: list[Record], rows) -> Page:
    key = slug.replace("-", "_")
    return Page(
        f"compare/{slug}.md",
        "model_comparison.md.j2",
        {
            "comparison": {
                "title": view.ui[f"{key}_title"],
                "intro": view.ui[f"{key}_intro"],
                "table": table(view, models, f"compare/{slug}/", rows, themes=False),
            }
        },
    )


def _first_line(record: Record) -> tuple:
    """Models in the order their source presents them."""
    lines = [f.line for f in quoted_items(record) if not f.id.startswith("one-of-")]
    return (min(lines, default=0), record.id)


def examples(view: LanguageView, model: Record) -> list[Hub]:
    return sorted(examples_of(view.atlas, model), key=view.name)


def _facts(
    view: LanguageView, model: Record, url: str, keep: Callable[[Fact], bool], with_examples: bool
) -> Cell:
    """The model's facts that `keep` keeps, then its examples' facts from the same sources."""
    owners: list[Record] = [model]
    sources = {f.source for f in quoted_items(model)}
    if with_examples:
        owners += examples(view, model)
    facts = [
        view.fact(f, url, owner)
        for owner in owners
        for f in quoted_items(owner)
        if keep(f) and (owner is model or f.source in sources)
    ]
    return {"facts": facts}


def _themed(*themes: str, examples_too: bool = True, exclude: tuple[str, ...] = ()):
    def build(view: LanguageView, model: Record, url: str) -> Cell:
        def keep(fact: Fact) -> bool:
            return bool(set(fact.themes) & set(themes)) and not set(fact.themes) & set(exclude)

        return _facts(view, model, url, keep, examples_too)

    return build


def _examples_row(view: LanguageView, model: Record, url: str) -> Cell:
    return {"refs": [view.ref(hub, url) for hub in examples(view, model)]}


def _anchors_row(view: LanguageView, model: Record, url: str) -> Cell:
    anchors = {
        link.target: view.atlas.records[link.target]
        for owner in [model, *examples(view, model)]
        for link in view.atlas.outgoing(owner.id)
        if link.type == "anchored-by"
    }
    return {"refs": [view.ref(r, url) for r in sorted(anchors.values(), key=view.name)]}


def archetype_rows() -> dict[str, Callable[[LanguageView, Record, str], Cell]]:
    return {
        "summary": lambda view, model, url: {"text": view.text(model.summary)},
        "examples": _examples_row,
        "anchors": _anchors_row,
        "government": _themed("government"),
        "drivers": _themed(*DRIVER_THEMES, exclude=("costs",)),
        "risks": _themed("costs"),
        "outcomes": _themed("outcomes", exclude=("costs",)),
    }


def _is_lesson(fact: Fact) -> bool:
    return fact.id.startswith("lesson")


def formula_rows() -> dict[str, Callable[[LanguageView, Record, str], Cell]]:
    return {
        "formula": lambda view, model, url: {"text": view.text(model.summary)},
        "features": lambda view, model, url: _facts(
            view, model, url, lambda f: not _is_lesson(f), False
        ),
        "lessons": lambda view, model, url: _facts(view, model, url, _is_lesson, False),
    }
