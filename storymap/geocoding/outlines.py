"""Which places are drawn as areas, and their outlines (GeoJSON geometries, lon/lat).

A place is drawn as its outline when the gazetteer located it as an area (a province, a
lake, a sea: ``Location.area``) and the story wants it: ``outline: true``, or by default
for ``kind: region``. The reader, the exports and the overview picture all ask here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from storymap.geocoding.base import Location
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.model import Place


def draws_outline(place: Place, location: Location) -> bool:
    """Whether ``place`` is drawn as its gazetteer outline rather than as a point."""
    wanted = place.outline if place.outline is not None else place.kind == "region"
    return bool(location.area) and wanted


def place_outline(place: Place, location: Location) -> dict[str, Any] | None:
    """The GeoJSON geometry to draw for ``place``, or None when it is drawn as a point."""
    return _outline(location.area) if draws_outline(place, location) else None


@lru_cache(maxsize=256)
def _outline(area: int) -> dict[str, Any] | None:
    text = GazetteerLayer.shared().area_outline(area)
    return json.loads(text) if text else None
