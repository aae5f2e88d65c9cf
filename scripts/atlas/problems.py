"""Problems found in the records: collected through every stage, reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, said in one line an editor can act on."""

    path: str
    line: int
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.field}: expected {self.expected}, found {self.found}"
        )


class AtlasError(Exception):
    """Raised when the records cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


def shorten(value: object, limit: int = 60) -> str:
    """A found value as an editor would recognise it in the file."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…'"
