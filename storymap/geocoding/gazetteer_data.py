"""The gazetteer's own data: regions, lakes, seas, islands, mountains, airports (geodata/gazetteer/).

Built by ``scripts/build_gazetteer.py`` from Natural Earth and GeoNames (see
geodata/SOURCES.md) into two gzip files: ``areas.geojson.gz`` (places with an outline)
and ``points.tsv.gz`` (places kept as a point and a size). They are read once, when the
gazetteer's index is built (``storymap.geocoding.city_index``); nothing reads them at a
lookup.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storymap.package_data import GAZETTEER

AREAS = GAZETTEER / "areas.geojson.gz"
POINTS = GAZETTEER / "points.tsv.gz"

# The gazetteer's kinds and the story kind each is written as (storymap.model.PlaceKind).
STORY_KIND = {
    "city": "city",
    "admin1": "region",
    "admin2": "region",
    "lake": "region",
    "sea": "region",
    "island": "region",
    "area": "region",
    "range": "region",
    "mountain": "site",
    "landmark": "site",
    "airport": "site",
}
WITH_OUTLINE = frozenset({"admin1", "lake", "sea", "island", "area", "range"})


@dataclass(frozen=True)
class GazetteerPlace:
    """One place of the gazetteer's own data, as the index stores it."""

    key: str  # the source's id: "ne-admin1:RUS-2386", "geonames-admin2:ID:…", "airport:WIMM"
    kind: str
    country: str
    lat: float
    lon: float
    radius_km: float
    population: int
    names: tuple[str, ...]
    outline: str | None = None  # GeoJSON geometry, as text


def data_version(folder: Path = GAZETTEER) -> str:
    """A short digest of the data files: a rebuilt gazetteer is a new index."""
    digest = hashlib.sha256()
    for path in (folder / AREAS.name, folder / POINTS.name):
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()[:10]


def gazetteer_places(folder: Path = GAZETTEER) -> Iterator[GazetteerPlace]:
    """Every place of ``areas.geojson.gz`` and ``points.tsv.gz``; none when they are missing."""
    areas, points = folder / AREAS.name, folder / POINTS.name
    if areas.is_file():
        with gzip.open(areas, "rt", encoding="utf-8") as handle:
            collection = json.load(handle)
        for feature in collection["features"]:
            p = feature["properties"]
            outline = json.dumps(feature["geometry"], separators=(",", ":"))
            yield GazetteerPlace(
                p["id"],
                p["kind"],
                p["country"],
                p["lat"],
                p["lon"],
                p["radius_km"],
                0,
                tuple(p["names"]),
                outline,
            )
    if points.is_file():
        with gzip.open(points, "rt", encoding="utf-8") as handle:
            next(handle)  # the header
            for line in handle:
                key, kind, country, lat, lon, radius, population, names = line.rstrip("\n").split(
                    "\t"
                )
                yield GazetteerPlace(
                    key,
                    kind,
                    country,
                    float(lat),
                    float(lon),
                    float(radius),
                    int(population),
                    tuple(names.split("|")),
                )
