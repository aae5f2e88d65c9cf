"""Guardrails: what an editor reads (README, vocabulary) cannot drift from the code."""

from __future__ import annotations

import re
import typing

from atlas.corpus import SOURCES_ENV
from atlas.model import FOLDERS
from atlas.paths import ROOT
from atlas.publication import SITE_URL_VARIABLE
from atlas.reference import readme_with_reference
from atlas.vocabulary import KIND_LABELS, RELATION_TYPES, TYPE_LABELS, UI_LABELS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_model_reference_matches_the_models():
    """The reference is generated; if this fails, run `make reference` and commit."""
    assert readme_with_reference(README) == README


def test_every_make_target_is_documented():
    """A target nobody can find is a target nobody uses."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z]+):.*##", makefile, flags=re.MULTILINE)
    assert targets, "Makefile targets carry a ## description"
    assert [target for target in targets if f"make {target}" not in README] == []


def test_settings_read_from_the_environment_are_documented():
    assert SOURCES_ENV in README
    assert SITE_URL_VARIABLE in README


def test_ci_runs_exactly_the_readme_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test    #" in README
    assert run.strip().splitlines()[-1] == "make test"


def test_every_record_type_has_labels_in_both_languages():
    assert list(TYPE_LABELS) == list(FOLDERS)
    for labels in TYPE_LABELS.values():
        assert set(labels) == {"en", "zh", "one_en", "one_zh"}


def test_every_relation_type_has_both_labels_in_both_languages():
    for name, labels in RELATION_TYPES.items():
        assert set(labels) == {"en", "zh", "reverse_en", "reverse_zh"}, name


def test_every_page_label_has_both_languages():
    assert [key for key, labels in UI_LABELS.items() if set(labels) != {"en", "zh"}] == []


def test_every_kind_value_has_a_label():
    """A `kind` the vocabulary does not know would show up raw on Chinese pages."""
    values = set()
    for model in FOLDERS.values():
        field = model.model_fields.get("kind")
        if field is not None:
            values |= set(typing.get_args(field.annotation))
    assert sorted(values - set(KIND_LABELS)) == []
    assert [key for key, labels in KIND_LABELS.items() if set(labels) != {"en", "zh"}] == []
