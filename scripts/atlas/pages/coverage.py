"""The coverage page: /<lang>/coverage/, what the atlas holds, per type and source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from atlas.model import Source, folder_of, quoted_items
from atlas.pages.view import LanguageView, Page, relative, source_code
from atlas.vocabulary import TYPE_LABELS

URL = "coverage/"


def pages(view: LanguageView) -> Iterator[Page]:
    yield Page("coverage.md", "coverage.md.j2", {"coverage": coverage(view)})


def coverage(view: LanguageView) -> dict[str, object]:
    atlas = view.atlas
    sources = sorted(atlas.of_type(Source), key=lambda source: source.file)
    records = [r for r in atlas.records.values() if not isinstance(r, Source)]
    cited = {r.id: {fact.source for fact in quoted_items(r)} for r in records}
    types = []
    for folder in TYPE_LABELS:
        members = [r for r in records if folder_of(r) == folder]
        if members:
            types.append(
                {
                    "folder": folder,
                    "label": view.label(TYPE_LABELS[folder]),
                    "href": relative(URL, f"{folder}/"),
                    "counts": [sum(s.id in cited[r.id] for r in members) for s in sources],
                    "total": len(members),
                }
            )
    counts = Counter(len(quoted_items(r)) for r in records)
    single = [r for r in records if len(cited[r.id]) == 1]
    return {
        "sources": [view.ref(s, URL) | {"short": source_code(s)} for s in sources],
        "types": types,
        "facts_per_source": [
            sum(f.source == s.id for r in records for f in quoted_items(r)) for s in sources
        ],
        "facts_total": sum(len(quoted_items(r)) for r in records),
        "fact_counts": [{"facts": n, "records": counts[n]} for n in sorted(counts)],
        "single_source": [
            view.ref(r, URL)
            | {
                "kind": view.type_label(r),
                "source": source_code(atlas.source(next(iter(cited[r.id])))),
            }
            for r in sorted(single, key=lambda r: (folder_of(r), r.id))
        ],
        "quirks": [
            view.ref(r, URL) | {"text": view.note(note, URL)["text"]}
            for r in atlas.records.values()
            for note in r.notes
            if note.source
        ],
    }
