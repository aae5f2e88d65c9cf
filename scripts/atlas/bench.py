"""`make bench`: build time, page weight, search payload and search latency, measured on
our data and on synthetic data sets 10× and 100× larger, each against a baseline measured
in the same run (Material's built-in search over the same pages). Figures are reported,
never asserted; they go to docs/benchmark.md.

Our whole build runs at every scale (time, peak memory of the build's processes, size of
the site), and our search is measured on the site it built. Material's build runs at 1×
and 10× from the same synthetic data; at 100× it would take over an hour on 2 cores, so it
runs only with BENCH_MATERIAL_100=1. Material's search at 10× and 100× is measured on its
1× site with its index written as for the synthetic data (each entry beside its copies).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from atlas import bench_lighthouse, chromium
from atlas.bench_memory import folder_size, peak_memory
from atlas.convert import LANGUAGES
from atlas.paths import BUILD, DATA, ROOT
from atlas.pipeline import ATLAS_SEARCH, MATERIAL_SEARCH, build_site
from atlas.pipeline import check as build_atlas
from atlas.record_file import read_own_yaml
from atlas.search import INDEX_PATH
from atlas.synthetic import write_synthetic_data

SCALES = (1, 10, 100)
RESULTS = ROOT / "docs" / "benchmark.md"
QUERIES = read_own_yaml(ROOT / "tests" / "search_queries.yml")
MATERIAL_INDEX = "search/search_index.json"
CHROMIUM = chromium.EXECUTABLE
LOAD_TIMEOUT_MS = 240_000
# Material's own 100× build takes over an hour here; BENCH_MATERIAL_100=1 runs it anyway.
MATERIAL_100 = os.environ.get("BENCH_MATERIAL_100") == "1"


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


# -- data and builds ----------------------------------------------------------------------
def prepare(work: Path) -> dict:
    """Data sets, timed builds, and one site per (search engine, scale) for the browser."""
    figures: dict = {"build": {}, "stages": {}, "memory": {}, "size": {}}
    for factor in SCALES:
        data = write_synthetic_data(DATA, work / f"data-{factor}", factor)
        start = time.perf_counter()
        atlas = build_atlas(data)
        checked = time.perf_counter() - start
        figures["stages"][factor] = {"records": len(atlas.records), "check": checked}
        _progress(f"{factor}×: {len(atlas.records):,} records checked in {checked:.1f} s")
        for engine in (ATLAS_SEARCH, MATERIAL_SEARCH):
            if engine == MATERIAL_SEARCH and factor == 100 and not MATERIAL_100:
                continue  # over an hour on 2 cores: its search is measured on a repeated index
            site = work / f"site-{engine}-{factor}"
            start = time.perf_counter()
            with peak_memory() as peak:
                build_site(site=site, data_dir=data, work=work / "build", search_engine=engine)
            figures["build"][(engine, factor)] = time.perf_counter() - start
            figures["memory"][(engine, factor)] = peak["bytes"]
            figures["size"][(engine, factor)] = folder_size(site)
            _progress(
                f"{factor}×: {engine} build in {figures['build'][(engine, factor)]:.1f} s, "
                f"peak memory {peak['bytes'] / 2**30:.1f} GiB"
            )
            if factor > 1 and engine == MATERIAL_SEARCH:
                shutil.rmtree(site)  # searched as the 1× site with a repeated index
    return figures


def _progress(message: str) -> None:
    """A long run says where it is as it goes."""
    print(f"bench {time.strftime('%H:%M:%S')}: {message}", flush=True)


def search_sites(work: Path) -> dict[tuple[str, int], Path]:
    """Sites for the browser: ours as built at each scale; Material's 1× site, with its
    index repeated for 10× and 100× (its pages are not what is measured)."""
    sites = {}
    for factor in SCALES:
        sites[(ATLAS_SEARCH, factor)] = work / f"site-{ATLAS_SEARCH}-{factor}"
        built = work / f"site-{MATERIAL_SEARCH}-{factor}"
        if factor == 1:
            sites[(MATERIAL_SEARCH, factor)] = built
            continue
        site = work / f"search-{MATERIAL_SEARCH}-{factor}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(work / f"site-{MATERIAL_SEARCH}-1", site)
        for language in LANGUAGES:
            _repeat_material_index(site / language.code / MATERIAL_INDEX, factor)
        sites[(MATERIAL_SEARCH, factor)] = site
    return sites


def _repeat_material_index(path: Path, factor: int) -> None:
    """Material's index as it would be for our synthetic data: each entry followed by its
    copies, addressed and titled as atlas.synthetic names them (<id>-x<k>, "… #k").

    The copies stand next to their original, as our own index orders them (by id): both
    compress alike, so the payload ratio compares the engines, not the order of the copies.
    """
    index = json.loads(path.read_text("utf-8"))

    def copied(doc: dict, copy: int) -> dict:
        page, _, anchor = doc["location"].partition("#")
        page = page.rstrip("/")
        location = f"{page}-x{copy}/" + (f"#{anchor}" if anchor else "") if page else page
        return dict(doc, location=location, title=f"{doc['title']} #{copy}")

    index["docs"] = [
        entry
        for doc in index["docs"]
        for entry in [doc, *(copied(doc, k) for k in range(1, factor))]
    ]
    path.write_text(json.dumps(index, ensure_ascii=False), "utf-8")


def index_size(site: Path, engine: str, language: str) -> tuple[int, int]:
    """The whole search index of a language as built (raw, gzipped): ours is all its
    shards, of which a reader downloads only those the queries need; Material's is one
    file, which a reader downloads whole."""
    root = site / language
    if engine == ATLAS_SEARCH:
        files = sorted(path for path in (root / INDEX_PATH).parent.rglob("*") if path.is_file())
    else:
        files = [root / MATERIAL_INDEX]
    return sum(f.stat().st_size for f in files), sum(_gzip_size(f) for f in files)


def _is_search_file(path: str) -> bool:
    """A request for the search: the index (search/…) or a search script or worker."""
    return "/search/" in path or path.rsplit("/", 1)[-1].startswith("search")


def _downloaded(site: Path, paths: list[str]) -> int:
    """The gzipped size of the search files a reader's browser fetched (each counted once:
    the browser keeps them)."""
    files = {site / path.lstrip("/") for path in paths if _is_search_file(path)}
    return sum(_gzip_size(file) for file in files if file.is_file())


# -- the browser ----------------------------------------------------------------------------
FIRST_QUERY = {"en": "Boston", "zh-hant": "波士頓", "zh-hans": "波士顿"}
# Marks the moment the first result appears, for either engine.
WATCH_FIRST_RESULT = """
window.__bench = {first: null};
new MutationObserver(() => {
  if (window.__bench.first === null && document.querySelector('.md-search-result__item'))
    window.__bench.first = performance.now();
}).observe(document, {childList: true, subtree: true});
"""
# Types each query into the box and times it until its results are in the page.
RUN_QUERIES = """
async ([queries, engine]) => {
  const input = document.querySelector('.md-search__input');
  const box = document.querySelector('.md-search');
  const list = document.querySelector('.md-search-result__list');
  const settle = ms => new Promise(resolve => setTimeout(resolve, ms));
  const type = q => {
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  };
  const shown = q => engine === 'atlas'
    ? box.dataset.atlasShown === q : list.children.length > 0;
  // ours lists the results, then adds their snippets; Material shows both at once
  const listed = q => engine === 'atlas' ? box.dataset.atlasListed === q : shown(q);
  const out = [];
  for (const q of queries) {
    type('');
    await settle(30);
    let listedAt = null;
    const done = new Promise(resolve => {
      const observer = new MutationObserver(() => {
        if (listedAt === null && listed(q)) listedAt = performance.now();
        if (shown(q)) { observer.disconnect(); clearTimeout(timer); resolve(performance.now()); }
      });
      const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 1500);
      observer.observe(box, {childList: true, subtree: true, attributes: true});
    });
    const start = performance.now();
    type(q);
    const end = await done;
    const top = [...list.querySelectorAll('.md-search-result__link')].slice(0, 5)
      .map(link => new URL(link.href).pathname);
    out.push({q, ms: end === null ? null : end - start,
              listed: end === null || listedAt === null ? null : listedAt - start, top});
  }
  return out;
}
"""


@contextmanager
def _browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_search(browser, base: str, site: Path, engine: str, language: str, factor: int) -> dict:
    context = browser.new_context()
    tab = context.new_page()
    tab.add_init_script(WATCH_FIRST_RESULT)
    fetched: list[str] = []
    tab.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))
    first = FIRST_QUERY[language]
    try:
        # both engines read ?q= on load (Material fills its box and searches once its
        # index is ready; typing the query as well made it "BostonBoston")
        tab.goto(f"{base}/{language}/?q={first}")
        tab.wait_for_function("window.__bench.first !== null", timeout=LOAD_TIMEOUT_MS)
        first_ms = tab.evaluate("window.__bench.first")
        first_bytes = _downloaded(site, fetched)
    except Exception as error:  # a page too slow to answer is a figure, not the end of the run
        print(f"bench: {factor}× {language} {engine}: no first result ({error!s:.80})", flush=True)
        context.close()
        return {"first_ms": None}
    queries = [case["q"] for case in QUERIES if case["page"]]
    runs = tab.evaluate(RUN_QUERIES, [queries * 2, engine])
    context.close()
    suite_bytes = _downloaded(site, fetched)
    times = [run["ms"] for run in runs if run["ms"] is not None]
    listed = [run["listed"] for run in runs if run["listed"] is not None]
    found = sum(
        1
        for case, run in zip([c for c in QUERIES if c["page"]], runs, strict=False)
        if f"/{language}/{case['page']}/" in run["top"]
    )
    return {
        "first_ms": first_ms,
        "first_gz": first_bytes,
        "suite_gz": suite_bytes,
        "p50": _percentile(times, 0.5),
        "p95": _percentile(times, 0.95),
        "p95_listed": _percentile(listed, 0.95),
        "answered": len(times),
        "asked": len(runs),
        "top5": found,
        "suite": len(queries),
    }


def page_weight(browser, base: str, path: str) -> int:
    """Bytes a reader's browser receives opening `path` (bodies, before compression)."""
    context = browser.new_context()
    tab = context.new_page()
    sizes: list[int] = []
    tab.on("requestfinished", lambda request: sizes.append(len(request.response().body())))
    tab.goto(f"{base}/{path}", wait_until="networkidle")
    context.close()
    return sum(sizes)


# -- the run and its report -----------------------------------------------------------------
WEIGHED_PAGES = ("en/", "zh-hant/hubs/silicon-valley/", "zh-hans/kpis/")


def _ratio(value: float | None, baseline: float | None) -> str:
    if value is None or not baseline:
        return "–"
    return f"{value / baseline:.2f}×"


def _ms(value: float | None) -> str:
    return "not ready in 240 s" if value is None else f"{value:,.0f} ms"


def run(work: Path = BUILD / "bench") -> Path:
    from atlas.serve import serving

    work.mkdir(parents=True, exist_ok=True)
    figures = prepare(work)
    sites = search_sites(work)
    rows = []
    with _browser() as browser:
        weights = {}
        for engine in (ATLAS_SEARCH, MATERIAL_SEARCH):
            with serving(work / f"site-{engine}-1") as base:
                weights[engine] = {path: page_weight(browser, base, path) for path in WEIGHED_PAGES}
        for factor in SCALES:
            for language in LANGUAGES:
                row = {"factor": factor, "language": language.code}
                for engine in (ATLAS_SEARCH, MATERIAL_SEARCH):
                    site = sites[(engine, factor)]
                    row[engine] = {"index": index_size(site, engine, language.code)}
                    with serving(site) as base:
                        row[engine] |= measure_search(
                            browser, base, site, engine, language.code, factor
                        )
                rows.append(row)
                print(f"bench: {factor}× {language.code} measured", flush=True)
    engines = (ATLAS_SEARCH, MATERIAL_SEARCH)
    lighthouse = bench_lighthouse.measure({e: work / f"site-{e}-1" for e in engines}, work)
    write_report(figures, weights, rows, lighthouse)
    return RESULTS


def write_report(
    figures: dict, weights: dict, rows: list[dict], lighthouse: dict | None = None
) -> None:
    atlas, material = ATLAS_SEARCH, MATERIAL_SEARCH
    lines = [
        "# Benchmark results",
        "",
        f"## {datetime.now(UTC):%Y-%m-%d}",
        "",
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        "headless Debian Chromium). Ratios compare the atlas with the baseline measured in the "
        "same run: Material for MkDocs' built-in search over the same pages. See "
        "`scripts/atlas/bench.py` for what each figure means.",
        "",
        "### Build",
        "",
        "| scale | records | load + check | build, atlas | peak memory | site | "
        "build, Material search | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for factor in SCALES:
        stages = figures["stages"][factor]
        ours = figures["build"].get((atlas, factor))
        theirs = figures["build"].get((material, factor))
        memory = figures["memory"].get((atlas, factor), 0) / 2**30
        files, size = figures["size"].get((atlas, factor), (0, 0))
        lines.append(
            f"| {factor}× | {stages['records']:,} | {stages['check']:.1f} s | {ours:.1f} s | "
            f"{memory:.1f} GiB | {files:,} files, {size / 2**20:,.0f} MB | "
            f"{f'{theirs:.1f} s' if theirs is not None else 'not run'} | {_ratio(ours, theirs)} |"
        )
    lines += [
        "",
        "### Page weight (1×; bytes the browser receives opening the page, uncompressed)",
        "",
        "| page | atlas | Material search | ratio |",
        "|---|---|---|---|",
    ]
    for path in WEIGHED_PAGES:
        ours, theirs = weights[atlas][path], weights[material][path]
        lines.append(f"| /{path} | {ours:,} | {theirs:,} | {_ratio(ours, theirs)} |")
    lines += [
        "",
        "### Search",
        "",
        "Index: the whole search index of a language as built, gzipped (ours is shards, of "
        "which a reader fetches only what the queries need; Material's is one file, fetched "
        "whole). Fetched: the search files (index parts, scripts, worker) a reader's browser "
        "downloaded, gzipped, by the first result of a `?q=` link and after the whole query "
        "suite. First result: from navigation start to the first result of a `?q=` link. "
        "Latency: each query of tests/search_queries.yml typed into the box, until its results "
        "are in the page with their snippets, twice over; p50 / p95 of the queries answered "
        "within 1.5 s; listed: p95 until the results are listed (ours lists links, titles and "
        "kinds first, then adds the snippets; Material shows both at once). Top 5: "
        "suite queries whose expected page is among the first five results.",
        "",
        "| scale | lang | engine | index gz | fetched, first result | fetched, whole suite "
        "| first result | p50 | p95 | p95 listed | answered | top 5 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def kilobytes(value: int | None) -> str:
        return "–" if value is None else f"{value / 1024:,.0f} KB"

    for row in rows:
        for engine in (atlas, material):
            cell = row[engine]
            lines.append(
                f"| {row['factor']}× | {row['language']} | {engine} | "
                f"{kilobytes(cell['index'][1])} | {kilobytes(cell.get('first_gz'))} | "
                f"{kilobytes(cell.get('suite_gz'))} | {_ms(cell.get('first_ms'))} | "
                f"{_ms(cell.get('p50')) if 'p50' in cell else '–'} | "
                f"{_ms(cell.get('p95')) if 'p95' in cell else '–'} | "
                f"{_ms(cell.get('p95_listed')) if 'p95_listed' in cell else '–'} | "
                f"{cell.get('answered', 0)}/{cell.get('asked', 0)} | "
                f"{cell.get('top5', 0)}/{cell.get('suite', 0)} |"
            )
        ours, theirs = row[atlas], row[material]
        lines.append(
            f"| | | ratio | {_ratio(ours['index'][1], theirs['index'][1])} | "
            f"{_ratio(ours.get('first_gz'), theirs.get('first_gz'))} | "
            f"{_ratio(ours.get('suite_gz'), theirs.get('suite_gz'))} | "
            f"{_ratio(ours.get('first_ms'), theirs.get('first_ms'))} | "
            f"{_ratio(ours.get('p50'), theirs.get('p50'))} | "
            f"{_ratio(ours.get('p95'), theirs.get('p95'))} | "
            f"{_ratio(ours.get('p95_listed'), theirs.get('p95_listed'))} | | |"
        )
    lines += bench_lighthouse.report(lighthouse)
    # earlier runs stay below, newest first: ratios are comparable across runs, seconds less so
    previous = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    earlier = previous[previous.index("\n## ") + 1 :] if "\n## " in previous else ""
    RESULTS.write_text("\n".join(lines) + "\n" + ("\n" + earlier if earlier else ""), "utf-8")


if __name__ == "__main__":
    print(f"bench: results in {run()}")
