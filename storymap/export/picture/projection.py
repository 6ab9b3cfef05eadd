"""Which map projection and which part of it the overview picture shows: pure numbers.

Given the lon/lat points the picture should show (in its longitude window:
``window``), choose a projection centred on them (a Lambert conformal conic for
mid-latitudes, an equidistant cylindrical otherwise), the lon/lat boxes that are safe
to project into it, and the projected frame: the points' bounds with margins, at
least ``MIN_EXTENT_M`` across, in a slide's shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pyproj import Transformer

LonLat = tuple[float, float]
XY = tuple[float, float]

MARGIN = 0.10  # around the points' bounds, as a share of their extent
MIN_EXTENT_M = 1_500_000  # a story with one place still shows its surroundings
ASPECT = (1.3, 2.0)  # width / height of the map frame, for slides
CONIC_REACH = 170  # degrees either side of the central meridian a conic map draws
CYLINDER_REACH = 179.9  # a cylindrical one draws the whole world, up to its seam


@dataclass(frozen=True)
class Frame:
    """A rectangle in projected metres (or any plane units): x0 < x1, y0 < y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Projection:
    """A PROJ string and the lon/lat boxes (west, south, east, north), within ±180°, that
    are safe to draw in it: together they reach almost to the seam opposite ``lon_0``."""

    crs: str
    clips: tuple[tuple[float, float, float, float], ...]

    def project(self, points: Sequence[LonLat]) -> list[XY]:
        """Lon/lat points in this projection's metres (any longitude: PROJ takes it
        relative to the central meridian, so 200° is drawn where -160° is)."""
        if not points:
            return []
        lons, lats = zip(*points, strict=True)
        xs, ys = _transformer(self.crs).transform(lons, lats)
        return list(zip((float(x) for x in xs), (float(y) for y in ys), strict=True))


def fit_projection(points: Sequence[LonLat], centre: float | None = None) -> Projection:
    """A projection for ``points`` (at least one; longitudes continuous, so a story
    across ±180° may give 170 to 190), its central meridian ``centre`` (by default the
    middle of their longitudes; its opposite is the map's seam): conic when they lie on
    one side of the equator and span at most 150° of longitude, cylindrical otherwise."""
    if not points:
        raise ValueError("fit_projection needs at least one point")
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_0 = (west + east) / 2 if centre is None else centre
    lon_0 = (lon_0 + 180) % 360 - 180  # PROJ's central meridian, within ±180
    lat_0 = (south + north) / 2
    pad = max(north - south, 10) * (0.5 + MARGIN)
    if east - west <= 150 and (south - pad > 0 or north + pad < 0):
        span = north - south
        lat_1, lat_2 = south + span / 6, north - span / 6
        crs = (
            f"+proj=lcc +lat_1={lat_1:.3f} +lat_2={lat_2:.3f} +lat_0={lat_0:.3f} "
            f"+lon_0={lon_0:.6f} +datum=WGS84 +units=m +no_defs"
        )
        band = (-10.0, 89.0) if lat_0 > 0 else (-89.0, 10.0)
        reach = CONIC_REACH
    else:
        crs = (
            f"+proj=eqc +lat_ts={abs(lat_0):.3f} +lon_0={lon_0:.6f} +datum=WGS84 +units=m +no_defs"
        )
        band = (-89.0, 89.0)
        reach = CYLINDER_REACH
    return Projection(crs, _boxes(lon_0 - reach, lon_0 + reach, *band))


def _boxes(
    west: float, east: float, south: float, north: float
) -> tuple[tuple[float, float, float, float], ...]:
    """The longitudes west to east (continuous, less than a turn) as boxes within ±180°."""
    turn = 360 * ((west + 180) // 360)
    west, east = west - turn, east - turn  # west in [-180, 180)
    if east <= 180:
        return ((west, south, east, north),)
    return ((west, south, 180.0, north), (-180.0, south, east - 360, north))


def fit_frame(points: Sequence[XY]) -> Frame:
    """The projected points' bounds, at least MIN_EXTENT_M, plus margins, to a slide's shape."""
    if not points:
        raise ValueError("fit_frame needs at least one point")
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs), MIN_EXTENT_M) * (1 + 2 * MARGIN)
    h = max(max(ys) - min(ys), MIN_EXTENT_M) * (1 + 2 * MARGIN)
    low, high = ASPECT
    if w / h > high:
        h = w / high
    elif w / h < low:
        w = h * low
    return Frame(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)
