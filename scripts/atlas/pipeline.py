"""The pipeline: the one module that knows the order of the stages.

    load → validate → link → convert → render → search → build

Each stage is a module that takes plain data from the one before and never calls its
neighbours; `check` runs the first three, `build` all seven.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin

from atlas import build as build_stage
from atlas import convert, editions, processes, redirects, render, search
from atlas.corpus import Corpus, corpus_folder
from atlas.export import EXPORTS
from atlas.export.downloads import downloads
from atlas.link import Atlas, link_records
from atlas.load import RefusedFile, load_folder
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
    refused: list[RefusedFile] = []
    raws = load_folder(data_dir, problems, refused)
    # a refused record's id → its file, whatever the stage; the words it names
    rejected = {file.id: file.path for file in refused}
    named_by_rejected: set[str] = set().union(*(file.words for file in refused))
    pairs = []
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
    """convert → render → search, per language: the docs folders a site generator builds
    from (`make zensical` builds them with Zensical); see `_languages` for how."""
    with processes.ForkedTasks(jobs or processes.build_jobs(len(atlas.records))) as tasks:
        return {code: docs for (_, code), docs in _languages(atlas, publication, work, tasks)}


def _languages(
    atlas: Atlas, publication: Publication, work: Path, tasks: processes.ForkedTasks
) -> Iterator[tuple[tuple[str, str], Any]]:
    """Each language's docs folder and pages, as each is written. The languages are written
    as tasks of `tasks` (forked: they share the checked atlas, which is only read), others
    the caller submits running among them; meanwhile this process makes the downloads (a
    large atlas's longest single task), then writes each language's downloads page, the one
    page that lists them. A language's docs come as `("docs", code), (folder, pages)`; the
    caller's own tasks under their keys."""
    for language in convert.LANGUAGES:
        key = ("docs", language.code)
        tasks.submit(key, _write_language_docs, atlas, publication, work, language)
    downloads(atlas, publication)  # made once: the downloads pages and the export share it
    for key, result in tasks.completed():
        if key[0] == "docs":
            docs, pages = result
            language = LANGUAGE_CODES[key[1]]
            pages += render.write_pages(atlas, language, docs, publication, families=DOWNLOAD_PAGES)
        yield key, result


DOWNLOAD_PAGES = ("downloads",)  # the family that lists the downloads: after they are made


def _write_language_docs(
    atlas: Atlas,
    publication: Publication,
    work: Path,
    language: convert.Language,
    skip: tuple[str, ...] = DOWNLOAD_PAGES,
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
    folders a site generator builds from."""
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
    with build_stage.staging_folder(site) as staging, processes.ForkedTasks(jobs) as tasks:
        exported, failed = None, []
        for (step, code), result in _languages(atlas, publication, work, tasks):
            if step == "docs":  # written: MkDocs builds them next, as a task of its own
                docs, pages = result
                config = build_stage.write_config(
                    LANGUAGE_CODES[code], docs, pages, staging, search_engine, publication
                )
                tasks.submit(("mkdocs", code), build_stage.build_language, config)
                done(f"pages and search index written for {code}")
                if exported is None:  # while the first MkDocs build runs
                    exported = write_exports(atlas, publication, work)
                    done("downloads written")
            else:
                failed += [result] if result else []
                done(f"built {code} with MkDocs" + (" (failed)" if result else ""))
        if failed:
            raise build_stage.BuildError("\n".join(failed))
        build_stage.finish_site(staging, site, publication, exported)
    done(f"swapped in: {site}")
    return atlas


LANGUAGE_CODES = {language.code: language for language in convert.LANGUAGES}
