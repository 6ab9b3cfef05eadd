"""Geometry: Leaflet's coordinate order, great circles, precision circles, GeoDataFrames."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiPoint, Point
from story_helpers import FIXTURES

from storymap.geocoding import Location
from storymap.geometry import (
    bounds_of,
    events_frame,
    great_circle,
    line_to_leaflet,
    places_frame,
    precision_circle,
    route_line,
    to_leaflet,
)
from storymap.located import locate_file

WGS84 = Geod(ellps="WGS84")
MOSCOW = (37.6178, 55.7520)  # (lon, lat)
PYONGYANG = (125.7543, 39.0339)


def test_to_leaflet_swaps_to_lat_lon():
    assert to_leaflet(lon=10, lat=50) == [50, 10]
    assert to_leaflet(10, 50) == [50, 10]


def test_line_to_leaflet():
    assert line_to_leaflet(LineString([(10, 50), (11, 51)])) == [[50, 10], [51, 11]]


def test_great_circle_moscow_pyongyang():
    line, km = great_circle(MOSCOW, PYONGYANG)
    assert 6300 < km < 6500
    assert line.coords[0] == MOSCOW
    assert line.coords[-1] == PYONGYANG
    assert len(line.coords) == 2 + int(km // 100)  # a point every 100 km
    # a great circle from Moscow to Pyongyang bows north of the straight lon/lat line
    middle = line.coords[len(line.coords) // 2]
    assert middle[1] > (MOSCOW[1] + PYONGYANG[1]) / 2


def test_great_circle_points_are_evenly_spaced():
    line, km = great_circle(MOSCOW, PYONGYANG, step_km=500)
    coords = list(line.coords)
    steps = [WGS84.inv(*a, *b)[2] / 1000 for a, b in itertools.pairwise(coords)]
    assert sum(steps) == pytest.approx(km, rel=1e-6)
    assert max(steps[:-1]) - min(steps[:-1]) < 1  # equal steps, then what is left


@pytest.mark.parametrize(
    ("start", "end"),
    [((37.6, 55.7), (37.6, 55.7)), ((37.6, 55.7), (37.61, 55.7)), ((0, 0), (0.5, 0.5))],
)
def test_great_circle_short_or_empty(start, end):
    line, km = great_circle(start, end)
    assert line.coords[0] == start
    assert line.coords[-1] == end
    assert len(line.coords) == 2
    assert km < 100


def test_great_circle_across_the_date_line():
    _, km = great_circle((170.0, 50.0), (-170.0, 50.0))
    assert 1400 < km < 1450  # the short way, not 25,000 km round the world


@pytest.mark.parametrize("radius_km", [0.5, 5, 120, 2326])
def test_precision_circle_vertices_are_at_the_radius(radius_km):
    centre = Location(55.75, 37.62, "test", radius_km, "Moscow")
    circle = precision_circle(centre, segments=32)
    ring = list(circle.exterior.coords)
    assert len(ring) == 33  # closed
    for lon, lat in ring:
        metres = WGS84.inv(centre.lon, centre.lat, lon, lat)[2]
        assert metres == pytest.approx(radius_km * 1000, rel=1e-6)
    assert circle.is_valid
    assert circle.contains(Point(centre.lon, centre.lat))


def test_bounds_of_in_leaflet_order():
    points = [
        Location(55.75, 37.62, "t", 5, "Moscow"),
        Location(39.03, 125.75, "t", 5, "Pyongyang"),
        Location(53.90, 27.57, "t", 5, "Minsk"),
    ]
    assert bounds_of(points) == [[39.03, 27.57], [55.75, 125.75]]


def test_route_line_goes_from_origin_to_destination(story, located):
    event = next(e for e in story.events if e.id == "direct-flights")
    line, km = route_line(event.route, located)
    assert line.coords[0] == (located["moscow"].lon, located["moscow"].lat)
    assert line.coords[-1] == (located["pyongyang"].lon, located["pyongyang"].lat)
    assert 6300 < km < 6500


# --- GeoDataFrames ------------------------------------------------------------------------------


def test_places_frame(story, located):
    frame = places_frame(story, located)
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == len(story.places) == 13
    assert list(frame["id"]) == [p.id for p in story.places]
    assert all(isinstance(g, Point) for g in frame.geometry)
    moscow = frame.set_index("id").loc["moscow"]
    assert (moscow.geometry.x, moscow.geometry.y) == (located["moscow"].lon, located["moscow"].lat)
    assert moscow["name_id"] == "Moskow"
    assert moscow["layer"] == "gazetteer"
    assert frame.set_index("id").loc["kursk"]["precision_km"] == 120


def test_events_frame(story, located):
    frame = events_frame(story, located)
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == len(story.events) == 14
    assert list(frame["order"]) == list(range(14))
    assert list(frame["id"]) == [e.id for e in story.events]
    first = frame.iloc[0]
    assert first["start"] == date(1948, 1, 1)  # plain datetime.date, even before 1970
    assert type(first["start"]) is date
    assert first["end"] == date(1948, 12, 31)
    assert first["precision"] == "year"
    assert all(isinstance(d, date) for d in frame["start"])
    assert all(isinstance(d, date) for d in frame["end"])
    assert all(frame["start"] <= frame["end"])


def test_events_frame_geometry(story, located):
    frame = events_frame(story, located).set_index("id")
    with_route = [e.id for e in story.events if e.route]
    assert with_route == ["kursk-acknowledged", "direct-flights"]
    for event_id in with_route:
        assert isinstance(frame.loc[event_id].geometry, LineString)
        assert frame.loc[event_id]["route_km"] > 0
    assert frame.loc["direct-flights"]["route_mode"] == "flight"
    assert frame.loc["kursk-acknowledged"]["route_mode"] == "troop_deployment"
    assert isinstance(frame.loc["soviet-recognition"].geometry, MultiPoint)  # two places
    assert isinstance(frame.loc["kremlin-meeting"].geometry, Point)
    assert pd.isna(frame.loc["kremlin-meeting"]["route_mode"])
    assert frame.loc["direct-flights"]["approximate"]
    assert frame.loc["direct-flights"]["date"] == "2025-07~"


def test_frames_have_one_name_and_title_column_per_story_language(gazetteer):
    magellan = locate_file(FIXTURES / "magellan.yaml")
    places = places_frame(magellan.story, magellan.located)
    events = events_frame(magellan.story, magellan.located)
    assert {"name_es", "name_en"} <= set(places.columns)
    assert "name_id" not in places.columns
    assert {"title_es", "title_en"} <= set(events.columns)
    assert events.iloc[0]["title_es"] == "Cinco naves zarpan de Sanlúcar"


def test_frames_export_to_geojson(story, located, tmp_path):
    path = tmp_path / "events.geojson"
    events_frame(story, located).to_file(path, driver="GeoJSON")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["features"]) == 14
    first = data["features"][0]
    assert first["properties"]["start"] == "1948-01-01"
    assert first["properties"]["date"] == "1948"
    assert first["geometry"]["type"] == "MultiPoint"
    routes = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    assert len(routes) == 2
