"""The benchmark's synthetic data sets must be real atlases: if a copy failed the checks,
`make bench` would measure something other than our pipeline on more records."""

from __future__ import annotations

from atlas.model import Source
from atlas.pipeline import check as build_atlas
from atlas.synthetic import write_synthetic_data


def test_a_synthetic_data_set_passes_every_check_with_factor_times_the_records(
    records, corpus, tmp_path
):
    original = build_atlas(records, corpus)
    tripled = build_atlas(write_synthetic_data(records, tmp_path / "x3", 3), corpus)
    sources = len(original.of_type(Source))
    assert len(tripled.records) - sources == 3 * (len(original.records) - sources)
    source_ids = {source.id for source in original.of_type(Source)}

    def copied_links(atlas):
        return [link for link in atlas.links if link.origin not in source_ids]

    assert len(copied_links(tripled)) == 3 * len(copied_links(original))
    copy = tripled.records["hong-kong-x2"]
    assert copy.names.en == "Hong Kong #2"
    assert {link.target for link in tripled.outgoing("hong-kong-x2")} <= {
        *(record_id for record_id in tripled.records if record_id.endswith("-x2")),
        *(source.id for source in tripled.of_type(Source)),
    }
