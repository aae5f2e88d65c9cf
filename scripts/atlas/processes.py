"""Work spread over forked processes: how many, and the pool they run in.

The stages that fork (the claim-figure check of a large atlas, the three languages' pages,
their MkDocs builds) fork from a process that holds the checked atlas, so the children read
it without copying or pickling it. `ATLAS_BUILD_JOBS=1` keeps everything in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import traceback
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

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


class ForkedTasks:
    """Tasks run at most `jobs` at a time, each in a process forked for it alone, so that a
    task can be queued as soon as the one it needs has ended (a language's MkDocs build as
    soon as its pages are written, while another language's pages are still being written).

    A task's function and arguments are not pickled (the child has them as the parent had
    them when it forked); only what it returns or raises comes back, pickled. Every child
    starts from the parent's memory, not from an earlier task's leftovers. With `jobs == 1`
    the tasks run in this process, one after another, in the order they were queued.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._queued: deque[tuple[Hashable, Callable[..., Any], tuple]] = deque()
        self._running: dict[Connection, tuple[Hashable, BaseProcess]] = {}

    def __enter__(self) -> ForkedTasks:
        if self.jobs > 1:
            gc.freeze()  # as forked_pool: the children only read what the parent holds
        return self

    def __exit__(self, *exc_info: object) -> None:
        """The tasks still running are stopped (a task failed, or the caller stopped)."""
        for connection, (_, process) in self._running.items():
            process.terminate()
            process.join()
            connection.close()
        self._running.clear()
        self._queued.clear()
        if self.jobs > 1:
            gc.unfreeze()

    def submit(self, key: Hashable, function: Callable[..., Any], *arguments: Any) -> None:
        """Queue `function(*arguments)`, started at once if fewer than `jobs` run;
        `completed` yields its result under `key`."""
        self._queued.append((key, function, arguments))
        if self.jobs > 1:
            self._start_queued()

    def completed(self) -> Iterator[tuple[Hashable, Any]]:
        """Each task's key and result as it ends, queued ones started as others end (more
        may be submitted meanwhile). A task's exception is raised here."""
        if self.jobs == 1:
            while self._queued:
                key, function, arguments = self._queued.popleft()
                yield key, function(*arguments)
            return
        while self._queued or self._running:
            self._start_queued()
            for connection in wait(list(self._running)):
                yield self._result(connection)  # type: ignore[arg-type]

    def _start_queued(self) -> None:
        context = multiprocessing.get_context("fork")
        while self._queued and len(self._running) < self.jobs:
            key, function, arguments = self._queued.popleft()
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_run_task, args=(sending, function, arguments))
            process.start()
            sending.close()
            self._running[receiving] = (key, process)

    def _result(self, connection: Connection) -> tuple[Hashable, Any]:
        key, process = self._running.pop(connection)
        try:
            succeeded, value = connection.recv()
        except EOFError:
            succeeded, value = False, None
        finally:
            connection.close()
            process.join()
        if succeeded:
            return key, value
        if value is None:
            raise ChildProcessError(
                f"the task {key!r} ended without a result (exit code "
                f"{process.exitcode}: killed, or out of memory?)"
            )
        raise value


def _run_task(sending: Connection, function: Callable[..., Any], arguments: tuple) -> None:
    """In the forked child: the task, and what it returned or raised sent back (an error
    that would not come back whole, as its type, message and traceback)."""
    try:
        outcome: tuple[bool, Any] = (True, function(*arguments))
    except BaseException as error:  # every error goes back to the parent, Ctrl-C too
        trace = traceback.format_exc().rstrip()
        error.add_note("(in a forked build process)\n" + trace)
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:  # an exception class that does not unpickle
            error = ChildProcessError(trace)
        outcome = (False, error)
    try:
        sending.send(outcome)
    except Exception as error:  # a result that does not pickle
        sending.send((False, ChildProcessError(f"{outcome[1]!r:.200} (not picklable: {error})")))
    finally:
        sending.close()
