"""The pipeline: the one module that knows the order of the stages.

    load → validate → link → convert → render → search → build

Each stage is a module that takes plain data from the one before and never calls its
neighbours; `check` runs the first three, `build` all seven.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from atlas import build as build_stage
from atlas import convert, render, search
from atlas.corpus import Corpus, corpus_folder
from atlas.link import Atlas, link_records
from atlas.load import load_folder
from atlas.paths import ASSETS, BUILD, DATA, SITE
from atlas.problems import AtlasError, Problem
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
    problems: list[Problem] = []
    checked_corpus = _corpus(corpus, problems)
    raws = load_folder(data_dir, problems)
    pairs = [(raw, record) for raw in raws if (record := validate_record(raw, problems))]
    atlas = link_records(pairs, checked_corpus, problems)
    if problems:
        raise AtlasError(problems)
    return atlas


def write_docs(atlas: Atlas, work: Path = BUILD) -> dict[str, tuple[Path, list[str]]]:
    """convert → render → search, per language: the docs folder MkDocs builds from."""
    prepared = {}
    for language in convert.LANGUAGES:
        docs = work / language.code / "docs"
        shutil.rmtree(docs.parent, ignore_errors=True)
        convert.write_handwritten_pages(language, docs)
        shutil.copytree(ASSETS, docs / "assets")
        pages = render.write_pages(atlas, language, docs)
        search.write_search_index(atlas, language, docs)
        prepared[language.code] = (docs, pages)
    return prepared


def build_site(
    site: Path = SITE,
    data_dir: Path = DATA,
    corpus: Corpus | None = None,
    work: Path = BUILD,
    search_engine: str = ATLAS_SEARCH,
) -> Atlas:
    """All seven stages; site/ changes only if every language builds.

    `search_engine` is "atlas" (ours) or "material" (Material's built-in, for the benchmark).
    """
    atlas = check(data_dir, corpus)
    prepared = write_docs(atlas, work)
    build_stage.build_languages(prepared, site, search_engine)
    return atlas
