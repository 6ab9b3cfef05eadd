"""The country of a point, chosen so that the story's own check of places agrees.

StoryMapJS gives a slide's point but no country; a story's place needs an ISO 3166-1
code, and ``validate`` checks that a place's point is in its country (or at sea off its
coast: ``storymap.geocoding.place_checks.outside_country``). In order:

1. a point inside a country's Natural Earth outline (1:110m) is in that country;
2. otherwise the first of these the check accepts: the country the place's name names
   ("Bahamas"), the country of the nearest GeoNames city within ``CITY_KM`` (small
   islands and coasts the 1:110m outlines leave out: Madeira), the nearest country
   (a point at sea, within its waters);
3. else ``AT_SEA`` (``XZ``, international waters), which the import reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points
from shapely.strtree import STRtree

from storymap.geocoding import Location
from storymap.geocoding.country_shapes import countries
from storymap.geocoding.nearest import nearest_city
from storymap.geocoding.place_checks import AT_SEA, ISLAND_KM, outside_country

CITY_KM = ISLAND_KM
_WGS84 = Geod(ellps="WGS84")
__all__ = ["AT_SEA", "CountryAt", "country_at"]


@dataclass(frozen=True)
class CountryAt:
    """The country code for a point, how it was found, and how far the point is from it (km)."""

    code: str
    how: str  # "inside", "name", "city", "near", "at sea"
    km: float = 0.0
    name: str = ""


@cache
def _outlines() -> tuple[STRtree, list[tuple[str, str]]]:
    known = list(countries().values())
    return STRtree([c.outline for c in known]), [(c.code, c.name) for c in known]


def country_at(lat: float, lon: float, named: str | None = None) -> CountryAt:
    """The country of a point (see the module's docstring); ``named`` is the code its name gives."""
    tree, names = _outlines()
    point = Point(lon, lat)
    inside = tree.query(point, predicate="intersects")
    if len(inside):
        code, name = names[int(inside[0])]
        return CountryAt(code, "inside", 0.0, name)
    candidates = [CountryAt(named, "name")] if named else []
    city = _nearest_city(lat, lon)
    if city is not None:
        candidates.append(city)
    nearest = int(tree.nearest(point))
    shore = nearest_points(tree.geometries[nearest], point)[0]
    code, name = names[nearest]
    candidates.append(CountryAt(code, "near", _km(lat, lon, shore.y, shore.x), name))
    where = Location(lat, lon, "story", 1.0, "")
    for candidate in candidates:
        if outside_country(where, candidate.code) is None:
            return candidate
    return CountryAt(AT_SEA, "at sea", candidates[-1].km)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return _WGS84.inv(lon1, lat1, lon2, lat2)[2] / 1000


def _nearest_city(lat: float, lon: float) -> CountryAt | None:
    near = nearest_city(lat, lon, CITY_KM)
    return CountryAt(near.country, "city", near.km, near.name) if near else None
