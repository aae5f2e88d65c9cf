"""Stage 2, validate: plain data → pydantic records; every error in one editor's line."""

from __future__ import annotations

import re
import types
import typing

from pydantic import BaseModel, ValidationError

from atlas.load import RawRecord, dotted
from atlas.model import FOLDERS, Record
from atlas.problems import Problem, shorten

# What a pattern means, said the way an editor thinks of it.
PATTERN_MEANINGS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "a kebab-case id (lower-case letters, digits, single hyphens)",
    r'^[^<>"`\n]+$': 'a name on one line without < > " or ` characters',
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    r"^\d{3}_[0-9a-f]+\.txt$": "a corpus file name such as 003_2e75dc72019db59a.txt",
    r"^\d+(\.\d+)*$": "a table number such as '2.1'",
    r"^https?://[^\s<>\"']+$": "a web address starting http:// or https://",
}


def _model_at(model: type[BaseModel], location: tuple) -> type[BaseModel] | None:
    """The model class that holds the key at the end of `location`."""
    current: object = model
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        annotation = current.model_fields[part].annotation
        current = _unwrap(annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: object) -> object:
    """list[X] → X, X | None → X."""
    while True:
        origin = typing.get_origin(annotation)
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if origin in (list, typing.Union, types.UnionType) and args:
            annotation = args[0]
        else:
            return annotation


def _expected(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """(expected, found) for one pydantic error."""
    kind, message, location = error["type"], error["msg"], error["loc"]
    found = shorten(error.get("input"))
    if kind == "missing":
        return "a value", "nothing"
    if kind == "extra_forbidden":
        holder = _model_at(model, location)
        known = ", ".join(holder.model_fields) if holder else "the documented keys"
        return f"one of the keys {known}", f"unknown key '{location[-1]}'"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return PATTERN_MEANINGS.get(pattern, f"text matching {pattern}"), found
    if kind == "value_error":
        return message.removeprefix("Value error, "), found
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"at most {limit} characters", f"{len(error['input'])} characters"
    match = re.match(r"Input should be (.*)", message)
    if match:
        return match.group(1), found
    return message[0].lower() + message[1:], found


def validate_record(raw: RawRecord, problems: list[Problem]) -> Record | None:
    """One raw record → its model, or problems (and None)."""
    model = FOLDERS[raw.folder]
    if not isinstance(raw.data, dict):
        problems.append(
            Problem(raw.path, 1, "(record)", "a mapping of keys to values", type(raw.data).__name__)
        )
        return None
    try:
        record = model.model_validate(raw.data)
    except ValidationError as error:
        for item in error.errors():
            location = tuple(item["loc"])
            expected, found = _expected(item, model)
            problems.append(
                Problem(raw.path, raw.line_of(location), dotted(location), expected, found)
            )
        return None
    stem = raw.path.rsplit("/", 1)[-1].removesuffix(".yml")
    if record.id != stem:
        problems.append(
            Problem(
                raw.path, raw.line_of(("id",)), "id", f"'{stem}', the file's name", f"'{record.id}'"
            )
        )
    return record
