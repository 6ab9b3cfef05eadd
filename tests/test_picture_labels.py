"""The overview picture's label placer, with made-up boxes: no matplotlib involved."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from storymap.export.picture.labels import (
    Box,
    Label,
    Obstacle,
    Placed,
    Spot,
    place_labels,
    ring_spots,
)
from storymap.export.picture.raster import MAX_CELLS, CostRaster

FRAME = Box(0, 0, 400, 300)
RADII = (10, 25, 40)
ANGLES = (0, 180, 90, 270, 45, 135, 315, 225)


def label_at(
    x: float, y: float, width: float = 60, height: float = 14, priority: float = 0
) -> Label:
    return Label(width, height, ring_spots(x, y, RADII, ANGLES, leader_beyond=15), priority)


def leader_line(placed: Placed) -> shapely.LineString | None:
    spot = placed.spot
    if not spot.leader:
        return None
    return shapely.LineString([(spot.x, spot.y), (spot.x + spot.dx, spot.y + spot.dy)])


def as_geometry(box: Box) -> shapely.Polygon:
    return shapely.box(box.x0, box.y0, box.x1, box.y1)


def test_ring_spots_put_the_text_on_the_side_the_angle_points_to() -> None:
    right, left, above, below = ring_spots(100, 100, (10,), (0, 180, 90, 270))
    assert right.box(50, 10) == Box(110, 95, 160, 105)
    assert left.box(50, 10) == Box(40, 95, 90, 105)
    assert above.box(50, 10).y0 == 110 and above.box(50, 10).x0 == 75
    assert below.box(50, 10).y1 == 90
    far = ring_spots(0, 0, (5, 30), (0,), leader_beyond=15)
    assert [s.leader for s in far] == [False, True]
    assert [s.rank for s in far] == [0, 1]


def test_a_lone_label_takes_its_best_spot() -> None:
    [placed] = place_labels([label_at(100, 100)], [], FRAME)
    assert placed.label == 0
    assert (placed.spot.dx, placed.spot.dy, placed.spot.ha) == (10, 0, "left")
    assert placed.box == Box(108, 91, 172, 109)  # 60 x 14 plus a pad of 2


def test_no_labels_no_placements() -> None:
    assert place_labels([], [Obstacle(Box(0, 0, 10, 10))], FRAME) == []


def test_labels_stay_inside_the_frame() -> None:
    # The point is at the right edge: only spots to its left fit.
    [placed] = place_labels([label_at(395, 150)], [], FRAME)
    assert placed.box.within(FRAME)
    assert placed.spot.ha == "right"


def test_a_soft_obstacle_is_avoided_when_a_clear_spot_exists() -> None:
    route = Obstacle(Box(105, 90, 200, 110), weight=0.5)  # right of the point
    [placed] = place_labels([label_at(100, 100)], [route], FRAME)
    assert not placed.box.overlaps(route.box)
    assert placed.spot.rank == 0


def test_with_no_clear_spot_the_least_covered_one_is_taken() -> None:
    # Soft obstacles everywhere, lighter on the left: the label goes left, over them.
    heavy = Obstacle(Box(100, 0, 400, 300), weight=5)
    light = Obstacle(Box(0, 0, 100, 300), weight=0.1)
    [placed] = place_labels([label_at(100, 150)], [heavy, light], FRAME)
    assert placed.box.x1 <= 100 + 1


def test_hard_obstacles_and_the_frame_leave_a_label_out() -> None:
    legend = Obstacle(Box(0, 0, 200, 300), hard=True)
    placed = place_labels([label_at(50, 150), label_at(300, 150)], [legend], FRAME)
    assert [p.label for p in placed] == [1]
    assert not placed[0].box.overlaps(legend.box)


def test_priority_decides_who_gets_the_only_room() -> None:
    # A frame with room for one label beside the shared point: the higher priority wins,
    # wherever it is in the list.
    frame = Box(0, 0, 90, 40)
    low, high = label_at(10, 20, priority=1), label_at(10, 20, priority=5)
    assert [p.label for p in place_labels([low, high], [], frame)] == [1]
    assert [p.label for p in place_labels([high, low], [], frame)] == [0]


def test_a_label_leaves_room_for_one_with_a_single_spot() -> None:
    # The important label's best spot is the other label's only spot: it takes another,
    # equally near spot, and both are drawn.
    only = Label(60, 14, (Spot(100, 100, 10, 0, "left", "center"),), priority=0)
    important = label_at(100, 100, priority=9)
    placed = place_labels([only, important], [], FRAME)
    assert sorted(p.label for p in placed) == [0, 1]
    assert next(p for p in placed if p.label == 1).spot.rank == 0
    _assert_no_conflicts(placed)


def test_thinning_keeps_the_highest_priorities() -> None:
    labels = [label_at(40 + 80 * i, 40 + 50 * i, priority=p) for i, p in enumerate([3, 9, 1, 7, 5])]
    placed = place_labels(labels, [], FRAME, max_labels=2)
    assert sorted(p.label for p in placed) == [1, 3]
    assert len(place_labels(labels, [], FRAME)) == 5


def test_crowded_labels_are_thinned_not_stacked() -> None:
    # Twenty labels on one point: only as many as fit around it are drawn, none overlapping.
    labels = [label_at(200, 150, priority=-i) for i in range(20)]
    placed = place_labels(labels, [], FRAME)
    assert 2 <= len(placed) < 20
    assert [p.label for p in placed] == sorted(p.label for p in placed)  # the first ones
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box)


def test_the_placement_is_deterministic() -> None:
    labels = [label_at(50 + (37 * i) % 300, 40 + (53 * i) % 220, priority=i % 3) for i in range(30)]
    obstacles = [Obstacle(Box(150, 100, 250, 130), weight=0.5)]
    first = place_labels(labels, obstacles, FRAME)
    assert first == place_labels(labels, obstacles, FRAME)
    assert len(first) >= 10


def test_a_leader_line_never_crosses_another_label() -> None:
    labels = [label_at(50 + (41 * i) % 300, 40 + (67 * i) % 220) for i in range(40)]
    placed = place_labels(labels, [], FRAME)
    assert any(p.spot.leader for p in placed)
    _assert_no_conflicts(placed)


points = st.tuples(st.floats(0, 400), st.floats(0, 300))
sizes = st.tuples(st.floats(5, 120), st.floats(5, 40))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(points, sizes, st.integers(0, 5)), max_size=25),
    st.lists(st.tuples(points, sizes, st.booleans()), max_size=5),
    st.one_of(st.none(), st.integers(0, 10)),
)
def test_placed_labels_never_overlap_and_stay_in_the_frame(requests, blocks, max_labels) -> None:
    labels = [label_at(x, y, w, h, priority=p) for (x, y), (w, h), p in requests]
    obstacles = [Obstacle(Box(x, y, x + w, y + h), hard=hard) for (x, y), (w, h), hard in blocks]
    placed = place_labels(labels, obstacles, FRAME, max_labels=max_labels)
    assert max_labels is None or len(placed) <= max_labels
    assert len({p.label for p in placed}) == len(placed)
    for p in placed:
        assert p.box.within(FRAME)
        text = p.spot.box(labels[p.label].width, labels[p.label].height)
        assert p.box == Box(text.x0 - 2, text.y0 - 2, text.x1 + 2, text.y1 + 2)
        for o in obstacles:
            assert not (o.hard and p.box.overlaps(o.box))
    _assert_no_conflicts(placed)


def _assert_no_conflicts(placed: list[Placed]) -> None:
    for a, b in itertools.permutations(placed, 2):
        assert not a.box.overlaps(b.box), (a, b)
        line = leader_line(a)
        if line is not None:
            assert not line.intersects(as_geometry(b.box).buffer(-0.5)), (a, b)


def test_the_cost_raster_sums_weighted_overlap_areas() -> None:
    boxes = np.array([[10, 10, 30, 20], [20, 10, 40, 20]], dtype=float)
    raster = CostRaster((0, 0, 100, 50), boxes, np.array([0.5, 2.0]))
    cost = raster.cost(
        np.array([[0, 0, 100, 50], [20, 10, 30, 20], [50, 30, 60, 40], [0, 0, 10, 50]])
    )
    assert cost.tolist() == [0.5 * 200 + 2.0 * 200, (0.5 + 2.0) * 100, 0.0, 0.0]
    lines = raster.along(
        np.array([[0.0, 15.0], [0.0, 40.0]]), np.array([[100.0, 15.0], [100.0, 45.0]])
    )
    assert lines.tolist() == [2.5, 0.0]


def test_a_large_frame_is_rastered_in_coarser_cells() -> None:
    frame = (0, 0, 100_000, 50_000)
    raster = CostRaster(frame, np.array([[0, 0, 50_000, 20_000]]), np.array([1.0]))
    assert raster.nx == MAX_CELLS and raster.cell == 40
    assert raster.cost(np.array(frame)[None, :])[0] == pytest.approx(50_000 * 20_000)
    assert raster.cost(np.array([[50_000, 0, 60_000, 50_000]]))[0] == 0
