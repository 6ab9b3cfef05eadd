"""A located story as geometry: GeoDataFrames, great-circle routes, precision circles.

All geometry here is shapely in EPSG:4326 with (lon, lat) order, as GeoJSON and
shapely expect. ``to_leaflet`` is the one function that turns a coordinate into
Leaflet's [lat, lon] order; every map-facing module goes through it.

Routes are right anywhere on Earth. A route's line is the great-circle path through
its stops with continuous longitudes: from the Strait of Magellan (-71°) west to Guam
it runs to -215°, not east round the world to 145°. Leaflet draws such a line as it
is; GeoJSON (RFC 7946 §3.1.9) and the picture get it split at ±180° into a
MultiLineString (``split_at_antimeridian``). Bounds are the smallest longitude window
holding every point, which may cross ±180° (``lon_window``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point, Polygon

from storymap.geocoding import Location
from storymap.model import Route, Story

if TYPE_CHECKING:  # imported where a frame is made: the reader's start never needs pandas
    import geopandas as gpd

WGS84 = Geod(ellps="WGS84")
CRS = "EPSG:4326"


def to_leaflet(lon: float, lat: float) -> list[float]:
    """The one place (lon, lat) becomes Leaflet's [lat, lon]."""
    return [lat, lon]


def line_to_leaflet(line: LineString) -> list[list[float]]:
    return [to_leaflet(lon, lat) for lon, lat in line.coords]


def great_circle(
    start: tuple[float, float], end: tuple[float, float], step_km: float = 100.0
) -> tuple[LineString, float]:
    """The shortest path on the WGS84 ellipsoid between two (lon, lat) points, and its km."""
    (lon1, lat1), (lon2, lat2) = start, end
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    km = metres / 1000
    count = int(km // step_km)
    between = WGS84.npts(lon1, lat1, lon2, lat2, count) if count > 0 else []
    return LineString([start, *between, end]), km


def precision_circle(location: Location, segments: int = 64) -> Polygon:
    """A geodesic circle of the location's precision radius, for drawing how sure we are."""
    azimuths = [360 * i / segments for i in range(segments)]
    lons, lats, _ = WGS84.fwd(
        [location.lon] * segments,
        [location.lat] * segments,
        azimuths,
        [location.precision_km * 1000] * segments,
    )
    return Polygon(zip(lons, lats, strict=True))


def unwrap(coords: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The (lon, lat) points with each longitude shifted by 360° to lie within 180° of the last."""
    out: list[tuple[float, float]] = []
    for lon, lat in coords:
        if out:
            lon += 360 * round((out[-1][0] - lon) / 360)
        out.append((lon, lat))
    return out


def path_through(
    stops: Sequence[tuple[float, float]], step_km: float = 100.0
) -> tuple[LineString, float]:
    """The great-circle path through (lon, lat) stops, longitudes continuous, and its km.

    The length is the sum of the geodesic legs on the WGS84 ellipsoid.
    """
    coords: list[tuple[float, float]] = [stops[0]]
    total_km = 0.0
    for start, end in pairwise(stops):
        leg, km = great_circle(start, end, step_km)
        coords += list(leg.coords)[1:]
        total_km += km
    return LineString(unwrap(coords)), total_km


def route_stops(route: Route, located: dict[str, Location]) -> list[tuple[float, float]]:
    return [(located[p].lon, located[p].lat) for p in route.stops]


def route_line(
    route: Route, located: dict[str, Location], west: float | None = None
) -> tuple[LineString, float]:
    """The route's continuous great-circle line through every stop (for Leaflet), and its km.

    With ``west`` (a view's west edge from ``lon_window``), the line is moved by whole
    turns of 360° so that it starts inside that view, where its places are drawn with
    ``shift_into``: a story spanning ±180° then draws routes and markers together.
    """
    line, km = path_through(route_stops(route, located))
    if west is not None:
        turn = shift_into(line.coords[0][0], west) - line.coords[0][0]
        line = LineString([(lon + turn, lat) for lon, lat in line.coords])
    return line, km


def shift_into(lon: float, west: float) -> float:
    """``lon`` moved by whole turns of 360° into the window ``west`` to ``west + 360``."""
    return west + (lon - west) % 360


def split_at_antimeridian(line: LineString) -> LineString | MultiLineString:
    """A line with continuous longitudes as pieces within -180..180, split where it crosses.

    Each crossing ends one piece at ±180° and starts the next at ∓180°, on the latitude
    interpolated along the crossing segment (at most ``step_km`` long).
    """
    coords = list(line.coords)
    pieces: list[list[tuple[float, float]]] = [[_in_world(coords[0], _world(coords[0][0]))]]
    for (lon1, lat1), (lon2, lat2) in pairwise(coords):
        first, last = _world(lon1), _world(lon2)
        step = 1 if last > first else -1
        for world in range(first, last, step):
            edge = 180.0 if step == 1 else -180.0
            boundary = edge + 360 * world
            lat = lat1 + (lat2 - lat1) * (boundary - lon1) / (lon2 - lon1)
            _append(pieces[-1], (edge, lat))
            pieces.append([(-edge, lat)])
        _append(pieces[-1], _in_world((lon2, lat2), last))
    parts = [LineString(piece) for piece in pieces if len(piece) > 1]
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def _world(lon: float) -> int:
    """Which 360° copy of the world a continuous longitude is in: 0 for -180..180."""
    return math.floor((lon + 180) / 360) if lon != 180 else 0


def _in_world(point: tuple[float, float], world: int) -> tuple[float, float]:
    return (point[0] - 360 * world, point[1])


def _append(piece: list[tuple[float, float]], point: tuple[float, float]) -> None:
    if not piece or piece[-1] != point:
        piece.append(point)


def lon_window(lons: Iterable[float]) -> tuple[float, float]:
    """West and east edges of the narrowest band of longitudes holding them all.

    The band may cross ±180°: then east is above 180 (Fiji at 178° and Samoa at -172°
    give 178 to 188), which Leaflet draws as one view. Otherwise it is min to max.
    """
    wrapped = sorted(lon if -180 <= lon <= 180 else (lon + 180) % 360 - 180 for lon in lons)
    if not wrapped:
        raise ValueError("no longitudes")
    gaps = [(b - a, i) for i, (a, b) in enumerate(pairwise(wrapped))]
    around = wrapped[0] + 360 - wrapped[-1]  # the gap across ±180°
    widest, after = max(gaps, default=(0.0, -1))
    if widest <= around:
        return wrapped[0], wrapped[-1]
    return wrapped[after + 1], wrapped[after] + 360


def bounds_of_coordinates(coords: Iterable[tuple[float, float]]) -> list[list[float]]:
    """South-west and north-east corners, in Leaflet order, of (lon, lat) points and lines."""
    points = list(coords)
    west, east = lon_window(lon for lon, _ in points)
    lats = [lat for _, lat in points]
    return [to_leaflet(west, min(lats)), to_leaflet(east, max(lats))]


def places_frame(story: Story, located: dict[str, Location]) -> gpd.GeoDataFrame:
    """One row per place: its name in each story language, kind, layer, precision, a Point."""
    rows = [
        {
            "id": place.id,
            **{f"name_{lang}": place.name.get(lang) for lang in story.languages},
            "kind": place.kind,
            "country": place.country,
            "layer": located[place.id].layer,
            "precision_km": located[place.id].precision_km,
            "location_note": located[place.id].note,
            "geometry": Point(located[place.id].lon, located[place.id].lat),
        }
        for place in story.places
    ]
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def events_frame(story: Story, located: dict[str, Location]) -> gpd.GeoDataFrame:
    """One row per event in story order: dates (plain ``date``), places, route and geometry.

    An event's geometry is its route when it has one (split at ±180°, as GeoJSON
    wants), otherwise its places as points.
    """
    rows = []
    for order, event in enumerate(story.events):
        geometry: LineString | MultiLineString | MultiPoint | Point
        route_km = None
        if event.route:
            line, route_km = route_line(event.route, located)
            geometry = split_at_antimeridian(line)  # GeoJSON's longitudes stay in -180..180
        else:
            points = [Point(located[p].lon, located[p].lat) for p in event.places]
            geometry = points[0] if len(points) == 1 else MultiPoint(points)
        rows.append(
            {
                "order": order,
                "id": event.id,
                "date": str(event.date) if event.date else "",  # undated: no date, no span
                "start": event.date.earliest if event.date else None,
                "end": event.date.latest if event.date else None,
                "precision": event.date.precision if event.date else "undated",
                "approximate": event.date.approximate if event.date else False,
                "category": event.category,
                **{f"title_{lang}": event.title.get(lang) for lang in story.languages},
                "places": ",".join(event.places),
                "route_mode": event.route.mode if event.route else None,
                "route_via": ",".join(event.route.via) if event.route else None,
                "route_km": route_km,
                "sources": "; ".join(s.outlet_in("en") for s in event.sources),
                "geometry": geometry,
            }
        )
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def bounds_of(points: Sequence[Location]) -> list[list[float]]:
    """South-west and north-east corners, in Leaflet order, of a set of locations.

    Across ±180° the east edge is above 180, so the view is the narrow one.
    """
    return bounds_of_coordinates((p.lon, p.lat) for p in points)
