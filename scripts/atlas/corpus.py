"""The five source texts, read only to check quotes: they are never copied into the site."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from atlas.paths import ROOT

SOURCES_ENV = "ATLAS_SOURCES"
_SPACE = re.compile(r"\s+")


def corpus_folder() -> Path:
    """ATLAS_SOURCES if set, else ../shared/sources beside the project."""
    return Path(os.environ.get(SOURCES_ENV) or ROOT.parent / "shared" / "sources")


def fold(text: str) -> str:
    """Text with every line break and space removed: PDF extractions break lines anywhere."""
    return _SPACE.sub("", text)


@dataclass
class SourceText:
    """One source text, folded, with the line each folded character came from."""

    folded: str
    line_at: list[int]
    line_count: int = 0

    @classmethod
    def read(cls, path: Path) -> SourceText:
        folded: list[str] = []
        line_at: list[int] = []
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            kept = fold(line)
            folded.append(kept)
            line_at.extend([number] * len(kept))
        return cls("".join(folded), line_at, len(lines))

    def lines_of(self, quote: str) -> list[int]:
        """The lines on which the (folded) quote begins, one per occurrence."""
        needle = fold(quote)
        found, start = [], self.folded.find(needle)
        while needle and start != -1:
            found.append(self.line_at[start])
            start = self.folded.find(needle, start + 1)
        return found


@dataclass
class Corpus:
    folder: Path
    texts: dict[str, SourceText] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Corpus:
        corpus = cls(folder)
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                corpus.texts[path.name] = SourceText.read(path)
        return corpus

    @property
    def present(self) -> bool:
        return bool(self.texts)
