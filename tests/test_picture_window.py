"""Where the overview picture cuts the round world, and what it draws there: its
longitude window, routes cut at the seam, the Magellan map the short way across the
Pacific, the legend's names and the route modes' line styles."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from story_helpers import FIXTURES, PUBLISHED_STORIES

from storymap.export.picture.drawing import PT_PER_PX, draw_routes, line_dashes
from storymap.export.picture.marks import RouteMark, focus
from storymap.export.picture.overview import legend_entries
from storymap.export.picture.plan import MapPlan, plan_map
from storymap.export.picture.window import MIN_EMPTY, cut_at_seam, story_window
from storymap.geometry import WGS84, lon_window, path_through
from storymap.i18n import t
from storymap.located import LocatedStory, locate_file
from storymap.style import ROUTE_STYLES, RouteStyle

SANTIAGO, CAPE_TOWN, AUCKLAND = (-70.6, -33.4), (18.4, -33.9), (174.8, -36.8)


@pytest.fixture(scope="module")
def magellan() -> LocatedStory:
    return locate_file(FIXTURES / "magellan.yaml")


@pytest.fixture(scope="module")
def tsunami() -> LocatedStory:
    return locate_file(FIXTURES / "tsunami-2004.yaml")


@pytest.fixture(scope="module")
def magellan_plan(magellan: LocatedStory) -> MapPlan:
    return plan_map(magellan, "en")


# --- the window ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lons", [[37.6, 125.7, -74.0], [178.0, -172.0], [0.0], [-10.0, 10.0], [-77.0, 151.2]]
)
def test_places_alone_give_the_readers_window(lons: list[float]) -> None:
    assert story_window(lons, []) == pytest.approx(lon_window(lons))


def test_a_story_across_the_dateline_gets_a_window_across_it() -> None:
    assert story_window([178.0, -172.0], []) == pytest.approx((178.0, 188.0))


def test_the_window_keeps_clear_of_a_route_across_the_widest_gap_between_places() -> None:
    """Cape Town to Auckland crosses the Indian Ocean, the widest gap between the three
    places; the seam goes into the Pacific instead, the widest band nothing crosses."""
    places = [SANTIAGO[0], CAPE_TOWN[0], AUCKLAND[0]]
    line, _ = path_through([CAPE_TOWN, AUCKLAND])
    lons = [lon for lon, _ in line.coords]
    assert lon_window(places) == pytest.approx((174.8, 18.4 + 360))  # cuts the route
    assert story_window(places, [lons]) == pytest.approx((-70.6, 174.8))
    assert all(-70.6 <= lon <= 174.8 for lon in lons)


def test_a_voyage_round_the_world_is_cut_at_the_widest_gap_between_places(
    magellan: LocatedStory,
) -> None:
    """Only a narrow band off Argentina has no line in it, narrower than the margins:
    the seam goes into the Indian Ocean, between the Cape of Good Hope and Mactan."""
    located = magellan.located
    places = [located[p.id].lon for p in magellan.story.places]
    lines = [
        [lon for lon, _ in path_through([(located[s].lon, located[s].lat) for s in e.route.stops])[0].coords]
        for e in magellan.story.events
        if e.route
    ]  # fmt: skip
    empty = located["rio-de-la-plata"].lon - located["san-julian"].lon
    assert 0 < empty < MIN_EMPTY
    west, east = story_window(places, lines)
    assert west == pytest.approx(located["mactan"].lon)
    assert east == pytest.approx(located["cape-of-good-hope"].lon + 360)
    gap = 360 - (east - west)
    assert gap == pytest.approx(max(b - a for a, b in pairwise(sorted(places))))


# --- cutting a line at the seam -----------------------------------------------------------


def test_a_line_inside_the_window_stays_whole() -> None:
    assert cut_at_seam([(120.0, 0.0), (200.0, 10.0)], west=100.0, centre=170.0) == [
        [(120.0, 0.0), (200.0, 10.0)]
    ]


def test_a_line_is_moved_into_the_window_by_whole_turns() -> None:
    (piece,) = cut_at_seam([(-240.0, 0.0), (-160.0, 10.0)], west=100.0, centre=170.0)
    assert piece == [(pytest.approx(120.0), 0.0), (pytest.approx(200.0), 10.0)]


def test_a_line_across_the_seam_is_cut_just_inside_it_on_both_sides() -> None:
    first, second = cut_at_seam([(120.0, 0.0), (200.0, 10.0)], west=-150.0, centre=0.0)
    assert first[0] == (120.0, 0.0) and second[-1] == (pytest.approx(-160.0), 10.0)
    assert 179.99 < first[-1][0] < 180 and -180 < second[0][0] < -179.99
    assert first[-1][1] == pytest.approx(7.5) == second[0][1]  # where the line crosses
    assert all(-180 < lon < 180 for lon, _ in first + second)


# --- the Magellan picture -----------------------------------------------------------------


def projected_pieces(plan: MapPlan, k: int) -> list[np.ndarray]:
    return [np.array(plan.projection.project(piece)) for piece in plan.pieces[k]]


def test_the_magellan_map_crosses_the_pacific_the_short_way(
    magellan: LocatedStory, magellan_plan: MapPlan
) -> None:
    plan = magellan_plan
    pacific = next(k for k, e in enumerate(e for e in magellan.story.events if e.route)
                   if e.id == "guam")  # fmt: skip
    (line,) = projected_pieces(plan, pacific)  # in one piece
    steps = np.hypot(*np.diff(line, axis=0).T)
    assert steps.max() < 0.02 * plan.frame.width  # no stroke across the picture
    frame = plan.frame
    assert (frame.x0 < line[:, 0]).all() and (line[:, 0] < frame.x1).all()
    # east to west: from the Strait of Magellan on the right to Guam on the left
    assert line[0, 0] > line[-1, 0]
    assert np.all(np.diff(line[:, 0]) < 0)
    xy = dict(zip((m.place_id for m in plan.marks),
                  plan.projection.project([(m.lon, m.lat) for m in plan.marks]), strict=True))  # fmt: skip
    for place in ("guam", "puka-puka", "strait-of-magellan"):
        x, y = xy[place]
        assert frame.x0 < x < frame.x1 and frame.y0 < y < frame.y1, place
    assert line[0] == pytest.approx(xy["strait-of-magellan"], abs=1)
    assert line[-1] == pytest.approx(xy["guam"], abs=1)


def test_every_place_is_inside_and_only_the_indian_ocean_crossing_is_cut(
    magellan: LocatedStory, magellan_plan: MapPlan
) -> None:
    plan, frame = magellan_plan, magellan_plan.frame
    for x, y in plan.projection.project([(m.lon, m.lat) for m in focus(plan.marks)]):
        assert frame.x0 < x < frame.x1 and frame.y0 < y < frame.y1
    routes = [e.id for e in magellan.story.events if e.route]
    assert [len(p) for p in plan.pieces] == [2 if r == "cape-of-good-hope" else 1 for r in routes]
    for k in range(len(routes)):
        for piece in projected_pieces(plan, k):
            assert np.hypot(*np.diff(piece, axis=0).T).max() < 0.02 * frame.width


def test_route_lengths_are_geodesic_sums_over_the_waypoints(
    magellan: LocatedStory, magellan_plan: MapPlan
) -> None:
    located = magellan.located
    events = [e for e in magellan.story.events if e.route]
    for event, route in zip(events, magellan_plan.routes, strict=True):
        stops = [located[s] for s in event.route.stops]
        legs = [WGS84.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000 for a, b in pairwise(stops)]
        assert route.km == pytest.approx(sum(legs), rel=1e-9), event.id
    pacific = magellan_plan.routes[[e.id for e in events].index("guam")]
    assert 16_000 < pacific.km < 16_500  # the short way; round the world it was 14,553 km


# --- the legend ---------------------------------------------------------------------------


def labels(item: LocatedStory, lang: str) -> list[tuple[str, str]]:
    plan = plan_map(item, lang)
    return [(e.label, e.look) for e in legend_entries(item.story, plan.marks, plan.routes, lang)]


def test_the_legend_has_the_storys_own_category_names_in_the_readers_language(
    tsunami: LocatedStory,
) -> None:
    not_exact = ("Tanggal tidak pasti (garis putus-putus)", "hollow")
    assert labels(tsunami, "id") == [
        ("Gempa dan tsunami", "dot"), ("Tanggap darurat", "dot"), not_exact
    ]  # fmt: skip
    assert labels(tsunami, "en")[:2] == [
        ("Earthquake and tsunami", "dot"), ("Emergency response", "dot")
    ]  # fmt: skip


def test_a_spanish_reader_gets_spanish_names_and_one_line_per_route_mode(
    magellan: LocatedStory,
) -> None:
    assert labels(magellan, "es") == [
        ("Conflictos", "dot"),
        ("Especias y comercio", "dot"),
        ("Exploración", "dot"),
        (t("precision_note", "es"), "hollow"),  # the interface speaks English to Spanish readers
        ("By sea", "sea"),
    ]


def test_the_first_story_lists_its_route_modes_in_their_order() -> None:
    (first,) = PUBLISHED_STORIES
    item = locate_file(first)
    modes = [look for _, look in labels(item, "id") if look in ROUTE_STYLES]
    used = {e.route.mode for e in item.story.events if e.route}
    assert modes == [mode for mode in ROUTE_STYLES if mode in used] == ["flight", "deployment"]
    assert ("Penerbangan", "flight") in labels(item, "id")


# --- line styles --------------------------------------------------------------------------


def test_matplotlib_dashes_are_the_readers_pixels_over_its_width() -> None:
    assert line_dashes(RouteStyle((16, 6), 3)) == (0, (16 / 3, 2.0))
    assert line_dashes(RouteStyle((), 5.5)) == "solid"


def test_each_route_is_drawn_in_its_modes_style() -> None:
    """The dashes matplotlib draws, in points: the reader's pixels times PT_PER_PX."""
    fig = Figure(figsize=(4, 3), dpi=72)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-1, 11)
    ax.set_ylim(-1, 11)
    modes = list(ROUTE_STYLES)
    routes = [RouteMark(((0, k), (10, k)), "#0072B2", mode, 1.0) for k, mode in enumerate(modes)]
    pieces = [[[(0.0, float(k)), (10.0, float(k))]] for k in range(len(modes))]
    projection = type("Flat", (), {"project": staticmethod(lambda points: list(points))})()
    draw_routes(ax, routes, pieces, projection, ["1 km"] * len(modes))
    lines = ax.collections[: len(modes)]  # one collection per mode, then the arrowheads
    for mode, collection in zip(modes, lines, strict=True):
        style = ROUTE_STYLES[mode]
        assert collection.get_linewidth()[0] == pytest.approx(style.width * PT_PER_PX)
        _, dashes = collection.get_linestyle()[0]
        if style.dash:
            assert list(dashes) == pytest.approx([n * PT_PER_PX for n in style.dash]), mode
        else:
            assert dashes is None, mode
        assert math.isclose(collection.get_segments()[0][0][1], modes.index(mode))
