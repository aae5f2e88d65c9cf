"""MkDocs' hook: parts of Material's page frame that are the same on many pages, rendered
once and reused.

Material renders the whole site navigation into every page. On our site almost every page
is a record page that the navigation does not list (`not_in_nav`), and for such a page the
navigation's HTML depends on nothing but where the page sits: no item is active, no table of
contents is folded in, and each link is written relative to the page. Our search box
(partials/atlas-search.html) depends only on the path from the page to the site's root.
Each is rendered for the first page whose relative links are those, and reused for the
others: at 10× our data the navigation alone was a sixth of each language's MkDocs build.

The page frame (overrides/main.html, partials/header.html) calls `atlas_shared_fragment`
around Material's own partials only where this hook defined it; Zensical, which runs no
hooks, renders them for every page as Material does.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.utils import get_relative_url

ROOT_PROBE = "assets/"  # a path from the root: how far the page sits from it


def shared_fragment_renderer() -> Callable[..., Markup]:
    """A fresh renderer, one per build: a build's navigation is fixed, the next may differ."""
    rendered: dict[tuple[str, ...], Markup] = {}

    def atlas_shared_fragment(
        name: str, page: object, nav: object = None, *, caller: Callable[[], Markup]
    ) -> Markup:
        """`caller()`, the fragment, rendered once for all pages it is the same on: with
        `nav`, the navigation of a page it does not list; without, what depends only on the
        page's distance from the root."""
        url = getattr(page, "url", None)
        if url is None:
            return caller()
        targets = [ROOT_PROBE]
        if nav is not None:
            listed = getattr(nav, "pages", None)
            if listed is None or any(item is page for item in listed):
                return caller()  # a page the navigation lists: its item is active
            targets += [item.url for item in listed]
        key = (name, *(get_relative_url(target, url) for target in targets))
        if key not in rendered:
            rendered[key] = caller()
        return rendered[key]

    return atlas_shared_fragment


def on_env(env: Environment, config: object, files: object) -> Environment:
    env.globals["atlas_shared_fragment"] = shared_fragment_renderer()
    return env
