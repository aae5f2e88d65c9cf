"""Stage 1, load: YAML files → plain data, with the line each key and item stands on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.model import FOLDERS
from atlas.problems import Problem, shorten

Location = tuple[str | int, ...]
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

    def line_of(self, location: Location) -> int:
        """The line of the deepest part of `location` that the file has (1 if none)."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1


def _map_lines(
    node: yaml.Node, location: Location, lines: dict[Location, int], path: str, problems: list
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(path, line, dotted((*location, key)), "each key once", "it twice")
                )
            seen.add(key)
            lines[(*location, key)] = line
            _map_lines(value_node, (*location, key), lines, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*location, index)] = item.start_mark.line + 1
            _map_lines(item, (*location, index), lines, path, problems)


def dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(record)"


def load_file(path: Path, folder: str, shown: str, problems: list[Problem]) -> RawRecord | None:
    """Read one YAML file; a syntax error becomes a problem with its line."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(shown, line, "(file)", "valid YAML", str(error.problem)))
        return None
    if node is None:
        problems.append(Problem(shown, 1, "(file)", "a record", "an empty file"))
        return None
    record = RawRecord(shown, folder, data)
    _map_lines(node, (), record.lines, shown, problems)
    return record


def load_folder(data_dir: Path, problems: list[Problem]) -> list[RawRecord]:
    """Every record file under data/, in a stable order; misplaced files are problems."""
    records = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        relative = path.relative_to(data_dir)
        if relative.parts[0] in SITE_FILES:
            continue
        shown = str(Path(data_dir.name) / relative)
        folder = relative.parts[0] if len(relative.parts) == 2 else ""
        if folder not in FOLDERS or path.suffix != ".yml":
            problems.append(
                Problem(
                    shown,
                    1,
                    "(file)",
                    f"a .yml file in one of data/{{{','.join(FOLDERS)}}}/",
                    shorten(str(relative)),
                )
            )
            continue
        record = load_file(path, folder, shown, problems)
        if record is not None:
            records.append(record)
    return records
