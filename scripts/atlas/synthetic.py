"""Synthetic data sets for the benchmark: our records, copied `factor` times.

Copy k of a record gets the id `<id>-x<k>` and names with " #<k>" appended (in English,
Chinese and every alias, so search has more distinct words to hold), and the original's
names as aliases that the original and its copies declare shared; its relations and
structural parents point into the same copy, its facts keep their sources, quotes and
lines, so every copy passes the same checks as the original.
The text mixes both scripts and English exactly as our records do. Sources are not
copied: every copy cites the same five texts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from atlas.link import PARENT_FIELDS
from atlas.model import FOLDERS
from atlas.record_file import read_own_yaml

# The fields that name a structural parent (a strategy's blueprint, a measure's strategy).
PARENT_NAMES = sorted({name for _, name, _ in PARENT_FIELDS})


def _copy_record(record: dict, copy: int, ids: set[str]) -> dict:
    def renamed(record_id: str) -> str:
        return f"{record_id}-x{copy}" if record_id in ids else record_id

    record = dict(record)
    record["id"] = renamed(record["id"])
    names = dict(record["names"])
    originals = _own_names(names)
    # "#2", not "2": "香港 2" would be found inside "香港 2022" of a summary
    names["en"] = f"{names['en']} #{copy}"
    names["zh"] = f"{names['zh']} #{copy}"
    # the original's names too, shared with it: a claim of the copy may name its subject as
    # the original's claim does ("Berlin"), and the claims check reads it the same way
    names["aliases"] = [f"{name} #{copy}" for name in names.get("aliases", [])] + originals
    names["shared"] = [f"{name} #{copy}" for name in names.get("shared", [])] + originals
    record["names"] = names
    for field in PARENT_NAMES:
        if record.get(field):
            record[field] = renamed(record[field])
    record["relations"] = [
        {"type": relation["type"], "target": renamed(relation["target"])}
        for relation in record.get("relations", [])
    ]
    return record


def _own_names(names: dict) -> list[str]:
    return list(dict.fromkeys([names["en"], names["zh"], *names.get("aliases", [])]))


def _sharing(record: dict) -> dict:
    """The original, declaring its names shared with its copies."""
    names = dict(record["names"])
    names["shared"] = list(dict.fromkeys([*names.get("shared", []), *_own_names(names)]))
    return {**record, "names": names}


def write_synthetic_data(source: Path, target: Path, factor: int) -> Path:
    """Write `factor` × the records of `source` (the originals among them) into `target`."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    if factor <= 1:
        return target
    records: dict[Path, dict] = {}
    for folder in FOLDERS:
        if folder == "sources":
            continue
        for path in sorted((source / folder).glob("*.yml")):
            records[path] = read_own_yaml(path)
    ids = {record["id"] for record in records.values()}
    for path, record in records.items():
        shared = _sharing(record)
        (target / path.parent.name / path.name).write_text(
            yaml.safe_dump(shared, allow_unicode=True, sort_keys=False), "utf-8"
        )
    for copy in range(1, factor):
        for path, record in records.items():
            copied = _copy_record(record, copy, ids)
            out = target / path.parent.name / f"{copied['id']}.yml"
            out.write_text(yaml.safe_dump(copied, allow_unicode=True, sort_keys=False), "utf-8")
    return target
