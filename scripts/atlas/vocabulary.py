"""The atlas's own words (vocabulary.yml): record types, relation types, page labels."""

from __future__ import annotations

from pathlib import Path

from atlas.record_file import read_own_yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
_VOCABULARY = read_own_yaml(VOCABULARY_FILE)

TYPE_LABELS: dict[str, dict[str, str]] = _VOCABULARY["types"]
RELATION_TYPES: dict[str, dict[str, str]] = _VOCABULARY["relations"]
UI_LABELS: dict[str, dict[str, str]] = _VOCABULARY["ui"]
KIND_LABELS: dict[str, dict[str, str]] = _VOCABULARY["kinds"]
THEMES: dict[str, dict[str, str]] = _VOCABULARY["themes"]
FOLDER_NAMES: dict[str, list[str]] = _VOCABULARY["folder_names"]
