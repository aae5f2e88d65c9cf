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
- nesting deeper than MAX_DEPTH is refused: no record needs it;
- a value its tag cannot be (`!!int x`, the date 2022-13-45), a key that is not text (a
  number, a date, a list), a merge key (`<<`) and a tag on a list or mapping are refused
  with their line.

The tree is walked once, with a stack of its own (neither a loop nor deep nesting can
overflow it): aliases and depth refused, the data built, and the line of every key and item
noted on the way (tests/test_bad_input.py holds a case for each refusal).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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


Location = tuple[str | int, ...]  # a part of a record: its keys and item numbers, in order
PLAIN = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
TEXT = "tag:yaml.org,2002:str"
# the scalars a record may hold (YAML's core types), in an editor's words
SCALARS = {
    f"tag:yaml.org,2002:{name}": words
    for name, words in {
        "null": "nothing (~ or null)",
        "bool": "true or false",
        "int": "a whole number",
        "float": "a number",
        "timestamp": "a date YYYY-MM-DD",
    }.items()
}
MERGE = "tag:yaml.org,2002:merge"
# what a scalar's constructor raises on a value its tag cannot be
CONSTRUCTOR_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, ArithmeticError)


@dataclass
class ParsedYaml:
    """A file's data, the line each key and item of it stands on, and the keys a mapping
    gives twice (their place and line). `empty`: the file holds no YAML document at all."""

    data: object = None
    lines: dict[Location, int] = field(default_factory=dict)
    repeated: list[tuple[Location, int]] = field(default_factory=list)
    empty: bool = False


@dataclass
class RefusedFileError(Exception):
    """A file that cannot be a record, and why: the line, what was expected, what was found."""

    line: int
    expected: str
    found: str


class AliasRefusedError(RefusedFileError):
    """An alias: its line is where it is used, which only the file's text can tell."""


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


def open_unfollowed(path: Path) -> BinaryIO:
    """`path` opened for reading in binary, never through a link (O_NOFOLLOW) and never
    waiting: should the file have become a pipe since it was looked at, opening it cannot
    hang (O_NONBLOCK). Raises OSError."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(descriptor, "rb")


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
        with open_unfollowed(path) as stream:
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


def parse_yaml(text: str) -> ParsedYaml:
    """The data of `text`, with its lines (an empty ParsedYaml for an empty file)."""
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
            return ParsedYaml(empty=True)
        try:
            return _walk(node, loader)
        except AliasRefusedError as refused:  # the tree knows where the anchor stands
            line = _first_alias_line(text) or refused.line
            raise RefusedFileError(line, refused.expected, refused.found) from None
    finally:
        loader.dispose()


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> ParsedYaml | None:
    """read_text and parse_yaml as one step for a file of data/: its data and lines, or None
    with the refusal added to `problems`."""
    try:
        return parse_yaml(read_text(path))
    except RefusedFileError as refused:
        problems.append(Problem(shown, refused.line, "(file)", refused.expected, refused.found))
        return None


def _walk(root: yaml.Node, loader: yaml.BaseLoader) -> ParsedYaml:
    """The tree as data, in one pass (see the module's notes). A list or mapping is made
    empty where it stands and filled when its turn on the stack comes."""
    parsed = ParsedYaml()
    seen: set[int] = set()
    parsed.data = _start(root, 1, seen, loader)
    stack: list[tuple[yaml.Node, object, Location, int]] = [(root, parsed.data, (), 1)]
    lines = parsed.lines
    while stack:
        node, made, location, depth = stack.pop()
        if isinstance(node, yaml.MappingNode):
            assert isinstance(made, dict)
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == MERGE:
                    what = "a merge key (<<)" if key_node.tag == MERGE else "a list or mapping"
                    raise RefusedFileError(_line(key_node), "a plain key", what)
                key = _start(key_node, depth + 1, seen, loader)
                if not isinstance(key, str):  # 1:, ~:, 2024-01-01: (a record's keys are names)
                    found = f"{key_node.value!r}, which YAML reads as {_kind_of_value(key)}"
                    raise RefusedFileError(_line(key_node), "a key that is text", found)
                place = (*location, key_node.value)
                if place in lines:  # this mapping gave the key already
                    parsed.repeated.append((place, _line(key_node)))
                lines[place] = _line(key_node)
                made[key] = value = _start(value_node, depth + 1, seen, loader)
                if not isinstance(value_node, yaml.ScalarNode):
                    stack.append((value_node, value, place, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            assert isinstance(made, list)
            for index, item_node in enumerate(node.value):
                place = (*location, index)
                lines[place] = _line(item_node)
                made.append(item := _start(item_node, depth + 1, seen, loader))
                if not isinstance(item_node, yaml.ScalarNode):
                    stack.append((item_node, item, place, depth + 1))
    return parsed


def _start(node: yaml.Node, depth: int, seen: set[int], loader: yaml.BaseLoader) -> object:
    """A scalar's value, or an empty list or dict for a sequence or mapping; an alias (a
    node met twice), too deep a node, a tag on a collection, a value its tag cannot be:
    refused."""
    if id(node) in seen:
        raise AliasRefusedError(_line(node), "no YAML aliases (*name)", "an alias")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise RefusedFileError(
            _line(node), "nesting a record needs", f"more than {MAX_DEPTH} levels"
        )
    if isinstance(node, yaml.ScalarNode):
        if node.tag == TEXT:
            return node.value
        expected = SCALARS.get(node.tag)
        if expected is None:
            raise RefusedFileError(
                _line(node), "a value without a tag", f"the tag {_tag_name(node.tag)}"
            )
        try:
            return loader.construct_object(node, deep=True)
        except CONSTRUCTOR_ERRORS as error:
            found = f"{node.value!r} ({_reason(error)})"
            raise RefusedFileError(_line(node), expected, found) from None
    if node.tag not in PLAIN:
        found = f"the tag {_tag_name(node.tag)}"
        raise RefusedFileError(_line(node), "a list or mapping without a tag", found)
    return {} if isinstance(node, yaml.MappingNode) else []


def _kind_of_value(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true or false"
    return {int: "a whole number", float: "a number"}.get(type(value), "a date")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _tag_name(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _reason(error: Exception) -> str:
    problem = getattr(error, "problem", None)
    return str(problem or error).splitlines()[0]


def _first_alias_line(text: str) -> int | None:
    """Where the first alias is used (the tree only knows where its anchor stands)."""
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None
