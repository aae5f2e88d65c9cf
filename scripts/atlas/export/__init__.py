"""What leaves the site as data or as ready text: citations, downloads, charts.

An export that writes files registers a function ``write(atlas, publication, folder)`` in
``EXPORTS``; the pipeline calls each with one folder, and the build stage copies that folder
to the site's root, beside the language versions (``/downloads/…``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from atlas.export.downloads import write as write_downloads
from atlas.link import Atlas
from atlas.publication import Publication

Export = Callable[[Atlas, Publication, Path], None]

EXPORTS: dict[str, Export] = {
    "downloads": write_downloads,
}
