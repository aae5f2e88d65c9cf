"""The changelog: /<lang>/changelog/, per edition the records added, changed and removed.

Also what record pages say of their own history (`record_history`): the edition in which
the record last changed, linked to that edition on the changelog.
"""

from __future__ import annotations

from collections.abc import Iterator

from atlas.editions import EditionChanges
from atlas.model import Record, folder_of
from atlas.pages.view import LanguageView, Page, page_url, relative
from atlas.vocabulary import TYPE_LABELS

URL = "changelog/"


def edition_anchor(version: str) -> str:
    """#edition-1-0 for edition 1.0: the same in every language, safe in any URL."""
    return "edition-" + version.replace(".", "-").replace("+", "-")


def pages(view: LanguageView) -> Iterator[Page]:
    history = view.publication.history
    if history is None:
        return
    editions = [_edition(view, changes) for changes in reversed(history.editions)]
    pending = _edition(view, history.pending) if history.pending else None
    yield Page(
        "changelog.md",
        "changelog.md.j2",
        {
            "changelog": {
                "title": view.ui["changelog"],
                "current": view.publication.edition.version,
                "built": view.publication.built.isoformat(),
                "editions": editions,
                "pending": pending,
            }
        },
    )


def _edition(view: LanguageView, changes: EditionChanges) -> dict[str, object]:
    return {
        "version": changes.edition.version,
        "date": changes.edition.date.isoformat(),
        "anchor": edition_anchor(changes.edition.version),
        "summary": _summary(view, changes.summary),
        "groups": [
            {"label": view.ui[f"changes_{kind}"], "kind": kind, "types": _by_type(view, keys)}
            for kind, keys in (
                ("added", changes.added),
                ("changed", changes.changed),
                ("removed", changes.removed),
            )
        ],
    }


def _summary(view: LanguageView, summary: dict[str, str]) -> str:
    if not summary:
        return ""
    return summary["en"] if view.code == "en" else view.zh(summary["zh"])


def _by_type(view: LanguageView, keys: list[str]) -> list[dict[str, object]]:
    """Record keys (folder/id) grouped by type, linked where the record still exists."""
    types = []
    for folder in TYPE_LABELS:
        members = [key.split("/", 1)[1] for key in keys if key.split("/", 1)[0] == folder]
        if not members:
            continue
        entries = []
        for record_id in members:
            record = view.atlas.records.get(record_id)
            if record is not None and folder_of(record) == folder:
                entries.append(view.ref(record, URL))
            else:
                entries.append({"id": record_id, "name": f"{folder}/{record_id}", "href": ""})
        types.append({"label": view.label(TYPE_LABELS[folder]), "records": entries})
    return types


def record_history(view: LanguageView, record: Record) -> dict[str, object]:
    """Which edition the record's current state belongs to, for its page."""
    history = view.publication.history
    url = page_url(record)
    key = f"{folder_of(record)}/{record.id}"
    edition = history.last_changed.get(key) if history else None
    href = relative(url, URL)
    if edition is None:  # changed since the newest edition (or no edition yet)
        return {"pending": True, "version": "", "date": "", "href": href + "#pending"}
    return {
        "pending": False,
        "version": edition.version,
        "date": edition.date.isoformat(),
        "href": f"{href}#{edition_anchor(edition.version)}",
    }
