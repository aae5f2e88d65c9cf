"""Hostile and broken input (issue 11.1): every case ends in a `path:line: field` message,
never a traceback, a hang or a blow-up, and the message stays on one line.

Each test breaks a copy of the fixture records in one way and asserts what the editor reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from atlas.pipeline import check
from atlas.problems import AtlasError
from atlas.record_file import MAX_DEPTH, MAX_FILE_BYTES
from record_edits import edit, problems

HUB = "hubs/hong-kong.yml"


def only(records, corpus) -> str:
    (message,) = problems(records, corpus)
    assert "\n" not in message
    return message


def test_bytes_that_are_not_utf8(records, corpus):
    path = records / HUB
    path.write_bytes(path.read_bytes().replace(b"kind: city", b"kind: c\xffity"))
    assert only(records, corpus) == (
        "data/hubs/hong-kong.yml:4: (file): expected text in UTF-8, found byte 0xff at column 8"
    )


def test_a_raw_control_character(records, corpus):
    edit(records, HUB, "kind: city", "kind: ci\x07ty")
    assert only(records, corpus) == (
        "data/hubs/hong-kong.yml:4: (file): expected text without control characters,"
        " found the character '\\x07'"
    )


def test_an_unreadable_file(records, corpus, monkeypatch):
    """(chmod 000 would not stop root, who runs CI: the refusal of the system is simulated.)"""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("atlas.record_file.os.open", refuse)
    found = problems(records, corpus)
    assert (
        "data/hubs/hong-kong.yml:1: (file): expected a file the build can read,"
        " found Permission denied" in found
    )


@pytest.mark.parametrize("target", ["loop.yml", "/etc/passwd", "../concepts/pilot-production.yml"])
def test_a_symbolic_link_is_reported_not_followed(records, corpus, target):
    os.symlink(target, records / "hubs" / "loop.yml")
    assert only(records, corpus) == (
        "data/hubs/loop.yml:1: (file): expected a .yml record file,"
        " found a symbolic link (links are not followed)"
    )


def test_a_record_folder_that_is_a_link(records, corpus, tmp_path):
    (records / "trends").symlink_to(tmp_path)
    assert "data/trends:1: (file)" in only(records, corpus)


def test_a_self_referencing_alias(records, corpus):
    edit(records, HUB, "kind: city", "kind: &a [*a]")
    assert only(records, corpus) == (
        "data/hubs/hong-kong.yml:4: (file): expected no YAML aliases (*name), found an alias"
    )


def test_an_alias_bomb_is_refused_at_once(records, corpus):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    (records / "hubs" / "bomb.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    message = only(records, corpus)
    assert time.perf_counter() - start < 5
    assert (
        message == "data/hubs/bomb.yml:2: (file): expected no YAML aliases (*name), found an alias"
    )


def test_nesting_deeper_than_any_record(records, corpus):
    depth = MAX_DEPTH + 5
    edit(records, HUB, "kind: city", "kind: " + "[" * depth + "city" + "]" * depth)
    assert only(records, corpus) == (
        f"data/hubs/hong-kong.yml:4: (file): expected nesting a record needs,"
        f" found more than {MAX_DEPTH} levels"
    )


@pytest.mark.parametrize(
    ("value", "expected", "found"),
    [
        ("!!int x", "a whole number", "'x' (invalid literal for int() with base 10: 'x')"),
        ("2022-13-45", "a date YYYY-MM-DD", "'2022-13-45' (month must be in 1..12)"),
        ("!!python/object x", "a value without a tag", "the tag !!python/object"),
        ("!!set {x}", "a list or mapping without a tag", "the tag !!set"),
    ],
)
def test_a_value_its_tag_cannot_be(records, corpus, value, expected, found):
    edit(records, HUB, "kind: city", f"kind: {value}")
    assert (
        only(records, corpus)
        == f"data/hubs/hong-kong.yml:4: (file): expected {expected}, found {found}"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [("? [a, b]\n: city", "a list or mapping"), ("<<: {a: b}", "a merge key (<<)")],
)
def test_a_key_that_is_not_plain(records, corpus, text, found):
    edit(records, HUB, "kind: city", text)
    assert (
        only(records, corpus)
        == f"data/hubs/hong-kong.yml:4: (file): expected a plain key, found {found}"
    )


@pytest.mark.parametrize(
    ("key", "read_as"),
    [
        ("1", "a whole number"),
        ("~", "nothing (null)"),
        ("2022-01-01", "a date"),
        ("yes", "true or false"),  # YAML 1.1, as PyYAML reads it
    ],
)
def test_a_key_that_is_not_text(records, corpus, key, read_as):
    edit(records, HUB, "kind: city", f"{key}: city")
    assert only(records, corpus) == (
        f"data/hubs/hong-kong.yml:4: (file): expected a key that is text,"
        f" found '{key}', which YAML reads as {read_as}"
    )


def test_the_records_that_link_to_an_unreadable_file_say_so_after_it(records, corpus):
    """A file refused before it is a record counts as a refused record (by its name)."""
    blueprint = "data/blueprints/hk-innovation-technology-blueprint.yml"
    edit(
        records, "blueprints/hk-innovation-technology-blueprint.yml", "released: ", "released: !x "
    )
    with pytest.raises(AtlasError) as raised:
        check(records, corpus)
    first, *rest = raised.value.problems
    assert (first.path, first.field, first.found) == (blueprint, "(file)", "the tag !x")
    assert rest and all(problem.caused_by == blueprint for problem in rest), rest
    links = [str(problem) for problem in rest if problem.field.endswith(("target", "blueprint"))]
    assert links and all("which is refused for its own problems" in link for link in links)


def test_a_named_pipe_is_reported_without_hanging(records, tmp_path):
    os.mkfifo(records / "hubs" / "pipe.yml")
    result = subprocess.run(
        [sys.executable, "-m", "atlas", "check", "--data", str(records)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **_pythonpath()},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/hubs/pipe.yml:1: (file): expected a .yml record file, found a named pipe" in (
        result.stderr
    )


def _pythonpath() -> dict[str, str]:
    import atlas

    return {"PYTHONPATH": os.path.dirname(os.path.dirname(atlas.__file__))}


def test_a_folder_named_like_a_record(records, corpus):
    (records / "hubs" / "x.yml").mkdir()
    assert only(records, corpus) == (
        "data/hubs/x.yml:1: (file): expected a .yml record file, found a folder"
    )


def test_a_file_over_the_size_limit(records, corpus):
    path = records / "hubs" / "huge.yml"
    path.write_text("id: huge\n# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    message = only(records, corpus)
    assert message.startswith(
        f"data/hubs/huge.yml:1: (file): expected a file of at most {MAX_FILE_BYTES:,} bytes, found "
    )


def test_a_text_field_over_its_length_limit(records, corpus):
    edit(records, HUB, "en: The city the Blueprint is for.", "en: " + "Long. " * 500)
    assert only(records, corpus) == (
        "data/hubs/hong-kong.yml:3: summary.en: expected at most 2000 characters,"
        " found 2999 characters"
    )


def test_an_empty_data_folder(tmp_path, corpus):
    (tmp_path / "data").mkdir()
    with pytest.raises(AtlasError) as raised:
        check(tmp_path / "data", corpus)
    assert [str(p) for p in raised.value.problems] == [
        "data:1: (folder): expected at least one record, found none"
    ]


def test_a_missing_data_folder(tmp_path, corpus):
    with pytest.raises(AtlasError) as raised:
        check(tmp_path / "data", corpus)
    assert [str(p) for p in raised.value.problems] == [
        "data:1: (folder): expected a folder of record files, found nothing there"
    ]


def test_a_rejected_record_is_the_cause_reported_first(records, corpus):
    """Records that link to a refused record are reported as its consequences, after it."""
    blueprint = "data/blueprints/hk-innovation-technology-blueprint.yml"
    edit(records, "blueprints/hk-innovation-technology-blueprint.yml", "released: ", "released: x")
    with pytest.raises(AtlasError) as raised:
        check(records, corpus)
    found = raised.value.problems
    assert found[0].path == blueprint and not found[0].caused_by
    assert all(problem.caused_by == blueprint for problem in found[1:]), found
    links = [str(problem) for problem in found if problem.field.endswith(("target", "blueprint"))]
    assert links, found
    for message in links:
        assert message.endswith(
            "'hk-innovation-technology-blueprint', which is refused for its own problems"
            f" ({blueprint})"
        ), message


def test_values_in_messages_are_escaped_on_one_line(records, corpus):
    edit(records, HUB, "kind: city", 'kind: "city\\n\\u001b[31mred"')
    message = only(records, corpus)
    assert "\x1b" not in message
    assert "\\n" in message and "\\x1b" in message
