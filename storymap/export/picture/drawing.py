"""The overview picture's map layers, drawn with matplotlib on one ``Axes``.

Countries (Natural Earth, clipped and projected with geopandas), routes as great-circle
lines with arrowheads, one circle per place (hollow with a dashed edge when its date is
not an exact day), the legend in the emptiest corner, and the labels where
``labels.place_labels`` puts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox, ScaledTranslation
from shapely.geometry import box

from storymap.export.picture.labels import Box, Label, Obstacle, Spot, place_labels, ring_spots
from storymap.export.picture.marks import Mark, RouteMark, colocated, label_priority
from storymap.export.picture.projection import XY, Projection
from storymap.export.picture.text import plain, wrap_label
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.style import LAND

BORDER = "#9a9a9a"
TEXT = "#222222"
MUTED = "#555555"
LABEL_PT, LEGEND_PT = 9, 8.5
MARKER_PT = 5  # a marker's radius (4.2 pt) and edge, for keeping labels off it
SAME_SPOT_PT = 3  # places closer than this share a label
LINE_PT = 3  # labels keep this far off a route line
PAD_PT = 1  # around each label
RING_PT = (7, 18, 30, 44)  # distances a label may sit from its point
ANGLES = (0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5)  # fmt: skip
LEADER_BEYOND_PT = 10  # a label further than this from its point gets a leader line
ROUTE_SHARES = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where along a route its length may go
LAYER = {"country": 4, "region": 5, "city": 6, "site": 7}  # countries under cities under sites
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


@dataclass(frozen=True)
class DrawnRoute:
    """A route as drawn: its projected line, colour and length label."""

    xy: tuple[XY, ...]
    colour: str
    text: str


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: a filled dot, a hollow dot (date not exact) or a dashed line."""

    label: str
    colour: str
    look: str = "dot"  # "dot", "hollow" or "dashed"


@cache
def _world() -> gpd.GeoDataFrame:
    return gpd.read_file(COUNTRY_OUTLINES)


def draw_countries(ax: Axes, projection: Projection) -> None:
    world = _world().clip(box(*projection.clip))
    world = world[~world.geometry.is_empty].to_crs(projection.crs)
    world.plot(ax=ax, facecolor=LAND, edgecolor=BORDER, linewidth=0.6, zorder=1)


def draw_routes(
    ax: Axes, routes: Sequence[RouteMark], projection: Projection, texts: Sequence[str]
) -> list[DrawnRoute]:
    """Each route as a line (dashed for flights) with an arrowhead at its destination."""
    drawn = []
    for route, text in zip(routes, texts, strict=True):
        xy = projection.project(route.coords)
        xs, ys = zip(*xy, strict=True)
        ax.plot(xs, ys, color=route.colour, linewidth=2.2,
                linestyle=(0, (5, 3)) if route.flight else "-",
                solid_capstyle="round", alpha=0.9, zorder=3)  # fmt: skip
        back = max(0, len(xs) - 5)
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[back], ys[back]), zorder=3,
                    arrowprops={"arrowstyle": "-|>,head_length=1.1,head_width=0.55",
                                "color": route.colour, "linewidth": 0, "shrinkA": 0, "shrinkB": 6})  # fmt: skip
        drawn.append(DrawnRoute(tuple(xy), route.colour, text))
    return drawn


def draw_places(ax: Axes, marks: Sequence[Mark], points: Sequence[XY]) -> None:
    """One circle per place, in as few scatter calls as there are looks."""
    looks: dict[tuple[str, str, bool], list[XY]] = {}
    for mark, point in zip(marks, points, strict=True):
        looks.setdefault((mark.kind, mark.colour, mark.exact), []).append(point)
    for (kind, colour, exact), xy in sorted(looks.items(), key=lambda item: LAYER[item[0][0]]):
        xs, ys = zip(*xy, strict=True)
        size = 95 if kind == "country" else 70
        if exact:
            ax.scatter(xs, ys, s=size, color=colour, edgecolors="white", linewidths=1.2,
                       zorder=LAYER[kind])  # fmt: skip
        else:
            ax.scatter(xs, ys, s=size, facecolors="white", edgecolors=colour, linewidths=2.0,
                       linestyles=(0, (2, 1.2)), zorder=LAYER[kind])  # fmt: skip


def draw_legend(
    ax: Axes,
    renderer: RendererBase,
    title: str,
    entries: Sequence[LegendEntry],
    points: Sequence[XY],
) -> Legend:
    """The legend in the corner that covers the fewest places."""
    handles = [_handle(entry) for entry in entries]
    display = ax.transData.transform(points) if len(points) else np.empty((0, 2))
    best: tuple[int, str] | None = None
    for loc in ("lower left", "lower right", "upper left", "upper right"):
        legend = _legend(ax, handles, title, loc)
        extent = legend.get_window_extent(renderer).padded(12)
        crowd = sum(1 for x, y in display if extent.contains(x, y))
        if best is None or crowd < best[0]:
            best = (crowd, loc)
        legend.remove()
    assert best is not None
    legend = _legend(ax, handles, title, best[1])
    legend.set_zorder(10)
    return legend


def _legend(ax: Axes, handles: list[Line2D], title: str, loc: str) -> Legend:
    return ax.legend(handles=handles, loc=loc, title=title, fontsize=LEGEND_PT,
                     title_fontsize=LEGEND_PT + 0.5, frameon=True, framealpha=0.92,
                     edgecolor=BORDER, borderpad=0.7, handlelength=2.6)  # fmt: skip


def _handle(entry: LegendEntry) -> Line2D:
    if entry.look == "dashed":
        return Line2D([], [], color=entry.colour, linewidth=2, linestyle=(0, (5, 3)),
                      label=entry.label)  # fmt: skip
    hollow = entry.look == "hollow"
    return Line2D([], [], linestyle="none", marker="o", markersize=8,
                  markerfacecolor="white" if hollow else entry.colour,
                  markeredgecolor=entry.colour if hollow else "white",
                  markeredgewidth=1.6 if hollow else 1.0, label=entry.label)  # fmt: skip


def draw_labels(
    ax: Axes,
    renderer: RendererBase,
    marks: Sequence[Mark],
    points: Sequence[XY],
    routes: Sequence[DrawnRoute],
    legend: Legend,
) -> int:
    """Place names beside their points and route lengths beside their lines, kept off each
    other, the points, the routes and the legend; returns how many labels were drawn."""
    px = ax.figure.dpi / 72  # display pixels per point
    frame = _box(ax.get_window_extent(renderer))
    display = ax.transData.transform(points) if len(points) else np.empty((0, 2))
    radius = MARKER_PT * px
    obstacles = [Obstacle(_box(legend.get_window_extent(renderer)), hard=True)]
    obstacles += [Obstacle(Box(x - radius, y - radius, x + radius, y + radius)) for x, y in display]
    obstacles += _route_obstacles(ax, routes, LINE_PT * px)
    texts: list[Text] = []
    requests: list[Label] = []
    for group in colocated([(float(x), float(y)) for x, y in display], SAME_SPOT_PT * px):
        x, y = display[group[0]]
        if not (frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1):
            continue  # a place off the map gets no label
        first = marks[group[0]]
        name = " · ".join(dict.fromkeys(marks[i].name for i in group))
        country = first.kind == "country"
        text = ax.text(0, 0, wrap_label(plain(name)), fontsize=LABEL_PT,
                       color=MUTED if country else TEXT, style="italic" if country else "normal",
                       path_effects=HALO, zorder=9, linespacing=1.1)  # fmt: skip
        spots = ring_spots(x, y, [r * px for r in RING_PT], ANGLES, LEADER_BEYOND_PT * px)
        requests.append(_request(text, renderer, spots, label_priority([marks[i] for i in group])))
        texts.append(text)
    for n, route in enumerate(routes):
        text = ax.text(0, 0, route.text, fontsize=LABEL_PT - 0.5, color=route.colour,
                       fontweight="bold", path_effects=HALO, zorder=9)  # fmt: skip
        line = shapely.LineString(ax.transData.transform(route.xy))
        spots = tuple(
            Spot(p.x, p.y, 0, dy * px, "center", va, rank=rank)
            for rank, share in enumerate(ROUTE_SHARES)
            for p in [line.interpolate(share, normalized=True)]
            for dy, va in ((5, "bottom"), (-5, "top"))
        )
        requests.append(_request(text, renderer, spots, -1.0 - n / max(len(routes), 1)))
        texts.append(text)

    placements = place_labels(requests, obstacles, frame, pad=PAD_PT * px, leader_skip=radius * 1.5)
    chosen = {p.label: p for p in placements}
    for index, text in enumerate(texts):
        if index not in chosen:
            text.remove()
            continue
        spot = chosen[index].spot
        shift = ScaledTranslation(spot.dx / ax.figure.dpi, spot.dy / ax.figure.dpi,
                                  ax.figure.dpi_scale_trans)  # fmt: skip
        text.set_position(ax.transData.inverted().transform((spot.x, spot.y)))
        text.set_transform(ax.transData + shift)
        text.set_ha(spot.ha)
        text.set_va(spot.va)
        if spot.leader:
            ax.annotate("", xy=text.get_position(), xytext=(spot.dx / px, spot.dy / px),
                        textcoords="offset points", zorder=8,
                        arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.7,
                                    "shrinkA": 0, "shrinkB": 4})  # fmt: skip
    return len(placements)


def _request(text: Text, renderer: RendererBase, spots: tuple[Spot, ...], priority: float) -> Label:
    """A label request for ``text``, measured once."""
    extent = text.get_window_extent(renderer)
    return Label(extent.width, extent.height, spots, priority)


def _route_obstacles(ax: Axes, routes: Sequence[DrawnRoute], half: float) -> list[Obstacle]:
    """Small boxes along each route (display space), so labels keep off the lines and above
    all off their arrowheads."""
    found = []
    for route in routes:
        line = shapely.LineString(ax.transData.transform(route.xy))
        count = max(2, int(line.length / half))
        shares = np.linspace(0, 1, count + 1)
        along = shapely.line_interpolate_point(line, shares, normalized=True)
        near_head = np.arange(count + 1) > count - 40 / half
        for point, head in zip(along, near_head, strict=True):
            x, y = point.x, point.y
            found.append(
                Obstacle(Box(x - half, y - half, x + half, y + half), 3.0 if head else 0.5)
            )
    return found


def _box(extent: Bbox) -> Box:
    return Box(extent.x0, extent.y0, extent.x1, extent.y1)
