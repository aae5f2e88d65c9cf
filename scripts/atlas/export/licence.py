"""The terms on which the downloads are published, and how to cite them.

The atlas's own text (summaries, claims, notes, translations, the structure of the
records) is published under CC BY 4.0. Quotes stay their authors' and publishers': they
are reproduced as short quotations, each with its source and locator. The source texts
themselves are never published.
"""

from __future__ import annotations

from atlas.convert import LANGUAGES, label, localise
from atlas.link import Atlas
from atlas.model import Source
from atlas.publication import Publication
from atlas.vocabulary import UI_LABELS

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def licence_statement(language_code: str) -> str:
    """What is licensed and what is not, in one language."""
    return label(UI_LABELS["download_licence_text"], language_code)


def atlas_citation(publication: Publication, language_code: str = "en") -> str:
    """How to cite the atlas: its title, edition, the edition's date and its address."""
    edition = publication.edition
    return label(UI_LABELS["download_cite_atlas"], language_code).format(
        edition=edition.version, date=edition.date.isoformat(), url=publication.site_url
    )


def source_as_printed(source: Source, language_code: str = "en") -> str:
    """Authors, title and publisher of an original text, as printed, in its own script."""
    if language_code == "en":
        parts = (", ".join(source.authors), f"“{source.title}”", source.publisher)
        return ", ".join(part for part in parts if part)
    authors = "、".join(source.authors)
    return (f"{authors}：" if authors else "") + f"〈{source.title}〉，{source.publisher}"


def source_details(source: Source, language_code: str = "en") -> str:
    """Where and when an original text appeared, in the language of `language_code`."""
    date = source.date or label(UI_LABELS["undated"], language_code)
    separator = ", " if language_code == "en" else "，"
    return f"{localise(source.medium, language_code)}{separator}{date}"


def source_citation(source: Source, language_code: str = "en") -> str:
    """How to cite one of the original texts, with the address it gives, if any."""
    english = language_code == "en"
    separator, stop = (", ", ".") if english else ("，", "。")
    text = f"{source_as_printed(source, language_code)}{separator}"
    text += f"{source_details(source, language_code)}{stop}"
    address = source.url or source.archived_url
    return f"{text} {address}" if address else text


def cite_as(atlas: Atlas, publication: Publication) -> dict[str, object]:
    """The atlas's citation, the sources' citations, and the licence, as plain data."""
    sources = sorted(atlas.of_type(Source), key=lambda source: source.file)
    return {
        "atlas": atlas_citation(publication),
        "sources": {source.id: source_citation(source) for source in sources},
        "licence": LICENCE
        | {language.html: licence_statement(language.code) for language in LANGUAGES},
        "note": label(UI_LABELS["download_cite_text"], "en"),
    }
