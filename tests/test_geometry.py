"""Geometry: Leaflet's coordinate order, great circles, precision circles, GeoDataFrames."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point
from story_helpers import FIXTURES

from storymap.geocoding import Location
from storymap.geometry import (
    bounds_of,
    bounds_of_coordinates,
    events_frame,
    great_circle,
    line_to_leaflet,
    lon_window,
    path_through,
    places_frame,
    precision_circle,
    route_line,
    shift_into,
    split_at_antimeridian,
    to_leaflet,
    unwrap,
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
    assert (
        frame.loc["kursk-acknowledged"]["route_mode"] == "deployment"
    )  # troop_deployment in the file
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


# --- routes anywhere on Earth ---------------------------------------------------------------


@pytest.fixture(scope="module")
def magellan(gazetteer):
    return locate_file(FIXTURES / "magellan.yaml")


def event_of(located_story, event_id):
    return next(e for e in located_story.story.events if e.id == event_id)


def test_a_line_across_the_date_line_keeps_its_longitudes_continuous():
    line, km = path_through([(170.0, 50.0), (-170.0, 50.0)])
    lons = [lon for lon, _ in line.coords]
    assert lons[0] == 170.0 and lons[-1] == pytest.approx(190.0)
    assert lons == sorted(lons)  # eastward all the way, never back round the world
    assert 1400 < km < 1450


def test_unwrap_moves_each_longitude_within_half_a_turn_of_the_last():
    assert unwrap([(170, 0), (-175, 1), (178, 2), (-179, 3)]) == [
        (170, 0),
        (185, 1),
        (178, 2),
        (181, 3),
    ]


def test_the_pacific_crossing_goes_west_from_the_strait_to_guam(magellan):
    route = event_of(magellan, "guam").route
    assert route.stops == ["strait-of-magellan", "puka-puka", "guam"]
    line, km = route_line(route, magellan.located)
    strait, puka, guam = (magellan.located[p] for p in route.stops)
    lons = [lon for lon, _ in line.coords]
    assert lons[0] == strait.lon
    assert lons[-1] == pytest.approx(guam.lon - 360)  # 144.79° E reached going west: -215.21
    assert lons == sorted(lons, reverse=True)  # westward all the way
    assert (puka.lon, puka.lat) in line.coords  # through the waypoint
    legs = [
        WGS84.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000 for a, b in [(strait, puka), (puka, guam)]
    ]
    assert km == pytest.approx(sum(legs))
    assert round(km) == 16209


def test_the_direct_strait_to_guam_distance_is_the_issues_figure_give_or_take_the_point(magellan):
    """Issue 11 says 14,553 km. That is the geodesic from a point in the strait to Guam: with
    our points it is 14,560 km; the strait is 570 km long, so the figure moves with the point."""
    strait, guam = magellan.located["strait-of-magellan"], magellan.located["guam"]
    _, km = path_through([(strait.lon, strait.lat), (guam.lon, guam.lat)])
    assert round(km) == 14560
    assert abs(km - 14553) < 50


def test_a_route_split_at_the_antimeridian_for_geojson(magellan):
    line, _ = route_line(event_of(magellan, "guam").route, magellan.located)
    split = split_at_antimeridian(line)
    assert isinstance(split, MultiLineString)
    east, west = split.geoms
    assert all(-180 <= lon <= 180 for part in split.geoms for lon, _ in part.coords)
    assert east.coords[-1][0] == -180.0 and west.coords[0][0] == 180.0
    assert east.coords[-1][1] == west.coords[0][1]  # the same latitude on both sides
    assert west.coords[-1] == pytest.approx((magellan.located["guam"].lon, 13.44))
    assert east.length + west.length == pytest.approx(line.length)


def test_a_route_that_does_not_cross_stays_one_line(story, located):
    line, _ = route_line(next(e for e in story.events if e.id == "direct-flights").route, located)
    assert split_at_antimeridian(line).equals(line)


def test_a_line_split_twice_when_it_crosses_twice():
    split = split_at_antimeridian(LineString([(170, 0), (190, 10), (170, 20)]))
    assert [list(part.coords) for part in split.geoms] == [
        [(170, 0), (180, 5)],
        [(-180, 5), (-170, 10), (-180, 15)],
        [(180, 15), (170, 20)],
    ]


def test_the_magellan_events_export_to_geojson_within_the_longitudes(magellan, tmp_path):
    frame = events_frame(magellan.story, magellan.located).set_index("id")
    assert isinstance(frame.loc["guam"].geometry, MultiLineString)
    assert frame.loc["guam"]["route_via"] == "puka-puka"
    assert frame.loc["guam"]["route_mode"] == "sea"
    path = tmp_path / "events.geojson"
    events_frame(magellan.story, magellan.located).to_file(path, driver="GeoJSON")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feature in features:
        geometry = feature["geometry"]
        lines = geometry["coordinates"] if geometry["type"] == "MultiLineString" else []
        for point in (p for line in lines for p in line):
            assert -180 <= point[0] <= 180


@pytest.mark.parametrize(
    ("lons", "window"),
    [
        ([37.6, 125.75, 27.57], (27.57, 125.75)),
        ([178.0, -172.0], (178.0, 188.0)),  # Fiji and Samoa: 10°, not 350°
        ([-71.0, -138.81, 144.79], (144.79, 289.0)),  # the strait, Puka-Puka and Guam
        ([0.0], (0.0, 0.0)),
        ([-180.0, 180.0], (180.0, 180.0)),  # one meridian: a window of no width
    ],
)
def test_lon_window_is_the_narrowest_band(lons, window):
    assert lon_window(lons) == pytest.approx(window)


def test_bounds_across_the_antimeridian_are_narrow(magellan):
    places = [magellan.located[p] for p in ("strait-of-magellan", "puka-puka", "guam")]
    south_west, north_east = bounds_of(places)
    assert south_west == [-53.6, 144.79]
    assert north_east == [13.44, pytest.approx(289.0)]
    line, _ = route_line(event_of(magellan, "guam").route, magellan.located)
    (_, west), (_, east) = bounds_of_coordinates(line.coords)
    assert east - west < 150  # the Pacific, not the world


def test_a_route_moved_into_a_view_starts_and_ends_where_its_markers_are(magellan):
    west, _ = lon_window(loc.lon for loc in magellan.located.values())
    line, _ = route_line(event_of(magellan, "guam").route, magellan.located, west=west)
    strait, guam = magellan.located["strait-of-magellan"], magellan.located["guam"]
    assert line.coords[0][0] == pytest.approx(shift_into(strait.lon, west))
    assert line.coords[-1][0] == pytest.approx(shift_into(guam.lon, west))
    assert shift_into(-190.0, 170.0) == 170.0
    assert shift_into(-170.0, 170.0) == 190.0
