"""Redirects: a renamed record id leaves its old address behind, pointing at the new one.

``data/redirects.yml`` lists them, each ``{from: <folder>/<old-id>, to: <folder>/<new-id>}``;
entries are never removed (the old address was published). The build writes, in every
language, a page at the old address that sends the reader on, anchor and all, and names the
new address as canonical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from atlas.link import Atlas
from atlas.model import folder_of
from atlas.problems import Problem, shorten
from atlas.record_file import read_yaml

REDIRECTS_FILE = "redirects.yml"
_KEY = re.compile(r"^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Redirect:
    """An old record address (folder/id) and the record it now belongs to."""

    old: str
    new: str


def read_redirects(data_dir: Path, atlas: Atlas, problems: list[Problem]) -> list[Redirect]:
    path = data_dir / REDIRECTS_FILE
    shown = f"{data_dir.name}/{REDIRECTS_FILE}"
    if not path.exists():
        return []
    parsed = read_yaml(path, shown, problems)
    if parsed is None or parsed.empty:
        return []
    entries = parsed.data
    if not isinstance(entries, list):
        problems.append(Problem(shown, 1, "(file)", "a list of {from, to}", "another shape"))
        return []
    current = {f"{folder_of(record)}/{record.id}" for record in atlas.records.values()}
    redirects: list[Redirect] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        line = parsed.lines.get((index,), 1)
        if not isinstance(entry, dict) or set(entry) != {"from", "to"}:
            problems.append(Problem(shown, line, f"[{index}]", "{from: …, to: …}", "other keys"))
            continue
        old, new = str(entry["from"]), str(entry["to"])
        for name, value in (("from", old), ("to", new)):
            if not _KEY.match(value):
                expected = "<folder>/<id>, e.g. hubs/london"
                problems.append(Problem(shown, line, f"[{index}].{name}", expected, shorten(value)))
        if old in current:
            problems.append(
                Problem(shown, line, f"[{index}].from", "an id no record uses", shorten(old))
            )
        if new not in current:
            problems.append(Problem(shown, line, f"[{index}].to", "a record", shorten(new)))
        if old in seen:
            problems.append(Problem(shown, line, f"[{index}].from", "each old id once", old))
        seen.add(old)
        redirects.append(Redirect(old, new))
    return redirects
