"""A static overview map of a located story, as PNG bytes, for slides and handouts.

Drawn with geopandas and matplotlib (the Agg canvas, no display needed): Natural Earth
outlines, the routes as great-circle lines, every place as a circle in the colour of
the last event there (hollow with a dashed edge when that event's date is not an
exact day), names in the chosen language, a legend of the categories the story uses
and a credits line. The map is zoomed to the story's own places (not the country
markers, which would pull it out to the whole world) in a projection fitted to them:
a Lambert conformal conic for mid-latitudes, an equidistant cylindrical otherwise.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString, Point, box

from storymap.geocoding import COUNTRY_OUTLINES, Location
from storymap.geometry import CRS, route_line
from storymap.i18n import number, t
from storymap.located import LocatedStory
from storymap.model import CATEGORIES, Event, Story
from storymap.style import CATEGORY_COLOURS, LAND, OCEAN

BORDER = "#9a9a9a"
TEXT = "#222222"
MUTED = "#555555"
NO_EVENT = "#777777"
MARGIN = 0.10  # around the places' bounds, as a share of their extent
MIN_EXTENT_M = 1_500_000  # a story with one place still shows its surroundings
ASPECT = (1.3, 2.0)  # width / height of the map frame, for slides
LABEL_WRAP = 24  # characters per label line
TITLE_PT, SUBTITLE_PT, LABEL_PT, LEGEND_PT, CREDITS_PT = 18, 11, 9, 8.5, 8


@dataclass(frozen=True)
class _Mark:
    """One place as drawn: where, its name, colour and whether its date is exact."""

    place_id: str
    lon: float
    lat: float
    name: str
    kind: str
    colour: str
    exact: bool


def overview_png(
    located_story: LocatedStory,
    lang: str = "en",
    width_in: float = 12,
    dpi: int = 150,
) -> bytes:
    """The whole story on one static map, as PNG bytes."""
    story, located = located_story.story, located_story.located
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    marks = _marks(story, located, lang)
    crs, clip = _projection(marks)
    x0, y0, x1, y1 = _frame(marks, crs)
    side = 0.25  # inches of white on either side
    map_w = width_in - 2 * side
    map_h = map_w * (y1 - y0) / (x1 - x0)

    fig = Figure(figsize=(width_in, width_in), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    credits = t("picture_credits", lang, outlet=story.source.outlet, title=story.source.title)
    title, title_h = _heading(fig, canvas, story.title.get(lang), map_w,
                              fontsize=TITLE_PT, fontweight="bold", color=TEXT)  # fmt: skip
    subtitle, subtitle_h = _heading(fig, canvas, story.subtitle.get(lang), map_w,
                                    fontsize=SUBTITLE_PT, color=MUTED)  # fmt: skip
    footer, footer_h = _heading(fig, canvas, credits, map_w, fontsize=CREDITS_PT, color=MUTED)
    top_in = 0.2 + title_h + 0.1 + subtitle_h + 0.25
    bottom_in = 0.12 + footer_h + 0.15
    height_in = top_in + map_h + bottom_in
    fig.set_size_inches(width_in, height_in)
    title.set_position((side, height_in - 0.2))
    subtitle.set_position((side, height_in - 0.2 - title_h - 0.1))
    footer.set_position((side, 0.12 + footer_h))

    ax = fig.add_axes((side / width_in, bottom_in / height_in, map_w / width_in, map_h / height_in))
    ax.set_facecolor(OCEAN)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(BORDER)

    _draw_countries(ax, crs, clip)
    flights, routes = _draw_routes(ax, story, located, crs, lang)
    points = _draw_places(ax, marks, crs)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("")
    ax.set_ylabel("")

    vague = not all(m.exact for m in marks)
    legend = _legend(ax, story, lang, flights, vague, points, canvas)
    _labels(ax, marks, points, routes, legend, canvas)

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    fig.clear()
    return out.getvalue()


def _heading(fig, canvas, text: str, width_in: float, **style):
    """A line of text above or below the map, wrapped to ``width_in``; the text and its height."""
    artist = fig.text(0, 0, _plain(text), transform=fig.dpi_scale_trans, va="top", **style)
    renderer = canvas.get_renderer()
    extent = artist.get_window_extent(renderer)
    if extent.width > width_in * fig.dpi:
        lines = math.ceil(extent.width / (width_in * fig.dpi * 0.97))
        width = math.ceil(len(text) / lines)
        while True:
            artist.set_text(_plain("\n".join(textwrap.wrap(text, width))))
            if artist.get_window_extent(renderer).width <= width_in * fig.dpi or width < 10:
                break
            width -= 2
    return artist, artist.get_window_extent(renderer).height / fig.dpi


def _marks(story: Story, located: dict[str, Location], lang: str) -> list[_Mark]:
    last: dict[str, Event] = {}
    for event in story.events:
        for place_id in event.places:
            last[place_id] = event
    marks = []
    for place in story.places:
        event = last.get(place.id)
        where = located[place.id]
        marks.append(
            _Mark(
                place_id=place.id,
                lon=where.lon,
                lat=where.lat,
                name=place.name.get(lang),
                kind=place.kind,
                colour=CATEGORY_COLOURS[event.category] if event else NO_EVENT,
                exact=event.date.is_exact_day if event else True,
            )
        )
    return marks


def _focus(marks: list[_Mark]) -> list[_Mark]:
    """The places the map zooms to: all but countries, unless there are only countries."""
    return [m for m in marks if m.kind != "country"] or marks


def _projection(marks: list[_Mark]) -> tuple[str, tuple[float, float, float, float]]:
    """A projection fitted to the focus places, and the lon/lat box safe to project into it."""
    focus = _focus(marks)
    lons = [m.lon for m in focus]
    lats = [m.lat for m in focus]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_0 = (west + east) / 2
    lat_0 = (south + north) / 2
    pad = max(north - south, 10) * (0.5 + MARGIN)
    clip_lons = (max(-180.0, lon_0 - 170), min(180.0, lon_0 + 170))
    if east - west <= 150 and (south - pad > 0 or north + pad < 0):
        span = north - south
        lat_1, lat_2 = south + span / 6, north - span / 6
        crs = f"+proj=lcc +lat_1={lat_1:.3f} +lat_2={lat_2:.3f} +lat_0={lat_0:.3f} +lon_0={lon_0:.3f} +datum=WGS84 +units=m +no_defs"
        band = (-10.0, 89.0) if lat_0 > 0 else (-89.0, 10.0)
    else:
        crs = (
            f"+proj=eqc +lat_ts={abs(lat_0):.3f} +lon_0={lon_0:.3f} +datum=WGS84 +units=m +no_defs"
        )
        band = (-89.0, 89.0)
    return crs, (clip_lons[0], band[0], clip_lons[1], band[1])


def _frame(marks: list[_Mark], crs: str) -> tuple[float, float, float, float]:
    """The focus places' projected bounds, at least MIN_EXTENT_M, plus margins, to a slide's shape."""
    points = gpd.GeoSeries([Point(m.lon, m.lat) for m in _focus(marks)], crs=CRS).to_crs(crs)
    x0, y0, x1, y1 = points.total_bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w = max(x1 - x0, MIN_EXTENT_M) * (1 + 2 * MARGIN)
    h = max(y1 - y0, MIN_EXTENT_M) * (1 + 2 * MARGIN)
    low, high = ASPECT
    if w / h > high:
        h = w / high
    elif w / h < low:
        w = h * low
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


@cache
def _world() -> gpd.GeoDataFrame:
    return gpd.read_file(COUNTRY_OUTLINES)


def _draw_countries(ax, crs: str, clip: tuple[float, float, float, float]) -> None:
    world = _world().clip(box(*clip))
    world = world[~world.geometry.is_empty].to_crs(crs)
    world.plot(ax=ax, facecolor=LAND, edgecolor=BORDER, linewidth=0.6, zorder=1)


def _draw_routes(ax, story: Story, located: dict[str, Location], crs: str, lang: str):
    """Each route as a great-circle line with an arrowhead.

    Returns whether any route is a flight, and each route's line (projected) and length label.
    """
    flights = False
    routes = []
    for event in story.events:
        if not event.route:
            continue
        line, km = route_line(event.route, located)
        projected: LineString = gpd.GeoSeries([line], crs=CRS).to_crs(crs).iloc[0]
        xs, ys = projected.xy
        colour = CATEGORY_COLOURS[event.category]
        flight = event.route.mode == "flight"
        flights |= flight
        ax.plot(xs, ys, color=colour, linewidth=2.2, linestyle=(0, (5, 3)) if flight else "-",
                solid_capstyle="round", alpha=0.9, zorder=3)  # fmt: skip
        back = max(0, len(xs) - 5)
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[back], ys[back]), zorder=3,
                    arrowprops={"arrowstyle": "-|>,head_length=1.1,head_width=0.55",
                                "color": colour, "linewidth": 0, "shrinkA": 0, "shrinkB": 6})  # fmt: skip
        routes.append((projected, colour, t("distance_km", lang, km=number(km, lang))))
    return flights, routes


def _draw_places(ax, marks: list[_Mark], crs: str) -> list[tuple[float, float]]:
    """One circle per place, countries under cities under sites; returns projected points."""
    projected = gpd.GeoSeries([Point(m.lon, m.lat) for m in marks], crs=CRS).to_crs(crs)
    points = [(p.x, p.y) for p in projected]
    layer = {"country": 4, "region": 5, "city": 6, "site": 7}
    for mark, (x, y) in zip(marks, points, strict=True):
        size = 95 if mark.kind == "country" else 70
        if mark.exact:
            ax.scatter([x], [y], s=size, color=mark.colour, edgecolors="white", linewidths=1.2,
                       zorder=layer[mark.kind])  # fmt: skip
        else:
            ax.scatter([x], [y], s=size, facecolors="white", edgecolors=mark.colour,
                       linewidths=2.0, linestyles=(0, (2, 1.2)), zorder=layer[mark.kind])  # fmt: skip
    return points


def _legend(ax, story: Story, lang: str, flights: bool, vague: bool, points, canvas):
    """Categories the story uses, the not-exact marker and the flight line, in the emptiest corner."""
    from matplotlib.lines import Line2D

    used = [c for c in CATEGORIES if any(e.category == c for e in story.events)]
    handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor=CATEGORY_COLOURS[c],
               markeredgecolor="white", label=t(f"category_{c}", lang))
        for c in used
    ]  # fmt: skip
    if vague:
        handles.append(
            Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor="white",
                   markeredgecolor=MUTED, markeredgewidth=1.6, label=t("precision_note", lang))
        )  # fmt: skip
    if flights:
        handles.append(
            Line2D([], [], color=MUTED, linewidth=2, linestyle=(0, (5, 3)),
                   label=t("route_mode_flight", lang).capitalize())
        )  # fmt: skip
    renderer = canvas.get_renderer()
    display = ax.transData.transform(points) if points else []
    best = None
    for loc in ("lower left", "lower right", "upper left", "upper right"):
        legend = ax.legend(handles=handles, loc=loc, title=t("legend", lang), fontsize=LEGEND_PT,
                           title_fontsize=LEGEND_PT + 0.5, frameon=True, framealpha=0.92,
                           edgecolor=BORDER, borderpad=0.7, handlelength=2.6)  # fmt: skip
        extent = legend.get_window_extent(renderer).padded(12)
        crowd = sum(1 for x, y in display if extent.contains(x, y))
        if best is None or crowd < best[0]:
            best = (crowd, loc)
        legend.remove()
    legend = ax.legend(handles=handles, loc=best[1], title=t("legend", lang), fontsize=LEGEND_PT,
                       title_fontsize=LEGEND_PT + 0.5, frameon=True, framealpha=0.92,
                       edgecolor=BORDER, borderpad=0.7, handlelength=2.6)  # fmt: skip
    legend.set_zorder(10)
    return legend


def _candidates() -> list[tuple[float, float, str, str]]:
    """Where a label may go around its point, nearest first: offset in points and the
    alignment that keeps the text on that side (right, left, above, below, diagonals...)."""
    angles = (0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5)  # fmt: skip
    found = []
    for radius in (7, 18, 30, 44):
        for angle in angles:
            dx, dy = radius * math.cos(math.radians(angle)), radius * math.sin(math.radians(angle))
            ha = "left" if dx > 2 else "right" if dx < -2 else "center"
            va = "bottom" if dy > 2 else "top" if dy < -2 else "center"
            found.append((dx, dy, ha, va))
    return found


_CANDIDATES = _candidates()


def _labels(ax, marks: list[_Mark], points, routes, legend, canvas) -> None:
    """Place names beside their points and route lengths beside their lines, kept off each
    other, the points, the routes and the legend. Greedy, most constrained label first;
    a label pushed away from its point gets a leader line."""
    from matplotlib import patheffects
    from matplotlib.transforms import Bbox

    renderer = canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    radius = 6 * ax.figure.dpi / 72
    display = ax.transData.transform(points)
    taken = [(legend.get_window_extent(renderer), 1.0)]
    taken += [
        (Bbox.from_extents(x - radius, y - radius, x + radius, y + radius), 1.0) for x, y in display
    ]
    taken += _line_boxes(ax, [line for line, _, _ in routes], radius / 2)
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    kind_order = {"city": 0, "site": 1, "region": 2, "country": 3}
    labels = []
    for group in _colocated(display, radius / 2):
        first = marks[group[0]]
        if not frame.contains(*display[group[0]]):
            continue
        name = " · ".join(dict.fromkeys(marks[i].name for i in group))
        country = first.kind == "country"
        text = ax.text(0, 0, _wrap(_plain(name)), fontsize=LABEL_PT,
                       color=MUTED if country else TEXT, style="italic" if country else "normal",
                       path_effects=halo, zorder=9, linespacing=1.1)  # fmt: skip
        anchors = [(points[group[0]], dx, dy, ha, va) for dx, dy, ha, va in _CANDIDATES]
        labels.append(_Label(text, anchors, leader=True, rank=kind_order[first.kind]))
    for line, colour, label in routes:
        text = ax.text(0, 0, label, fontsize=LABEL_PT - 0.5, color=colour, fontweight="bold",
                       path_effects=halo, zorder=9)  # fmt: skip
        anchors = [
            ((p.x, p.y), dx, dy, "center", va)
            for share in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
            for p in [line.interpolate(share, normalized=True)]
            for dx, dy, va in ((0, 5, "bottom"), (0, -5, "top"))
        ]
        labels.append(_Label(text, anchors, leader=False, rank=4))

    for label in labels:
        label.measure(ax, renderer, frame, display, radius)
    boxes = np.array([[b.x0, b.y0, b.x1, b.y1] for b, _ in taken])
    weights = np.array([w for _, w in taken])
    placed = np.empty((0, 4))
    pending = list(labels)
    while pending:
        costs = {id(label): label.costs(boxes, weights, placed) for label in pending}
        free = {id(label): costs[id(label)] == 0 for label in pending}
        # Place names before route lengths; among them, the one with fewest free anchors.
        label = min(pending, key=lambda item: (item.rank > 3, int(free[id(item)].sum()), item.rank))
        pending.remove(label)
        choice = label.choose(costs[id(label)], [(m, free[id(m)]) for m in pending])
        occupied = label.settle(choice, ax)
        placed = np.vstack([placed, occupied])
        boxes = np.vstack([boxes, occupied])
        weights = np.append(weights, np.ones(len(occupied)))


class _Label:
    """A text with the anchors it may take, their extents measured once."""

    def __init__(self, text, anchors, leader: bool, rank: int) -> None:
        self.text, self.anchors, self.leader, self.rank = text, anchors, leader, rank

    def _put(self, ax, xy, dx, dy, ha, va) -> None:
        from matplotlib.transforms import ScaledTranslation

        shift = ScaledTranslation(dx / 72, dy / 72, ax.figure.dpi_scale_trans)
        self.text.set_position(xy)
        self.text.set_transform(ax.transData + shift)
        self.text.set_ha(ha)
        self.text.set_va(va)

    def measure(self, ax, renderer, frame, markers: np.ndarray, radius: float) -> None:
        """Each anchor's extent, how much of it falls outside the map, and whether its
        leader line would run over another place's marker."""
        extents, penalty, leaders = [], [], []
        origin = ax.transData.transform(self.anchors[0][0])
        for anchor in self.anchors:
            self._put(ax, *anchor)
            extent = self.text.get_window_extent(renderer).padded(2)
            extents.append([extent.x0, extent.y0, extent.x1, extent.y1])
            cost = 4 * (extent.width * extent.height - _overlap(extent, frame))
            leader = []
            if self._has_leader(anchor):
                end = origin + np.array(anchor[1:3]) * ax.figure.dpi / 72
                cost += 4000 * _crossings(origin, end, markers, radius)
                leader = _leader_boxes(origin, end)
            penalty.append(cost)
            leaders.append(leader)
        self.extents = np.array(extents)
        self.penalty = np.array(penalty)
        self.leaders = leaders
        self.ring = np.array([_ring(anchor[1], anchor[2]) for anchor in self.anchors])

    def _has_leader(self, anchor) -> bool:
        return self.leader and (abs(anchor[1]) > 10 or abs(anchor[2]) > 10)

    def costs(self, boxes: np.ndarray, weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Weighted overlap with everything already on the map, per anchor (0 = free); a
        leader line must not cross another label."""
        costs = _overlaps(self.extents, boxes, weights) + self.penalty
        if len(labels):
            for index, leader in enumerate(self.leaders):
                if len(leader):
                    costs[index] += (
                        50 * _overlaps(np.array(leader), labels, np.ones(len(labels))).sum()
                    )
        return costs

    def choose(self, costs: np.ndarray, others) -> int:
        """The nearest free anchor that pushes the other labels least far from their points
        (else the least bad anchor)."""
        if not (costs == 0).any():
            return int(np.argmin(costs))
        best, best_score = 0, None
        for index in np.flatnonzero(costs == 0):
            score = float(self.ring[index])
            box = self.extents[index : index + 1]
            for other, free in others:
                if free.any():
                    still = free.copy()
                    still[free] = _overlaps(other.extents[free], box, np.ones(1)) == 0
                    before = other.ring[free].min()
                    after = other.ring[still].min() if still.any() else other.ring.max() + 2
                    score += after - before
            if best_score is None or score < best_score:
                best, best_score = int(index), score
        return best

    def settle(self, index: int, ax) -> list[list[float]]:
        """Put the text at anchor ``index``; the boxes it now occupies (text, leader line)."""
        anchor = self.anchors[index]
        self._put(ax, *anchor)
        occupied = [list(self.extents[index])]
        if self._has_leader(anchor):
            xy, dx, dy = anchor[:3]
            ax.annotate("", xy=xy, xytext=(dx, dy), textcoords="offset points", zorder=8,
                        arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.7,
                                    "shrinkA": 0, "shrinkB": 4})  # fmt: skip
            occupied += self.leaders[index]
        return occupied


def _leader_boxes(start: np.ndarray, end: np.ndarray) -> list[list[float]]:
    """Small boxes along a leader line, from just off its point to the label."""
    points = [start + (end - start) * share for share in np.linspace(0.25, 0.95, 8)]
    return [[x - 2, y - 2, x + 2, y + 2] for x, y in points]


def _ring(dx: float, dy: float) -> int:
    return round(math.hypot(dx, dy)) // 12


def _overlaps(extents: np.ndarray, boxes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """For each extent, the weighted sum of its overlap areas with ``boxes``."""
    e = extents[:, None, :]
    w = np.minimum(e[..., 2], boxes[None, :, 2]) - np.maximum(e[..., 0], boxes[None, :, 0])
    h = np.minimum(e[..., 3], boxes[None, :, 3]) - np.maximum(e[..., 1], boxes[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None) * weights[None, :]).sum(axis=1)


def _crossings(start: np.ndarray, end: np.ndarray, markers: np.ndarray, radius: float) -> int:
    """How many markers (other than at ``start``) the segment start–end passes over."""
    segment = end - start
    length = float(np.hypot(*segment)) or 1.0
    rel = markers - start
    along = np.clip((rel @ segment) / length**2, 0, 1)
    nearest = start + along[:, None] * segment
    distance = np.hypot(*(markers - nearest).T)
    own = np.hypot(*rel.T) <= radius
    return int(((distance <= radius * 1.2) & ~own).sum())


def _line_boxes(ax, lines, half: float) -> list:
    """Small boxes along each line (display space) so labels keep off routes, above all
    their arrowheads."""
    from matplotlib.transforms import Bbox

    boxes = []
    for line in lines:
        xy = ax.transData.transform(list(line.coords))
        on_screen = LineString(xy)
        length = on_screen.length
        count = max(2, int(length / half))
        for i in range(count + 1):
            p = on_screen.interpolate(i / count, normalized=True)
            weight = 3.0 if i > count - 40 / half else 0.5
            boxes.append(
                (Bbox.from_extents(p.x - half, p.y - half, p.x + half, p.y + half), weight)
            )
    return boxes


def _colocated(display, within: float) -> list[list[int]]:
    """Places drawn on (almost) the same spot share one label."""
    groups: list[list[int]] = []
    for i in range(len(display)):
        for group in groups:
            gx, gy = display[group[0]]
            if abs(display[i][0] - gx) <= within and abs(display[i][1] - gy) <= within:
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _wrap(text: str) -> str:
    """Break a long name into lines of about even length, none longer than needed."""
    lines = math.ceil(len(text) / LABEL_WRAP)
    width = math.ceil(len(text) / lines)
    while len(wrapped := textwrap.wrap(text, width)) > lines:
        width += 1
    return "\n".join(wrapped)


def _plain(text: str) -> str:
    """Story text as matplotlib text: a '$' must not start mathtext."""
    return text.replace("$", r"\$")
