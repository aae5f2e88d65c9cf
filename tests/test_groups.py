"""Groups the sources name as such (issue 10.6): 美國五大創新重鎮, 五大產業集群.

A group is a record whose members are its has-member relations; its page lists them, leads
to their comparison side by side, and each member's page says which groups name it.
"""

from __future__ import annotations

import yaml

from atlas.model import FOLDERS, Group
from atlas.paths import DATA
from pages import page
from record_edits import problems

GROUP = """\
id: blueprint-things
names: {en: Two things of the Blueprint, zh: 藍圖兩事}
summary: {en: Hong Kong and its pilot production., zh: 香港與中試。}
count: 2
facts:
  - id: core
    claim: {en: A core city of the Greater Bay Area., zh: 大灣區的中心城市。}
    source: cma-2023-blueprint-review
    quote: 大灣區的中心城市
    line: 93
relations:
  - {type: has-member, target: hong-kong}
  - {type: has-member, target: pilot-production}
"""


def write_group(records, text: str = GROUP) -> None:
    (records / "groups").mkdir(exist_ok=True)
    (records / "groups" / "blueprint-things.yml").write_text(text, encoding="utf-8")


def test_groups_are_a_record_type():
    assert FOLDERS["groups"] is Group


def test_a_group_of_one_is_refused(records, corpus):
    write_group(records, GROUP.replace("  - {type: has-member, target: pilot-production}\n", ""))
    found = problems(records, corpus)
    assert any(
        "data/groups/blueprint-things.yml:" in message
        and "relations: expected at least two has-member relations; 1 listed" in message
        for message in found
    ), found


def test_a_count_that_disagrees_with_the_members_is_refused(records, corpus):
    write_group(records, GROUP.replace("count: 2", "count: 5"))
    (message,) = problems(records, corpus)
    assert message.startswith("data/groups/blueprint-things.yml:4: count:"), message
    assert "expected the number of has-member relations, 2, found 5" in message


def test_a_member_that_does_not_exist_is_a_broken_relation(records, corpus):
    write_group(records, GROUP.replace("target: pilot-production", "target: atlantis"))
    (message,) = problems(records, corpus)
    assert "data/groups/blueprint-things.yml:" in message and "atlantis" in message


def test_every_group_of_the_atlas_counts_as_its_source_says():
    for path in sorted((DATA / "groups").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        members = [r for r in data["relations"] if r["type"] == "has-member"]
        assert len(members) >= 2, path.name
        if "count" in data:
            assert len(members) == data["count"], path.name


def test_the_group_page_lists_its_members_and_their_comparison(real_site):
    group = page(real_site, "zh-hant/groups/us-five-innovation-hubs/")
    members = [link.text for link in group.select("#relations ~ * a")][:12]
    for name in ("波士頓", "三藩市", "聖荷西", "西雅圖", "聖地亞哥"):
        assert name in members, members
    side_by_side = group.select_one(".atlas-group-comparison a")
    assert side_by_side["href"].endswith("compare/us-hubs-2020/")


def test_a_member_page_says_which_groups_name_it(real_site):
    boston = page(real_site, "en/hubs/boston/")
    backlinks = " ".join(link.text for link in boston.select("#backlinks ~ * a"))
    assert "The five US innovation hubs (2020 column)" in backlinks


def test_a_group_of_comparable_records_gets_a_ready_comparison(real_site):
    clusters = page(real_site, "en/compare/hk-five-industry-clusters/")
    header = clusters.select_one("table thead").get_text(" ")
    for name in ("International finance", "computing-power", "Pilot-production", "Start-up"):
        assert name in header, header
