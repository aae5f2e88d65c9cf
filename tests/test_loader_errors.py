"""An editor who breaks a record is told where and how: path:line: field: expected …, found …

One test per kind of mistake, each asserting the message the editor reads.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from atlas.corpus import Corpus
from atlas.pipeline import check as build_atlas
from atlas.problems import AtlasError
from record_edits import edit, problems

HUB = "hubs/hong-kong.yml"
KPI = "kpis/kpi-startups.yml"


def test_fixture_records_are_valid(records, corpus):
    atlas = build_atlas(records, corpus)
    assert "hong-kong" in atlas.records


def test_yaml_syntax_error_names_the_line(records, corpus):
    edit(records, HUB, "kind: city", "kind: [city")
    (message,) = problems(records, corpus)
    assert message.startswith("data/hubs/hong-kong.yml:")
    assert ": (file): expected valid YAML, found " in message


def test_unknown_key_is_rejected_with_the_known_keys(records, corpus):
    edit(records, HUB, "kind: city", "kind: city\ncolour: red")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:5: colour: expected one of the keys id, names, summary, facts,"
        " relations, notes, kind, found unknown key 'colour'"
    ]


def test_missing_field(records, corpus):
    edit(records, HUB, "kind: city\n", "")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:1: kind: expected a value, found nothing"
    ]


def test_value_outside_its_choices(records, corpus):
    edit(records, HUB, "kind: city", "kind: metropolis")
    (message,) = problems(records, corpus)
    assert message.startswith("data/hubs/hong-kong.yml:4: kind: expected 'city', 'district'")
    assert message.endswith("found 'metropolis'")


def test_id_must_be_kebab_case_and_match_the_file(records, corpus):
    edit(records, HUB, "id: hong-kong", "id: Hong_Kong")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:1: id: expected a kebab-case id (lower-case letters, digits,"
        " single hyphens), found 'Hong_Kong'"
    ]


def test_id_must_match_the_file_name(records, corpus):
    edit(records, HUB, "id: hong-kong", "id: hongkong")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:1: id: expected 'hong-kong', the file's name, found 'hongkong'"
    ]


def test_duplicate_id_across_folders(records, corpus):
    text = (records / HUB).read_text(encoding="utf-8").replace("kind: city", "kind: government")
    (records / "organisations" / "hong-kong.yml").write_text(text, encoding="utf-8")
    assert problems(records, corpus) == [
        "data/organisations/hong-kong.yml:1: id: expected an id no other record uses,"
        " found 'hong-kong', already the id of data/hubs/hong-kong.yml"
    ]


def test_duplicate_yaml_key(records, corpus):
    edit(records, HUB, "kind: city", "kind: city\nkind: region")
    assert "data/hubs/hong-kong.yml:5: kind: expected each key once, found it twice" in problems(
        records, corpus
    )


def test_relation_to_a_missing_record(records, corpus):
    edit(records, "concepts/pilot-production.yml", "target: hk-innovation", "target: no-such")
    (message,) = problems(records, corpus)
    assert message.startswith("data/concepts/pilot-production.yml:11: relations[0].target:")
    assert message.endswith("expected the id of a record, found 'no-such-technology-blueprint'")


def test_unknown_relation_type(records, corpus):
    edit(records, "concepts/pilot-production.yml", "type: related-to", "type: loves")
    (message,) = problems(records, corpus)
    assert message.startswith(
        "data/concepts/pilot-production.yml:11: relations[0].type: expected one of anchored-by,"
    )
    assert message.endswith("found 'loves'")


def test_quote_not_in_the_source(records, corpus):
    edit(records, HUB, "quote: 大灣區的中心城市", "quote: 大灣區的核心城市")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:9: facts[0].quote: expected words found verbatim in"
        " 003_2e75dc72019db59a.txt (spaces and line breaks aside), found '大灣區的核心城市',"
        " which is not there"
    ]


def test_quote_on_another_line_than_the_fact_says(records, corpus):
    edit(records, HUB, "line: 93", "line: 90")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:10: facts[0].line: expected the line the quote begins on (93),"
        " found 90"
    ]


def test_quote_across_a_line_break_matches(records, corpus):
    """002 and 001 are PDF text: a sentence breaks across lines, the quote must still match."""
    edit(
        records,
        HUB,
        "quote: 大灣區的中心城市\n    line: 93",
        "quote: 大灣區的中心城市\n    line: 93\n    themes: [networks]\n"
        "  - id: across\n    claim: {en: a, zh: b}\n    source: cma-2023-blueprint-review\n"
        "    quote: 「推動數字經濟發展，建設智慧香港」和「積極融入國家發展大局\n"
        "    line: 19",
    )
    assert build_atlas(records, corpus)


def test_quote_too_long(records, corpus):
    edit(records, HUB, "quote: 大灣區的中心城市", "quote: " + "大灣區的中心城市" * 15)
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:9: facts[0].quote: expected at most 119 characters,"
        " found 120 characters"
    ]


def test_fact_source_must_be_a_source(records, corpus):
    edit(records, HUB, "source: cma-2023-blueprint-review", "source: itib")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:8: facts[0].source: expected the id of a source record,"
        " found 'itib'"
    ]


def test_measure_target_must_be_a_target_of_its_strategy(records, corpus):
    edit(records, "measures/measure-co-investment-fund.yml", "target: t2", "target: t9")
    assert problems(records, corpus) == [
        "data/measures/measure-co-investment-fund.yml:5: target: expected one of"
        " strategy-venture-finance's targets ['t2'], found 't9'"
    ]


def test_kpi_value_must_be_printed_in_a_quote(records, corpus):
    edit(records, KPI, "printed: 約 5 000 間", "printed: 約 5 500 間")
    assert problems(records, corpus) == [
        "data/kpis/kpi-startups.yml:11: values[2].printed: expected the value as printed in one"
        " of the record's quotes, found '約 5 500 間'",
        "data/kpis/kpi-startups.yml:11: values[2].value: expected 5500, the number printed in"
        " '約 5 500 間', found 5000",
    ]


def test_fact_ids_are_unique_within_a_record(records, corpus):
    edit(
        records,
        "blueprints/hk-innovation-technology-blueprint.yml",
        "id: released",
        "id: aim-diversify",
    )
    (message,) = problems(records, corpus)
    assert message.endswith(
        "aims[0].id: expected an id used once in the record, found 'aim-diversify' again"
    )


def test_name_cannot_carry_markup(records, corpus):
    edit(records, HUB, "en: Hong Kong", "en: Hong Kong<script>")
    assert problems(records, corpus) == [
        'data/hubs/hong-kong.yml:2: names.en: expected a name on one line without < > " or `'
        " characters, found 'Hong Kong<script>'"
    ]


def test_file_outside_a_type_folder(records, corpus):
    (records / "misc.yml").write_text("id: misc\n", encoding="utf-8")
    (message,) = problems(records, corpus)
    assert message.startswith("data/misc.yml:1: (file): expected a .yml file in one of data/{")


def test_every_problem_is_reported_at_once(records, corpus):
    edit(records, HUB, "kind: city", "kind: metropolis")
    edit(records, KPI, "line: 147", "line: 146")
    edit(records, "concepts/pilot-production.yml", "target: hk-innovation", "target: no-such")
    found = problems(records, corpus)
    assert [message.split(":")[0] for message in found] == [
        "data/concepts/pilot-production.yml",
        "data/hubs/hong-kong.yml",
        "data/kpis/kpi-startups.yml",
    ]


def test_missing_corpus_is_an_error_in_ci(records, tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(AtlasError) as raised:
        build_atlas(records, Corpus.read(tmp_path / "nowhere"))
    assert "(corpus): expected the five source texts, found no .txt files" in str(raised.value)


def test_check_command_exits_non_zero_with_a_count(records, tmp_path):
    edit(records, HUB, "kind: city", "kind: metropolis")
    edit(records, KPI, "line: 147", "line: 146")
    result = subprocess.run(
        [sys.executable, "-m", "atlas", "check", "--data", str(records)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("2 problems found; nothing was built.")


def test_a_name_leads_to_one_record_unless_declared_shared(records, corpus):
    edit(
        records,
        "organisations/itib.yml",
        "zh: 創新科技及工業局}",
        "zh: 創新科技及工業局, aliases: [hk]}",
    )
    found = problems(records, corpus)
    assert found == [
        "data/hubs/hong-kong.yml:2: names.shared: expected 'hk' listed as shared, or used by"
        " this record alone, found it also names itib",
        "data/organisations/itib.yml:2: names.shared: expected 'hk' listed as shared, or used by"
        " this record alone, found it also names hong-kong",
    ]
    edit(records, HUB, "aliases: [HK]", "aliases: [HK], shared: [HK]")
    edit(records, "organisations/itib.yml", "aliases: [hk]", "aliases: [hk], shared: [hk]")
    assert build_atlas(records, corpus)


def test_a_record_nobody_links_to_or_from(records, corpus):
    edit(
        records,
        HUB,
        "relations:\n  - {type: related-to, target: hk-innovation-technology-blueprint}\n",
        "",
    )
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:1: relations: expected a link to or from another record,"
        " found none"
    ]


def test_a_record_without_facts(records, corpus):
    text = (records / HUB).read_text(encoding="utf-8")
    start, end = text.index("facts:"), text.index("relations:")
    (records / HUB).write_text(text[:start] + text[end:], encoding="utf-8")
    assert problems(records, corpus) == [
        "data/hubs/hong-kong.yml:1: facts: expected at least one fact, found none"
    ]
