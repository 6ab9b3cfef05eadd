"""Country outlines from Natural Earth (1:110m), read once per process.

The countries layer places a country at a point inside its outline, and the check
that a place lies in the country its story says uses the same outlines. Read with
shapely and pyproj, not geopandas: a tenth of the import time, for a file of 177
shapes.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from storymap.package_data import COUNTRY_OUTLINES


@dataclass(frozen=True)
class Country:
    """One country's outline, its Natural Earth short name and a point inside it."""

    code: str
    name: str
    outline: BaseGeometry
    lat: float
    lon: float
    radius_km: float


_lock = threading.Lock()
_read: dict[Path, dict[str, Country]] = {}


def countries(path: Path = COUNTRY_OUTLINES) -> dict[str, Country]:
    """Countries by ISO 3166-1 alpha-2 code; the file is read once per process."""
    with _lock:
        if path not in _read:
            _read[path] = _read_outlines(path)
        return _read[path]


def _read_outlines(path: Path) -> dict[str, Country]:
    equal_area = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(equal_area.transform(xy[:, 0], xy[:, 1]))

    found: dict[str, Country] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["iso_a2"]
        if not code:
            continue  # N. Cyprus, Somaliland: no ISO code
        outline = shape(feature["geometry"])
        largest = max(getattr(outline, "geoms", [outline]), key=lambda g: g.area)
        point = largest.representative_point()
        area = shapely.transform(outline, project).area
        radius = math.sqrt(area / 3.14159) / 1000
        name = feature["properties"]["name"]
        found[code] = Country(code, name, outline, point.y, point.x, round(radius))
    return found
