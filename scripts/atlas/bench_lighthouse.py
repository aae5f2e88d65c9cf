"""Lighthouse 12 for `make bench`: the home, a hub and the KPI table page, mobile and desktop,
on our site and on the baseline (Material's own search over the same pages), both served
gzip-compressed from 127.0.0.1 as a static host would. Performance is the median of three
runs; the other categories are those of the median run. Reported, never asserted.

Lighthouse is pinned in scripts/atlas/lighthouse/package-lock.json and installed with
`npm ci` into build/lighthouse/ (outside the package, so `make serve` does not watch it).
It drives Debian's Chromium (CHROME_PATH), never a browser of its own.

Standalone, for one site against a baseline:
    python -m atlas.bench_lighthouse SITE [BASELINE] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from atlas import chromium
from atlas.paths import BUILD, PACKAGE
from atlas.serve import serving

PINNED = PACKAGE / "lighthouse"  # package.json and package-lock.json
INSTALLED = BUILD / "lighthouse"
CHROMIUM = chromium.EXECUTABLE
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
PAGES = ("en/", "en/hubs/boston/", "en/kpis/")
FORM_FACTORS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
RUN_TIMEOUT_S = 240
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


# -- a static host that compresses ------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a folder like a static host: text files gzip-encoded when the client accepts
    it, everything cacheable for an hour, no log line per request."""

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and path.suffix in COMPRESSED):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serving_gzip(folder: Path) -> contextlib.AbstractContextManager[str]:
    """`folder` served gzip-compressed on 127.0.0.1 at a free port; yields its URL."""
    return serving(folder, GzipHandler)


# -- Lighthouse -------------------------------------------------------------------------------
def install() -> Path | None:
    """The pinned Lighthouse's command line, installed with `npm ci` when the lock changed;
    None (and why, printed) when npm or Chromium is missing or the install fails."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None or not Path(CHROMIUM).exists():
        print("bench: Lighthouse not run (needs node, npm and /usr/bin/chromium)", flush=True)
        return None
    cli = INSTALLED / "node_modules" / "lighthouse" / "cli" / "index.js"
    lock = (PINNED / "package-lock.json").read_bytes()
    stamp = INSTALLED / "package-lock.json"
    if not cli.exists() or not stamp.exists() or stamp.read_bytes() != lock:
        INSTALLED.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PINNED / name, INSTALLED / name)
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=INSTALLED,
            check=False,
        )
        if done.returncode != 0 or not cli.exists():
            stamp.unlink(missing_ok=True)
            print("bench: Lighthouse not run (npm ci failed)", flush=True)
            return None
    return cli


def lighthouse(cli: Path, url: str, form_factor: str, out: Path) -> dict:
    """One Lighthouse run: each category's score (0–100) and its failing audits' ids."""
    command = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=RUN_TIMEOUT_S, capture_output=True)
    report = json.loads(out.read_text("utf-8"))
    return {"scores": _scores(report), "failing": _failing(report)}


def _scores(report: dict) -> dict[str, int | None]:
    scores = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        scores[category] = None if score is None else round(score * 100)
    return scores


def _failing(report: dict) -> dict[str, list[str]]:
    """Audits that cost points: weighted, scored, and below Lighthouse's pass mark (0.9)."""
    audits = report["audits"]
    failing = {}
    for category in CATEGORIES:
        ids = [
            ref["id"]
            for ref in report["categories"][category]["auditRefs"]
            if ref.get("weight", 0) > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < (0.9 if category == "performance" else 1)
        ]
        failing[category] = ids
    return failing


def _median_run(runs: list[dict]) -> dict:
    """The run whose performance is the median (the upper middle of an even count)."""
    ordered = sorted(runs, key=lambda run: run["scores"]["performance"] or 0)
    middle = ordered[len(ordered) // 2]
    perfs = [run["scores"]["performance"] or 0 for run in runs]
    return {**middle, "performance_runs": perfs, "median": statistics.median(perfs)}


def measure(sites: dict[str, Path], work: Path, runs: int = RUNS) -> dict | None:
    """{site name: {(page, form factor): median run}} for each site, or None without npm."""
    cli = install()
    if cli is None:
        return None
    out = work / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for name, site in sites.items():
        results[name] = {}
        with serving_gzip(site) as base:
            for page in PAGES:
                for form_factor in FORM_FACTORS:
                    report = out / f"{name}-{page.strip('/').replace('/', '-')}-{form_factor}"
                    done = [
                        lighthouse(cli, f"{base}/{page}", form_factor, Path(f"{report}-{n}.json"))
                        for n in range(runs)
                    ]
                    results[name][(page, form_factor)] = _median_run(done)
                    scores = results[name][(page, form_factor)]["scores"]
                    print(f"bench: lighthouse {name} /{page} {form_factor} {scores}", flush=True)
    return results


# -- the report -------------------------------------------------------------------------------
def report(results: dict | None, runs: int = RUNS) -> list[str]:
    """The benchmark file's Lighthouse section (Markdown lines)."""
    lines = ["", "### Lighthouse", ""]
    if results is None:
        return [*lines, "Not run: this machine has no node/npm or no /usr/bin/chromium.", ""]
    lines += [
        f"Lighthouse 12 (pinned in `scripts/atlas/lighthouse/`), headless Debian Chromium, "
        f"pages served gzip-compressed from 127.0.0.1. Performance: median of {runs} runs "
        "(all runs in brackets); the other scores and the failing audits are the median "
        "run's. Mobile is Lighthouse's default (simulated slow 4G, 4× CPU slowdown); desktop "
        "is `--preset=desktop`.",
        "",
        "| page | form | site | performance | accessibility | best practices | SEO "
        "| failing audits |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in PAGES:
        for form_factor in FORM_FACTORS:
            for name, by_page in results.items():
                run = by_page[(page, form_factor)]
                scores = run["scores"]
                perfs = ", ".join(str(p) for p in run["performance_runs"])
                failing = sorted({a for ids in run["failing"].values() for a in ids})
                lines.append(
                    f"| /{page} | {form_factor} | {name} | {run['median']:.0f} ({perfs}) | "
                    f"{scores['accessibility']} | {scores['best-practices']} | "
                    f"{scores['seo']} | {', '.join(f'`{a}`' for a in failing) or '–'} |"
                )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas.bench_lighthouse", description=__doc__)
    parser.add_argument("site", type=Path, help="a built site (the atlas search)")
    parser.add_argument("baseline", type=Path, nargs="?", help="the Material-search build")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--work", type=Path, default=BUILD / "bench")
    arguments = parser.parse_args(argv)
    sites = {"atlas": arguments.site}
    if arguments.baseline:
        sites["material"] = arguments.baseline
    results = measure(sites, arguments.work, arguments.runs)
    print("\n".join(report(results, arguments.runs)))
    return 0 if results is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
