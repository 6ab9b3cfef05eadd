"""A located story as geometry: GeoDataFrames, great-circle routes, precision circles.

All geometry here is shapely in EPSG:4326 with (lon, lat) order, as GeoJSON and
shapely expect. ``to_leaflet`` is the one function that turns a coordinate into
Leaflet's [lat, lon] order; every map-facing module goes through it.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
from pyproj import Geod
from shapely.geometry import LineString, MultiPoint, Point, Polygon

from storymap.geocoding import Location
from storymap.model import Route, Story

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


def route_line(route: Route, located: dict[str, Location]) -> tuple[LineString, float]:
    a, b = located[route.origin], located[route.destination]
    return great_circle((a.lon, a.lat), (b.lon, b.lat))


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
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def events_frame(story: Story, located: dict[str, Location]) -> gpd.GeoDataFrame:
    """One row per event in story order: dates (plain ``date``), places, route and geometry.

    An event's geometry is its route when it has one, otherwise its places as points.
    """
    rows = []
    for order, event in enumerate(story.events):
        geometry: LineString | MultiPoint | Point
        route_km = None
        if event.route:
            geometry, route_km = route_line(event.route, located)
        else:
            points = [Point(located[p].lon, located[p].lat) for p in event.places]
            geometry = points[0] if len(points) == 1 else MultiPoint(points)
        rows.append(
            {
                "order": order,
                "id": event.id,
                "date": str(event.date),
                "start": event.date.earliest,
                "end": event.date.latest,
                "precision": event.date.precision,
                "approximate": event.date.approximate,
                "category": event.category,
                **{f"title_{lang}": event.title.get(lang) for lang in story.languages},
                "places": ",".join(event.places),
                "route_mode": event.route.mode if event.route else None,
                "route_km": route_km,
                "sources": "; ".join(s.outlet_in("en") for s in event.sources),
                "geometry": geometry,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def bounds_of(points: Sequence[Location]) -> list[list[float]]:
    """South-west and north-east corners, in Leaflet order, of a set of locations."""
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    return [to_leaflet(min(lons), min(lats)), to_leaflet(max(lons), max(lats))]
