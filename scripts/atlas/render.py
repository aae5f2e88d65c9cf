"""Stage 5, render: the Atlas → Markdown pages of one language version, family by family.

Views are plain dicts built by the page families (atlas.pages); the HTML is in the Jinja
templates beside this module, with autoescaping on, so no record text can put markup into
a page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextvars import ContextVar
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from atlas.convert import Language, script_runs
from atlas.link import Atlas
from atlas.pages import FAMILIES
from atlas.pages.view import DATA, LanguageView, Page
from atlas.paths import TEMPLATES
from atlas.publication import Publication
from atlas.template_cache import template_cache

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as syntax (HTML is escaped after)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    bytecode_cache=template_cache(),
)
ENVIRONMENT.filters["md"] = markdown_escape
# The language version being rendered, for the `scripts` filter (macros see no page context).
PAGE_LANGUAGE: ContextVar[str] = ContextVar("page_language", default="en")


def mark_scripts(text: object) -> Markup:
    """Text with every run in another script than the page's in a <span lang>: Chinese on
    English pages, Simplified words on zh-Hant pages (atlas.convert.script_runs)."""
    out = [
        f'<span lang="{lang}">{escape(piece)}</span>' if lang else str(escape(piece))
        for piece, lang in script_runs(str(text), PAGE_LANGUAGE.get())
    ]
    return Markup("".join(out))


ENVIRONMENT.filters["scripts"] = mark_scripts


def as_json(value: object) -> Markup:
    """`value` as the JSON of a data file (not of a <script>: Jinja's tojson writes every <
    of an HTML string as \u003c, a sixth more bytes for a compare column)."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


ENVIRONMENT.filters["json"] = as_json


def render_page(view: LanguageView, page: Page) -> str:
    if page.template == DATA:  # a data file a family publishes beside its pages
        return as_json(page.context["data"])
    context = {"ui": view.template_labels, "lang": view.code} | page.context
    token = PAGE_LANGUAGE.set(view.code)
    try:
        return ENVIRONMENT.get_template(page.template).render(context)
    finally:
        PAGE_LANGUAGE.reset(token)


def write_pages(
    atlas: Atlas,
    language: Language,
    docs: Path,
    publication: Publication | None = None,
    families: Iterable[str] | None = None,
) -> list[str]:
    """Write every page of every family (or of the `families` named) below `docs`; return
    their paths, in order."""
    view = LanguageView(atlas, language, publication)
    written = []
    for name in FAMILIES if families is None else families:
        for page in FAMILIES[name](view):
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_page(view, page), "utf-8")
            written.append(page.path)
    return written
