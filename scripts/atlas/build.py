"""Stage 7, build: the docs folders the stages before wrote → one MkDocs build per language
→ site/, swapped in whole.

Every language is built into a staging folder beside site/ (atlas.site_folder), each MkDocs
build a task of its own (the pipeline runs them in parallel processes, each as soon as its
language's pages are written); only when all three (and the strict checks of MkDocs) pass
is the staging folder renamed to site/. A failed build leaves the last good site/ as it
was.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from atlas.convert import LANGUAGES, Language, label
from atlas.paths import MKDOCS_CONFIG, OVERRIDES, TEMPLATES
from atlas.publication import Publication
from atlas.record_file import read_own_yaml
from atlas.site_folder import link_or_copy, new_staging, swap_in
from atlas.template_cache import template_cache
from atlas.theme_listing import list_theme_without_hidden_folders
from atlas.vocabulary import TYPE_LABELS, UI_LABELS

# Sections of the navigation, in order; each lists record folders (their index pages).
NAV_SECTIONS = {
    "compare": ("themes", "compare", "district-models", "city-formulas", "map"),
    "blueprint": ("blueprints", "directions", "strategies", "measures", "kpis", "kpi-dashboard"),
    "atlas": (
        "hubs",
        "models",
        "clusters",
        "groups",
        "policies",
        "organisations",
        "concepts",
        "trends",
    ),
    "sources": ("sources",),
}
# Nav entries that are not a record folder's index: their page and label (ui vocabulary).
NAV_PAGES = {
    "themes": "themes/index.md",
    "compare": "compare/index.md",
    "district-models": "compare/district-models.md",
    "city-formulas": "compare/city-formulas.md",
    "map": "map.md",
    "kpi-dashboard": "kpis/dashboard.md",
}
# Pages at the top of the navigation, after the home page: the hand-written about page, then
# generated ones where they exist.
TOP_PAGES = {
    "about": "about.md",
    "coverage": "coverage.md",
    "downloads": "downloads.md",
    "changelog": "changelog.md",
}
NAV_SECTION_LABELS = {
    "compare": {"en": "Compare", "zh": "比較"},
    "blueprint": {"en": "Hong Kong I&T Blueprint", "zh": "香港創科藍圖"},
    "atlas": {"en": "Atlas", "zh": "圖鑑"},
    "sources": {"en": "Sources", "zh": "資料來源"},
}
ATLAS_SEARCH, MATERIAL_SEARCH = "atlas", "material"
# Material's search splits Chinese text on these (with jieba's U+200B between words).
CHINESE_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
ROOT_TEMPLATES = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html.j2"]),
    bytecode_cache=template_cache(),
)
# MkDocs' hooks: the theme's templates get the same cache (atlas.template_cache); Material's
# navigation and our search box are rendered once for the pages they are the same on
# (atlas.shared_fragments)
TEMPLATE_CACHE_HOOK = Path(__file__).with_name("template_cache.py")
SHARED_FRAGMENTS_HOOK = Path(__file__).with_name("shared_fragments.py")


class BuildError(Exception):
    """MkDocs refused to build a language version (its messages were printed above)."""


def _nav(language: Language, pages: list[str]) -> list[dict]:
    ui = UI_LABELS
    nav: list[dict] = [{label(ui["home"], language.code): "index.md"}]
    nav.extend(
        {label(ui[key], language.code): path}
        for key, path in TOP_PAGES.items()
        if path in pages or key == "about"
    )
    for section, members in NAV_SECTIONS.items():
        entries = [
            {_nav_label(member, language): path}
            for member in members
            if (path := NAV_PAGES.get(member, f"{member}/index.md")) in pages
        ]
        if entries:
            nav.append({label(NAV_SECTION_LABELS[section], language.code): entries})
    return nav


def _nav_label(member: str, language: Language) -> str:
    if member in TYPE_LABELS:
        return label(TYPE_LABELS[member], language.code)
    return label(UI_LABELS[f"nav_{member.replace('-', '_')}"], language.code)


def _search_settings(language: Language, search: str) -> dict:
    """The atlas's own search (extra.atlas_search), or Material's, the benchmark's baseline."""
    if search == ATLAS_SEARCH:
        return {
            "plugins": [],
            "extra_javascript": [{"path": "assets/search.js", "defer": True}],
            "extra": {"atlas_search": True},
        }
    options: dict[str, str] = {"lang": language.search}
    if language.search == "zh":
        options["separator"] = CHINESE_SEPARATOR
    return {"plugins": [{"search": options}], "extra": {}}


def _config(
    language: Language,
    docs: Path,
    site: Path,
    pages: list[str],
    search: str,
    publication: Publication,
) -> dict:
    settings = _search_settings(language, search)
    config = {
        "INHERIT": os.path.relpath(MKDOCS_CONFIG, docs.parent),
        "site_name": label(UI_LABELS["site_name"], language.code),
        "site_url": publication.address(language.code),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"language": language.theme, "custom_dir": str(OVERRIDES)},
        "markdown_extensions": _markdown_extensions(language),
        "plugins": settings["plugins"],
        "hooks": [str(TEMPLATE_CACHE_HOOK), str(SHARED_FRAGMENTS_HOOK)],
        "nav": _nav(language, pages),
        "not_in_nav": "/*/*.md",
        "copyright": label(UI_LABELS["translation_note"], language.code),
        "extra": {
            "alternate": [
                {
                    "name": other.name,
                    "link": f"/{other.code}/",
                    "lang": other.html,
                    "code": other.code,
                }
                for other in LANGUAGES
            ],
            "atlas_site_url": publication.site_url,
            "atlas_root_path": publication.root_path,
            "atlas_not_found": _not_found(language, publication),
            "atlas_edition": publication.edition.version,
            # the footer's "Made with Material for MkDocs", around the product's name
            "atlas_made_with": label(UI_LABELS["made_with"], language.code).split("#", 1),
            **settings["extra"],
        },
    }
    views = {"path": "assets/views.js", "defer": True}
    config["extra_javascript"] = [
        *settings.get("extra_javascript", []),
        views,
        {"path": "assets/cite.js", "defer": True},
    ]
    return config


FINISHED_HTML = "atlas.markdown_html"


def _markdown_extensions(language: Language) -> list:
    """mkdocs.yml's Markdown extensions (a child config replaces the list whole), with the
    tooltip of the headings' permanent links in the page's language."""
    shared = read_own_yaml(MKDOCS_CONFIG)["markdown_extensions"]
    title = label(UI_LABELS["permalink"], language.code)
    extensions: list = []
    for extension in shared:
        if isinstance(extension, str):
            name, options = extension, {}
        else:
            name, options = next(iter(extension.items()))
        if name == "toc":
            options = {**(options or {}), "permalink_title": title}
        extensions.append({name: options} if options else name)
    # our pages' finished HTML blocks, stashed without html.parser (atlas/markdown_html.py)
    extensions.append(FINISHED_HTML)
    return extensions


def _not_found(language: Language, publication: Publication) -> dict[str, object]:
    """What the language's 404 page says, and its links (absolute paths: see 404.html)."""
    home = f"{publication.root_path}{language.code}/"
    pages = (("home", ""), ("nav_themes", "themes/"), ("hubs", "hubs/"), ("about", "about/"))
    return {
        "title": label(UI_LABELS["not_found_title"], language.code),
        "text": label(UI_LABELS["not_found_text"], language.code),
        "links": [
            {
                "label": label(
                    UI_LABELS[key] if key in UI_LABELS else TYPE_LABELS[key], language.code
                ),
                "href": home + path,
            }
            for key, path in pages
        ],
    }


def run_mkdocs(config_file: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(config_file=str(config_file))
        list_theme_without_hidden_folders(config)
        build(config)
    except (Abort, ConfigurationError) as error:
        raise BuildError(f"{config_file}: {error}") from error


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_atlas", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def write_redirect_pages(site: Path, publication: Publication) -> None:
    """At each renamed record's old address, in every language, a page sending readers on."""
    template = ROOT_TEMPLATES.get_template("redirect.html.j2")
    for redirect in publication.redirects:
        for language in LANGUAGES:
            page = site / language.code / redirect.old / "index.html"
            if page.exists():  # a page of the site now lives there: it wins
                continue
            page.parent.mkdir(parents=True, exist_ok=True)
            html = template.render(
                language=language,
                moved=label(UI_LABELS["moved"], language.code),
                target=f"../../{redirect.new}/",
                canonical=publication.address(language.code, f"{redirect.new}/"),
            )
            page.write_text(html, "utf-8")


def sitemap_index(publication: Publication) -> str:
    """The root sitemap: an index of the three languages' sitemaps, absolute addresses."""
    entries = "".join(
        f"  <sitemap><loc>{publication.address(language.code, 'sitemap.xml')}</loc></sitemap>\n"
        for language in LANGUAGES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def build_language(config_file: Path) -> str | None:
    """One language's MkDocs build (a task of its own, in a forked process when the build
    has several): its error as text, or None."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_warnings()
    try:
        run_mkdocs(config_file)
    except BuildError as error:
        return str(error)
    return None


def write_config(
    language: Language,
    docs: Path,
    pages: list[str],
    staging: Path,
    search: str,
    publication: Publication,
) -> Path:
    """The language's mkdocs.yml beside its docs, building into its folder of `staging`."""
    config = _config(language, docs, staging / language.code, pages, search, publication)
    config_file = docs.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return config_file


@contextmanager
def staging_folder(site: Path) -> Iterator[Path]:
    """A fresh staging folder beside site/ for the build to fill (atlas.site_folder), removed
    if the build fails or is interrupted; `finish_site` swaps a finished one in."""
    staging = new_staging(site)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def finish_site(
    staging: Path, site: Path, publication: Publication, exported: Path | None = None
) -> None:
    """After every language's MkDocs build: the files at the site's root (`exported` holds
    the downloads), the redirect pages, then the whole staging folder swapped in as site/."""
    if exported is not None:
        shutil.copytree(exported, staging, dirs_exist_ok=True, copy_function=link_or_copy)
    root = ROOT_TEMPLATES.get_template("root.html.j2").render(languages=LANGUAGES)
    (staging / "index.html").write_text(root, "utf-8")
    (staging / "sitemap.xml").write_text(sitemap_index(publication), "utf-8")
    robots = f"User-agent: *\nAllow: /\nSitemap: {publication.site_url}sitemap.xml\n"
    (staging / "robots.txt").write_text(robots, "utf-8")
    write_redirect_pages(staging, publication)
    # a static host (GitHub Pages, most CDNs) answers a missing address with /404.html
    shutil.copy2(staging / LANGUAGES[0].code / "404.html", staging / "404.html")
    swap_in(staging, site)
