"""The reader's browser code and its assets, shared by the app and the offline exports.

``core.js`` (pure logic, tested with ``node --test``), ``storymap-layers.js`` (Leaflet)
and ``reader.js`` (the page) draw and reveal a story from ``storymap.payload``; Leaflet
comes from the installed ``django-js-lib-leaflet`` package, so nothing is fetched from
a CDN.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from storymap.package_data import WEB

WEB_ASSETS = WEB
LEAFLET = Path(str(files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"
READER_SCRIPTS = ("core.js", "storymap-layers.js", "slides.js", "reader.js")  # in load order
