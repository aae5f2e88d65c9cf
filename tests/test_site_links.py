"""Every internal link and anchor of the built site resolves; no page loads from another host.

`mkdocs build --strict` checks the links of Markdown, not those our templates write as raw
HTML, nor the language menu, the 404 pages or the redirect pages: this reads every HTML page
of the built site (all three languages and the root) as a browser would follow it. Links to
other hosts are not fetched; a page that would load a script, stylesheet, font or image from
one fails. Pages are parsed with lxml itself (a millisecond a page).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from atlas.publication import site_url
from pages import LANGUAGES, parsed_html

# (tag, attribute) pairs that lead somewhere; srcset lists several candidates
LINKS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "form": ("action",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "meta": ("content",),  # only <meta http-equiv="refresh" content="0; url=…">
}
NAVIGATION = {"a", "area", "form", "meta"}  # the rest is loaded with the page
LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
LOADED_RELS |= {"apple-touch-icon", "mask-icon", "shortcut"}
CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)['"]?\s*((?:https?:)?//[^'")\s]+)""", re.I)
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "blob"}


@dataclass
class Page:
    url: str  # below the site's root: "en/hubs/hong-kong/index.html"
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # (what, URL, is loaded)
    ids: set[str] = field(default_factory=set)
    css_hosts: list[str] = field(default_factory=list)  # url(//…) in <style> or style=""


def read_pages(site: str, urls: list[str]) -> list[Page]:
    """The links and ids of some pages."""
    pages = []
    for url in urls:
        data = Path(site, url).read_bytes()
        page = Page(url, css_hosts=CSS_URL.findall(data.decode("utf-8")))
        for tag in parsed_html(data).iter():
            if not isinstance(tag.tag, str):  # a comment or a processing instruction
                continue
            if tag.get("id"):
                page.ids.add(tag.get("id"))
            if tag.tag == "a" and tag.get("name"):  # the old way to name an anchor
                page.ids.add(tag.get("name"))
            for attribute in LINKS.get(tag.tag, ()):
                if (value := tag.get(attribute)) is None:
                    continue
                if tag.tag == "meta":
                    refresh = str(tag.get("http-equiv", "")).lower() == "refresh"
                    found = re.search(r"url\s*=\s*['\"]?([^'\"]+)", value, re.I)
                    if not (refresh and found):
                        continue
                    value = found.group(1)
                rel = set((tag.get("rel") or "").split())
                loaded = tag.tag not in NAVIGATION and (tag.tag != "link" or rel & LOADED_RELS)
                what = f"{tag.tag}[{attribute}]" + (f" rel={'/'.join(sorted(rel))}" if rel else "")
                values = value.split(",") if attribute == "srcset" else [value]
                for candidate in values:
                    if candidate := candidate.strip().split(" ")[0]:
                        page.links.append((what, candidate, bool(loaded)))
        pages.append(page)
    return pages


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of the site."""
    urls = sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))
    return {page.url: page for page in read_pages(str(site), urls)}


def _other_host(url: str, own: str) -> bool:
    return urlsplit(url if "//" in url[:8] else f"//{url}").netloc != own


def resolve(base: str, link: str, address: str, files: set[str]) -> tuple[str | None, str]:
    """The file below the site's root that `link`, on a page in folder `base`, leads to, or
    None and why not ("" for a link that is not ours to check)."""
    own, parts = urlsplit(address), urlsplit(link)
    if parts.scheme in SKIPPED_SCHEMES or (parts.netloc and parts.netloc != own.netloc):
        return None, ""
    path, root = unquote(parts.path), own.path or "/"
    if parts.netloc or path.startswith("/"):  # absolute: below the site's own address
        if not (path + "/").startswith(root):
            return None, f"outside the site ({root})"
        target = posixpath.normpath(path[len(root) :] or ".")
    else:
        target = posixpath.normpath(posixpath.join(base, path or "."))
    if target == ".." or target.startswith("../"):
        return None, f"{target}: outside the site"
    target = "" if target == "." else target
    if target not in files:  # a folder's address: its index page
        target = posixpath.join(target, "index.html")
    return (target, "") if target in files else (None, f"{target}: no such file")


def broken_links(site: Path, pages: dict[str, Page], address: str) -> Iterator[str]:
    """One line per link that leads nowhere, per missing anchor, per request to another host."""
    own = urlsplit(address).netloc
    files = {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}
    resolved: dict[tuple[str, str], tuple[str | None, str]] = {}  # the menus repeat per folder
    for page in pages.values():
        base = posixpath.dirname(page.url)
        for url in page.css_hosts:
            if _other_host(url, own):
                yield f"{page.url}: CSS url({url}) → another host"
        for what, link, loaded in page.links:
            if loaded and urlsplit(link).netloc and _other_host(link, own):
                yield f"{page.url}: {what} {link} → loads from another host"
                continue
            parts = urlsplit(link)
            if not (parts.scheme or parts.netloc or parts.path):  # "#anchor", "?q=": this page
                target, problem = page.url, ""
            else:
                address_only = link.split("#", 1)[0]
                if (base, address_only) not in resolved:
                    resolved[base, address_only] = resolve(base, address_only, address, files)
                target, problem = resolved[base, address_only]
            if target is None:
                if problem:
                    yield f"{page.url}: {what} {link} → {problem}"
                continue
            anchor = unquote(parts.fragment)
            if anchor and target in pages and anchor not in pages[target].ids:
                yield f"{page.url}: {what} {link} → {target}: no element with id {anchor!r}"


def css_from_other_hosts(site: Path, address: str) -> Iterator[str]:
    """Stylesheets (Material's, ours) that import or load a font or image from another host."""
    own = urlsplit(address).netloc
    for css in sorted(site.rglob("*.css")):
        for found in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if _other_host(found, own):
                yield f"{css.relative_to(site)}: url({found}) → loads from another host"


def assert_all_resolve(site: Path, pages: dict[str, Page], address: str) -> None:
    broken = sorted(
        set(broken_links(site, pages, address)) | set(css_from_other_hosts(site, address))
    )
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


@pytest.fixture(scope="module")
def real_pages(real_site: Path) -> dict[str, Page]:
    return read_site(real_site)


def test_every_link_and_anchor_of_the_real_site_resolves(real_site: Path, real_pages):
    assert_all_resolve(real_site, real_pages, site_url())


def test_the_check_covers_every_language_its_404_page_and_its_language_menu(
    real_site: Path, real_pages
):
    for language in LANGUAGES:
        assert f"{language}/404.html" in real_pages, f"{language}: no 404 page checked"
        assert sum(url.startswith(f"{language}/") for url in real_pages) > 50
        menu = [link for _, link, _ in real_pages[f"{language}/index.html"].links]
        assert all(any(f"{other}/" in link for link in menu) for other in LANGUAGES)
    if (real_site / "404.html").exists():
        assert "404.html" in real_pages
    assert len(real_pages) == len(list(real_site.rglob("*.html")))


def test_the_redirect_pages_of_a_renamed_record_resolve(redirected_site: Path):
    """redirected_site: the fixture records, hubs/hong-kong-sar renamed hubs/hong-kong."""
    site = redirected_site
    pages = read_site(site)
    for language in LANGUAGES:
        redirect = pages[f"{language}/hubs/hong-kong-sar/index.html"]
        assert any(what.startswith("meta") for what, _, _ in redirect.links)
    assert_all_resolve(site, pages, site_url())


def test_the_check_names_every_broken_link_with_its_page_and_target(tmp_path: Path):
    """The checker itself, on a made-up site: it reports all the faults, one line each."""
    (tmp_path / "en" / "a").mkdir(parents=True)
    b = '<p id="here">b</p><a href="#here">self</a> <a href="?q=x#nope">self</a>'
    (tmp_path / "en" / "b.html").write_text(b, "utf-8")
    (tmp_path / "en" / "a" / "index.html").write_text(
        '<a href="../b.html#here">ok</a> <a href="../b.html#gone">anchor</a> <a href="#">top</a>'
        ' <a href="../missing/">file</a> <a href="/en/b.html">ok</a> <a href="#x">own</a>'
        ' <a href="https://example.org/">elsewhere, not fetched</a>'
        ' <script src="https://cdn.example.org/x.js"></script>'
        ' <link rel="stylesheet" href="//fonts.example.org/f.css">'
        ' <link rel="canonical" href="http://127.0.0.1:8000/en/gone/">'
        ' <meta http-equiv="refresh" content="0; url=../nowhere/">'
        " <style>@font-face{src:url(https://fonts.example.org/f.woff2)}</style>",
        "utf-8",
    )
    pages = {page.url: page for page in read_pages(str(tmp_path), ["en/a/index.html", "en/b.html"])}
    broken = sorted(broken_links(tmp_path, pages, "http://127.0.0.1:8000/"))
    assert broken == [
        "en/a/index.html: CSS url(https://fonts.example.org/f.woff2) → another host",
        "en/a/index.html: a[href] #x → en/a/index.html: no element with id 'x'",
        "en/a/index.html: a[href] ../b.html#gone → en/b.html: no element with id 'gone'",
        "en/a/index.html: a[href] ../missing/ → en/missing/index.html: no such file",
        "en/a/index.html: link[href] rel=canonical http://127.0.0.1:8000/en/gone/ → "
        "en/gone/index.html: no such file",
        "en/a/index.html: link[href] rel=stylesheet //fonts.example.org/f.css → loads from "
        "another host",
        "en/a/index.html: meta[content] ../nowhere/ → en/nowhere/index.html: no such file",
        "en/a/index.html: script[src] https://cdn.example.org/x.js → loads from another host",
        "en/b.html: a[href] ?q=x#nope → en/b.html: no element with id 'nope'",
    ]
