"""The published addresses: every page and anchor of every language, kept in the repository.

``data/published-urls.txt`` has one line per page, its path below the site's root, then the
anchors on it: ``en/hubs/london/ #top #facts #fact-headline``. Once published, an address
must keep working: a test fails when one disappears from the built site, unless a redirect
(data/redirects.yml) leads from it to a page that has the anchors. ``make manifest`` adds
the addresses a new build publishes; nothing ever removes one.

An anchor is published when it is the id of a heading or of an element our templates give
a stable id (facts, KPI values, places); positional ids (note-1) and Material's own ids are
not promises.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from atlas.convert import LANGUAGES

MANIFEST_FILE = "published-urls.txt"
_HEADER = (
    "# Every published page and anchor, per language; an address once here keeps working.\n"
    "# Added by `make manifest` after a build; never remove a line (rename → data/redirects.yml).\n"
)
_STABLE_ID = re.compile(r"^(fact|value|place|kpi|theme|source)-[a-z0-9-]+$")
_REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TRANSIENT = {"pending"}  # the changelog's changes-not-yet-in-an-edition: gone at the next one


# The tags of a page's article, read with two regular expressions instead of html.parser
# (four times faster over the real site, the same 9,018 anchors on its 1,056 pages): a tag
# is `<name`, attributes (quoted values may hold `>`), `>`; comments, scripts and styles,
# whose content is no markup, are cut out first.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_NOT_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


def _article_anchors(markup: str) -> set[str]:
    """Ids inside <article> elements: headings', and elements' with a stable id."""
    anchors: set[str] = set()
    depth = 0
    for tag in _TAG.finditer(_NOT_MARKUP.sub("", markup)):
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name == "article":
            if closing:
                depth = max(0, depth - 1)
                continue
            depth += 1
        if closing or not depth or not (found := _ID.search(attributes)):
            continue
        identifier = html.unescape(next(value for value in found.groups() if value is not None))
        if not identifier or identifier in _TRANSIENT:
            continue
        if name in _HEADINGS or _STABLE_ID.match(identifier):
            anchors.add(identifier)
    return anchors


def anchors_of(page: Path) -> set[str]:
    """The page's published anchors. Only the stretch from the first <article> to the last
    </article> is read (about half of a page: the header, navigation and scripts hold
    none)."""
    text = page.read_text("utf-8")
    start, end = text.find("<article"), text.rfind("</article>")
    if start < 0:
        return set()
    return _article_anchors(text[start : end + len("</article>")] if end > start else text[start:])


def page_address(site: Path, page: Path) -> str:
    """en/hubs/london/index.html → en/hubs/london/ (pages, not files, are what is cited)."""
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text("utf-8")[:2000]


def site_addresses(site: Path) -> dict[str, set[str]]:
    """Every page of the built site's language versions, with its published anchors."""
    addresses: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for page in sorted((site / language.code).rglob("index.html")):
            if "assets" in page.relative_to(site).parts or is_redirect(page):
                continue
            addresses[page_address(site, page)] = anchors_of(page)
    return addresses


def read_manifest(data_dir: Path) -> dict[str, set[str]]:
    path = data_dir / MANIFEST_FILE
    if not path.exists():
        return {}
    manifest: dict[str, set[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        address, *anchors = line.split()
        manifest[address] = {anchor.removeprefix("#") for anchor in anchors}
    return manifest


def write_manifest(data_dir: Path, addresses: dict[str, set[str]]) -> int:
    """Add `addresses` to the manifest (a union: nothing is removed); return how many were new."""
    manifest = read_manifest(data_dir)
    before = sum(1 + len(anchors) for anchors in manifest.values())
    for address, anchors in addresses.items():
        manifest.setdefault(address, set()).update(anchors)
    lines = [
        " ".join([address, *(f"#{anchor}" for anchor in sorted(manifest[address]))])
        for address in sorted(manifest)
    ]
    (data_dir / MANIFEST_FILE).write_text(_HEADER + "\n".join(lines) + "\n", "utf-8")
    return sum(1 + len(anchors) for anchors in manifest.values()) - before


def missing(
    site: Path, manifest: dict[str, set[str]], built: dict[str, set[str]] | None = None
) -> list[str]:
    """Published addresses the built site no longer answers, one sentence each.

    `built` is `site_addresses(site)` when the caller has it already (the tests read a large
    site once for several questions); by default it is read here.
    """
    if built is None:
        built = site_addresses(site)
    problems = []
    for address, anchors in sorted(manifest.items()):
        page, found = _resolve(site, address, built)
        if page is None:
            problems.append(f"{address}: the page is gone and no redirect leads from it")
            continue
        for anchor in sorted(anchors - found):
            via = "" if page == address else f" (redirected to {page})"
            problems.append(f"{address}#{anchor}: the anchor is gone{via}")
    return problems


def _resolve(site: Path, address: str, built: dict[str, set[str]]) -> tuple[str | None, set[str]]:
    """The built page an address leads to (itself, or through a redirect page) and its anchors."""
    if address in built:
        return address, built[address]
    page = site / address / "index.html" if address.endswith("/") else site / address
    refresh = _REFRESH.search(page.read_text("utf-8")) if page.is_file() else None
    if refresh:
        target = posixpath.normpath(posixpath.join(address, refresh.group(1))) + "/"
        if target in built:
            return target, built[target]
    return None, set()
