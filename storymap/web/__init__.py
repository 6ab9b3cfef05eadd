"""The reader's browser code and its assets, shared by the app and the offline exports.

``reader.js``/``reader.css`` draw and reveal a story from ``reader_payload``; Leaflet
comes from the installed ``django-js-lib-leaflet`` package, so nothing is fetched
from a CDN.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

WEB_ASSETS = Path(__file__).resolve().parent
LEAFLET = Path(str(files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"
