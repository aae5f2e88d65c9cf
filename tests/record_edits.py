"""Breaking a copy of the fixture records in one place, and reading what `make check` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.corpus import Corpus
from atlas.pipeline import check
from atlas.problems import AtlasError


def edit(records: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in the fixture file `name` (below data/) by `new`."""
    path = records / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(records: Path, corpus: Corpus) -> list[str]:
    """Every problem `make check` reports for the records, one line each."""
    with pytest.raises(AtlasError) as raised:
        check(records, corpus)
    return [str(problem) for problem in raised.value.problems]
