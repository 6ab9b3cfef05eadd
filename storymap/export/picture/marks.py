"""What the overview picture shows, as plain values: one mark per place, one line per route.

Read from the story once, so the drawing code deals with names, colours and
coordinates, and the rules (which colour, which places share a label, which label
matters most) can be tested without drawing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storymap.geocoding import Location
from storymap.geocoding.outlines import place_outline
from storymap.geometry import route_line
from storymap.model import Event, Story
from storymap.style import category_styles

NO_EVENT = "#777777"
KIND_ORDER = {"city": 0, "site": 1, "region": 2, "country": 3}  # which name leads a label


@dataclass(frozen=True)
class Mark:
    """One place as drawn: where, its name, the colour of its last event, whether that
    event's date is an exact day, how many events name it, and whether it is the only
    place of some event."""

    place_id: str
    lon: float
    lat: float
    name: str
    kind: str
    colour: str
    exact: bool
    events: int
    alone: bool = False


@dataclass(frozen=True)
class RouteMark:
    """One route as drawn: its great-circle line through every stop (lon, lat, longitudes
    continuous: it may run past ±180°), its category's colour, its mode (``ROUTE_STYLES``)
    and its geodesic length."""

    coords: tuple[tuple[float, float], ...]
    colour: str
    mode: str
    km: float


def story_marks(story: Story, located: dict[str, Location], lang: str) -> list[Mark]:
    """Every place of the story, in story order, coloured by the last event there
    (``category_styles``: the story's own colours) and named in ``lang``."""
    colours = _colours(story)
    last: dict[str, Event] = {}
    count: dict[str, int] = {}
    alone = {event.places[0] for event in story.events if len(event.places) == 1}
    for event in story.events:
        for place_id in event.places:
            last[place_id] = event
            count[place_id] = count.get(place_id, 0) + 1
    marks = []
    for place in story.places:
        event = last.get(place.id)
        where = located[place.id]
        marks.append(
            Mark(
                place_id=place.id,
                lon=where.lon,
                lat=where.lat,
                name=place.name.get(lang),
                kind=place.kind,
                colour=colours[event.category] if event else NO_EVENT,
                exact=event.date is not None and event.date.is_exact if event else True,
                events=count.get(place.id, 0),
                alone=place.id in alone,
            )
        )
    return marks


def story_areas(story: Story, located: dict[str, Location]) -> list[tuple[dict, str]]:
    """The places drawn as their outlines (``storymap.geocoding.outlines``), each in the
    colour of its last event."""
    colours = _colours(story)
    last: dict[str, str] = {}
    for event in story.events:
        for place_id in event.places:
            last[place_id] = colours[event.category]
    areas = []
    for place in story.places:
        outline = place_outline(place, located[place.id])
        if outline is not None:
            areas.append((outline, last.get(place.id, NO_EVENT)))
    return areas


def story_routes(story: Story, located: dict[str, Location]) -> list[RouteMark]:
    """Every event's route through its waypoints, in story order."""
    colours = _colours(story)
    routes = []
    for event in story.events:
        if event.route:
            line, km = route_line(event.route, located)
            routes.append(
                RouteMark(
                    coords=tuple((float(x), float(y)) for x, y in line.coords),
                    colour=colours[event.category],
                    mode=event.route.mode,
                    km=km,
                )
            )
    return routes


def _colours(story: Story) -> dict[str, str]:
    return {category: style.colour for category, style in category_styles(story).items()}


def focus(marks: Sequence[Mark]) -> list[Mark]:
    """The places the map zooms to: all but countries (a country's marker, at its middle,
    would pull the map out to the whole world), except a country where an event happened
    with no other place (the tsunami reaching Somalia), or when there are only countries."""
    return [m for m in marks if m.kind != "country" or m.alone] or list(marks)


def colocated(points: Sequence[tuple[float, float]], within: float) -> list[list[int]]:
    """Points drawn on (almost) the same spot share one label: each group is led by its
    first point and holds the later points within ``within`` of it in x and y."""
    groups: list[list[int]] = []
    cells: dict[tuple[int, int], list[int]] = {}  # grid cell -> groups led from it
    size = max(within, 1e-9)
    for i, (x, y) in enumerate(points):
        cx, cy = int(x // size), int(y // size)
        found = None
        for key in ((cx + a, cy + b) for a in (-1, 0, 1) for b in (-1, 0, 1)):
            for g in cells.get(key, ()):
                gx, gy = points[groups[g][0]]
                if abs(x - gx) <= within and abs(y - gy) <= within and (found is None or g < found):
                    found = g
        if found is None:
            cells.setdefault((cx, cy), []).append(len(groups))
            groups.append([i])
        else:
            groups[found].append(i)
    return groups


def label_priority(group: Sequence[Mark]) -> float:
    """How much a place's label matters: the events that name its places, then a city
    before a site, a region and a country."""
    return sum(m.events for m in group) + (3 - KIND_ORDER[group[0].kind]) / 4
