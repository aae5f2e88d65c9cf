"""`make bench` runs for an hour before it writes its report: what it measures with and
what it writes must not be the thing that fails at the end."""

from __future__ import annotations

import multiprocessing
import time

from atlas import bench
from atlas.bench_memory import folder_size, peak_memory
from atlas.pipeline import ATLAS_SEARCH, MATERIAL_SEARCH


def _hold_memory(megabytes: int) -> None:
    block = bytearray(megabytes * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touch every page: resident, not reserved
    time.sleep(1.5)


def test_peak_memory_counts_the_build_processes_too():
    """The build forks one process per language; their memory is the build's."""
    with peak_memory(every=0.1) as peak:
        child = multiprocessing.get_context("fork").Process(target=_hold_memory, args=(300,))
        child.start()
        child.join()
    assert peak["bytes"] > 300 * 2**20, peak


def test_folder_size_counts_files_and_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_bytes(b"12345")
    (tmp_path / "y.json").write_bytes(b"123")
    assert folder_size(tmp_path) == (2, 8)


def test_the_report_shows_every_scale_and_what_was_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "benchmark.md")
    (tmp_path / "benchmark.md").write_text(
        "# Benchmark results\n\n## 2026-11-22\n\nan earlier run\n"
    )
    figures = {
        "stages": {
            factor: {"records": 304 * factor, "check": 1.5 * factor} for factor in bench.SCALES
        },
        "build": {(ATLAS_SEARCH, factor): 20.0 * factor for factor in bench.SCALES},
        "memory": {(ATLAS_SEARCH, factor): 2**30 * factor for factor in bench.SCALES},
        "size": {
            (ATLAS_SEARCH, factor): (1000 * factor, 2**20 * factor) for factor in bench.SCALES
        },
    }
    figures["build"][(MATERIAL_SEARCH, 1)] = 40.0
    weights = {
        engine: dict.fromkeys(bench.WEIGHED_PAGES, 1000)
        for engine in (ATLAS_SEARCH, MATERIAL_SEARCH)
    }
    measured = {"index": (1000, 500), "first_ms": 500.0, "first_gz": 2048, "suite_gz": 4096}
    rows = [
        {
            "factor": 100,
            "language": "en",
            ATLAS_SEARCH: dict(measured),
            MATERIAL_SEARCH: {"index": (9, 9), "first_ms": None},
        }
    ]
    bench.write_report(figures, weights, rows, None)
    text = (tmp_path / "benchmark.md").read_text("utf-8")
    assert (
        "| 100× | 30,400 | 150.0 s | 2000.0 s | 100.0 GiB | 100,000 files, 100 MB | not run | – |"
        in text
    )
    assert "| 1× | 304 | 1.5 s | 20.0 s |" in text and "| 40.0 s | 0.50× |" in text
    assert "| 100× | en | atlas | 0 KB | 2 KB | 4 KB | 500 ms |" in text
    assert "not ready in 240 s" in text  # Material's first result, never there
    assert text.count("# Benchmark results") == 1
    assert text.index("### Build") < text.index("## 2026-11-22") < text.index("an earlier run")
