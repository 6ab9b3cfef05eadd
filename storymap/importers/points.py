"""Places from points (a StoryMapJS slide's location, a GeoJSON point), with their country.

A point becomes a place with the author's own ``coordinates``, so the geocoder uses them
as they are; slides at the same point share one place. Its precision comes from the
map zoom the slide was shown at (StoryMapJS) or the feature's ``precision_km``; its
country from the point (``storymap.importers.point_country``), or from its name when the
point is off every outline and the name is a country's ("Bahamas").
"""

from __future__ import annotations

import math
from typing import Any

from storymap.draft.country_names import CountryNames
from storymap.importers.builder import StoryBuilder
from storymap.importers.point_country import AT_SEA, country_at

EARTH_KM = 40075.0
DEFAULT_ZOOM = 10


def number(value: Any) -> float | None:
    """A finite number from JSON (a number or numeric text), else None."""
    if isinstance(value, bool):
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def point_of(lat: Any, lon: Any) -> tuple[float, float] | None:
    """(lat, lon) when both are numbers on the globe."""
    lat_n, lon_n = number(lat), number(lon)
    if lat_n is None or lon_n is None or not (-90 <= lat_n <= 90 and -180 <= lon_n <= 180):
        return None
    return round(lat_n, 6), round(lon_n, 6)


def zoom_precision_km(zoom: Any) -> float:
    """A quarter of one map tile's width at ``zoom``: 10 km at zoom 10, 2.4 km at 12."""
    level = number(zoom)
    level = DEFAULT_ZOOM if level is None else min(max(level, 0), 22)
    km = EARTH_KM / 2**level / 4
    digits = max(0, 1 - math.floor(math.log10(km)))
    return round(km, digits) if km < 100 else float(round(km, -1))


def kind_for_zoom(zoom: Any) -> str:
    """How big a place the author zoomed to: a site, a city or a region."""
    level = number(zoom)
    if level is None:
        return "city"
    return "site" if level >= 13 else "city" if level >= 8 else "region"


def place_at(
    builder: StoryBuilder,
    point: tuple[float, float],
    name: str,
    item: int,
    kind: str,
    precision_km: float,
    source: str,
    country: str | None = None,
    named: bool = True,
) -> str:
    """The id of the place at ``point``, added the first time it is seen; its country is
    ``country`` when given (two capital letters), else found from the point.

    Points seen again share the place, unless the source gives the new one a name of its
    own (``named``) that differs: then it is a place of its own at the same point.
    """
    existing = builder.place_for(point)
    if existing is not None:
        if builder.place_name(existing) == name:
            return existing
        if not named:
            builder.report.note(
                f"'{name}' is at the same point as an earlier place: they share place '{existing}'",
                item,
            )
            return existing
        builder.report.note(
            f"'{name}' is at the same point as an earlier place with another name", item
        )
    key = point if existing is None else (point, name)
    if builder.place_for(key) is not None:
        return builder.place_for(key)  # type: ignore[return-value]
    lat, lon = point
    if not (country and len(country) == 2 and country.isupper() and country.isalpha()):
        country = _country(builder, lat, lon, name, item)
    data = {
        "kind": kind,
        "country": country,
        "coordinates": {"lat": lat, "lon": lon, "precision_km": precision_km, "source": source},
    }
    return builder.add_place(key, name, data, item)


def _country(builder: StoryBuilder, lat: float, lon: float, name: str, item: int) -> str:
    """The point's country (``country_at``); the report says how, unless it is inside one."""
    mentioned = _names(builder.lang).find(name) if name else []
    # "Kent County, Maryland, United States": the last country the name names
    found = country_at(lat, lon, mentioned[-1].code if mentioned else None)
    off = "the point is off the map's country outlines"
    how = {
        "inside": "",
        "name": f"{off}: country {found.code} from its name '{name}'",
        "city": f"{off}: country {found.code}, as the nearest city ({found.name}, {found.km:.0f} km)",
        "near": f"the point is at sea: country {found.code}, the nearest ({found.name}, {found.km:.0f} km)",
        "at sea": f"the point is at sea, beyond every country's waters: country {AT_SEA} (international waters)",
    }[found.how]
    if how:
        builder.report.note(how, item)
    return found.code


def _names(lang: str) -> CountryNames:
    return _COUNTRY_NAMES.setdefault(lang, CountryNames(lang if lang in ("id", "en") else "en"))


_COUNTRY_NAMES: dict[str, CountryNames] = {}
