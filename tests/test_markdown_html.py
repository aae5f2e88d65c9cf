"""atlas.markdown_html: our pages' finished HTML skips html.parser, and nothing a reader sees
changes because of it."""

from __future__ import annotations

import markdown
import pytest

from atlas.markdown_html import top_level_elements

BASE = ["attr_list", "toc", "tables"]


def converted(text: str, stashed: bool) -> str:
    extensions = [*BASE, "atlas.markdown_html"] if stashed else BASE
    return markdown.Markdown(extensions=extensions).convert(text)


def test_a_run_of_block_elements_is_stashed_element_by_element():
    run = '<div class="a"><p>x <a href="#y">y</a></p></div>\n<section>\n<p>z</p>\n</section>'
    assert top_level_elements(run, markdown.Markdown()) == [
        '<div class="a"><p>x <a href="#y">y</a></p></div>',
        "<section>\n<p>z</p>\n</section>",
    ]


@pytest.mark.parametrize(
    "run",
    [
        "<span>inline first</span>",
        "<div>open</div> text after",
        "<div><p>unclosed</div>",
        "<div>one</div><div>two on the same line</div>",
        "<div><script>if (a < b) {}</script></div>",
        "<div><!-- a comment --></div>",
        '<div markdown="1">*x*</div>',
        "<div>a</div>\ntext between\n<div>b</div>",
        "<hr>",
    ],
)
def test_what_it_cannot_vouch_for_is_left_to_markdown(run):
    assert top_level_elements(run, markdown.Markdown()) is None


@pytest.mark.parametrize(
    "text",
    [
        '# Title { #top }\n\n<div class="x">\n<p>a &amp; b</p>\n</div>\n\n## Next\n\ntext',
        "<div>a</div>\n<div>b</div>\n\n<p>c</p>",
        "para\n<div>not after a blank line</div>\n\n<table><tr><td>1</td></tr></table>",
        "<div>\n\n<p>a blank line inside</p>\n</div>\n\n<span>x</span>",
        '<figure><svg><title>t</title><path d="M0 0"/></svg></figure>\n\n<pre>  kept\n as is</pre>',
        "<div>last, without a newline</div>",
    ],
)
def test_markdown_gives_the_same_html_either_way(text):
    assert converted(text, stashed=True) == converted(text, stashed=False)


def test_every_generated_page_comes_out_the_same(fixture_site):
    """Every page the build wrote for MkDocs, in all three languages, converts to the same
    HTML with and without the extension (the real site was compared byte for byte too)."""
    pages = sorted((fixture_site.parent / "build").glob("*/docs/**/*.md"))
    assert len(pages) > 100
    different = [
        page.relative_to(fixture_site.parent).as_posix()
        for page in pages
        if converted(text := page.read_text("utf-8"), True) != converted(text, False)
    ]
    assert different == []
