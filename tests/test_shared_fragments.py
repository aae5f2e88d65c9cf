"""Material's navigation is rendered once for the pages that would get the same HTML, and
only for those (atlas/shared_fragments.py, an MkDocs hook)."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment
from markupsafe import Markup

from atlas import build
from atlas.shared_fragments import on_env, shared_fragment_renderer


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


HOME, THEMES, HUBS = _page(""), _page("themes/"), _page("hubs/")
NAV = SimpleNamespace(pages=[HOME, THEMES, HUBS])


def _counting():
    calls: list[str] = []

    def caller_for(page):
        def caller() -> Markup:
            calls.append(page.url)
            return Markup(f"<nav>{page.url}</nav>")

        return caller

    return calls, caller_for


def test_pages_outside_the_navigation_in_one_folder_share_its_html():
    shared, (calls, caller_for) = shared_fragment_renderer(), _counting()
    first, second = _page("hubs/london/"), _page("hubs/paris/")
    assert shared("nav", first, NAV, caller=caller_for(first)) == "<nav>hubs/london/</nav>"
    assert shared("nav", second, NAV, caller=caller_for(second)) == "<nav>hubs/london/</nav>"
    assert calls == ["hubs/london/"]


def test_a_page_elsewhere_or_listed_in_the_navigation_is_rendered_for_itself():
    shared, (calls, caller_for) = shared_fragment_renderer(), _counting()
    for page in (_page("hubs/london/"), _page("policies/x/"), THEMES, THEMES, HOME):
        shared("nav", page, NAV, caller=caller_for(page))
    # policies/x/ sits as deep as hubs/london/, but its link to hubs/ would differ
    assert calls == ["hubs/london/", "policies/x/", "themes/", "themes/", ""]


def test_a_fragment_without_the_navigation_is_shared_by_depth_and_kept_apart_by_name():
    shared, (calls, caller_for) = shared_fragment_renderer(), _counting()
    for page in (_page("hubs/london/"), _page("policies/x/"), _page("about/")):
        shared("search", page, caller=caller_for(page))
    shared("nav", _page("hubs/paris/"), NAV, caller=caller_for(_page("hubs/paris/")))
    assert calls == ["hubs/london/", "about/", "hubs/paris/"]


def test_each_build_starts_afresh_and_every_language_build_runs_the_hook(fixture_build):
    first, second = on_env(Environment(), None, None), on_env(Environment(), None, None)
    assert first.globals["atlas_shared_fragment"] is not second.globals["atlas_shared_fragment"]
    for language in ("en", "zh-hant", "zh-hans"):
        config = (fixture_build / "build" / language / "mkdocs.yml").read_text("utf-8")
        assert str(build.SHARED_FRAGMENTS_HOOK) in config


def test_a_record_page_of_the_site_carries_the_navigation_with_links_from_where_it_sits(
    fixture_site,
):
    page = (fixture_site / "en" / "hubs" / "hong-kong" / "index.html").read_text("utf-8")
    index = (fixture_site / "en" / "hubs" / "index.html").read_text("utf-8")
    assert 'data-md-type="navigation"' in page
    assert 'href="../../themes/"' in page and 'href="../themes/"' in index
