"""The overview picture's labels: place names beside their points, route lengths beside
their lines, kept off each other, the markers, the routes and the legend.

This module turns what is drawn into plain boxes for ``labels.place_labels`` and draws
its answer. A big story is thinned before anything is measured: only the
``CONSIDERED`` most important places (by ``marks.label_priority``) and the
``ROUTE_LABELS`` longest routes ask for a label, and at most ``MAX_LABELS`` are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox, ScaledTranslation

from storymap.export.picture.drawing import MUTED, TEXT, DrawnRoute
from storymap.export.picture.labels import Box, Label, Obstacle, Spot, place_labels, ring_spots
from storymap.export.picture.marks import Mark, colocated, label_priority
from storymap.export.picture.projection import XY
from storymap.export.picture.text import plain, wrap_label

MAX_LABELS = 80  # drawn at most: a slide has room for about this many names
CONSIDERED = 3 * MAX_LABELS  # places that may ask for a label, the most important first
ROUTE_LABELS = 12  # the longest routes get their length written beside them
LABEL_PT = 9
MARKER_PT = 5  # a marker's radius (4.2 pt) and edge, for keeping labels off it
SAME_SPOT_PT = 3  # places closer than this share a label
LINE_PT = 3  # labels keep this far off a route line
PAD_PT = 1  # around each label
RING_PT = (7, 18, 30, 44)  # distances a label may sit from its point
ANGLES = (0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5)  # fmt: skip
LEADER_BEYOND_PT = 10  # a label further than this from its point gets a leader line
ROUTE_SHARES = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where along a route its length may go
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


def draw_labels(
    ax: Axes,
    renderer: RendererBase,
    marks: Sequence[Mark],
    points: Sequence[XY],
    routes: Sequence[DrawnRoute],
    legend: Legend | None,
) -> int:
    """Label the most important places and routes where they fit (off the legend, if
    any); returns how many."""
    px = ax.figure.dpi / 72  # display pixels per point
    frame = _box(ax.get_window_extent(renderer))
    display = ax.transData.transform(points) if len(points) else np.empty((0, 2))
    radius = MARKER_PT * px
    obstacles = [Obstacle(_box(legend.get_window_extent(renderer)), hard=True)] if legend else []
    obstacles += [Obstacle(Box(x - radius, y - radius, x + radius, y + radius)) for x, y in display]
    obstacles += _route_obstacles(ax, routes, LINE_PT * px)

    texts: list[Text] = []
    requests: list[Label] = []
    for group, priority in places_to_label(marks, display, frame, SAME_SPOT_PT * px):
        x, y = display[group[0]]
        country = marks[group[0]].kind == "country"
        name = " · ".join(dict.fromkeys(marks[i].name for i in group))
        text = ax.text(0, 0, plain(wrap_label(name)), fontsize=LABEL_PT,
                       color=MUTED if country else TEXT, style="italic" if country else "normal",
                       path_effects=HALO, zorder=9, linespacing=1.1)  # fmt: skip
        spots = ring_spots(x, y, [r * px for r in RING_PT], ANGLES, LEADER_BEYOND_PT * px)
        requests.append(_request(text, renderer, spots, priority))
        texts.append(text)
    longest = sorted(range(len(routes)), key=lambda k: (-routes[k].km, k))[:ROUTE_LABELS]
    covered = _marks_and_heads(ax, display, radius, routes)
    for rank, k in enumerate(longest):
        route = routes[k]
        text = ax.text(0, 0, route.text, fontsize=LABEL_PT - 0.5, color=route.colour,
                       fontweight="bold", path_effects=HALO, zorder=9)  # fmt: skip
        line = max((shapely.LineString(ax.transData.transform(piece)) for piece in route.pieces),
                   key=lambda piece: piece.length)  # fmt: skip
        spots = tuple(
            Spot(p.x, p.y, 0, dy * px, "center", va, rank=n)
            for n, share in enumerate(ROUTE_SHARES)
            for p in [line.interpolate(share, normalized=True)]
            for dy, va in ((5, "bottom"), (-5, "top"))
        )
        request = _request(text, renderer, spots, -1.0 - rank / ROUTE_LABELS)
        requests.append(_off(request, covered))
        texts.append(text)

    placements = place_labels(requests, obstacles, frame, max_labels=MAX_LABELS,
                              pad=PAD_PT * px, leader_skip=radius * 1.5)  # fmt: skip
    chosen = {p.label: p.spot for p in placements}
    for index, text in enumerate(texts):
        if index in chosen:
            _put(ax, text, chosen[index])
        else:
            text.remove()
    return len(placements)


def places_to_label(
    marks: Sequence[Mark], display: np.ndarray, frame: Box, within: float
) -> list[tuple[list[int], float]]:
    """Groups of places on the same spot inside the frame, each with its label's priority:
    the CONSIDERED most important, most important first."""
    groups = []
    for group in colocated([(float(x), float(y)) for x, y in display], within):
        x, y = display[group[0]]
        if frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1:  # off the map: no label
            groups.append((group, label_priority([marks[i] for i in group])))
    groups.sort(key=lambda item: -item[1])  # stable: story order among equals
    return groups[:CONSIDERED]


def _request(text: Text, renderer: RendererBase, spots: tuple[Spot, ...], priority: float) -> Label:
    """A label request for ``text``, measured once."""
    extent = text.get_window_extent(renderer)
    return Label(extent.width, extent.height, spots, priority)


def _marks_and_heads(
    ax: Axes, display: np.ndarray, radius: float, routes: Sequence[DrawnRoute]
) -> shapely.STRtree:
    """Every marker (a square) and arrowhead (its triangle), in display units."""
    shapes = list(shapely.box(*(display - radius).T, *(display + radius).T)) if len(display) else []
    shapes += [shapely.Polygon(ax.transData.transform(route.head)) for route in routes]
    return shapely.STRtree(shapes)


def _off(label: Label, covered: shapely.STRtree) -> Label:
    """The label without the spots where it would cover a marker or an arrowhead: a
    route's length may be left out (the reader says it too), but must not hide a place
    or which way a route goes."""
    if not label.spots:
        return label
    boxes = np.array([_row(spot.box(label.width, label.height)) for spot in label.spots])
    inner = shapely.box(*(boxes[:, :2] + 1).T, *(boxes[:, 2:] - 1).T)  # touching is no harm
    hit = set(covered.query(inner, predicate="intersects")[0].tolist())
    return replace(label, spots=tuple(s for k, s in enumerate(label.spots) if k not in hit))


def _put(ax: Axes, text: Text, spot: Spot) -> None:
    """Move ``text`` to ``spot``, with a leader line from its point if the spot has one."""
    dpi = ax.figure.dpi
    text.set_position(ax.transData.inverted().transform((spot.x, spot.y)))
    text.set_transform(ax.transData + ScaledTranslation(spot.dx / dpi, spot.dy / dpi,
                                                        ax.figure.dpi_scale_trans))  # fmt: skip
    text.set_ha(spot.ha)
    text.set_va(spot.va)
    if spot.leader:
        ax.annotate("", xy=text.get_position(), xytext=(spot.dx * 72 / dpi, spot.dy * 72 / dpi),
                    textcoords="offset points", zorder=8,
                    arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.7,
                                "shrinkA": 0, "shrinkB": 4})  # fmt: skip


def _route_obstacles(ax: Axes, routes: Sequence[DrawnRoute], half: float) -> list[Obstacle]:
    """Small boxes along each route (display space), so labels keep off the lines and above
    all off their arrowheads (the last 40 display units of the last piece)."""
    found = []
    for piece, last in ((p, p is r.pieces[-1]) for r in routes for p in r.pieces):
        line = shapely.LineString(ax.transData.transform(piece))
        count = max(2, int(line.length / half))
        along = shapely.line_interpolate_point(line, np.linspace(0, 1, count + 1), normalized=True)
        head = (last & (np.arange(count + 1) > count - 40 / half)).tolist()
        found += [
            Obstacle(Box(x - half, y - half, x + half, y + half), 3.0 if near else 0.5)
            for (x, y), near in zip(shapely.get_coordinates(along).tolist(), head, strict=True)
        ]
    return found


def _row(box: Box) -> tuple[float, float, float, float]:
    return box.x0, box.y0, box.x1, box.y1


def _box(extent: Bbox) -> Box:
    return Box(extent.x0, extent.y0, extent.x1, extent.y1)
