"""Peak memory of a build for `make bench`: the memory of this process and all its
descendants together (the build forks one process per language), sampled from /proc.

Each process counts its proportional set size (Pss, /proc/<pid>/smaps_rollup): a page that
forked processes share is counted once over all of them, not once in each (their resident
sizes would add the checked atlas up three times). Where Pss is not available, the
resident size."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_memory(root: int) -> int:
    """The memory of `root` and its descendants now, in bytes (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        resident[int(entry.name)] = pages * PAGE
    total, wanted = 0, {root}
    changed = True
    while changed:  # the descendants: processes whose parent is already in the tree
        changed = False
        for pid, parent in parents.items():
            if parent in wanted and pid not in wanted:
                wanted.add(pid)
                changed = True
    for pid in wanted:
        total += _proportional(pid, resident.get(pid, 0))
    return total


def _proportional(pid: int, resident: int) -> int:
    """The process's Pss in bytes, or its resident size where smaps_rollup cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resident


@contextmanager
def peak_memory(every: float = 0.5) -> Iterator[dict[str, int]]:
    """`with peak_memory() as peak: …` — afterwards peak["bytes"] is the largest total seen."""
    peak = {"bytes": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak["bytes"] = max(peak["bytes"], _tree_memory(os.getpid()))
            stop.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()
        peak["bytes"] = max(peak["bytes"], _tree_memory(os.getpid()))


def folder_size(folder: Path) -> tuple[int, int]:
    """Files and bytes below `folder`."""
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size
