"""Problems found in the records: collected through every stage, reported together."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def escaped(text: str) -> str:
    """`text` with line breaks, control and format characters written as escapes (\\n,
    \\x1b, \\u200b): a problem stays on one line and never drives the terminal."""
    return "".join(
        repr(character)[1:-1]
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")
        else character
        for character in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, said in one line an editor can act on.

    `caused_by` names the record whose rejection this problem follows from (a relation to
    a record that was refused): such problems are reported after the root causes.
    """

    path: str
    line: int
    field: str
    expected: str
    found: str
    caused_by: str = ""

    def __str__(self) -> str:
        text = (
            f"{self.path}:{self.line}: {self.field}: expected {self.expected}, found {self.found}"
        )
        return escaped(text)


class AtlasError(Exception):
    """Raised when the records cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(
            set(problems), key=lambda problem: (bool(problem.caused_by), problem)
        )
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


def shorten(value: object, limit: int = 60) -> str:
    """A found value as an editor would recognise it in the file."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…" + text[0]
