"""The offline layers that need no index of their own: the story's coordinates, curated sites, countries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from storymap.geocoding.base import Location, Query
from storymap.geocoding.country_shapes import countries
from storymap.geocoding.names import NameIndex, normalise
from storymap.model import Place, Story
from storymap.package_data import COUNTRY_OUTLINES, CURATED_PLACES


class StoryCoordinatesLayer:
    """Coordinates the author wrote into the story file."""

    name = "story"

    def __init__(self, story: Story | Sequence[Place]) -> None:
        places = story.places if isinstance(story, Story) else story
        self._by_name = {
            normalise(n): p for p in places if p.coordinates for n in Query.for_place(p).names
        }

    def locate(self, query: Query) -> Location | None:
        for name in query.names:
            place = self._by_name.get(normalise(name))
            if place and place.coordinates and (query.country in (None, place.country)):
                c = place.coordinates
                return Location(
                    c.lat, c.lon, self.name, c.precision_km, place.name.get("en"), c.source
                )
        return None

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return []


class CuratedLayer:
    """Hand-placed sites from ``geodata/places.geojson``, each with a note on its source."""

    name = "curated"

    def __init__(self, path: Path = CURATED_PLACES) -> None:
        self._index = NameIndex()
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            props = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"]
            location = Location(
                lat, lon, self.name, float(props["precision_km"]), props["name"], props["source"]
            )
            names = [props["id"], props["name"], *props.get("aliases", [])]
            self._index.add(names, props["country"], location, props["name"])

    def locate(self, query: Query) -> Location | None:
        found = self._index.find(query.names, query.country)
        return found[0] if found else None  # type: ignore[return-value]

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return self._index.suggest(query.names[0], query.country, limit)


class CountryLayer:
    """Countries, placed at a point inside their Natural Earth outline, found by ISO code."""

    name = "countries"

    def __init__(self, path: Path = COUNTRY_OUTLINES) -> None:
        self._path = path

    def locate(self, query: Query) -> Location | None:
        if query.kind != "country" or not query.country:
            return None
        country = countries(self._path).get(query.country)
        if country is None:
            return None
        note = "a point inside the country's Natural Earth 1:110m outline"
        return Location(country.lat, country.lon, self.name, country.radius_km, country.name, note)

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return []
