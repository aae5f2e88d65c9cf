"""Shared fixtures: the fixture records, built sites, a local server and a browser."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from atlas import chromium
from atlas.corpus import Corpus, corpus_folder
from atlas.link import Atlas
from atlas.pipeline import build_site, check
from atlas.serve import serving

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - the lock file installs it; `browser` says so
    PlaywrightError = Exception

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
REDIRECT = "- {from: hubs/hong-kong-sar, to: hubs/hong-kong}\n"  # redirected_site's rename
IN_CI = bool(os.environ.get("CI"))
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The five source texts; without them the quote checks cannot run, so tests fail."""
    corpus = Corpus.read(corpus_folder())
    if not corpus.present:
        pytest.fail(f"no source texts in {corpus.folder}: set ATLAS_SOURCES")
    return corpus


@pytest.fixture(scope="session")
def real_atlas(corpus) -> Atlas:
    """data/ checked (load → validate → link) once for the run; tests read it, never change it."""
    return check(corpus=corpus)


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set, to break in one place per test."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build(root)` fills once per run, shared by every test and every pytest-xdist
    worker: the first to need it builds it (under a lock), the others wait and reuse it.
    What it holds is read, never written, by the tests."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's own temporary folder, above the workers'
    root = base / f"shared-{name}"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / ".built").exists():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            build(root)
            (root / ".built").touch()
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, corpus) -> Path:
    """The whole atlas, built from data/ exactly as `make build` builds it."""

    def build(root: Path) -> None:
        build_site(site=root / "site", corpus=corpus, work=root / "build")

    return built_once(tmp_path_factory, "real", build) / "site"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory, corpus) -> Path:
    """The fixture data built once: site/ and the build's work folder build/ beside it, and
    progress.txt, the lines the build said as it went (one per stage)."""

    def build(root: Path) -> None:
        lines: list[str] = []
        work = root / "build"
        build_site(root / "site", FIXTURE_DATA, corpus, work, progress=lines.append)
        (root / "progress.txt").write_text("\n".join(lines) + "\n", "utf-8")

    return built_once(tmp_path_factory, "fixture", build)


@pytest.fixture(scope="session")
def fixture_site(fixture_build: Path) -> Path:
    return fixture_build / "site"


@pytest.fixture(scope="session")
def redirected_site(tmp_path_factory, corpus) -> Path:
    """The fixture data with one renamed id (hubs/hong-kong-sar → hubs/hong-kong in
    redirects.yml), built once for the tests that follow the old address."""

    def build(root: Path) -> None:
        data = root / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / "redirects.yml").write_text(REDIRECT, "utf-8")
        build_site(site=root / "site", data_dir=data, corpus=corpus, work=root / "work")

    return built_once(tmp_path_factory, "redirected", build) / "site"


@pytest.fixture
def serve():
    """serving(site) as a fixture: `with serve(site) as url: …`."""
    return serving


@pytest.fixture(scope="session")
def real_server(real_site: Path) -> Iterator[str]:
    """The real site served on 127.0.0.1 at a free port; yields its base URL."""
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. In CI a missing browser is a failure."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the lock file installs it
        pytest.fail(f"playwright is not installed: {error}")
    if not Path(chromium.EXECUTABLE).exists():
        message = f"{chromium.EXECUTABLE} is missing: apt-get install chromium (.ci/run does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shared_contexts(browser) -> Iterator[dict[tuple[int, int], object]]:
    """One browser context per viewport size for the run (in each worker), shared by the
    tests' pages: a reader's browser keeps the site's fingerprinted files in its cache from
    page to page, and a new context per test would cost Chromium a new renderer and an
    empty cache each time (about 1.2 CPU-seconds a page against 0.6)."""
    contexts: dict[tuple[int, int], object] = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_tab(browser, shared_contexts):
    """Open pages (`open_tab(viewport)`), each a new page in the run's context of that size,
    recording every request; after the test, the page's local storage is cleared and the
    page closed, and the test fails if any request left 127.0.0.1. `fresh=True` gives the
    page a context of its own, with an empty cache, for a test of what a page asks for."""
    opened = []

    def open_one(viewport: dict, fresh: bool = False):
        size = (viewport["width"], viewport["height"])
        if fresh:
            context = browser.new_context(viewport=viewport)
        else:
            if size not in shared_contexts:
                shared_contexts[size] = browser.new_context(viewport=viewport)
            context = shared_contexts[size]
        tab = context.new_page()
        tab.requests = []
        tab.pending = set()  # requests asked for and not yet answered (or failed)
        tab.on(
            "request", lambda request: (tab.requests.append(request.url), tab.pending.add(request))
        )
        tab.on("requestfinished", lambda request: tab.pending.discard(request))
        tab.on("requestfailed", lambda request: tab.pending.discard(request))
        opened.append((context if fresh else None, tab))
        return tab

    yield open_one
    for own_context, tab in opened:
        hosts = {urlsplit(url).hostname for url in tab.requests if not url.startswith("data:")}
        if own_context is not None:
            own_context.close()
        else:
            with contextlib.suppress(PlaywrightError):  # a page that crashed stores nothing
                tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            tab.close()
        assert hosts <= {"127.0.0.1"}, f"requests left the site: {sorted(hosts)}"


QUIET_MS = 150  # no request open for this long: the page has asked for all it will


def settle(tab, timeout_ms: int = 15_000) -> None:
    """Wait until the page opened by `open_tab` has loaded and no request of it has been open
    for QUIET_MS: what Playwright's "networkidle" waits for, with 150 ms of quiet instead of
    its fixed 500 (our pages ask for all they need while loading; a test of every request a
    page makes waits for the last answer, not for half a second more)."""
    tab.wait_for_load_state("load")
    deadline, quiet_since = time.monotonic() + timeout_ms / 1000, time.monotonic()
    while time.monotonic() < deadline:
        if tab.pending:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_MS / 1000:
            return
        tab.wait_for_timeout(25)  # lets Playwright deliver the request events meanwhile
    raise AssertionError(
        f"requests still open after {timeout_ms} ms: {sorted(r.url for r in tab.pending)}"
    )


@pytest.fixture
def reader(open_tab, real_server):
    """A new desktop-sized page that records every request it makes."""
    return open_tab(DESKTOP)


@pytest.fixture
def fresh_reader(open_tab, real_server):
    """A desktop-sized page in a context of its own: an empty cache, nothing stored."""
    return open_tab(DESKTOP, fresh=True)


# How `make test` shares the tests among its pytest-xdist workers (the Scheduler below): the
# modules that read many pages of the real site run in one worker, which parses each page
# once for all of them (tests/pages.py); a module whose tests share a costly fixture made once
# per module runs in one worker; every other test goes alone to whichever worker is free.
PAGE_READERS = {
    "test_citations",
    "test_comparison_pages",
    "test_downloads",
    "test_groups",
    "test_kpi_charts",
    "test_links_that_last",
    "test_locators",
    "test_numbers_and_names",
}
KEPT_TOGETHER = {
    "test_script_purity",
    "test_search",
    "test_serve",
    "test_site_links",
    "test_sub_path",
}
# Rough seconds per unit of work (a group, a module kept together, or one test of the module
# named), so that the longest start first and the workers finish together; 1 if not named.
UNIT_SECONDS = {
    "test_search": 80,
    "real-pages": 75,
    "test_script_purity": 25,
    "test_sub_path": 15,
    "test_serve": 30,
    "test_site_links": 6,
    "test_build": 5,
    "test_deployment": 5,
    "test_not_found": 3,
    "test_browser_print": 3,
}


def _unit(nodeid: str) -> str:
    """The unit of work a test belongs to: a group, a module, or the test alone."""
    module = Path(nodeid.split("::", 1)[0]).stem
    if module in PAGE_READERS:
        return "real-pages"
    return module if module in KEPT_TOGETHER else nodeid


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # pragma: no cover - the lock file installs pytest-xdist
    LoadScopeScheduling = None
else:

    class Scheduler(LoadScopeScheduling):
        """pytest-xdist's loadscope with our units, the longest first (each worker takes the
        next unit when it is almost done: the short ones fill in at the end)."""

        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            longest = max(self.workqueue, key=_seconds)  # the first of equals: max is stable
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    def _seconds(unit: str) -> float:
        name = unit if unit in UNIT_SECONDS else Path(unit.split("::", 1)[0]).stem
        return UNIT_SECONDS.get(name, 1)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(config, log):
        """Ours for `-n N` (whose default, --dist load, would split every module and make
        each module's fixtures in every worker); any other --dist asked for is xdist's."""
        return Scheduler(config, log) if config.getoption("dist") == "load" else None


def pytest_sessionfinish(session, exitstatus) -> None:
    """In CI, a run in which no browser test passed is a failed run (judged where the
    results are gathered: in the main process, not in a pytest-xdist worker)."""
    if not IN_CI or exitstatus != 0 or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = reporter.stats.get("passed", []) if reporter else []
    if not any("test_browser" in report.nodeid for report in passed):
        print("\nCI: no browser test passed; failing the run.")
        session.exitstatus = 1


def pytest_unconfigure(config) -> None:
    """Leave the parsed pages (tests/pages.py keeps a run's worth, about a gigabyte) to the
    end of the process: freeing them one by one at exit would take half a minute."""
    gc.freeze()
