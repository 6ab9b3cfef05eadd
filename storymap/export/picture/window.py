"""Which longitudes the overview picture shows, and where it cuts the round world.

A flat map has to cut the globe somewhere along a meridian, its seam. Put the seam
in the wrong place and a story across the Pacific is drawn as lines right across the
picture. So the picture's longitude window is the rest of the widest band of
longitudes with nothing in it, no place and no part of a route (``story_window``). A
story across the Pacific is then centred on the Pacific, the window runs past 180°
(``geometry.lon_window``'s convention: east may be above 180), and every place and
route is moved into it by whole turns of 360° (``geometry.shift_into``).

The empty band must be wider than the margins the frame adds around the window
(``MIN_EMPTY``), or the seam would fall inside the picture, beside a place. A voyage
round the world leaves no such band: every meridian is crossed by a route, so any
seam cuts a line. Then the seam goes into the widest gap between places, as in the
reader (``lon_window`` of the places): it keeps every place as far from the picture's
edges as can be, and the line it cuts crosses the most open space. For Magellan and
Elcano that is the Indian Ocean between the Cape of Good Hope and the Philippines
(105°; the Pacific gap is 76°): the picture is centred on the Pacific and the
Americas, and only the Victoria's crossing of the Indian Ocean leaves the picture on
one side and comes back on the other. Route lines are split at the seam
(``cut_at_seam``), never drawn across the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from shapely.geometry import LineString

from storymap.export.picture.projection import MARGIN, LonLat
from storymap.geometry import lon_window, shift_into, split_at_antimeridian

Arc = tuple[float, float]  # (west, east) in degrees, east >= west, west in [-180, 180)
# The narrowest empty band the seam may go in: the frame's margins (MARGIN of the window
# on either side) must fit in it: gap >= 2 * MARGIN * (360 - gap).
MIN_EMPTY = 720 * MARGIN / (1 + 2 * MARGIN)
SEAM = 180 - 1e-4  # the ends of a cut line, just inside the seam (PROJ gets lon_0 to 1e-6)


def story_window(places: Sequence[float], lines: Sequence[Sequence[float]]) -> tuple[float, float]:
    """West and east edges (east may be above 180) of the band of longitudes to show:
    every place longitude and every route line (continuous longitudes) inside it."""
    if not places:
        raise ValueError("story_window needs at least one place")
    arcs = sorted([_arc(lon, lon) for lon in places] + [
        _arc(a, b) for lons in lines for a, b in pairwise(lons)
    ])  # fmt: skip
    gap = _widest_gap(arcs)
    if gap is None or gap[1] - gap[0] < MIN_EMPTY:  # routes round the whole world
        return lon_window(places)
    start, end = gap  # the empty band; the window is the rest of the circle
    west = _normal(end)
    return west, west + 360 - (end - start)


def cut_at_seam(coords: Sequence[LonLat], west: float, centre: float) -> list[list[LonLat]]:
    """A continuous route line moved by whole turns so that it starts in the window from
    ``west``, in pieces within ``centre`` ± 180° (split where it crosses the seam)."""
    turn = shift_into(coords[0][0], west) - coords[0][0]
    relative = LineString([(lon + turn - centre, lat) for lon, lat in coords])
    split = split_at_antimeridian(relative)
    parts = getattr(split, "geoms", [split])
    # a point on the seam itself could be projected on either side of the picture
    return [
        [(min(max(lon, -SEAM), SEAM) + centre, lat) for lon, lat in part.coords] for part in parts
    ]


def _arc(a: float, b: float) -> Arc:
    low, high = min(a, b), max(a, b)
    west = _normal(low)
    return west, west + (high - low)


def _normal(lon: float) -> float:
    """``lon`` by whole turns into [-180, 180)."""
    return (lon + 180) % 360 - 180


def _widest_gap(arcs: list[Arc]) -> Arc | None:
    """The widest band not covered by any arc (sorted by west edge), or None if they
    cover the whole circle. The band across ±180° wins a tie, as in ``lon_window``."""
    reach = arcs[0][1]
    gaps = []
    for west, east in arcs[1:]:
        if west > reach:
            gaps.append((reach, west))
        reach = max(reach, east)
    best = (reach, arcs[0][0] + 360) if arcs[0][0] + 360 > reach else None
    for start, end in gaps:
        if best is None or end - start > best[1] - best[0]:
            best = (start, end)
    return best
