"""The overview picture's map layers, drawn with matplotlib on one ``Axes``.

Countries (Natural Earth, clipped and projected with geopandas), routes as great-circle
lines with arrowheads, one circle per place (hollow with a dashed edge when its date is
not an exact day) and the legend in the emptiest corner. Each layer is a handful of
artists however big the story is. (The labels are ``labelling``'s.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from shapely.geometry import box

from storymap.export.picture.marks import Mark, RouteMark
from storymap.export.picture.projection import XY, Projection
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.style import LAND

BORDER = "#9a9a9a"
TEXT = "#222222"
MUTED = "#555555"
LEGEND_PT = 8.5
LAYER = {"country": 4, "region": 5, "city": 6, "site": 7}  # countries under cities under sites


@dataclass(frozen=True)
class DrawnRoute:
    """A route as drawn: its projected line, colour, length label and length."""

    xy: tuple[XY, ...]
    colour: str
    text: str
    km: float


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
    """Every route as a line (dashed for flights) with an arrowhead at its destination,
    in three collections however many routes there are."""
    if not routes:
        return []
    flat = np.array(projection.project([c for route in routes for c in route.coords]))
    lines = np.split(flat, np.cumsum([len(route.coords) for route in routes])[:-1])
    for flight in (False, True):
        chosen = [k for k, route in enumerate(routes) if route.flight == flight]
        if chosen:
            ax.add_collection(LineCollection(
                [lines[k] for k in chosen], colors=[routes[k].colour for k in chosen],
                linewidths=2.2, linestyles=(0, (5, 3)) if flight else "solid",
                capstyle="round", alpha=0.9, zorder=3), autolim=False)  # fmt: skip
    to_px = ax.transData.get_matrix()[0, 0]  # display pixels per projected metre (equal aspect)
    points = ax.figure.dpi / 72 / to_px  # projected metres per point
    heads = [_arrowhead(line, points) for line in lines]
    ax.add_collection(PolyCollection(heads, facecolors=[r.colour for r in routes],
                                     edgecolors="none", zorder=3), autolim=False)  # fmt: skip
    return [
        DrawnRoute(tuple(map(tuple, line)), route.colour, text, route.km)
        for line, route, text in zip(lines, routes, texts, strict=True)
    ]


def _arrowhead(line: np.ndarray, point: float) -> np.ndarray:
    """A triangle 11 pt long and 11 pt wide, 6 pt short of the line's end, pointing along
    its last stretch; ``point`` is the length of a typographic point in line units."""
    end, back = line[-1], line[max(0, len(line) - 5)]
    direction = end - back
    direction = direction / (np.hypot(*direction) or 1.0)
    normal = np.array([-direction[1], direction[0]])
    tip = end - direction * 6 * point
    base = tip - direction * 11 * point
    return np.array([tip, base + normal * 5.5 * point, base - normal * 5.5 * point])


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
