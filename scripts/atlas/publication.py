"""Where and as what the atlas is published: its public address, its edition, its build date.

The address comes from ``ATLAS_SITE_URL`` (default: the local ``make serve`` address); the
edition is the newest in ``data/editions.yml``; the build date is today, or the day of
``SOURCE_DATE_EPOCH`` when that is set (reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from atlas.editions import History
    from atlas.redirects import Redirect

SITE_URL_VARIABLE = "ATLAS_SITE_URL"
LOCAL_SITE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Edition:
    """One published state of the data: a version and the day it was made."""

    version: str
    date: dt.date


@dataclass(frozen=True)
class Publication:
    """What a page needs to say where it lives and what it is a version of."""

    site_url: str  # absolute, ends with "/"
    edition: Edition
    built: dt.date
    history: History | None = None
    redirects: tuple[Redirect, ...] = ()

    def address(self, language_code: str, url: str = "") -> str:
        """The absolute address of a page (`url` below its language's root, may hold #anchor)."""
        return f"{self.site_url}{language_code}/{url}"

    @property
    def root_path(self) -> str:
        """The path part of the site's address ("/" or "/atlas/"), for links from the root."""
        rest = self.site_url.split("://", 1)[-1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def site_url() -> str:
    address = os.environ.get(SITE_URL_VARIABLE, "").strip() or LOCAL_SITE_URL
    return address if address.endswith("/") else address + "/"


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
