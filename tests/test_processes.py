"""The forked tasks the build runs its languages in: results, errors, order, clean stops."""

from __future__ import annotations

import os
import signal
import time

import pytest

from atlas.processes import ForkedTasks


def _square(number: int) -> int:
    return number * number


def _sleep_then(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def _fail(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _pid() -> int:
    return os.getpid()


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_task_gives_its_result_under_its_key(jobs):
    with ForkedTasks(jobs) as tasks:
        for number in range(5):
            tasks.submit(number, _square, number)
        assert dict(tasks.completed()) == {n: n * n for n in range(5)}


def test_a_task_submitted_meanwhile_runs_while_a_long_one_goes_on():
    ended = []
    with ForkedTasks(2) as tasks:
        tasks.submit("long", _sleep_then, 1.5, "long")
        tasks.submit("short", _sleep_then, 0.1, "short")
        for key, _ in tasks.completed():
            ended.append(key)
            if key == "short":  # queued as soon as the one it needs has ended
                tasks.submit("next", _sleep_then, 0.1, "next")
    assert ended == ["short", "next", "long"]


def test_tasks_run_in_their_own_processes_only_with_several_jobs():
    with ForkedTasks(2) as tasks:
        tasks.submit("a", _pid)
        tasks.submit("b", _pid)
        pids = dict(tasks.completed())
    assert os.getpid() not in pids.values() and pids["a"] != pids["b"]
    with ForkedTasks(1) as tasks:
        tasks.submit("a", _pid)
        assert dict(tasks.completed()) == {"a": os.getpid()}


def test_a_task_error_comes_back_as_itself_with_where_it_happened():
    with pytest.raises(ValueError, match="no such hub") as raised, ForkedTasks(2) as tasks:
        tasks.submit("bad", _fail, "no such hub")
        list(tasks.completed())
    notes = "\n".join(getattr(raised.value, "__notes__", []))
    assert "in a forked build process" in notes and "_fail" in notes


def test_a_killed_task_is_reported_not_waited_for():
    with pytest.raises(ChildProcessError, match=r"'dies'.*exit code -9"), ForkedTasks(2) as tasks:
        tasks.submit("dies", _die)
        list(tasks.completed())


def test_leaving_early_stops_the_tasks_still_running():
    started = time.perf_counter()
    with ForkedTasks(2) as tasks:
        tasks.submit("slow", _sleep_then, 30, "slow")
        tasks.submit("quick", _sleep_then, 0, "quick")
        for key, _ in tasks.completed():
            assert key == "quick"
            break
    assert time.perf_counter() - started < 10, "the slow task was waited for"
