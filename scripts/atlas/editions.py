"""Editions: the atlas's published states, kept in the repository, and what changed in each.

``data/editions.yml`` lists the editions, oldest first (version, date, a line in en/zh);
``data/editions/<version>.tsv`` holds each record's fingerprint at that edition, one
``<folder>/<id>\\t<fingerprint>`` per line. From them the build knows, for every record,
the edition in which it last changed, and, per edition, which records were added, changed
and removed. ``python -m atlas edition 1.1`` records a new edition of the current data.

A fingerprint is the hash of the validated record (its JSON, keys sorted), so reformatting a
YAML file changes nothing, while any change to a claim, quote, name or relation does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.link import Atlas
from atlas.model import folder_of
from atlas.problems import Problem, shorten
from atlas.publication import Edition
from atlas.record_file import read_yaml

EDITIONS_FILE = "editions.yml"
FINGERPRINTS_FOLDER = "editions"


def record_key(folder: str, record_id: str) -> str:
    return f"{folder}/{record_id}"


def fingerprints(atlas: Atlas) -> dict[str, str]:
    """Every record's fingerprint, keyed folder/id."""
    prints = {}
    for record in atlas.records.values():
        text = json.dumps(record.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        prints[record_key(folder_of(record), record.id)] = digest
    return prints


@dataclass(frozen=True)
class EditionEntry:
    """An edition as the repository keeps it, with the fingerprints of its records."""

    edition: Edition
    summary: dict[str, str]
    records: dict[str, str]


@dataclass(frozen=True)
class EditionChanges:
    """What one edition added, changed and removed, against the one before."""

    edition: Edition
    summary: dict[str, str]
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class History:
    """The editions, and for the current data what is not yet in any of them."""

    editions: list[EditionChanges]
    last_changed: dict[str, Edition]  # folder/id → the edition its current state belongs to
    pending: EditionChanges | None  # current data against the newest edition; None if equal

    @property
    def current(self) -> Edition | None:
        return self.editions[-1].edition if self.editions else None


def _problem(path: str, line: int, field_name: str, expected: str, found: object) -> Problem:
    return Problem(path, line, field_name, expected, shorten(found))


def read_editions(data_dir: Path, problems: list[Problem]) -> list[EditionEntry]:
    """The editions file and its fingerprint files; anything amiss becomes a problem."""
    path = data_dir / EDITIONS_FILE
    shown = f"{data_dir.name}/{EDITIONS_FILE}"
    if not path.exists():  # a data set without editions (a fixture, a new atlas): a draft
        return []
    parsed = read_yaml(path, shown, problems)
    if parsed is None:
        return []
    entries = parsed.data
    if entries is None:  # no edition yet: the pages carry a draft
        return []
    if not isinstance(entries, list):
        problems.append(_problem(shown, 1, "(file)", "a list of editions", entries))
        return []
    editions: list[EditionEntry] = []
    for index, entry in enumerate(entries):
        where = f"[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"version", "date", "summary"}:
            problems.append(_problem(shown, 1, where, "version, date and summary", entry))
            continue
        version, date, summary = str(entry["version"]), entry["date"], entry["summary"]
        if not isinstance(date, dt.date):
            problems.append(_problem(shown, 1, f"{where}.date", "a date YYYY-MM-DD", date))
            continue
        if not isinstance(summary, dict) or set(summary) != {"en", "zh"}:
            problems.append(_problem(shown, 1, f"{where}.summary", "{en: …, zh: …}", summary))
            continue
        if editions and date < editions[-1].edition.date:
            problems.append(_problem(shown, 1, f"{where}.date", "editions oldest first", date))
        prints_path = data_dir / FINGERPRINTS_FOLDER / f"{version}.tsv"
        if not prints_path.is_file():
            problems.append(
                _problem(shown, 1, f"{where}.version", f"a file {prints_path.name}", "none")
            )
            continue
        records = {}
        for line in prints_path.read_text("utf-8").splitlines():
            key, _, digest = line.partition("\t")
            records[key] = digest
        editions.append(EditionEntry(Edition(version, date), summary, records))
    return editions


def history(entries: list[EditionEntry], current: dict[str, str]) -> History:
    """Per edition, what changed; per record, the edition of its current state."""
    changes: list[EditionChanges] = []
    previous: dict[str, str] = {}
    since: dict[str, Edition] = {}
    for entry in entries:
        changes.append(_diff(entry.edition, entry.summary, previous, entry.records))
        for key, digest in entry.records.items():
            if previous.get(key) != digest:
                since[key] = entry.edition
        previous = entry.records
    newest = changes[-1].edition if changes else Edition("draft", dt.date.today())
    pending = _diff(newest, {}, previous, current)
    is_pending = bool(pending.added or pending.changed or pending.removed)
    last_changed = {
        key: since[key]
        for key, digest in current.items()
        if key in since and previous.get(key) == digest
    }
    return History(changes, last_changed, pending if is_pending else None)


def _diff(
    edition: Edition, summary: dict[str, str], before: dict[str, str], after: dict[str, str]
) -> EditionChanges:
    return EditionChanges(
        edition,
        summary,
        added=sorted(key for key in after if key not in before),
        changed=sorted(key for key in after if key in before and before[key] != after[key]),
        removed=sorted(key for key in before if key not in after),
    )


def record_edition(
    data_dir: Path, atlas: Atlas, version: str, date: dt.date, summary: dict[str, str]
) -> Path:
    """Write a new edition of the current data: its fingerprints, and its entry."""
    folder = data_dir / FINGERPRINTS_FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / f"{version}.tsv"
    if target.exists():
        raise FileExistsError(f"{target}: edition {version} exists; editions are never rewritten")
    prints = fingerprints(atlas)
    target.write_text("".join(f"{key}\t{prints[key]}\n" for key in sorted(prints)), "utf-8")
    entry = {"version": version, "date": date, "summary": summary}
    with (data_dir / EDITIONS_FILE).open("a", encoding="utf-8") as stream:
        stream.write(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False))
    return target
