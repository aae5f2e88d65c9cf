"""The pipeline: the one module that knows the order of the stages.

    load → validate → link → convert → render → search → build

Each stage is a module that takes plain data from the one before and never calls its
neighbours; `check` runs the first three, `build` all seven.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

from atlas import build as build_stage
from atlas import convert, editions, processes, redirects, render, search
from atlas.corpus import Corpus, corpus_folder
from atlas.export import EXPORTS
from atlas.export.downloads import downloads
from atlas.link import Atlas, link_records
from atlas.load import load_folder
from atlas.pages import FAMILIES
from atlas.paths import ASSETS, BUILD, DATA, SITE
from atlas.problems import AtlasError, Problem
from atlas.publication import Edition, Publication, build_date, site_url
from atlas.validate import validate_record

ATLAS_SEARCH, MATERIAL_SEARCH = build_stage.ATLAS_SEARCH, build_stage.MATERIAL_SEARCH


def _corpus(corpus: Corpus | None, problems: list[Problem]) -> Corpus | None:
    if corpus is None:
        corpus = Corpus.read(corpus_folder())
    if corpus.present:
        return corpus
    if os.environ.get("CI"):
        problems.append(
            Problem(str(corpus.folder), 1, "(corpus)", "the five source texts", "no .txt files")
        )
    return None  # outside CI quotes go unchecked


def check(data_dir: Path = DATA, corpus: Corpus | None = None) -> Atlas:
    """load → validate → link: every record checked; AtlasError lists all problems at once."""
    return _checked(data_dir, corpus)[0]


def _checked(data_dir: Path, corpus: Corpus | None) -> tuple[Atlas, Publication]:
    problems: list[Problem] = []
    checked_corpus = _corpus(corpus, problems)
    raws = load_folder(data_dir, problems)
    pairs, rejected, named_by_rejected = [], {}, set()
    for raw in raws:
        if record := validate_record(raw, problems):
            pairs.append((raw, record))
        else:
            rejected[raw.claimed_id()] = raw.path
            named_by_rejected |= raw.strings()
    atlas = link_records(pairs, checked_corpus, problems, rejected, frozenset(named_by_rejected))
    entries = editions.read_editions(data_dir, problems)
    moved = redirects.read_redirects(data_dir, atlas, problems)
    if problems:
        raise AtlasError(problems)
    return atlas, _publication(atlas, entries, moved)


def _publication(
    atlas: Atlas, entries: list[editions.EditionEntry], moved: list[redirects.Redirect]
) -> Publication:
    """The edition the pages carry: the newest, or a draft after it when the data moved on."""
    built = build_date()
    record_history = editions.history(entries, editions.fingerprints(atlas))
    edition = record_history.current
    if edition is None:
        edition = Edition("draft", built)
    elif record_history.pending:
        edition = Edition(f"{edition.version}+draft", built)
    return Publication(site_url(), edition, built, record_history, tuple(moved))


def _copy_asset(source: str, target: str) -> None:
    """Copy one of our assets into a language's docs, our scripts and stylesheets minified
    (the sources in scripts/atlas/assets/ stay readable; vendor files come minified)."""
    path = Path(source)
    if path.suffix in (".js", ".css") and not path.name.endswith((".min.js", ".min.css")):
        minify = rjsmin.jsmin if path.suffix == ".js" else rcssmin.cssmin
        Path(target).write_text(minify(path.read_text("utf-8")), "utf-8")
    else:
        shutil.copy2(source, target)


def write_docs(
    atlas: Atlas, publication: Publication, work: Path = BUILD, jobs: int | None = None
) -> dict[str, tuple[Path, list[str]]]:
    """convert → render → search, per language: the docs folder MkDocs builds from. The
    languages are written in `jobs` parallel processes (by default what build_jobs gives for
    the atlas's size; forked: they share the checked atlas, which is only read). Meanwhile
    this process makes the downloads (a large atlas's longest single task), then writes each
    language's downloads page, the one page that lists them."""
    global _FORKED_WITH
    languages = convert.LANGUAGES
    jobs = jobs or processes.build_jobs(len(atlas.records))
    if jobs == 1:
        return {
            language.code: _write_language_docs(atlas, publication, work, language)
            for language in languages
        }
    _FORKED_WITH = (atlas, publication, work)
    try:
        with processes.forked_pool(jobs) as pool:
            written = {
                language.code: pool.submit(_write_forked, language) for language in languages
            }
            downloads(atlas, publication)  # made once: the downloads pages and the export share it
            prepared = {code: future.result() for code, future in written.items()}
    finally:
        _FORKED_WITH = None
    for language in languages:
        docs, pages = prepared[language.code]
        pages += render.write_pages(atlas, language, docs, publication, families=DOWNLOAD_PAGES)
    return prepared


DOWNLOAD_PAGES = ("downloads",)  # the family that lists the downloads: after they are made
_FORKED_WITH: tuple[Atlas, Publication, Path] | None = None  # what forked writers read


def _write_forked(language: convert.Language) -> tuple[Path, list[str]]:
    assert _FORKED_WITH is not None
    return _write_language_docs(*_FORKED_WITH, language, skip=DOWNLOAD_PAGES)


def _write_language_docs(
    atlas: Atlas,
    publication: Publication,
    work: Path,
    language: convert.Language,
    skip: tuple[str, ...] = (),
) -> tuple[Path, list[str]]:
    docs = work / language.code / "docs"
    shutil.rmtree(docs.parent, ignore_errors=True)
    convert.write_handwritten_pages(language, docs)
    shutil.copytree(ASSETS, docs / "assets", copy_function=_copy_asset)
    families = [name for name in FAMILIES if name not in skip]
    pages = render.write_pages(atlas, language, docs, publication, families=families)
    search.write_search_index(atlas, language, docs)
    return docs, pages


def prepare(
    data_dir: Path = DATA, corpus: Corpus | None = None, work: Path = BUILD
) -> tuple[Atlas, Publication, dict[str, tuple[Path, list[str]]]]:
    """load → validate → link → convert → render → search: everything up to the docs
    folders a site generator builds from (`make zensical` builds them with Zensical)."""
    atlas, publication = _checked(data_dir, corpus)
    return atlas, publication, write_docs(atlas, publication, work)


def write_exports(atlas: Atlas, publication: Publication, work: Path = BUILD) -> Path:
    """Files published beside the language versions (downloads, …), in one folder."""
    folder = work / "export"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for write in EXPORTS.values():
        write(atlas, publication, folder)
    return folder


def build_site(
    site: Path = SITE,
    data_dir: Path = DATA,
    corpus: Corpus | None = None,
    work: Path = BUILD,
    search_engine: str = ATLAS_SEARCH,
    progress: Callable[[str], None] | None = None,
) -> Atlas:
    """All seven stages; site/ changes only if every language builds.

    `search_engine` is "atlas" (ours) or "material" (Material's built-in, for the benchmark).
    `progress`, when given, hears one line as each stage ends (`make build` prints them).
    """
    said = progress or (lambda line: None)
    start = time.perf_counter()

    def done(what: str) -> None:
        said(f"{what} ({time.perf_counter() - start:.1f} s)")

    atlas, publication = _checked(data_dir, corpus)
    done(f"checked {len(atlas.records):,} records")
    jobs = processes.build_jobs(len(atlas.records))
    prepared = write_docs(atlas, publication, work, jobs)
    done("pages, search indexes and assets written for " + ", ".join(prepared))
    exported = write_exports(atlas, publication, work)
    done("downloads written")
    build_stage.build_languages(prepared, site, search_engine, publication, exported, jobs)
    done(f"built with MkDocs and swapped in: {site}")
    return atlas
