"""The base maps a reader can choose, written once.

The reader payload, the single-file page's Content-Security-Policy, the command line's
``--tiles`` choices and the app's ``STORYMAP_TILES`` setting all derive from ``TILES``.
``offline`` has no tiles: the Natural Earth outlines drawn under every map are the map. The
place picker, where an author clicks at zoom 9 to place a village, also draws Natural
Earth's 1:10m land, lakes, rivers, borders and provinces from zoom 5 (``PICKER_DETAIL``,
built by ``scripts/build_picker_map.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OSM_CREDIT = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


@dataclass(frozen=True)
class BaseMap:
    """One base map: its tile address (None: the offline outlines only) and its credit."""

    label_key: str  # interface text key naming it in the layer switch
    url: str | None = None
    attribution: str = ""
    subdomains: str = ""
    max_zoom: int = 19
    hosts: tuple[str, ...] = field(default=())  # for the Content-Security-Policy's img-src

    def leaflet(self) -> dict[str, Any]:
        """What Leaflet's ``L.tileLayer(url, options)`` needs."""
        options: dict[str, Any] = {"maxZoom": self.max_zoom, "attribution": self.attribution}
        if self.subdomains:
            options["subdomains"] = self.subdomains
        return {"url": self.url, "options": options, "label": self.label_key}


TILES: dict[str, BaseMap] = {
    "carto": BaseMap(
        "basemap_carto",
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        OSM_CREDIT + ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
        subdomains="abcd",
        hosts=("https://*.basemaps.cartocdn.com",),
    ),
    "osm": BaseMap(
        "basemap_osm",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        OSM_CREDIT,
        hosts=("https://tile.openstreetmap.org",),
    ),
    "offline": BaseMap("basemap_offline"),
}
DEFAULT_TILES = "carto"
# The place picker's offline map at 1:10m, cut in 10° cells (see the module docstring).
PICKER_DETAIL = (
    Path(__file__).resolve().parent.parent / "geodata" / "naturalearth" / "picker-10m.json"
)


def tile_hosts() -> list[str]:
    """Every host a base map loads tiles from: the only images a page may fetch."""
    return [host for base in TILES.values() for host in base.hosts]


def choose(name: str | None, default: str = DEFAULT_TILES) -> str:
    """``name`` if it is a known base map, else ``default`` (for settings read from outside)."""
    return name if name in TILES else default
