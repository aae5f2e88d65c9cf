"""Reading one file of data/: open, decode and parse as one guarded step.

Whatever the file holds, the result is its YAML tree, or a `RefusedFileError` that says in one
line what was expected and what was found: never a traceback, a hang or a blow-up. So:

- only regular files are read: a symbolic link, a named pipe, a socket or a device is
  reported without being opened or followed (a pipe would block the build for ever);
- a file larger than MAX_FILE_BYTES is refused before it is read;
- bytes that are not UTF-8, and characters YAML does not allow (raw control characters),
  are reported with their line;
- YAML is parsed once, with libyaml (the C loader) when PyYAML has it;
- aliases (`*name`) are refused before anything recurses over the tree: records never need
  them, and they are how a file loops on itself (`&a [*a]`) or grows a billion-fold;
- nesting deeper than MAX_DEPTH is refused: no record needs it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from atlas.problems import Problem

MAX_FILE_BYTES = 256 * 1024  # the largest record today is about 26 KB
MAX_DEPTH = 12  # a record nests five levels at most (facts[0].derived.how.en)
C_LOADER = hasattr(yaml, "CSafeLoader")
LOADER = yaml.CSafeLoader if C_LOADER else yaml.SafeLoader


def read_own_yaml(path: Path) -> object:
    """One of the atlas's own YAML files (vocabulary, tables, settings: not a record, so no
    line numbers and no limits), read with the loader the records use."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


@dataclass
class RefusedFileError(Exception):
    """A file that cannot be a record, and why: the line, what was expected, what was found."""

    line: int
    expected: str
    found: str


def kind_of(mode: int) -> str:
    """What a non-regular file is, in an editor's words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link (links are not followed)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_text(path: Path) -> str:
    """The text of a regular UTF-8 file of at most MAX_FILE_BYTES."""
    try:
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode):
            raise RefusedFileError(1, "a regular file", kind_of(status.st_mode))
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise RefusedFileError(
                1, f"a file of at most {MAX_FILE_BYTES:,} bytes", f"{size:,} bytes"
            )
        # O_NONBLOCK: should the file have become a pipe since lstat, opening it cannot hang
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise RefusedFileError(
            1, "a file the build can read", error.strerror or str(error)
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RefusedFileError(1, f"a file of at most {MAX_FILE_BYTES:,} bytes", "more")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        found = f"byte 0x{raw[error.start]:02x} at column {column}"
        raise RefusedFileError(line, "text in UTF-8", found) from None


def parse_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """The YAML tree of `text` and the data it holds (None, None for an empty file)."""
    loader = LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            raise RefusedFileError(line, "valid YAML", str(error.problem)) from None
        except yaml.reader.ReaderError as error:
            # libyaml counts the position in bytes of UTF-8, PyYAML in characters
            before = text.encode()[: error.position] if C_LOADER else text[: error.position]
            line = before.count(b"\n" if C_LOADER else "\n") + 1
            found = f"the character {chr(error.character)!r}"
            raise RefusedFileError(line, "text without control characters", found) from None
        except yaml.YAMLError as error:
            raise RefusedFileError(1, "valid YAML", str(error).splitlines()[0]) from None
        if node is None:
            return None, None
        try:
            _refuse_aliases_and_depth(node)
        except RefusedFileError as refused:
            line = _first_alias_line(text) or refused.line
            raise RefusedFileError(line, refused.expected, refused.found) from None
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def read_yaml(
    path: Path, shown: str, problems: list[Problem]
) -> tuple[yaml.Node | None, object] | None:
    """read_text and parse_yaml as one step for a file of data/: its tree and data
    ((None, None) when it is empty), or None with the refusal added to `problems`."""
    try:
        return parse_yaml(read_text(path))
    except RefusedFileError as refused:
        problems.append(Problem(shown, refused.line, "(file)", refused.expected, refused.found))
        return None


def _refuse_aliases_and_depth(root: yaml.Node) -> None:
    """An alias makes one node appear twice in the tree: refuse it before any recursion.
    The walk keeps its own stack, so neither a loop nor deep nesting can overflow it."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise RefusedFileError(node.start_mark.line + 1, "no YAML aliases (*name)", "an alias")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            found = f"more than {MAX_DEPTH} levels"
            raise RefusedFileError(node.start_mark.line + 1, "nesting a record needs", found)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]


def _first_alias_line(text: str) -> int | None:
    """Where the first alias is used (the tree only knows where its anchor stands)."""
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None
