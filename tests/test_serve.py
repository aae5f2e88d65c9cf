"""`make serve`'s loop over a copy of the fixture records: a change is rebuilt and served, no
error ends the loop, the last good site is served with the error over it, pages reload."""

from __future__ import annotations

import http.client
import shutil
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from atlas import pipeline
from atlas.build import BuildError
from atlas.serve import LiveSite, serving
from conftest import FIXTURE_DATA
from record_edits import edit

HUB = "en/hubs/hong-kong/"
HUB_FILE = "hubs/hong-kong.yml"
SUMMARY = "The city the Blueprint is for."
BUILD_TIMEOUT = 60  # seconds for one build of the fixture records, on a busy machine
TARGET = "target: hk-innovation-technology-blueprint"
HOSTILE = "<b>x</b> & 'y'"  # a relation target that is no id, echoed in the problem
BROKEN = f'target: "{HOSTILE}"'


class Loop:
    """The module's running LiveSite (server and rebuild loop in threads), its copy of the
    fixture records, and what a test asks of it. The tests share one loop, as an editor's
    session goes on from change to change; `summary` is the hub's summary as it stands."""

    def __init__(self, live: LiveSite, url: str, records: Path) -> None:
        self.live, self.url, self.records, self.summary = live, url, records, SUMMARY

    def change(self, old: str, new: str) -> None:
        """Edit the hub's record and wait for the rebuild it causes to finish."""
        builds = self.live.builds
        edit(self.records, HUB_FILE, old, new)
        assert self.live.wait_for_builds(builds + 1, BUILD_TIMEOUT), "no rebuild after a change"

    def change_summary(self, new: str) -> None:
        self.change(self.summary, new)
        self.summary = new

    def get(self, url: str = HUB) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"{self.url}/{url}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def banner(self, url: str = HUB) -> BeautifulSoup | None:
        return BeautifulSoup(self.get(url)[1], "html.parser").select_one("#atlas-build-error")


@pytest.fixture(scope="module")
def running(tmp_path_factory, corpus) -> Iterator[Loop]:
    """One live loop over a copy of the fixture records for the module: one first build."""
    root = tmp_path_factory.mktemp("serve")
    records = root / "data"
    shutil.copytree(FIXTURE_DATA, records)
    live = LiveSite(root / "site", records, root / "work", watch=(), debounce=0.1, corpus=corpus)
    with live.serving(poll_timeout=5) as url:
        thread = threading.Thread(target=live.run, daemon=True)
        thread.start()
        assert live.wait_for_builds(1, BUILD_TIMEOUT), "the first build did not finish"
        assert live.error is None, live.error
        yield Loop(live, url, records)
    thread.join(BUILD_TIMEOUT)
    assert not thread.is_alive(), "the loop did not stop"


@pytest.fixture
def loop(running: Loop) -> Iterator[Loop]:
    """The module's loop, with a good build of the hub's record (its summary aside) when the
    test starts; a test that leaves it otherwise has it put back, and rebuilt, after it."""
    path, summary = running.records / HUB_FILE, running.summary
    good = path.read_text("utf-8")
    assert running.live.error is None, running.live.error
    yield running
    if path.read_text("utf-8") != (good := good.replace(summary, running.summary, 1)):
        builds = running.live.builds
        path.write_text(good, "utf-8")
        assert running.live.wait_for_builds(builds + 1, BUILD_TIMEOUT)


def test_a_changed_record_is_rebuilt_and_served(loop: Loop, capsys):
    status, page = loop.get()
    assert status == 200 and loop.summary in page and loop.banner() is None
    before = loop.summary
    loop.change_summary("The city the Blueprint plans.")
    status, page = loop.get()
    assert status == 200 and "The city the Blueprint plans." in page and before not in page
    assert "Site rebuilt" in capsys.readouterr().out


def test_a_broken_record_keeps_the_last_good_page_with_the_error_over_it(loop: Loop, capsys):
    loop.change(TARGET, BROKEN)
    status, page = loop.get()
    assert status == 200 and loop.summary in page, "the last good page is no longer served"
    banner = loop.banner()
    assert banner is not None, "the failed build is not shown on the page"
    assert "last good one" in banner.get_text()
    assert f"{HUB_FILE}:13: relations[0].target" in banner.get_text()
    assert HOSTILE in banner.get_text(), "the problem's text is not shown as it is"
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt; &amp;" in page, "not escaped"
    assert HUB_FILE in capsys.readouterr().out  # the terminal says it too
    # every page shows it, the 404 pages included (a missing page gets its language's 404)
    status, _ = loop.get("zh-hant/no-such-page/")
    assert status == 404 and loop.banner("zh-hant/no-such-page/") is not None
    assert loop.banner("zh-hans/") is not None
    loop.change(BROKEN, TARGET)
    assert loop.banner() is None and loop.live.error is None, "the banner outlived the fix"


def _raise(error: BaseException):
    def build_step(*args, **kwargs):
        raise error

    return build_step


def test_no_error_ends_the_loop(loop: Loop, monkeypatch, capsys):
    builds, good = loop.live.builds, loop.summary
    undefined = jinja2.UndefinedError("'dict object' has no attribute 'summary'")
    monkeypatch.setattr(pipeline, "_write_language_docs", _raise(undefined))
    loop.change_summary("First try.")
    out = capsys.readouterr().out
    assert "jinja2.exceptions.UndefinedError: 'dict object' has no attribute 'summary'" in out
    assert "tests/test_serve.py:" in out  # the file it came from
    assert "UndefinedError" in loop.banner().get_text() and good in loop.get()[1]

    monkeypatch.undo()
    monkeypatch.setattr(pipeline.build_stage, "build_language", _raise(BuildError("mkdocs.yml")))
    loop.change_summary("Second try.")
    assert "MkDocs refused the build" in loop.banner().get_text()

    monkeypatch.undo()
    recursion = RecursionError("maximum recursion depth")
    monkeypatch.setattr(pipeline, "_write_language_docs", _raise(recursion))
    loop.change_summary("Third try.")
    assert "RecursionError: maximum recursion depth" in loop.banner().get_text()

    monkeypatch.undo()
    loop.change_summary("Fourth try.")
    status, page = loop.get()
    assert status == 200 and "Fourth try." in page and loop.banner() is None
    assert loop.live.builds == builds + 4


def test_a_burst_of_changes_makes_one_rebuild(loop: Loop):
    builds, first = loop.live.builds, loop.summary
    for old, new in ((first, "Burst red."), ("red.", "green."), ("green.", "blue.")):
        edit(loop.records, HUB_FILE, old, new)
        time.sleep(0.02)  # well under the debounce interval
    loop.summary = "Burst blue."
    assert loop.live.wait_for_builds(builds + 1, BUILD_TIMEOUT)
    time.sleep(0.5)
    assert loop.live.builds == builds + 1 and "Burst blue." in loop.get()[1]


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_each_rebuild(loop: Loop, browser):
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(f"{loop.url}/{HUB}")
        assert loop.summary in tab.content()
        with tab.expect_event("load", timeout=BUILD_TIMEOUT * 1000):
            loop.change_summary("Reloaded by itself.")
        assert "Reloaded by itself." in tab.inner_text("article")
        assert tab.locator("#atlas-build-error").count() == 0
        with tab.expect_event("load", timeout=BUILD_TIMEOUT * 1000):  # a failed build: the error
            loop.change(TARGET, BROKEN)
        assert HOSTILE in tab.inner_text("#atlas-build-error")
        assert "Reloaded by itself." in tab.inner_text("article")  # the last good page
        with tab.expect_event("load", timeout=BUILD_TIMEOUT * 1000):
            loop.change(BROKEN, TARGET)
        assert "Reloaded by itself." in tab.inner_text("article")
        assert tab.locator("#atlas-build-error").count() == 0
    finally:
        context.close()


# -- the server of the tests, the benchmark and `make serve` ----------------------------------
def test_many_small_files_come_quickly_over_one_connection(tmp_path):
    """A query fetches several shards: the server keeps the connection open (HTTP/1.1) and
    sends each answer at once. With Nagle's algorithm on, every answer after the first on a
    connection waited for the browser's delayed acknowledgement, 40 ms on Linux."""
    (tmp_path / "shard.json").write_text('{"term": [[], [], [1, 2, 3]]}', "utf-8")
    with serving(tmp_path) as url:
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
        times = []
        for _ in range(12):
            start = time.perf_counter()
            connection.request("GET", "/shard.json")
            response = connection.getresponse()
            assert response.status == 200 and response.read().startswith(b'{"term"')
            times.append(time.perf_counter() - start)
        assert response.getheader("Connection", "").lower() != "close"
        assert connection.sock is not None, "the server closed the connection"
        connection.close()
    assert statistics.median(times) < 0.02, f"median {statistics.median(times) * 1000:.0f} ms"
