"""The app's settings from its environment, each checked against what the library knows."""

from __future__ import annotations

import os

from storymap.basemaps import choose


def tiles_setting() -> str:
    """The base map the reader opens with: ``STORYMAP_TILES`` if it names one, else CARTO."""
    return choose(os.environ.get("STORYMAP_TILES"))
