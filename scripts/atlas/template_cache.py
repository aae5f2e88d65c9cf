"""Compiled Jinja templates, kept on disk between builds (Jinja's bytecode cache).

Every build compiles the same templates again: ours in each language's process, and
Material's in each language's MkDocs build; for a small data set that is a third of the
build. Jinja keeps the compiled code in the user's own cache folder (a private folder in the
system's temporary folder, or ATLAS_TEMPLATE_CACHE) and uses it only while the template's
source is unchanged: an edited template is compiled again. Where no folder can be made, the
templates are compiled as before.

This module is also MkDocs' hook (the per-language config names it, see atlas.build): its
on_env gives MkDocs' theme environment the same cache. Zensical runs no hooks; it loses only
the time saved.
"""

from __future__ import annotations

import os
from functools import cache

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache


@cache
def template_cache() -> BytecodeCache | None:
    folder = os.environ.get("ATLAS_TEMPLATE_CACHE")
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
            kept = FileSystemBytecodeCache(folder)
        else:
            kept = FileSystemBytecodeCache()  # Jinja's private folder for this user
    except (OSError, RuntimeError):  # no folder of ours can be made: compile as before
        return None
    return kept if os.access(kept.directory, os.W_OK) else None


def on_env(env: Environment, config: object, files: object) -> Environment:
    """MkDocs' hook: the theme's templates compiled once, not once per build."""
    env.bytecode_cache = template_cache()
    return env
