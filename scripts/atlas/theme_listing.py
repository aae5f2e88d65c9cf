"""The theme's files as MkDocs lists them, without walking its hidden folders.

Each MkDocs build lists every file of the theme to copy the static ones to the site
(`Files.add_files_from_theme`), then drops the hidden ones (its patterns '.*' and '*/.*').
Material keeps some 14,000 icons in its hidden `.icons` folder: walking them and matching
each against the patterns took 0.37 s of every language's build. The templates still load
icons from there (`{% include ".icons/…" %}`); only the listing skips them, so the same
files are copied as before.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def visible_templates(searchpath: list[str], followlinks: bool = False) -> list[str]:
    """The names Jinja's FileSystemLoader.list_templates gives, less those in or of a
    hidden folder or file (whose names MkDocs' filter would drop anyway)."""
    found: set[str] = set()
    for root in searchpath:
        for folder, subfolders, names in os.walk(root, followlinks=followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            found.update(prefix + name for name in names if not name.startswith("."))
    return sorted(found)


def list_theme_without_hidden_folders(config: MkDocsConfig) -> None:
    """Make the theme's Jinja environments of this build list through visible_templates."""
    theme = config.theme
    make_env = theme.get_env

    def get_env():
        env = make_env()
        loader = env.loader
        searchpath = list(getattr(loader, "searchpath", ()))
        if searchpath:
            followlinks = bool(getattr(loader, "followlinks", False))
            loader.list_templates = lambda: visible_templates(searchpath, followlinks)  # type: ignore[union-attr,method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
