"""Where the project's parts are."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
TEMPLATES = PACKAGE / "templates"
OVERRIDES = PACKAGE / "overrides"
ASSETS = PACKAGE / "assets"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
SITE = ROOT / "site"
BUILD = ROOT / "build"
