"""`make serve`: build, serve site/ on 127.0.0.1, rebuild when a record or page changes.

A rebuild that fails prints its problems and leaves the last good site being served.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from atlas.build import BuildError
from atlas.paths import DATA, DOCS, MKDOCS_CONFIG, PACKAGE, SITE
from atlas.pipeline import build_site
from atlas.problems import AtlasError

WATCHED = (DATA, DOCS, PACKAGE, MKDOCS_CONFIG)


def _fingerprint() -> tuple:
    files = []
    for root in WATCHED:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        files += [
            (str(p), p.stat().st_mtime_ns)
            for p in paths
            if p.is_file() and "__pycache__" not in p.parts
        ]
    return tuple(files)


def _rebuild() -> bool:
    try:
        build_site()
    except (AtlasError, BuildError) as error:
        print(error.report() if isinstance(error, AtlasError) else error, flush=True)
        print("Keeping the last good site. Fix the problems above and save again.", flush=True)
        return False
    print("Site rebuilt.", flush=True)
    return True


def _watch(interval: float = 1.0) -> None:
    seen = _fingerprint()
    while True:
        time.sleep(interval)
        now = _fingerprint()
        if now != seen:
            seen = now
            _rebuild()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request (for tests and the benchmark)."""

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served quietly on 127.0.0.1 at a free port, in a thread; yields its URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve(port: int = 8000, site: Path = SITE) -> None:
    if not _rebuild() and not site.exists():
        raise SystemExit(1)
    threading.Thread(target=_watch, daemon=True).start()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving the atlas on http://127.0.0.1:{port}/ (Ctrl+C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
