"""What the overview map shows, as plain numbers, before anything is drawn.

The story's places and routes (``marks``) moved into its longitude window
(``window``), the routes cut at the map's seam, the projection centred on the window
and the projected frame around them. Kept apart from the drawing so that where things
go (a route across the Pacific the short way, Guam inside the frame) can be tested
without reading pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storymap.export.picture.marks import Mark, RouteMark, focus, story_marks, story_routes
from storymap.export.picture.projection import (
    Frame,
    LonLat,
    Projection,
    fit_frame,
    fit_projection,
)
from storymap.export.picture.window import cut_at_seam, story_window
from storymap.geometry import shift_into
from storymap.located import LocatedStory


@dataclass(frozen=True)
class MapPlan:
    """The map's marks (longitudes in the window), its routes and each route's line in
    pieces (lon/lat, cut at the seam), the window, the projection and the frame."""

    marks: list[Mark]
    routes: list[RouteMark]
    pieces: list[list[list[LonLat]]]
    window: tuple[float, float]
    projection: Projection
    frame: Frame


def plan_map(located_story: LocatedStory, lang: str) -> MapPlan:
    """Where everything of the story goes on the overview map, names in ``lang``."""
    story, located = located_story.story, located_story.located
    marks = story_marks(story, located, lang)
    routes = story_routes(story, located)
    west, east = story_window([m.lon for m in focus(marks)],
                              [[lon for lon, _ in route.coords] for route in routes])  # fmt: skip
    centre = (west + east) / 2
    marks = [replace(m, lon=shift_into(m.lon, west)) for m in marks]
    pieces = [cut_at_seam(route.coords, west, centre) for route in routes]
    shown = [(m.lon, m.lat) for m in focus(marks)]
    shown += [c for route in pieces for piece in route for c in piece if west <= c[0] <= east]
    projection = fit_projection(shown, centre)
    frame = fit_frame(projection.project(shown))
    return MapPlan(marks, routes, pieces, (west, east), projection, frame)
