"""Placing a place: a point from a click on the map, and whether a point lies in the
country the place says (a name is looked up by ``place_search``).

A click gives a point and a precision from the map's zoom: the width of a few screen
pixels on the ground there.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points
from shapely.prepared import prep

from storymap.geocoding import COUNTRY_OUTLINES

CLICK_PIXELS = 8  # how far from the intended spot a click on a map may land
EARTH_METRES_PER_PIXEL = 156543.03392  # at zoom 0 on the equator (Web Mercator, 256 px tiles)
COAST_TOLERANCE_KM = 50.0  # the 1:110m outlines cut coasts and corners by tens of km
SEA_TOLERANCE_KM = 370.0  # 200 nautical miles: a country's waters


def precision_for_zoom(zoom: float, lat: float) -> float:
    """The precision (km) of a click at ``zoom``: ``CLICK_PIXELS`` pixels on the ground."""
    metres = EARTH_METRES_PER_PIXEL * math.cos(math.radians(lat)) / 2 ** max(0.0, zoom)
    km = max(0.01, CLICK_PIXELS * metres / 1000)
    digits = -math.floor(math.log10(km)) + 1  # two significant figures
    return round(km, max(0, digits))


def clicked_coordinates(lat: float, lon: float, zoom: float) -> dict[str, Any]:
    """Coordinates for a click: rounded to what the zoom can tell, with their source."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90:
        raise ValueError(f"a click at {lat}, {lon} is not on the map")
    lon = (lon + 180) % 360 - 180  # a map panned round the world gives 200° for -160°
    precision = precision_for_zoom(zoom, lat)
    decimals = max(0, min(6, math.ceil(-math.log10(precision / 111)) + 1))
    return {
        "lat": round(lat, decimals),
        "lon": round(lon, decimals),
        "precision_km": precision,
        "source": f"clicked on the map on the author page (zoom {round(zoom)})",
    }


@cache
def outlines() -> dict[str, tuple[str, BaseGeometry]]:
    """Natural Earth country outlines by ISO code: (name, shape)."""
    collection = json.loads(COUNTRY_OUTLINES.read_text(encoding="utf-8"))
    found: dict[str, tuple[str, BaseGeometry]] = {}
    for feature in collection["features"]:
        code = feature["properties"].get("iso_a2")
        if code:
            found[code] = (feature["properties"]["name"], shape(feature["geometry"]))
    return found


@cache
def _prepared() -> dict[str, Any]:
    return {code: prep(outline) for code, (_, outline) in outlines().items()}


def country_at(lat: float, lon: float) -> str | None:
    """The ISO code of the country whose outline contains the point, if any."""
    point = Point(lon, lat)
    return next((code for code, shape_ in _prepared().items() if shape_.contains(point)), None)


def country_name(code: str) -> str:
    return outlines()[code][0] if code in outlines() else code


def outside_country(lat: float, lon: float, code: str) -> str | None:
    """A sentence when the point is not in ``code``'s country (beyond the coast tolerance, or
    at sea beyond its waters), with the likely slip (a sign, lat and lon swapped); else None.

    Countries too small for the 1:110m outlines (Singapore, Malta) are not checked.
    """
    if not (math.isfinite(lat) and math.isfinite(lon)) or code not in outlines():
        return None
    point = Point(lon, lat)
    if _prepared()[code].contains(point):
        return None
    km = _distance_km(point, outlines()[code][1])
    inside = country_at(lat, lon)
    if km <= COAST_TOLERANCE_KM or (inside is None and km <= SEA_TOLERANCE_KM):
        return None
    there = f"in {country_name(inside)} ({inside})" if inside else "at sea"
    message = f"{lat:g}, {lon:g} is {km:,.0f} km outside {country_name(code)} ({code}), {there}"
    return message + _slip_hint(lat, lon, code)


def _distance_km(point: Point, outline: BaseGeometry) -> float:
    """Kilometres to the outline's nearest point, also looking across the 180° meridian."""
    distances = []
    for shift in (0, 360, -360):
        nearest = nearest_points(outline, Point(point.x + shift, point.y))[0]
        distances.append(_great_circle_km(point.y, point.x, nearest.y, nearest.x))
    return min(distances)


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _slip_hint(lat: float, lon: float, code: str) -> str:
    """The usual slips: a longitude or latitude with the wrong sign, lat and lon swapped."""
    slips = (
        ((lat, -lon), f"did you mean longitude {-lon:g}?"),
        ((-lat, lon), f"did you mean latitude {-lat:g}?"),
        ((lon, lat), f"are latitude and longitude swapped ({lon:g}, {lat:g})?"),
    )
    for (new_lat, new_lon), hint in slips:
        if abs(new_lat) <= 90 and _prepared()[code].contains(Point(new_lon, new_lat)):
            return f": {hint}"
    return ": check the coordinates or the country"
