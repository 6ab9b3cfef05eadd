"""The overview picture's map layers, drawn with matplotlib on one ``Axes``.

Countries (Natural Earth, clipped and projected with geopandas), routes as great-circle
lines in their mode's line style (``style.ROUTE_STYLES``, as in the reader) with
arrowheads, one circle per place (hollow with a dashed edge when its date is not an
exact day) and the legend in the emptiest corner. Each layer is a handful of artists
however big the story is. (The labels are ``labelling``'s.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from shapely.geometry import box, shape

from storymap.export.picture.marks import Mark, RouteMark
from storymap.export.picture.projection import XY, LonLat, Projection
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.style import LAND, ROUTE_STYLES, RouteStyle

BORDER = "#9a9a9a"
TEXT = "#222222"
MUTED = "#555555"
LEGEND_PT = 8.5
LAYER = {"country": 4, "region": 5, "city": 6, "site": 7}  # countries under cities under sites
PT_PER_PX = 0.8  # a route's line width in points per pixel of the reader's (ROUTE_STYLES)


@dataclass(frozen=True)
class DrawnRoute:
    """A route as drawn: its projected line (in pieces if the map's seam cuts it), its
    arrowhead (a triangle), colour, length label and length."""

    pieces: tuple[tuple[XY, ...], ...]
    head: tuple[XY, ...]
    colour: str
    text: str
    km: float


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: a filled dot, a hollow dot (date not exact) or a route mode's line."""

    label: str
    colour: str
    look: str = "dot"  # "dot", "hollow" or a mode of ROUTE_STYLES


def line_width(style: RouteStyle) -> float:
    """A mode's line width in points."""
    return style.width * PT_PER_PX


def line_dashes(style: RouteStyle) -> str | tuple[float, tuple[float, ...]]:
    """A mode's dash pattern for matplotlib, which scales dashes by the line width: the
    reader's pattern (pixels at ``style.width``) divided by that width."""
    return (0, tuple(n / style.width for n in style.dash)) if style.dash else "solid"


@cache
def _world() -> gpd.GeoDataFrame:
    return gpd.read_file(COUNTRY_OUTLINES)


def draw_countries(ax: Axes, projection: Projection) -> None:
    world = _world()
    world = pd.concat([world.clip(box(*clip)) for clip in projection.clips])
    world = world[~world.geometry.is_empty].to_crs(projection.crs)
    world.plot(ax=ax, facecolor=LAND, edgecolor=BORDER, linewidth=0.6, zorder=1)


def draw_areas(ax: Axes, areas: Sequence[tuple[dict, str]], projection: Projection) -> None:
    """Provinces, lakes and seas drawn as their outlines (GeoJSON, lon/lat), in their colour,
    over the countries and under the routes and places."""
    if not areas:
        return
    frame = gpd.GeoDataFrame(
        {"colour": [colour for _, colour in areas]},
        geometry=[shape(geometry) for geometry, _ in areas],
        crs="EPSG:4326",
    )
    clipped = pd.concat([frame.clip(box(*clip)) for clip in projection.clips])
    clipped = clipped[~clipped.geometry.is_empty].to_crs(projection.crs)
    if clipped.empty:
        return
    clipped.plot(ax=ax, facecolor=clipped["colour"], edgecolor=clipped["colour"], alpha=0.25,
                 linewidth=0, zorder=2)  # fmt: skip
    clipped.plot(ax=ax, facecolor="none", edgecolor=clipped["colour"], linewidth=1.2, zorder=2)


def draw_routes(
    ax: Axes,
    routes: Sequence[RouteMark],
    pieces: Sequence[Sequence[Sequence[LonLat]]],
    projection: Projection,
    texts: Sequence[str],
) -> list[DrawnRoute]:
    """Every route as a line in its mode's style, in ``pieces`` (lon/lat, one list per
    route: the line cut at the map's seam), with an arrowhead at its destination: one
    collection per mode and one for the heads, however many routes there are."""
    if not routes:
        return []
    flat_pieces = [piece for route in pieces for piece in route]
    flat = np.array(projection.project([c for piece in flat_pieces for c in piece]))
    lines = np.split(flat, np.cumsum([len(piece) for piece in flat_pieces])[:-1])
    ends = np.cumsum([len(route) for route in pieces])
    drawn = [lines[end - len(route) : end] for route, end in zip(pieces, ends, strict=True)]
    for mode, style in ROUTE_STYLES.items():
        chosen = [k for k, route in enumerate(routes) if route.mode == mode]
        if chosen:
            ax.add_collection(LineCollection(
                [line for k in chosen for line in drawn[k]],
                colors=[routes[k].colour for k in chosen for _ in drawn[k]],
                linewidths=line_width(style), linestyles=line_dashes(style),
                capstyle=style.cap, alpha=0.9, zorder=3), autolim=False)  # fmt: skip
    to_px = ax.transData.get_matrix()[0, 0]  # display pixels per projected metre (equal aspect)
    points = ax.figure.dpi / 72 / to_px  # projected metres per point
    heads = [_arrowhead(line[-1], points) for line in drawn]
    ax.add_collection(PolyCollection(heads, facecolors=[r.colour for r in routes],
                                     edgecolors="none", zorder=3), autolim=False)  # fmt: skip
    return [
        DrawnRoute(tuple(tuple(map(tuple, piece)) for piece in line), tuple(map(tuple, head)),
                   route.colour, text, route.km)
        for line, head, route, text in zip(drawn, heads, routes, texts, strict=True)
    ]  # fmt: skip


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
                     edgecolor=BORDER, borderpad=0.7, handlelength=3.4)  # fmt: skip


def _handle(entry: LegendEntry) -> Line2D:
    if entry.look in ROUTE_STYLES:
        style = ROUTE_STYLES[entry.look]
        return Line2D([], [], color=entry.colour, linewidth=line_width(style),
                      linestyle=line_dashes(style), dash_capstyle=style.cap,
                      solid_capstyle=style.cap, label=entry.label)  # fmt: skip
    hollow = entry.look == "hollow"
    return Line2D([], [], linestyle="none", marker="o", markersize=8,
                  markerfacecolor="white" if hollow else entry.colour,
                  markeredgecolor=entry.colour if hollow else "white",
                  markeredgewidth=1.6 if hollow else 1.0, label=entry.label)  # fmt: skip
