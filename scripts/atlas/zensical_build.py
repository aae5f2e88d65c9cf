"""`make zensical`: the atlas's generated pages built with Zensical, beside the MkDocs site.

Material for MkDocs reaches end of life in 2027; Zensical, its successor, reads mkdocs.yml
and Material's templates and overrides but runs no MkDocs hooks or plugins. This module
measures how far our build already goes with it (docs/zensical.md records the findings):

1. the pipeline's stages up to the docs folders (`pipeline.prepare`: load → … → search),
   written to build/<lang>/docs exactly as for `make build`;
2. per language, the MkDocs config `build.py` would write, with mkdocs.yml merged in (see
   `_flat_config`), as build/<lang>/zensical.yml, and `zensical build` on it, run from
   .venv-zensical (its own pinned venv, requirements-zensical.lock);
3. each result moved to build/zensical/<lang>/, with the root page and downloads beside.

site/ is never touched. `--compare SITE` sets the Zensical output beside an MkDocs build
(`make build`): pages, heading anchors, hreflang links, our overrides and assets, search,
404 page and sitemap. Every failure ends in one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

from atlas import build as build_stage
from atlas import pipeline
from atlas.convert import LANGUAGES, Language
from atlas.paths import BUILD, MKDOCS_CONFIG, ROOT, SITE
from atlas.problems import AtlasError
from atlas.publication import Publication

ZENSICAL = Path(os.environ.get("ATLAS_ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))
OUTPUT = BUILD / "zensical"
# Zensical 0.0.73 panics ("invariant: Id(Format(Path(RootDir)))") on an absolute docs_dir
# or site_dir, and wants both inside the config file's folder: so relative, and moved after.
DOCS_NAME, SITE_NAME = "docs", "site-zensical"
CONFIG_NAME, LOG_NAME = "zensical.yml", "zensical.log"
# Lines Zensical prints on every build; anything else it says is worth showing.
ROUTINE = re.compile(r"^(Build started|No issues found|Build finished in .*)$")


class ZensicalError(Exception):
    """Zensical could not build a language version; the message is one line."""


def _merged(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT: mappings merge key by key, anything else (lists too) the child's wins.
    Zensical's own INHERIT appends lists, so mkdocs.yml's markdown_extensions would repeat."""
    result = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _flat_config(
    language: Language, docs: Path, pages: list[str], publication: Publication
) -> dict:
    """build.py's config for the language (atlas search, overrides, nav, alternates …) with
    mkdocs.yml merged in as MkDocs would, paths relative to the config's folder."""
    config = build_stage._config(
        language, docs, docs.parent / SITE_NAME, pages, build_stage.ATLAS_SEARCH, publication
    )
    config.pop("INHERIT")
    shared = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    flat = _merged(shared, config)
    flat["docs_dir"], flat["site_dir"] = DOCS_NAME, SITE_NAME
    return flat


def _count_html(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def run_zensical(project: Path, language_code: str) -> tuple[float, list[str]]:
    """`zensical build` in one language's project folder: its time and what it said beyond
    the routine lines. Raises ZensicalError with Zensical's last line when it fails."""
    command = [str(ZENSICAL), "build", "--clean", "-f", CONFIG_NAME]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ZensicalError(f"cannot run {ZENSICAL} ({error.strerror})") from None
    seconds = time.perf_counter() - start
    said = (done.stdout + done.stderr).splitlines()
    (project / LOG_NAME).write_text("\n".join(said) + "\n", "utf-8")
    if done.returncode != 0:
        last = next((line.strip() for line in reversed(said) if line.strip()), "no output")
        log = (project / LOG_NAME).relative_to(ROOT)
        raise ZensicalError(
            f"{language_code}: zensical build exited {done.returncode}: {last} (all of it: {log})"
        )
    return seconds, [line for line in said if line.strip() and not ROUTINE.match(line.strip())]


def build_all(output: Path = OUTPUT, work: Path = BUILD) -> list[str]:
    """Pages from the pipeline, then one Zensical build per language into output/<lang>/;
    returns one summary line per step."""
    if not ZENSICAL.exists():
        raise ZensicalError(f"{ZENSICAL} is missing: run `make zensical`, which installs it")
    start = time.perf_counter()
    atlas, publication, prepared = pipeline.prepare(work=work)
    lines = [f"pages written for {', '.join(prepared)} ({time.perf_counter() - start:.1f} s)"]
    output.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        docs, pages = prepared[language.code]
        project = docs.parent
        config = _flat_config(language, docs, pages, publication)
        (project / CONFIG_NAME).write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8"
        )
        seconds, messages = run_zensical(project, language.code)
        lines.extend(f"{language.code}: zensical: {message}" for message in messages)
        target = output / language.code
        shutil.rmtree(target, ignore_errors=True)
        (project / SITE_NAME).rename(target)
        lines.append(
            f"{language.code}: {_count_html(target)} HTML files in {seconds:.1f} s → "
            f"{target.relative_to(ROOT)}"
        )
    exported = pipeline.write_exports(atlas, publication, work)
    shutil.copytree(exported, output, dirs_exist_ok=True)
    root = build_stage.ROOT_TEMPLATES.get_template("root.html.j2")
    (output / "index.html").write_text(root.render(languages=LANGUAGES), "utf-8")
    shutil.copy2(output / LANGUAGES[0].code / "404.html", output / "404.html")
    return lines


class _Page(HTMLParser):
    """What the comparison reads from a built page: ids, hreflang links, scripts, classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hreflang: list[str] = []
        self.scripts: list[str] = []
        self.classes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        self.classes.update(values.get("class", "").split())
        if tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            self.hreflang.append(f"{values['hreflang']} {values.get('href', '')}")
        if tag == "script" and values.get("src"):
            name = values["src"].rsplit("/", 1)[-1].split("?")[0]
            self.scripts.append(re.sub(r"\.[0-9a-f]{8}\.min\.js$", ".min.js", name))  # hashed


def _content(ids: set[str]) -> set[str]:
    """Ids that are not the theme's own (__toc, __skip, __nav_2 …)."""
    return {name for name in ids if not name.startswith("__")}


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    return page


def _heading_ids(path: Path) -> set[str]:
    """Ids of headings (h1–h6) only: the anchors a brief links to."""
    text = path.read_text("utf-8", errors="replace")
    return set(re.findall(r"<h[1-6][^>]*\sid=\"([^\"]+)\"", text))


def _not_found_heading(folder: Path) -> str:
    """The 404 page's heading, which our override writes (Material's says "404 - Not found")."""
    page = folder / "404.html"
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text("utf-8")) if page.exists() else None
    return found.group(1) if found else ""


def _sitemap_count(path: Path) -> int:
    return path.read_text("utf-8").count("<loc>") if path.exists() else 0


def compare(site: Path = SITE, output: Path = OUTPUT) -> list[str]:
    """The Zensical build set beside an MkDocs one, one finding per line."""
    lines: list[str] = []
    for language in LANGUAGES:
        ours, theirs = site / language.code, output / language.code
        if not ours.is_dir() or not theirs.is_dir():
            raise ZensicalError(f"{language.code}: {ours} or {theirs} is missing: build both")
        mk = {p.relative_to(ours).as_posix() for p in ours.rglob("*.html")}
        zs = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*.html")}
        code = language.code
        lines.append(
            f"{code}: HTML files: MkDocs {len(mk)}, Zensical {len(zs)}, "
            f"only MkDocs {sorted(mk - zs)[:5]}, only Zensical {sorted(zs - mk)[:5]}"
        )
        common = sorted(mk & zs)
        anchors_differ, ids_lost, ids_new, hreflang_differ, scripts_differ = [], 0, 0, 0, set()
        overrides = {"atlas-search": 0, "atlas-language-link": 0}
        for name in common:
            a, b = _read(ours / name), _read(theirs / name)
            ha, hb = _heading_ids(ours / name), _heading_ids(theirs / name)
            if ha != hb:
                anchors_differ.append(name)
            ids_lost += len(_content(a.ids - b.ids))
            ids_new += len(_content(b.ids - a.ids))
            hreflang_differ += a.hreflang != b.hreflang
            missing = set(a.scripts) - set(b.scripts)
            scripts_differ |= missing
            for marker in overrides:
                overrides[marker] += marker in b.classes
        lines.append(
            f"{code}: pages whose heading anchors differ: {len(anchors_differ)} of {len(common)}"
            f" {anchors_differ[:5]}; other element ids (theme's __* left out) only in MkDocs "
            f"{ids_lost}, only in Zensical {ids_new}"
        )
        lines.append(
            f"{code}: pages whose hreflang links differ: {hreflang_differ}; our override markers"
            f" in Zensical pages: {overrides}; scripts MkDocs loads that Zensical pages lack: "
            f"{sorted(scripts_differ)}"
        )
        zsearch = theirs / "search.json"
        atlas_index = (theirs / "search" / "atlas-index.json").exists()
        lines.append(
            f"{code}: search: atlas index {'present' if atlas_index else 'MISSING'}"
            f"; Zensical's search.json {zsearch.stat().st_size if zsearch.exists() else 0:,} bytes"
            f"; sitemap <loc>: MkDocs {_sitemap_count(ours / 'sitemap.xml')}, Zensical "
            f"{_sitemap_count(theirs / 'sitemap.xml')}"
        )
        headings = _not_found_heading(ours), _not_found_heading(theirs)
        lines.append(f"{code}: 404 heading: MkDocs {headings[0]!r}, Zensical {headings[1]!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas.zensical_build", description=__doc__)
    parser.add_argument("--compare", type=Path, metavar="SITE", help="compare with an MkDocs site")
    arguments = parser.parse_args(argv)
    try:
        lines = compare(arguments.compare) if arguments.compare else build_all()
    except AtlasError as error:
        count = len(error.problems)
        print(f"zensical: {count} problems in the records (make check)", file=sys.stderr)
        return 1
    except ZensicalError as error:
        print(f"zensical: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # one line, never a traceback: the target is a probe
        print(f"zensical: {type(error).__name__}: {error}".splitlines()[0], file=sys.stderr)
        return 1
    for line in lines:
        print(f"zensical: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
