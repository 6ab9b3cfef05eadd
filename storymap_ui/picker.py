"""A map to place a place by clicking, as a small Streamlit component of our own.

It uses the Leaflet the reader ships (``storymap.web.LEAFLET``) and draws the Natural
Earth outlines from its own folder, so it works with no network (the 1:110m countries, and
from zoom 5 the 1:10m land, lakes, rivers, borders and provinces of
``storymap.basemaps.PICKER_DETAIL``); the base map's tiles are drawn over them when they
can be fetched. Its files are laid out once per version under the cache folder, like the
reader's (``storymap_ui.component``), and its page has the same Content-Security-Policy
(``storymap.web.policy.frame_policy``).
"""

from __future__ import annotations

import hashlib
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from storymap.basemaps import PICKER_DETAIL, TILES
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.settings import cache_folder
from storymap.web import LEAFLET
from storymap.web.policy import frame_policy, meta

SOURCE = Path(__file__).with_name("picker")


def picker_dir() -> Path:
    sources = b"".join(path.read_bytes() for path in [*sorted(SOURCE.iterdir()), PICKER_DETAIL])
    digest = hashlib.sha256(sources + frame_policy().encode()).hexdigest()[:12]
    return cache_folder() / f"picker-{digest}"


@cache
def _component() -> Any:
    target = picker_dir()
    (target / "vendor").mkdir(parents=True, exist_ok=True)
    for source in SOURCE.iterdir():
        shutil.copyfile(source, target / source.name)
    page = (SOURCE / "index.html").read_text(encoding="utf-8")
    policy = meta(frame_policy())
    (target / "index.html").write_text(page.replace("<!-- storymap:policy -->", policy), "utf-8")
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(LEAFLET / name, target / "vendor" / name)
    shutil.copyfile(COUNTRY_OUTLINES, target / "countries-110m.geojson")
    shutil.copyfile(PICKER_DETAIL, target / "picker-10m.json")
    return components.declare_component("storymap_picker", path=str(target))


def place_picker(
    *,
    key: str,
    lat: float | None,
    lon: float | None,
    precision_km: float | None,
    country: str | None,
    tiles: str,
    hint: str,
    on_change: Any,
) -> None:
    """The map; a click calls ``on_change`` with ``{lat, lon, zoom, seq}`` in session state."""
    base = TILES.get(tiles)
    _component()(
        lat=lat,
        lon=lon,
        precision_km=precision_km,
        country=country,
        tiles=base.leaflet() if base and base.url else None,
        hint=hint,
        key=key,
        default=None,
        on_change=on_change,
    )
