"""Build geodata/naturalearth/picker-10m.json: the place picker's offline map at 1:10m.

Why: an author placing a place by clicking the map with no internet had only the 1:110m
country outlines, whose coast is kilometres off at zoom 9 (Dar es Salaam's harbour is "at
sea"), with no lakes, rivers or provinces to click by. This file gives the picker Natural
Earth's 1:10m land, lakes, rivers, country borders and first-level boundaries, drawn from
zoom 5 on, small enough for the repository and for the browser.

How it stays small and quick to draw:

- every geometry is simplified (Douglas–Peucker: 0.002° for land and lakes, about 220 m,
  under a pixel at zoom 9; more for rivers and boundaries) and put on a 0.001° grid;
- it is cut into 10° × 10° cells, so the picker draws only the few cells in view;
- lines and rings are Google's encoded polylines (zig-zag deltas in printable ASCII, at
  0.001°), which the picker decodes (``storymap_ui/picker/picker-map.js``). The land and
  lakes are filled; their shores are drawn from the same rings, leaving out the straight
  edges the cells cut, so no vertex is stored twice.

Inputs (none is committed; all are public downloads):

- ``--ne-geojson``: Natural Earth 10m as GeoJSON, the folder of
  github.com/martynafford/natural-earth-geojson (the same copy ``build_gazetteer.py`` reads
  its lakes from), with ``10m/physical/ne_10m_land``, ``ne_10m_lakes``,
  ``ne_10m_rivers_lake_centerlines`` and ``ne_10m_coastline`` and
  ``10m/cultural/ne_10m_admin_0_boundary_lines_land`` unpacked (``7z x``);
- ``--world-map``: ``world_map.gpkg`` from Debian's ``qgis-common`` 3.22.16 (Natural Earth
  10m Admin 1 v4.1.0 as QGIS generalised it; the gazetteer's provinces come from it too):
  the boundaries between two provinces of one country are the edges they share.

Run: ``python scripts/build_picker_map.py --ne-geojson DIR --world-map FILE``. It prints
the vertices and bytes of each layer, the file's size, and how far the picker's coast is
from Natural Earth's full 1:10m coastline at zoom 9, with the 1:110m outlines and with
this file (sampled every 5 km along the coast, between 75°S and 75°N).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from shapely.geometry import LineString, MultiLineString, shape

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "geodata" / "naturalearth" / "picker-10m.json"
COUNTRIES_110M = ROOT / "geodata" / "naturalearth" / "countries-110m.geojson"
SCALE = 1000  # coordinates in thousandths of a degree
CELL = 10  # degrees
TOLERANCE = {"land": 0.002, "lakes": 0.002, "rivers": 0.003, "borders": 0.003, "admin1": 0.004}
POLYGONS = ("land", "lakes")
ZOOM = 9
METRES_PER_PIXEL_Z0 = 156_543.033_928  # Web Mercator at the equator, zoom 0, 256 px tiles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ne-geojson", type=Path, required=True)
    parser.add_argument("--world-map", type=Path, required=True)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    physical, cultural = args.ne_geojson / "10m" / "physical", args.ne_geojson / "10m" / "cultural"
    layers = {
        "land": features(physical / "ne_10m_land.json"),
        "lakes": features(physical / "ne_10m_lakes.json"),
        "rivers": features(physical / "ne_10m_rivers_lake_centerlines.json", "River"),
        "borders": features(cultural / "ne_10m_admin_0_boundary_lines_land.json"),
        "admin1": [province_boundaries(args.world_map)],
    }
    cells: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    counts: Counter[str] = Counter()
    for name, geometries in layers.items():
        simple = shapely.simplify(geometries, TOLERANCE[name], preserve_topology=True)
        for west in range(-180, 180, CELL):
            for south in range(-90, 90, CELL):
                box = shapely.box(west, south, west + CELL, south + CELL)
                hits = [g for g in simple[shapely.intersects(simple, box)]]
                for geometry in hits:
                    for encoded, n in encode(shapely.clip_by_rect(geometry, *box.bounds), name):
                        cells[f"{west},{south}"][name].append(encoded)
                        counts[name] += n
    document = {
        "format": "storymap picker map 1",
        "scale": SCALE,
        "cell": CELL,
        "layers": list(layers),
        "source": "Natural Earth 1:10m (public domain): land, lakes, rivers, land "
        "boundaries; admin 1 v4.1.0 as generalised in QGIS' world_map.gpkg; "
        "simplified, on a 0.001° grid, in 10° cells (scripts/build_picker_map.py)",
        "cells": {key: dict(value) for key, value in sorted(cells.items())},
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    for name in layers:
        size = sum(len(json.dumps(c.get(name, []))) for c in document["cells"].values())
        print(f"{name}: {counts[name]:,} vertices, {size / 1e6:.2f} MB")
    print(f"wrote {args.output}: {len(cells)} cells, {args.output.stat().st_size / 1e6:.2f} MB")
    measure(physical / "ne_10m_coastline.json", document)
    return 0


def features(path: Path, feature_class: str | None = None) -> list:
    """The geometries of a GeoJSON file (of one ``featurecla`` only, when given: rivers
    without the centre lines Natural Earth draws across lakes)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return [
        shape(f["geometry"])
        for f in collection["features"]
        if f.get("geometry") and feature_class in (None, f["properties"].get("featurecla"))
    ]


def province_boundaries(world_map: Path) -> MultiLineString:
    """The edges two provinces of the same country share: first-level boundaries without
    the coast (an edge of one province only) or a border (provinces of two countries)."""
    provinces = pyogrio.read_dataframe(world_map, layer="states_provinces")
    owners: dict[tuple, set[str]] = defaultdict(set)
    uses: Counter[tuple] = Counter()
    for geometry, country in zip(provinces.geometry, provinces["adm0_a3"], strict=True):
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in [polygon.exterior, *polygon.interiors]:
                points = [tuple(round(v, 6) for v in p) for p in ring.coords]
                for a, b in itertools.pairwise(points):
                    edge = (a, b) if a <= b else (b, a)
                    uses[edge] += 1
                    owners[edge].add(country)
    shared = [LineString(edge) for edge, n in uses.items() if n >= 2 and len(owners[edge]) == 1]
    return shapely.line_merge(shapely.union_all(shared))


def encode(geometry: shapely.Geometry, layer: str) -> list[tuple]:
    """Each ring of a (multi)polygon layer as a list of encoded rings, each line of a line
    layer as one encoded line; with its number of vertices."""
    out = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.is_empty:
            continue
        if layer in POLYGONS and part.geom_type == "Polygon":
            rings = [polyline(r.coords) for r in [part.exterior, *part.interiors]]
            if rings[0][1] >= 4:  # an exterior that did not collapse on the grid
                kept = [r for r in rings if r[1] >= 4]
                out.append(([r[0] for r in kept], sum(r[1] for r in kept)))
        elif layer not in POLYGONS and part.geom_type == "LineString":
            line = polyline(part.coords)
            if line[1] >= 2:
                out.append(line)
    return out


def polyline(coords) -> tuple[str, int]:
    """Google's encoded polyline of (lon, lat) points at ``SCALE``, repeated points left out."""
    points = np.round(np.asarray(coords)[:, :2] * SCALE).astype(int)
    kept = [points[0]] + [p for prev, p in itertools.pairwise(points) if (p != prev).any()]
    chars, last = [], (0, 0)
    for lon, lat in kept:
        for value in (lat - last[0], lon - last[1]):
            value = ~(value << 1) if value < 0 else value << 1
            while value >= 0x20:
                chars.append(chr((0x20 | (value & 0x1F)) + 63))
                value >>= 5
            chars.append(chr(value + 63))
        last = (lat, lon)
    return "".join(chars), len(kept)


def decode(text: str) -> list[tuple[float, float]]:
    """(lon, lat) points of an encoded polyline: the check that the file reads back."""
    values, value, shift = [], 0, 0
    for char in text:
        byte = ord(char) - 63
        value |= (byte & 0x1F) << shift
        shift += 5
        if byte < 0x20:
            values.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    lat = np.cumsum(values[0::2]) / SCALE
    lon = np.cumsum(values[1::2]) / SCALE
    return list(zip(lon, lat, strict=True))


def measure(coastline_path: Path, document: dict) -> None:
    """How far each picker's coast is from the full 1:10m coastline, at zoom 9."""
    coast = shapely.union_all(features(coastline_path))
    samples = sample(coast, 5_000)
    countries = json.loads(COUNTRIES_110M.read_text(encoding="utf-8"))
    before = shapely.boundary(
        shapely.union_all([shape(f["geometry"]) for f in countries["features"]])
    )
    shores = []
    cell = document["cell"]
    for key, layers in document["cells"].items():
        west, south = map(int, key.split(","))
        for rings in layers.get("land", []):
            for ring in rings:
                shores += shore_parts(decode(ring), west, south, cell)
    after = shapely.MultiLineString(shores)
    for label, lines in (("1:110m outlines (before)", before), ("picker-10m.json (after)", after)):
        km, px = distances(samples, lines)
        print(f"coast error at zoom {ZOOM}, {label}: median {np.median(km):.2f} km "
              f"({np.median(px):.1f} px), 95th percentile {np.percentile(km, 95):.2f} km "
              f"({np.percentile(px, 95):.1f} px), {len(km):,} points")  # fmt: skip


def shore_parts(points: list, west: int, south: int, cell: int) -> list[list]:
    """A ring without the straight edges the cell cut: the coast as the picker draws it."""
    parts, current = [], [points[0]]
    for a, b in itertools.pairwise(points):
        on_edge = any(
            a[i] == b[i] and a[i] in (edge, edge + cell) for i, edge in ((0, west), (1, south))
        )
        if on_edge:
            if len(current) > 1:
                parts.append(current)
            current = [b]
        else:
            current.append(b)
    if len(current) > 1:
        parts.append(current)
    return parts


def sample(lines: shapely.Geometry, step_m: float) -> np.ndarray:
    """Points every ``step_m`` metres along ``lines``, between 75°S and 75°N."""
    points = []
    for line in getattr(lines, "geoms", [lines]):
        lat = line.centroid.y
        step_deg = step_m / (111_320 * max(math.cos(math.radians(lat)), 0.2))
        for distance in np.arange(0, line.length, step_deg):
            point = line.interpolate(distance)
            if abs(point.y) < 75:
                points.append((point.x, point.y))
    return np.asarray(points)


def distances(points: np.ndarray, lines: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Distance of each point to the nearest line, in km on the ground and in pixels at
    zoom 9 (both measured in Web Mercator, where a pixel is the same size everywhere)."""
    mercator_points = shapely.points(to_mercator(points))
    parts = [to_mercator(np.asarray(p.coords)) for p in getattr(lines, "geoms", [lines])]
    tree = shapely.STRtree([LineString(p) for p in parts if len(p) > 1])
    _, gaps = tree.query_nearest(mercator_points, return_distance=True, all_matches=False)
    scale = np.cos(np.radians(points[:, 1]))
    return gaps * scale / 1000, gaps / (METRES_PER_PIXEL_Z0 / 2**ZOOM)


def to_mercator(lonlat: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(np.clip(lonlat[:, 1], -85, 85))
    radius = 6_378_137
    return np.column_stack([radius * lon, radius * np.log(np.tan(np.pi / 4 + lat / 2))])


if __name__ == "__main__":
    raise SystemExit(main())
