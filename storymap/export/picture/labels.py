"""Where each label of the overview picture goes: plain boxes in display units.

No matplotlib here, so the rules can be tested with made-up boxes. The drawing
measures each label once and hands over its size, the spots it may take (beside a
point, with a leader line when far from it) and what is already on the map.

The rules:
- labels are considered in priority order (highest first; ties in the order given);
- a placed label never overlaps another placed label or leader line (leader lines do
  not cross either), nor a hard
  obstacle (the legend), and stays inside the frame; a label with no such spot is
  left out, and so is every label after the first ``max_labels`` placed (thinning);
- soft obstacles (markers, route lines) cost their weighted overlap. A label takes a
  spot clear of them if it has one: the best-ranked such spot that takes the fewest
  good spots from the labels still to come. Otherwise it takes the least costly spot.

Which labels are shown is decided in priority order. Where they go is then decided
again with the most constrained label first (fewest clear spots), which packs a
crowded corner better; if that second pass cannot fit every label the first one
kept, the first pass's layout stands.

Candidate spots are kept in shapely STRtrees, so each label looks only at its
neighbours, and soft obstacles are summed into a raster (``raster``): thousands of
labels and obstacles take a second, not minutes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from storymap.export.picture.raster import CostRaster
from storymap.export.picture.spots import SpotArrays

HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]
LEADER_CROSSING = 4000.0  # soft cost of a leader line over a soft obstacle, per unit of weight


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in display units (pixels, y up): x0 <= x1, y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """True when the two share some area (touching edges do not count)."""
        return min(self.x1, other.x1) > max(self.x0, other.x0) and min(self.y1, other.y1) > max(
            self.y0, other.y0
        )

    def within(self, other: Box) -> bool:
        return (
            self.x0 >= other.x0
            and self.y0 >= other.y0
            and self.x1 <= other.x1
            and self.y1 <= other.y1
        )


@dataclass(frozen=True)
class Spot:
    """A place a label may take: its text aligned (``ha``, ``va``) to the point ``(x, y)``
    shifted by ``(dx, dy)``. ``rank`` 0 is the best spot; ``leader`` draws a line from the
    point to the label."""

    x: float
    y: float
    dx: float
    dy: float
    ha: HAlign
    va: VAlign
    rank: int = 0
    leader: bool = False

    def box(self, width: float, height: float) -> Box:
        """The label's box when it is ``width`` by ``height`` and takes this spot."""
        left = self.x + self.dx - {"left": 0.0, "center": width / 2, "right": width}[self.ha]
        bottom = self.y + self.dy - {"bottom": 0.0, "center": height / 2, "top": height}[self.va]
        return Box(left, bottom, left + width, bottom + height)


@dataclass(frozen=True)
class Label:
    """A label's size, the spots it may take (best first) and how much it matters."""

    width: float
    height: float
    spots: tuple[Spot, ...]
    priority: float = 0.0


@dataclass(frozen=True)
class Obstacle:
    """Something already drawn. Labels never overlap a hard one; a soft one costs
    ``weight`` per unit of area covered."""

    box: Box
    weight: float = 1.0
    hard: bool = False


@dataclass(frozen=True)
class Placed:
    """Label number ``label`` (in the order given) at ``spot``, occupying ``box``."""

    label: int
    spot: Spot
    box: Box


def ring_spots(
    x: float,
    y: float,
    radii: Sequence[float],
    angles: Sequence[float],
    leader_beyond: float | None = None,
) -> tuple[Spot, ...]:
    """Spots around a point, nearest ring first, in the order of ``angles`` (degrees) on
    each ring; each text sits on the side it points to. Spots further than
    ``leader_beyond`` in x or y get a leader line."""
    spots = []
    for ring, radius in enumerate(radii):
        for angle in angles:
            dx = radius * math.cos(math.radians(angle))
            dy = radius * math.sin(math.radians(angle))
            ha: HAlign = "left" if dx > 2 else "right" if dx < -2 else "center"
            va: VAlign = "bottom" if dy > 2 else "top" if dy < -2 else "center"
            far = leader_beyond is not None and (abs(dx) > leader_beyond or abs(dy) > leader_beyond)
            spots.append(Spot(x, y, dx, dy, ha, va, rank=ring, leader=far))
    return tuple(spots)


def place_labels(
    labels: Sequence[Label],
    obstacles: Sequence[Obstacle],
    frame: Box,
    *,
    max_labels: int | None = None,
    pad: float = 2.0,
    leader_skip: float = 0.0,
) -> list[Placed]:
    """Where each label goes, in priority order; labels left out are not in the list.

    ``pad`` is added around every label box; a leader line starts ``leader_skip`` from
    its point, so it does not count as crossing its own marker.
    """
    spots = SpotArrays(labels, pad, leader_skip)
    if not spots.count:
        return []
    blocked = ~spots.within((frame.x0, frame.y0, frame.x1, frame.y1))
    blocked |= spots.touching([_row(o.box) for o in obstacles if o.hard])
    light = [o for o in obstacles if not o.hard]
    raster = CostRaster(
        (frame.x0, frame.y0, frame.x1, frame.y1),
        np.array([_row(o.box) for o in light]).reshape(-1, 4),
        np.array([o.weight for o in light], dtype=float),
    )
    soft = raster.cost(spots.boxes)
    soft[spots.leader_of] += LEADER_CROSSING * raster.along(spots.leader_start, spots.leader_end)
    priority = np.array([label.priority for label in labels], dtype=float)

    order = sorted(range(len(labels)), key=lambda i: (-priority[i], i))
    shown = _greedy(spots, blocked, soft, priority, order, max_labels, constrained_first=False)
    kept = [p.label for p in shown]
    tidier = _greedy(spots, blocked, soft, priority, kept, None, constrained_first=True)
    return tidier if sorted(p.label for p in tidier) == sorted(kept) else shown


def _greedy(
    spots: SpotArrays,
    blocked: np.ndarray,
    soft: np.ndarray,
    priority: np.ndarray,
    order: list[int],
    max_labels: int | None,
    constrained_first: bool,
) -> list[Placed]:
    """Place the labels ``order`` names, one at a time: in that order, or the one with the
    fewest clear spots first (labels with none last)."""
    blocked = blocked.copy()
    pending = np.zeros(len(priority), dtype=bool)
    pending[order] = True
    queue = iter(order)
    placed: list[Placed] = []
    while pending.any() and (max_labels is None or len(placed) < max_labels):
        clear = ~blocked & (soft == 0)
        if constrained_first:
            room = np.bincount(spots.owner[clear], minlength=len(priority))
            waiting = np.flatnonzero(pending)
            index = int(min(waiting, key=lambda i: (room[i] == 0, room[i], -priority[i], i)))
        else:
            index = next(queue)
        pending[index] = False
        own = spots.of(index)
        usable = own[~blocked[own]]
        if not len(usable):
            continue  # no room: thinned
        good = usable[clear[usable]]
        if len(good):
            later = clear & pending[spots.owner]
            choice = int(good[np.argmin([spots.rank[s] + spots.harm(s, later) for s in good])])
        else:
            choice = int(usable[np.argmin(soft[usable])])
        placed.append(Placed(index, spots.spot[choice], Box(*spots.row(choice))))
        blocked[spots.conflicts(choice)] = True
    return placed


def _row(box: Box) -> tuple[float, float, float, float]:
    return (box.x0, box.y0, box.x1, box.y1)
