"""The overview picture's projection and frame, and what it reads from a story: plain numbers."""

from __future__ import annotations

import pytest

from storymap.export.picture.marks import (
    Mark,
    colocated,
    focus,
    label_priority,
    story_marks,
    story_routes,
)
from storymap.export.picture.projection import (
    ASPECT,
    MIN_EXTENT_M,
    fit_frame,
    fit_projection,
)
from storymap.style import category_styles

MOSCOW, PYONGYANG = (37.62, 55.75), (125.75, 39.02)


def test_mid_latitudes_get_a_conic_projection_centred_on_the_points() -> None:
    projection = fit_projection([MOSCOW, PYONGYANG])
    assert projection.crs.startswith("+proj=lcc")
    assert "+lon_0=81.685000 " in projection.crs
    (west, south, east, north), (west_2, south_2, east_2, north_2) = projection.clips
    assert (south, north) == (south_2, north_2) == (-10.0, 89.0)
    assert west == pytest.approx(81.685 - 170) and east == 180.0  # 170° either side,
    assert west_2 == -180.0 and east_2 == pytest.approx(81.685 + 170 - 360)  # across ±180°
    (x, _), *_ = projection.project([(81.685, 47.385)])
    assert x == pytest.approx(0, abs=1)  # the central meridian is x = 0


def test_points_on_both_sides_of_the_equator_get_a_cylindrical_projection() -> None:
    projection = fit_projection([(106.8, -6.2), (100.5, 13.75)])
    assert projection.crs.startswith("+proj=eqc")
    assert [clip[1::2] for clip in projection.clips] == [(-89.0, 89.0)] * 2


def test_a_wide_story_gets_a_cylindrical_projection() -> None:
    assert fit_projection([(-70.0, 45.0), (130.0, 45.0)]).crs.startswith("+proj=eqc")


def test_no_points_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one point"):
        fit_projection([])
    with pytest.raises(ValueError, match="at least one point"):
        fit_frame([])


def test_one_point_still_shows_its_surroundings() -> None:
    frame = fit_frame([(1000.0, 2000.0)])
    assert frame.height >= MIN_EXTENT_M
    assert (frame.x0 + frame.x1) / 2 == pytest.approx(1000)
    assert (frame.y0 + frame.y1) / 2 == pytest.approx(2000)


@pytest.mark.parametrize(
    "points",
    [
        [(0.0, 0.0), (9_000_000.0, 100_000.0)],  # a long east-west line
        [(0.0, 0.0), (100_000.0, 6_000_000.0)],  # a tall north-south line
        [(0.0, 0.0), (4_000_000.0, 2_500_000.0)],
    ],
)
def test_the_frame_has_a_slide_shape_and_holds_every_point_with_a_margin(points) -> None:
    frame = fit_frame(points)
    assert ASPECT[0] - 1e-9 <= frame.width / frame.height <= ASPECT[1] + 1e-9
    for x, y in points:
        assert frame.x0 < x < frame.x1 and frame.y0 < y < frame.y1
    xs = [x for x, _ in points]
    assert min(xs) - frame.x0 >= 0.1 * (max(xs) - min(xs)) * 0.99


def test_marks_are_coloured_by_the_last_event_and_count_events(story, located) -> None:
    marks = {m.place_id: m for m in story_marks(story, located, "id")}
    assert marks["moscow"].name == "Moskow"
    last = [e for e in story.events if "moscow" in e.places][-1]
    assert marks["moscow"].colour == category_styles(story)[last.category].colour
    assert marks["moscow"].events == sum("moscow" in e.places for e in story.events)
    zoomed = focus(list(marks.values()))
    assert {m.kind for m in zoomed} == {"city", "site", "region", "country"}
    # the one country the map zooms to is where an event happened with no other place
    assert [m.place_id for m in zoomed if m.kind == "country"] == ["ukraine"]
    assert [e.places for e in story.events if e.id == "war-begins"] == [["ukraine"]]


def test_routes_are_great_circles_with_their_length(story, located) -> None:
    routes = story_routes(story, located)
    assert len(routes) == sum(1 for e in story.events if e.route)
    assert [r.mode for r in routes] == [e.route.mode for e in story.events if e.route]
    flight = next(r for r in routes if r.mode == "flight")
    assert flight.km == pytest.approx(6430, abs=15)
    assert flight.coords[0] == pytest.approx(MOSCOW, abs=0.01)
    assert len(flight.coords) > 10


def mark(kind: str, events: int) -> Mark:
    return Mark("p", 0.0, 0.0, "P", kind, "#000000", True, events)


def test_a_label_matters_by_its_events_then_by_the_kind_of_place() -> None:
    assert label_priority([mark("country", 3)]) > label_priority([mark("city", 2)])
    assert label_priority([mark("city", 2)]) > label_priority([mark("site", 2)])
    assert label_priority([mark("region", 1), mark("city", 1)]) > label_priority([mark("city", 1)])


def test_places_on_the_same_spot_share_a_label() -> None:
    points = [(0.0, 0.0), (100.0, 0.0), (2.0, 1.0), (101.0, -2.0), (50.0, 50.0), (3.9, 0.0)]
    assert colocated(points, within=4) == [[0, 2, 5], [1, 3], [4]]
    assert colocated(points, within=0.5) == [[0], [1], [2], [3], [4], [5]]
