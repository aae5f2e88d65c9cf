"""A site someone else can deploy (issue 11.2): readable by any user, nothing left behind by
an interrupted build, and one archive that any static host serves as it is."""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from atlas.dist import write_dist
from atlas.pipeline import _checked, build_site, write_exports
from atlas.site_folder import link_or_copy, new_staging, remove_stale_staging
from conftest import FIXTURE_DATA


def modes(tree: Path) -> set[tuple[str, int]]:
    return {
        ("folder" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode))
        for path in [tree, *tree.rglob("*")]
    }


def test_the_site_is_readable_by_any_user(fixture_site):
    assert modes(fixture_site) == {("folder", 0o755), ("file", 0o644)}


def test_a_restrictive_umask_does_not_make_the_site_private(tmp_path, corpus):
    old = os.umask(0o077)
    try:
        build_site(tmp_path / "site", FIXTURE_DATA, corpus, tmp_path / "build")
    finally:
        os.umask(old)
    assert modes(tmp_path / "site") == {("folder", 0o755), ("file", 0o644)}


def test_staging_folders_of_dead_builds_are_removed(tmp_path):
    site = tmp_path / "site"
    dead = tmp_path / ".site-staging-999999999-abc"  # no such process
    unnamed = tmp_path / ".site-staging-x1y2"  # an older build's, before pids were in names
    running = tmp_path / f".site-staging-{os.getppid()}-abc"  # a live process's build
    for folder in (dead, unnamed, running):
        (folder / "en").mkdir(parents=True)
    (tmp_path / "site.old").mkdir()
    removed = remove_stale_staging(site)
    assert sorted(removed) == sorted([dead, unnamed])
    assert running.exists() and not (tmp_path / "site.old").exists()


def test_a_failed_build_leaves_no_staging_folder(tmp_path, corpus, monkeypatch):
    def fail(config_file):
        raise KeyboardInterrupt  # as if the editor pressed Ctrl-C during MkDocs

    monkeypatch.setattr("atlas.build.build_language", fail)
    with pytest.raises(KeyboardInterrupt):
        build_site(tmp_path / "site", FIXTURE_DATA, corpus, tmp_path / "build")
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_a_new_staging_folder_carries_the_build_process(tmp_path):
    staging = new_staging(tmp_path / "site")
    assert staging.name.startswith(f".site-staging-{os.getpid()}-")


def test_dist_archives_hold_the_site_readable_and_alike(fixture_site, tmp_path):
    tarball, archive = write_dist(fixture_site, tmp_path / "dist", "1.1")
    site_files = sorted(
        path.relative_to(fixture_site).as_posix()
        for path in fixture_site.rglob("*")
        if path.is_file()
    )
    with tarfile.open(tarball) as tar:
        members = tar.getmembers()
        names = sorted(
            m.name.removeprefix("innovation-hub-atlas-1.1/") for m in members if m.isfile()
        )
        assert names == site_files
        assert {m.mode for m in members if m.isfile()} == {0o644}
        assert {m.mode for m in members if m.isdir()} == {0o755}
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(n.removeprefix("innovation-hub-atlas-1.1/") for n in zipped.namelist()) == (
            site_files
        )
    again = write_dist(fixture_site, tmp_path / "again", "1.1")
    assert [path.read_bytes() for path in again] == [tarball.read_bytes(), archive.read_bytes()]


def test_dist_without_a_site_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no built site"):
        write_dist(tmp_path / "site", tmp_path / "dist")


def test_the_downloads_are_linked_into_the_site_and_a_new_export_never_writes_through(
    tmp_path, corpus
):
    """finish_site hard-links the work folder's downloads into the site (link_or_copy); the
    next export must replace those files, not write into them, or it would change the
    published site before its build had finished."""
    atlas, publication = _checked(FIXTURE_DATA, corpus)
    exported = write_exports(atlas, publication, tmp_path / "build")
    site = tmp_path / "site"
    shutil.copytree(exported, site, copy_function=link_or_copy)
    files = sorted(path for path in site.rglob("*") if path.is_file())
    assert files and all(path.stat().st_nlink == 2 for path in files)
    before = {path: path.read_bytes() for path in files}
    write_exports(atlas, publication, tmp_path / "build")
    assert all(path.stat().st_nlink == 1 for path in files)
    assert {path: path.read_bytes() for path in files} == before
