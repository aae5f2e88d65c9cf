"""`make serve`: build, serve site/ on 127.0.0.1, rebuild on change, reload the open pages.

watchdog watches data/, docs/, scripts/atlas/ and mkdocs.yml; a burst of changes makes one
rebuild through `build_site`, which swaps site/ in whole or keeps the last good site. No
error ends the loop: it is printed, and every page served shows it in a banner until a build
succeeds. A change to the package's code or tables (read at import) re-imports the pipeline.
"""

from __future__ import annotations

import contextlib
import functools
import html
import importlib
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from atlas import paths
from atlas.search_shards import FINGERPRINTED

if TYPE_CHECKING:
    from atlas.corpus import Corpus

WATCHED = (paths.DOCS, paths.PACKAGE, paths.MKDOCS_CONFIG)  # and the data folder
READ_AT_EACH_BUILD = (paths.TEMPLATES, paths.OVERRIDES, paths.ASSETS)  # the rest at import
CHANGES = {"created", "modified", "deleted", "moved", "closed"}  # not opened, closed_no_write
IGNORED = ("~", ".swp", ".swx", ".tmp", ".pyc")  # editors' scratch files, bytecode
RELOAD_PATH = "/__atlas__/reload"
RELOAD_SCRIPT = (  # long-polls the server; reloads when a build newer than the page finished
    "<script>(function(e){function p(){fetch('" + RELOAD_PATH + "?since='+e,{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(+t>e)location.reload();else p()},"
    "function(){setTimeout(p,1000)})}p()})(%d)</script>"
)
BANNER = (
    '<div id="atlas-build-error" role="alert" style="position:fixed;inset:0 0 auto;z-index:9999;'
    "max-height:60vh;overflow:auto;padding:.8em 1.2em;background:#b00020;color:#fff;font:14px/1.4"
    ' sans-serif"><strong>The last rebuild failed: the site shown is the last good one.</strong>'
    " Fix the problem and save; this page reloads by itself."
    '<pre style="white-space:pre-wrap;margin:.5em 0 0">%s</pre></div>'
)
EMPTY_PAGE = b"<!doctype html><meta charset=utf-8><title>Not found</title><body></body>"


def describe(error: BaseException) -> str:
    """An error as an editor acts on it: the records' problems, MkDocs' refusal, or the
    traceback's last line and the innermost file not in a library (our code, a template)."""
    if hasattr(error, "problems") and callable(getattr(error, "report", None)):
        return error.report()  # AtlasError, duck-typed: the pipeline may have been re-imported
    if type(error).__name__ == "BuildError":
        return f"MkDocs refused the build (its messages are above): {error}"
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if not _library(frame.filename)] or frames
    where = f"\n  in {_shown(ours[-1].filename)}:{ours[-1].lineno}" if ours else ""
    return traceback.format_exception_only(error)[-1].strip() + where


def _library(filename: str) -> bool:
    path = Path(filename)
    return "site-packages" in path.parts or path.is_relative_to(sys.base_prefix)


def _shown(filename: str) -> str:
    """A project file's path from the project's root; any other file's as it is."""
    path = Path(filename).resolve()
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else filename


class LiveSite(FileSystemEventHandler):
    """The editing loop: collect changes (watchdog's events), rebuild once a burst of them is
    over, and serve the site with the last build's error and a reload script."""

    def __init__(
        self,
        site: Path = paths.SITE,
        data_dir: Path = paths.DATA,
        work: Path = paths.BUILD,
        watch: Iterable[Path] = WATCHED,
        debounce: float = 0.3,
        corpus: Corpus | None = None,
    ) -> None:
        self.site, self.data_dir, self.work, self.corpus = site, data_dir, work, corpus
        self.watched = [Path(path).resolve() for path in (data_dir, *watch)]
        self.debounce, self.changed, self.last_change = debounce, set[Path](), 0.0
        self.error: str | None = None  # the last build's, None after a good one
        self.epoch = time.time_ns() // 1_000_000  # when the last build finished, in ms
        self.builds, self.reimport = 0, False
        self.condition = threading.Condition()
        self.stopping = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        kind = event.event_type  # a folder's "modified" only repeats its files' events
        if kind not in CHANGES or (event.is_directory and kind == "modified"):
            return
        found = {Path(str(path)) for path in (event.src_path, event.dest_path) if path}
        if changed := {path for path in found if self._relevant(path)}:
            with self.condition:
                self.changed |= changed
                self.last_change = time.monotonic()
                self.condition.notify_all()

    def _relevant(self, path: Path) -> bool:
        if "__pycache__" in path.parts or path.name.endswith(IGNORED):
            return False
        return any(path.is_relative_to(root) for root in self.watched)

    def _wait_for_changes(self) -> set[Path]:
        """The paths changed, once a burst is over (`debounce` seconds without a change)."""
        with self.condition:
            while not self.changed:
                if self.stopping.is_set():
                    return set()
                self.condition.wait(0.25)
            while (quiet := time.monotonic() - self.last_change) < self.debounce:
                self.condition.wait(self.debounce - quiet)
            changed, self.changed = self.changed, set()
            return changed

    def _pipeline(self, changed: set[Path]) -> ModuleType:
        code = [path for path in changed if path.is_relative_to(paths.PACKAGE)]
        if any(not any(map(path.is_relative_to, READ_AT_EACH_BUILD)) for path in code):
            self.reimport = True
        if self.reimport:  # every atlas module afresh, the next try too if the import fails
            for name in [name for name in sys.modules if name.startswith("atlas.")]:
                if name not in ("atlas.serve", "atlas.__main__", "atlas.paths"):
                    del sys.modules[name]  # and the package's name for it (`from atlas import x`)
                    vars(sys.modules["atlas"]).pop(name.removeprefix("atlas."), None)
        pipeline = importlib.import_module("atlas.pipeline")
        self.reimport = False
        return pipeline

    def rebuild(self, changed: Iterable[Path] = ()) -> bool:
        changed = set(changed)
        if names := sorted(_shown(str(path)) for path in changed):
            print(f"Changed: {', '.join(names[:3])}{' …' * (len(names) > 3)}.", flush=True)
        started = time.monotonic()
        try:
            self._pipeline(changed).build_site(
                site=self.site, data_dir=self.data_dir, work=self.work, corpus=self.corpus
            )
        except (Exception, SystemExit) as error:  # every kind: the loop must not die
            message = describe(error)
            print(f"{message}\nKeeping the last good site; its pages show this error.", flush=True)
            self._finished(message)
            return False
        print(f"Site rebuilt in {time.monotonic() - started:.1f} s.", flush=True)
        self._finished(None)
        return True

    def _finished(self, error: str | None) -> None:
        with self.condition:
            self.error = error
            self.epoch = max(time.time_ns() // 1_000_000, self.epoch + 1)
            self.builds += 1
            self.condition.notify_all()

    def wait_for_builds(self, count: int, timeout: float) -> bool:
        """True once `count` builds have finished (for tests)."""
        with self.condition:
            return self.condition.wait_for(lambda: self.builds >= count, timeout)

    def newer_than(self, epoch: int, timeout: float) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.epoch > epoch or self.stopping.is_set(), timeout)
            return self.epoch

    def run(self) -> None:
        """Build, then rebuild after every burst of changes, until `stopping` (or Ctrl+C)."""
        self.rebuild()
        while not self.stopping.is_set():
            if changed := self._wait_for_changes():
                self.rebuild(changed)

    @contextlib.contextmanager
    def serving(self, port: int = 0, poll_timeout: float = 25.0) -> Iterator[str]:
        """The HTTP server and the watcher, in threads, until the end; yields the base URL."""
        handler = functools.partial(LiveHandler, directory=str(self.site))
        server = LiveServer(("127.0.0.1", port), handler, self, poll_timeout)
        observer = Observer()
        for root in self.watched:
            folder = root if root.is_dir() else root.parent  # a file (mkdocs.yml): its folder
            if folder.is_dir():
                observer.schedule(self, str(folder), recursive=folder == root)
        observer.start()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            self.stopping.set()
            observer.stop()
            server.shutdown()
            server.server_close()
            observer.join()


# The search index's shards (FINGERPRINTED) never change (README, "Deploying"), so a
# browser keeps them across page loads.
IMMUTABLE = "public, max-age=31536000, immutable"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request (for tests and the benchmark), with the
    cache header the README asks of a host for fingerprinted files. Connections are kept
    open between requests (HTTP/1.1), as any static host keeps them: a query's shards are
    several small files."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        if (cache_control := self.cache_control()) is not None:
            self.send_header("Cache-Control", cache_control)
        super().end_headers()

    def cache_control(self) -> str | None:
        return IMMUTABLE if FINGERPRINTED.search(urlsplit(self.path).path) else None


class LiveServer(ThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], handler: Any, live: LiveSite, poll: float):
        super().__init__(address, handler)
        self.live, self.poll_timeout = live, poll

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-poll is not
            super().handle_error(request, client_address)


class LiveHandler(QuietHandler):  # quiet: the terminal is for the build's messages
    """site/'s files; its pages (and 404 pages) with the reload script and the error banner."""

    server: LiveServer

    def cache_control(self) -> str | None:
        return super().cache_control() or "no-cache"  # after a rebuild, nothing stale

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            since = parse_qs(url.query).get("since", ["0"])[0]
            live = self.server.live
            epoch = live.newer_than(int(since) if since.isdigit() else 0, self.server.poll_timeout)
            return self._send(200, str(epoch).encode(), "text/plain")
        file = Path(self.translate_path(self.path))
        if file.is_dir() and url.path.endswith("/"):
            file = file / "index.html"
        elif file.is_dir() or (file.suffix != ".html" and file.exists()):
            return super().do_GET()  # assets; a folder's address without its slash: redirected
        try:
            status, page = 200, file.read_bytes()
        except OSError:
            status, page = 404, self._not_found(url.path)
        self._send(status, self._inject(page), "text/html; charset=utf-8")

    def _not_found(self, path: str) -> bytes:
        """The 404 page of the address's language, or the root's, as a static host would."""
        language = path.strip("/").split("/", 1)[0]
        for page in (Path(self.directory, language, "404.html"), Path(self.directory, "404.html")):
            with contextlib.suppress(OSError):
                return page.read_bytes()
        return EMPTY_PAGE

    def _inject(self, page: bytes) -> bytes:
        live = self.server.live
        with live.condition:
            error, epoch = live.error, live.epoch
        added = (RELOAD_SCRIPT % epoch).encode()
        if error is not None:
            added = (BANNER % html.escape(error)).encode() + added
        end = page.rfind(b"</body>")
        return page + added if end < 0 else page[:end] + added + page[end:]

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serving(
    folder: Path, handler_class: type[SimpleHTTPRequestHandler] | None = None, port: int = 0
) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (at a free port unless `port`) in a thread, by
    QuietHandler or `handler_class`; yields its URL."""
    handler = functools.partial(handler_class or QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve(
    port: int = 8000, site: Path = paths.SITE, data_dir: Path = paths.DATA, work: Path = paths.BUILD
) -> None:
    """`make serve`: the loop in the foreground until Ctrl+C; the server in a thread."""
    live = LiveSite(site=site, data_dir=data_dir, work=work)
    with live.serving(port) as url:
        print(f"Serving the atlas on {url}/ (Ctrl+C stops); building…", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            live.run()
