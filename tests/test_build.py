"""The real site builds strictly, in three languages, and a failed build changes nothing."""

from __future__ import annotations

import shutil

import pytest

from atlas import build as build_module
from atlas.build import BuildError
from atlas.model import folder_of
from atlas.pipeline import build_site
from conftest import FIXTURE_DATA
from pages import LANGUAGES, heading, page


def test_real_site_has_every_record_in_every_language(real_site, real_atlas):
    """`mkdocs build --strict` passed for each language (real_site), and no page is missing."""
    atlas = real_atlas  # check() of data/, once for the run
    missing = [
        f"{language}/{folder_of(record)}/{record.id}/"
        for record in atlas.records.values()
        for language in LANGUAGES
        if not (real_site / language / folder_of(record) / record.id / "index.html").exists()
    ]
    assert missing == []


def test_real_records_all_verify(real_atlas):
    """Every quote of data/ is found in its source, on the line its record says (real_atlas
    is check() of data/, which raises AtlasError if any record has a problem)."""
    assert len(real_atlas.records) > 0


def _site_with_marker(tmp_path, fixture_build):
    """A last good build in tmp_path: the fixture data's site/ and work folder, as built
    (a copy of the session's build of the fixture data, which is the same and faster)."""
    site = tmp_path / "site"
    shutil.copytree(fixture_build / "site", site)
    shutil.copytree(fixture_build / "build", tmp_path / "work")
    marker = site / "en" / "index.html"
    return site, marker, marker.read_text(encoding="utf-8")


def test_bad_record_leaves_the_last_good_site(records, corpus, tmp_path, fixture_build):
    site, marker, before = _site_with_marker(tmp_path, fixture_build)
    hub = records / "hubs" / "hong-kong.yml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("kind: city", "kind: town"), "utf-8")
    with pytest.raises(Exception, match="kind"):
        build_site(site=site, data_dir=records, corpus=corpus, work=tmp_path / "work")
    assert marker.read_text(encoding="utf-8") == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site", "work"]


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_mkdocs_failure_midway_leaves_the_last_good_site(
    corpus, tmp_path, monkeypatch, jobs, fixture_build
):
    """The last language fails while the others build (one after another, or in parallel
    processes): site/ is still the old one, whole, and no staging folder is left."""
    site, marker, before = _site_with_marker(tmp_path, fixture_build)
    (site / "en" / "kept.txt").write_text("from the last good build", "utf-8")
    real_run = build_module.run_mkdocs

    def fail_zh_hans(config_file):
        if "zh-hans" in str(config_file):
            raise BuildError("simulated strict-mode warning")
        real_run(config_file)

    monkeypatch.setenv("ATLAS_BUILD_JOBS", jobs)
    monkeypatch.setattr(build_module, "run_mkdocs", fail_zh_hans)
    with pytest.raises(BuildError, match="simulated strict-mode warning"):
        build_site(site=site, data_dir=FIXTURE_DATA, corpus=corpus, work=tmp_path / "work")
    assert (site / "en" / "kept.txt").exists()
    assert marker.read_text(encoding="utf-8") == before
    assert [path.name for path in tmp_path.iterdir() if "staging" in path.name] == []


def test_successful_build_replaces_the_site(corpus, tmp_path, fixture_build):
    site, _, _ = _site_with_marker(tmp_path, fixture_build)
    (site / "stale.txt").write_text("old", "utf-8")
    build_site(site=site, data_dir=FIXTURE_DATA, corpus=corpus, work=tmp_path / "work")
    assert not (site / "stale.txt").exists()
    assert heading(page(site, "en/").h1) == "Innovation Hub Atlas"


def test_a_build_says_where_it_is_as_it_goes(fixture_build):
    lines = (fixture_build / "progress.txt").read_text("utf-8").splitlines()  # as it was built
    assert lines[0].startswith("checked 9 records (") and lines[-1].startswith("swapped in: ")
    assert all(line.endswith(" s)") for line in lines), lines
    assert [line for line in lines if line.startswith("downloads written (")], lines
    for code in ("en", "zh-hant", "zh-hans"):  # a language's MkDocs build after its pages
        said = [line.rsplit(" (", 1)[0] for line in lines]
        written = said.index(f"pages and search index written for {code}")
        assert said.index(f"built {code} with MkDocs") > written, lines
