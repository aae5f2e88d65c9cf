"""`make dist`: the built site as one archive that any static host or CDN serves as it is.

dist/innovation-hub-atlas-<edition>.tar.gz and .zip hold site/ under one folder, with every
file readable by all (0644, folders 0755), in sorted order and dated by the build (the
SOURCE_DATE_EPOCH of the build, else the site's newest file), so the same site gives the
same archive bytes.
"""

from __future__ import annotations

import gzip
import json
import os
import tarfile
import time
import zipfile
from pathlib import Path

from atlas.paths import ROOT, SITE

DIST = ROOT / "dist"
DATAPACKAGE = "downloads/datapackage.json"
NAME = "innovation-hub-atlas"
# zlib's level for both archives: 6, gzip's own default. 9 took 34.6 s for the 10× site
# against 21.6 s, for a tarball 1.6 % smaller (the zip was at 6 already: an entry written
# from a ZipInfo takes writestr's level, not the archive's).
COMPRESSION = 6


def _files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file() and not path.is_symlink())


def _timestamp(files: list[Path]) -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return int(epoch)
    return max((int(path.stat().st_mtime) for path in files), default=0)


def write_tarball(site: Path, files: list[Path], target: Path, folder: str, timestamp: int) -> None:
    folders = {parent for path in files for parent in path.relative_to(site).parents}
    folder_paths = [site / parent for parent in folders if parent != Path(".")]
    entries = sorted([*folder_paths, *files], key=lambda path: path.relative_to(site).parts)
    # written through gzip as it goes, not held in memory first (at 100× the site is 6 GB)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=timestamp, compresslevel=COMPRESSION
        ) as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in [site, *entries]:
            relative = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(folder if relative == "." else f"{folder}/{relative}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = timestamp, 0, 0, "", ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)
                continue
            info.size, info.mode = path.stat().st_size, 0o644
            with path.open("rb") as stream:
                archive.addfile(info, stream)


def write_zip(site: Path, files: list[Path], target: Path, folder: str, timestamp: int) -> None:
    date = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=COMPRESSION)


def site_edition(site: Path) -> str:
    """The edition the built site carries (its data package's version), or ""."""
    try:
        return str(json.loads((site / DATAPACKAGE).read_text("utf-8")).get("version", ""))
    except (OSError, ValueError):
        return ""


def write_dist(site: Path = SITE, dist: Path = DIST, edition: str | None = None) -> list[Path]:
    """Both archives of `site`, named after its edition; their paths. Raises
    FileNotFoundError without a built site."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}: no built site (run make build first)")
    edition = site_edition(site) if edition is None else edition
    files = _files(site)
    folder = f"{NAME}-{edition}" if edition else NAME
    dist.mkdir(parents=True, exist_ok=True)
    timestamp = _timestamp(files)
    tarball, archive = dist / f"{folder}.tar.gz", dist / f"{folder}.zip"
    write_tarball(site, files, tarball, folder, timestamp)
    write_zip(site, files, archive, folder, timestamp)
    return [tarball, archive]
