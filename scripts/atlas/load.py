"""Stage 1, load: YAML files → plain data, with the line each key and item stands on."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from atlas.model import FOLDERS
from atlas.problems import Problem
from atlas.record_file import MAX_FILE_BYTES, Location, kind_of, open_unfollowed, read_yaml

# Files of data/ that describe the site rather than a record: the editions and their
# fingerprints (atlas.editions), the redirects left by renamed ids, the published addresses.
SITE_FILES = ("editions.yml", "editions", "redirects.yml", "published-urls.txt")


@dataclass
class RawRecord:
    """One record file as read: its data and where each part of it stands."""

    path: str
    folder: str
    data: object
    lines: dict[Location, int] = field(default_factory=dict)

    def claimed_id(self) -> str:
        """The id the file gives itself, valid or not (its name when it gives none)."""
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else Path(self.path).stem

    def strings(self) -> set[str]:
        """Every text value of the file (among them the ids it links to)."""
        found: set[str] = set()
        stack = [self.data]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        return found

    def line_of(self, location: Location) -> int:
        """The line of the deepest part of `location` that the file has (1 if none)."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1


def dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(record)"


def load_file(path: Path, folder: str, shown: str, problems: list[Problem]) -> RawRecord | None:
    """Read one record file (atlas.record_file); what it cannot be is one problem, with its line."""
    parsed = read_yaml(path, shown, problems)
    if parsed is None:
        return None
    if parsed.empty:
        problems.append(Problem(shown, 1, "(file)", "a record", "an empty file"))
        return None
    for place, line in parsed.repeated:
        problems.append(Problem(shown, line, dotted(place), "each key once", "it twice"))
    return RawRecord(shown, folder, parsed.data, parsed.lines)


def _entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted((entry for entry in entries if not entry.name.startswith(".")), key=_name)


def _name(entry: os.DirEntry) -> str:
    return entry.name


@dataclass
class RefusedFile:
    """A record file that could not be read or parsed: the id its name gives it, where it
    is, and the words of its text that look like ids (the records it may have linked to)."""

    id: str
    path: str
    words: set[str]


ID_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _words_of(path: Path) -> set[str]:
    try:
        with open_unfollowed(path) as stream:
            raw = stream.read(MAX_FILE_BYTES)
    except OSError:
        return set()
    return set(ID_WORD.findall(raw.decode("utf-8", "replace")))


def load_folder(
    data_dir: Path, problems: list[Problem], refused: list[RefusedFile] | None = None
) -> list[RawRecord]:
    """Every record file of data/<folder>/, in a stable order. Anything else is a problem:
    a file outside the record folders, a folder inside one, a link (never followed), a pipe,
    a folder without records. A record file that cannot be read or parsed goes into
    `refused` too, by the id its name gives it, so that the problems of the records that
    link to it can say why that id is missing."""
    shown_root = data_dir.name or str(data_dir)
    expected = f"a .yml file in one of data/{{{','.join(FOLDERS)}}}/"
    if not data_dir.is_dir() or data_dir.is_symlink():
        what = "a symbolic link" if data_dir.is_symlink() else "nothing there"
        problems.append(Problem(shown_root, 1, "(folder)", "a folder of record files", what))
        return []
    records: list[RawRecord] = []
    for top in _entries(data_dir):
        if top.name in SITE_FILES:
            continue
        shown_top = f"{shown_root}/{top.name}"
        if top.name not in FOLDERS or not top.is_dir(follow_symlinks=False):
            found = kind_of(top.stat(follow_symlinks=False).st_mode) if top.is_symlink() else ""
            problems.append(Problem(shown_top, 1, "(file)", expected, found or repr(top.name)))
            continue
        for entry in _entries(Path(top.path)):
            shown = f"{shown_top}/{entry.name}"
            mode = entry.stat(follow_symlinks=False).st_mode
            if not stat.S_ISREG(mode):
                problems.append(Problem(shown, 1, "(file)", "a .yml record file", kind_of(mode)))
            elif not entry.name.endswith(".yml"):
                problems.append(Problem(shown, 1, "(file)", expected, repr(entry.name)))
            elif record := load_file(Path(entry.path), top.name, shown, problems):
                records.append(record)
            elif refused is not None:
                stem = entry.name.removesuffix(".yml")
                refused.append(RefusedFile(stem, shown, _words_of(Path(entry.path))))
    if not records and not problems:
        problems.append(Problem(shown_root, 1, "(folder)", "at least one record", "none"))
    return records
