"""Whether one place the draft found lies inside another: Jayapura in Papua, Cairo in Egypt.

A country contains every place with its code. A gazetteer region, lake or island contains
a place inside its outline; a region kept as a point (a regency, a county) one within its
radius. Curated places are never taken as containing anything.
"""

from __future__ import annotations

import json
from functools import lru_cache

from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep

from storymap.draft.compare import distance_km
from storymap.draft.places import Hit
from storymap.geocoding import GazetteerLayer, Location
from storymap.geocoding.city_index import City


class Containment:
    """``contains(outer, inner)`` for the draft's hits, with the gazetteer's outlines."""

    def __init__(self, gazetteer: GazetteerLayer) -> None:
        self._gazetteer = gazetteer
        self._outline = lru_cache(maxsize=256)(self._load_outline)

    def __call__(self, outer: Hit, inner: Hit) -> bool:
        if outer.key == inner.key or outer.country != inner.country:
            return False
        if outer.kind == "country":
            return inner.kind != "country"
        big, small = self._city(outer), self._city(inner)
        if big is None or small is None or big.kind == "city":
            return False
        outline = self._outline(big.geonameid) if big.has_outline else None
        if outline is not None:
            return outline.contains(Point(small.lon, small.lat))
        return _km(big, small) <= big.radius_km and big.radius_km > small.radius_km

    def _city(self, hit: Hit) -> City | None:
        prefix, _, number = hit.key.partition(":")
        if prefix not in ("city", "gazetteer"):
            return None
        try:
            return self._gazetteer.place(int(number))
        except ValueError:
            return None

    def _load_outline(self, geonameid: int) -> PreparedGeometry | None:
        place = self._gazetteer.place(geonameid)
        text = self._gazetteer.outline(place) if place else None
        return prep(shape(json.loads(text))) if text else None


def _km(a: City, b: City) -> float:
    return distance_km(
        Location(a.lat, a.lon, "gazetteer", a.radius_km, a.name),
        Location(b.lat, b.lon, "gazetteer", b.radius_km, b.name),
    )
