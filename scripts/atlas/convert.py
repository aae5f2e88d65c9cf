"""Stage 4, convert: Chinese is written once, in zh-Hant; zh-Hans is generated here.

OpenCC's hk2s configuration converts the characters (Hong Kong variants included); the
project's phrase table (phrases.yml) adds the regional vocabulary (資訊→信息, 矽谷→硅谷,
三藩市→旧金山), word by word and tested. Quotes are evidence and never pass through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from opencc import OpenCC

from atlas.model import Text
from atlas.paths import DOCS

PHRASES_FILE = Path(__file__).with_name("phrases.yml")


@dataclass(frozen=True)
class Language:
    """One language version of the site."""

    code: str  # URL segment
    html: str  # BCP 47 tag for <html lang>, picks glyph shapes
    name: str  # as shown in the language switcher
    theme: str  # Material's theme.language
    search: str  # Material's search language


LANGUAGES = (
    Language("en", "en", "English", "en", "en"),
    Language("zh-hant", "zh-Hant", "繁體中文", "zh-Hant", "zh"),
    Language("zh-hans", "zh-Hans", "简体中文", "zh-Hans", "zh"),
)


def load_phrases(path: Path = PHRASES_FILE) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


PHRASES = load_phrases()
_OPENCC = OpenCC("hk2s")
_PHRASE_PATTERN = re.compile(
    "|".join(re.escape(key) for key in sorted(PHRASES, key=len, reverse=True)) or "(?!)"
)


@cache
def to_simplified(text: str) -> str:
    """zh-Hant (Hong Kong usage) → zh-Hans (mainland usage)."""
    out, last = [], 0
    for match in _PHRASE_PATTERN.finditer(text):
        out.append(_OPENCC.convert(text[last : match.start()]))
        out.append(PHRASES[match.group(0)])
        last = match.end()
    out.append(_OPENCC.convert(text[last:]))
    return "".join(out)


def chinese(text: str, language: str) -> str:
    """A zh-Hant string in the script of `language` (en pages show Traditional)."""
    return to_simplified(text) if language == "zh-hans" else text


def label(entry: dict[str, str], language: str, stem: str = "") -> str:
    """A vocabulary entry ({en, zh} or {<stem>en, <stem>zh}) in `language`."""
    if language == "en":
        return entry[f"{stem}en"]
    return chinese(entry[f"{stem}zh"], language)


def localise(text: Text, language: str) -> str:
    """The version of a two-language text that a page in `language` shows."""
    return text.en if language == "en" else chinese(text.zh, language)


def handwritten_folder(language: Language, source: Path = DOCS) -> Path:
    """Where a language's hand-written pages are: zh-Hans is converted from docs/zh-hant/."""
    return source / ("zh-hant" if language.code == "zh-hans" else language.code)


def handwritten_text(language: Language, page: Path) -> str:
    """A hand-written page's text in the script of `language`."""
    return chinese(page.read_text(encoding="utf-8"), language.code)


def write_handwritten_pages(language: Language, docs: Path, source: Path = DOCS) -> None:
    """Copy the language's hand-written pages into `docs`, converted where needed."""
    folder = handwritten_folder(language, source)
    for page in sorted(folder.rglob("*.md")):
        target = docs / page.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(handwritten_text(language, page), "utf-8")
