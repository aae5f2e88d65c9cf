"""A Python-Markdown extension: our generated pages' HTML blocks go to the raw-HTML stash
without being parsed.

The pages that atlas.render writes are Markdown headings (for the table of contents and
their anchors) between blocks of finished HTML. Python-Markdown hands every raw HTML block
to `html.parser` (and MkDocs parses the page once more, to collect anchor ids); that was
two thirds of MkDocs' time on our pages. This preprocessor runs first and stashes each
block whose shape it can vouch for, as Python-Markdown's own `html_block` would stash it:

- a run of lines between blank lines, each top-level element a block-level tag that opens
  at the start of a line and closes at the end of one;
- tags balanced and properly nested; no text outside the top-level elements;
- no `<script>` or `<style>` (whose content `html.parser` reads as text, not HTML), no
  comment, no `markdown` attribute.

Anything else is left to Python-Markdown, so the output is the same either way (a test
builds pages both ways and compares them). Our links in raw HTML were never MkDocs' to
check (it sees only Markdown links); tests/test_site_links.py checks them all.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.htmlparser import void_tags
from markdown.preprocessors import Preprocessor

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>")
# Refused: <script> and <style> (by name, in any case), comments, a `markdown` attribute.
REFUSED_TAGS = ("<script", "<style")
MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\b", re.IGNORECASE)
VOID = void_tags  # elements without an end tag, as Python-Markdown's own parser knows them
BLANK = re.compile(r"\s*")


def _refused(run: str) -> bool:
    """Whether the run holds what html.parser must read (substring tests first: one
    case-insensitive regex over every run was a sixth of this module's time)."""
    if "<!--" in run:
        return True
    lowered = run.lower()
    if any(tag in lowered for tag in REFUSED_TAGS):
        return True
    return "markdown" in lowered and MARKDOWN_ATTRIBUTE.search(run) is not None


def top_level_elements(run: str, md: Markdown) -> list[str] | None:
    """The run's top-level elements, as source text, if the run is only those (see above).

    The loop runs once per tag of every generated page, so it does the least it can for a
    tag inside an element (the common case): a name pushed or popped."""
    if _refused(run):
        return None
    elements: list[str] = []
    stack: list[str] = []
    start = position = 0
    for tag in TAG.finditer(run):
        closing, name = tag.groups()
        end = tag.end()
        if stack:
            if closing:
                if stack[-1] != name and stack[-1] != name.lower():
                    return None
                stack.pop()
                if not stack:
                    line_end = run.find("\n", end)
                    if run[end : line_end if line_end >= 0 else len(run)].strip():
                        return None
                    elements.append(run[start:end])
            elif run[end - 2] != "/":
                name = name.lower()
                if name not in VOID:
                    stack.append(name)
            position = end
            continue
        # between two top-level elements: a line break, then a block-level opening tag
        name = name.lower()
        if closing or not md.is_block_level(name) or name in VOID or run[end - 2] == "/":
            return None
        between = run[position : tag.start()]
        if elements and not (between.strip() == "" and "\n" in between):
            return None
        if not elements and between:
            return None
        start, position = tag.start(), end
        stack.append(name)
    if stack or not elements or run[position:].strip():
        return None
    return elements


class StashFinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        run: list[str] = []

        def flush(before_blank: bool) -> None:
            elements = top_level_elements("\n".join(run), self.md) if run else None
            if elements is None:
                out.extend(run)
            else:
                if before_blank:  # as html_block keeps it
                    elements[-1] += "\n"
                for element in elements:
                    out.extend(["", self.md.htmlStash.store(element), ""])
            run.clear()

        after_blank = True
        for line in lines:
            if BLANK.fullmatch(line):
                flush(True)
                out.append(line)
                after_blank = True
                continue
            if run or (after_blank and line.startswith("<")):
                run.append(line)
            else:
                out.append(line)
            after_blank = False
        flush(False)
        return out


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # before MkDocs' anchor collector (21) and Python-Markdown's html_block (20)
        md.preprocessors.register(StashFinishedHtml(md), "atlas_finished_html", 25)


def makeExtension(**kwargs: object) -> FinishedHtmlExtension:  # noqa: N802 (the loader's name)
    return FinishedHtmlExtension(**kwargs)
