"""Work spread over forked processes: how many, and the pool they run in.

The stages that fork (the claim-figure check of a large atlas, the three languages' pages,
their MkDocs builds) fork from a process that holds the checked atlas, so the children read
it without copying or pickling it. `ATLAS_BUILD_JOBS=1` keeps everything in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from atlas.convert import LANGUAGES

# Below this many records the build stays in one process: each forked child sets up again
# what the parent would set up once (the gazetteer, the templates, the converters), which
# costs a small atlas more than it gains. Measured on 2 cores: the 9 fixture records took
# 5.2 CPU-s forked against 2.1–2.8 in one process; our 304 records 20 s (wall) forked
# against 30 s in one process, the same CPU time.
FORK_FROM_RECORDS = 50


def build_jobs(records: int | None = None) -> int:
    """How many processes work at once: ATLAS_BUILD_JOBS, else one per core (≤ 3), or one
    for an atlas of fewer than FORK_FROM_RECORDS `records`. (Three on two cores was tried:
    no faster at 10×, and more CPU time in all.)"""
    setting = os.environ.get("ATLAS_BUILD_JOBS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    if records is not None and records < FORK_FROM_RECORDS:
        return 1
    return max(1, min(len(LANGUAGES), os.cpu_count() or 1))


@contextmanager
def forked_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `jobs` processes forked from this one (they see its memory as it was).

    What this process holds when it forks (the checked atlas) is frozen out of the cycle
    collector's reach for the pool's life: the children only read it, so their collections
    need not walk it again and again (at 10× a language's pages spent 2.2 s collecting, 1.1 s
    so). Thawed afterwards, so that a long-lived process (`make serve`) still frees it."""
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()
