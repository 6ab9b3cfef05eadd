"""Readers for the sources of geodata/gazetteer/, each giving ``Area`` or ``Spot`` records.

Used only by ``scripts/build_gazetteer.py`` (see its docstring for where each input comes
from). Every reader keeps a place's names in the languages its source has them, drops
codes that look like names (IATA "UPG", "TUY") and works out a label point and a size.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyogrio
import shapely
from pyproj import Geod
from shapely.geometry import shape
from shapely.ops import polylabel

from storymap.geocoding.names import normalise

GEOD = Geod(ellps="WGS84")
LANGUAGES = [
    "ar",
    "bn",
    "de",
    "en",
    "es",
    "fa",
    "fr",
    "el",
    "he",
    "hi",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt",
    "ru",
    "sv",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh",
    "zht",
]
_CODE = re.compile(r"^[A-Z0-9]{2,4}$|\d")  # "UPG", "KNO", "ID-MU": codes, not names


@dataclass
class Place:
    """A place of the gazetteer: its kind, where it is, how big, and every name it goes by."""

    source_id: str
    kind: str  # admin1, admin2, lake, sea, island, area, range, mountain, airport
    country: str  # ISO 3166-1 alpha-2; XZ for open sea
    lat: float
    lon: float
    radius_km: float
    names: list[str]
    population: int = 0
    geometry: shapely.Geometry | None = field(default=None, repr=False)


def clean_names(names: Iterable[str | None]) -> list[str]:
    """Names as written, trimmed, once each (case-insensitive), without code-like ones."""
    kept: dict[str, str] = {}
    for raw in names:
        if not isinstance(raw, str):  # a missing value (None, NaN from a data frame)
            continue
        for name in re.split(r"[|;]", raw):
            name = " ".join(name.replace("’", "'").split()).strip(" ,")
            if len(name) < 2 or _CODE.search(name) or name.casefold() in kept:
                continue
            kept[name.casefold()] = name
    return list(kept.values())


def label_and_radius(geometry: shapely.Geometry) -> tuple[float, float, float]:
    """A label point inside the largest part (its centroid, or where that falls outside it,
    its pole of inaccessibility) and the place's size, sqrt(area / pi), in km."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    biggest = max(parts, key=lambda p: p.area)
    point = biggest.centroid
    if not biggest.contains(point) and biggest.geom_type == "Polygon":
        point = polylabel(biggest, tolerance=0.01)
    area, _ = GEOD.geometry_area_perimeter(geometry)
    return point.y, point.x, max(1.0, math.sqrt(abs(area) / 1e6 / math.pi))


def _gzip_json(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k.lower(): v for k, v in row.items()} for row in csv.DictReader(handle)]


def _translations(row: dict[str, str]) -> list[str]:
    return [row.get(f"name_{lang}", "") for lang in LANGUAGES]


def admin1(world_map: Path, attributes: Path, iso2_by_a3: dict[str, str]) -> Iterator[Place]:
    """Provinces and states: outlines from QGIS' world_map.gpkg, names from the NE table."""
    by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows(attributes):
        by_key[(row["adm0_a3"], row["name"])].append(row)
    frame = pyogrio.read_dataframe(world_map, layer="states_provinces")
    for record in frame.itertuples():
        rows = by_key.get((record.adm0_a3, record.name), [])
        row = next((r for r in rows if r["fips"] == record.fips), rows[0] if rows else {})
        country = (row.get("iso_a2") or record.iso_a2 or "").upper()
        country = (
            country if len(country) == 2 and country != "-9" else iso2_by_a3.get(record.adm0_a3, "")
        )
        if not country or record.geometry is None:
            continue
        names = clean_names(
            [
                record.name,
                row.get("name_alt"),
                row.get("name_local"),
                *_translations(row),
                record.woe_name,
                record.gn_name,
            ]
        )
        if not names:
            continue
        lat, lon, radius = label_and_radius(record.geometry)
        yield Place(
            f"ne-admin1:{row.get('adm1_code') or record.fips or record.name}",
            "admin1",
            country,
            lat,
            lon,
            radius,
            names,
            geometry=record.geometry,
        )


_MARINE = {"sea", "gulf", "bay", "strait", "sound", "channel", "lagoon", "fjord", "ocean", "inlet"}
_REGION_KIND = {
    "island": "island",
    "island group": "island",
    "range/mtn": "range",
    "desert": "area",
    "plateau": "area",
    "pen/cape": "area",
    "peninsula": "area",
    "plain": "area",
    "basin": "area",
    "delta": "area",
    "valley": "area",
    "coast": "area",
    "lowland": "area",
    "wetlands": "area",
    "isthmus": "area",
    "depression": "area",
    "foothills": "area",
}


def natural_areas(geojson: Path, attributes: Path, kind_of: str) -> Iterator[Place]:
    """Lakes, seas and named regions (islands, deserts, ranges), joined to the NE v5 names.

    The outlines are NE 4.x GeoJSON, the names NE 5.1's table; they are joined by name
    (and feature class), as the two releases differ by a few features.
    """
    table: dict[tuple[str, str], dict[str, str]] = {}
    for row in _rows(attributes):
        table.setdefault((_key(row["name"]), row["featurecla"].casefold()), row)
    for feature in json.loads(geojson.read_text(encoding="utf-8"))["features"]:
        props = {k.lower(): v for k, v in feature["properties"].items()}
        name, cla = (props.get("name") or "").strip(), (props.get("featurecla") or "").casefold()
        kind = {"lakes": "lake"}.get(kind_of) or (
            "sea" if kind_of == "marine" and cla in _MARINE else _REGION_KIND.get(cla)
        )
        if not name or kind is None or feature.get("geometry") is None:
            continue
        row = table.get((_key(name), cla), {})
        geometry = shapely.make_valid(shape(feature["geometry"]))
        names = clean_names(
            [
                name.title() if name.isupper() else name,
                props.get("namealt"),
                props.get("name_alt"),
                *_translations(row),
            ]
        )
        if kind == "sea":  # "Atlantique" for "océan Atlantique", "Weddell" for "Weddell Sea"
            names = clean_names(names + [b for n in names for b in sea_core(n)])
        lat, lon, radius = label_and_radius(geometry)
        country = "XZ" if kind == "sea" else ""
        yield Place(
            f"ne-{kind_of}:{row.get('ne_id') or name}",
            kind,
            country,
            lat,
            lon,
            radius,
            names,
            geometry=geometry,
        )


def _key(name: str) -> str:
    """'Weddell  Sea' (NE 4) joins 'Weddell Sea' (NE 5)."""
    return " ".join(name.split()).casefold()


def natural_points(attributes: Path) -> Iterator[Place]:
    """Mountains and volcanoes (NE elevation points), capes and waterfalls (NE region points)."""
    for row in _rows(attributes):
        kind = "mountain" if row["featurecla"] in {"mountain", "spot elevation", "pass"} else None
        if kind is None and row["featurecla"] in {"cape", "waterfall", "island"}:
            kind = "island" if row["featurecla"] == "island" else "landmark"
        if kind is None or not row["name"]:
            continue
        names = clean_names([row["name"], row.get("name_alt"), *_translations(row)])
        yield Place(
            f"ne-point:{row.get('ne_id') or row['name']}",
            kind,
            "",
            float(row["lat_y"]),
            float(row["long_x"]),
            3.0,
            names,
        )


def airports(path: Path) -> Iterator[Place]:
    """Airports with scheduled flights, by their name and their Wikipedia title."""
    for record in _gzip_json(path):
        if record.get("scheduled_service") != "TRUE" or record.get("type") not in {
            "large_airport",
            "medium_airport",
        }:
            continue
        wiki = unquote((record.get("wikipedia") or "").rsplit("/", 1)[-1]).replace("_", " ")
        full = [record["airport"], re.sub(r"\s*\(.*\)$", "", wiki)]
        names = clean_names(full + [bare for name in full for bare in airport_core(name)])
        yield Place(
            f"airport:{record.get('icao') or record['iata']}",
            "airport",
            record["country_code"],
            float(record["latitude"]),
            float(record["longitude"]),
            2.0,
            names,
        )


def geonames_regions(path: Path, known: dict[str, set[str]]) -> Iterator[Place]:
    """Second-level regions (and first-level ones Natural Earth lacks) from GeoNames' towns.

    Each town of 1,000+ people carries its admin names; a region is placed at its towns'
    population-weighted middle, its size the distance to its farthest town.
    ``known``: folded first-level names per country, already in the gazetteer.
    """
    towns: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for town in _gzip_json(path):
        cc = town["country_code"]
        if town.get("county"):
            towns[("admin2", cc, f"{town.get('state', '')}|{town['county']}")].append(town)
        if town.get("state"):
            towns[("admin1", cc, town["state"])].append(town)
    for (kind, cc, key), members in towns.items():
        name = key.rsplit("|", 1)[-1]
        if kind == "admin1" and {fold(n) for n in (name, *bare_names(name))} & known.get(cc, set()):
            continue
        weight = [max(t.get("population") or 0, 1) for t in members]
        total = sum(weight)
        lat = sum(t["latitude"] * w for t, w in zip(members, weight, strict=True)) / total
        lon = sum(t["longitude"] * w for t, w in zip(members, weight, strict=True)) / total
        far = max(GEOD.inv(lon, lat, t["longitude"], t["latitude"])[2] for t in members) / 1000
        yield Place(
            f"geonames-{kind}:{cc}:{key}",
            kind,
            cc,
            round(lat, 4),
            round(lon, 4),
            round(max(10.0, far), 1),
            clean_names([name, *bare_names(name)]),
            population=sum(t.get("population") or 0 for t in members),
        )


_AIRPORT_WORDS = re.compile(
    r"\b(?:international|int'l|intl|regional|domestic|airport|airfield|air base|"
    r"aeropuerto|aeroporto|aéroport|aerodrome|aeródromo|internacional|international de|"
    r"bandar udara|bandara|de|del|la|of)\b",
    re.IGNORECASE,
)


def airport_core(name: str) -> list[str]:
    """'Kualanamu International Airport' is also 'Kualanamu'; 'Aeropuerto de Cancún', 'Cancún'."""
    core = " ".join(_AIRPORT_WORDS.sub(" ", name).split()).strip(" -")
    return [core] if core and core != name and len(core) >= 4 else []


_SEA_WORDS = re.compile(
    r"^(?:océan|oceano|océano|ocean|mer|mar|laut|samudra|samudera|golfe|golfo|teluk|selat)"
    r"(?:\s+(?:de la|de l'|des|du|de|del|d'))?\s+|\s+(?:ocean|sea|gulf|strait)$",
    re.IGNORECASE,
)


def sea_core(name: str) -> list[str]:
    """'océan Atlantique' is also 'Atlantique'; 'Weddell Sea', 'Weddell'."""
    core = _SEA_WORDS.sub("", name).strip()
    return [core] if core and core != name and len(core) >= 4 and core[0].isupper() else []


_ADMIN_WORDS = re.compile(
    r"^(?:kabupaten|kota|provinsi|province|provincia|departamento|département|department|"
    r"region|région|región|distrito|district|municipio|municipality|county|prefecture|"
    r"estado|state|governorate|oblast|okrug|kraj|landkreis|comarca|partido|city of)"
    r"(?:\s+(?:de|del|de la|of|du|de l'|d'))?\s+|"
    r"\s+(?:province|provincia|region|district|county|prefecture|governorate|oblast|"
    r"regency|municipality|department|state)$",
    re.IGNORECASE,
)


def fold(name: str) -> str:
    """Case, accents, punctuation and spaces folded: 'Marrakech - Tensift' == 'marrakechtensift'."""
    return normalise(name).replace(" ", "")


_ISLAND_WORDS = re.compile(r"^(?:kepulauan|islas|îles|isole)\s+(?:de\s+|del\s+)?", re.IGNORECASE)


def bare_names(name: str) -> list[str]:
    """'Kabupaten Halmahera Selatan' is also 'Halmahera Selatan'; 'Azilal Province', 'Azilal';
    'Kabupaten Kepulauan Sula' also 'Kepulauan Sula' and 'Sula'."""
    found: list[str] = []
    bare = _ADMIN_WORDS.sub("", name).strip()
    if bare and bare != name and len(bare) >= 3:
        found.append(bare)
    core = _ISLAND_WORDS.sub("", bare or name).strip()
    if core and core not in (name, bare) and len(core) >= 3:
        found.append(core)
    return found
