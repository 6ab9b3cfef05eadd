"""A located story as data files: GeoJSON (EPSG:4326, lon/lat) and CSV, returned as text.

Everything is built from ``storymap.geometry``'s GeoDataFrames, so the exported files say
exactly what the map draws. Dates are ISO ``YYYY-MM-DD`` strings: an event's ``start``
and ``end`` are the earliest and latest day its date may be, ``date`` is the story's
own notation ("2025-10-early", "2025~") and ``precision`` says how exact it is.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd

from storymap.geocoding import Location
from storymap.geometry import events_frame, places_frame
from storymap.located import LocatedStory
from storymap.model import Story

PLACE_CSV_COLUMNS = ["id", "name_id", "name_en", "kind", "country", "lat", "lon", "layer", "precision_km", "location_note"]  # fmt: skip
EVENT_COLUMNS = ["order", "id", "date", "start", "end", "precision", "approximate", "category",
                 "title_id", "title_en", "places", "route_mode", "route_km", "sources"]  # fmt: skip


def _in_languages(columns: list[str], story: Story) -> list[str]:
    """The columns with name_id/name_en (title_...) as one column per story language."""
    out: list[str] = []
    for column in columns:
        stem = column.removesuffix("_id").removesuffix("_en")
        if stem in ("name", "title") and column != stem:
            out += [c for c in (f"{stem}_{lang}" for lang in story.languages) if c not in out]
        else:
            out.append(column)
    return out


def places_geojson(located_story: LocatedStory) -> str:
    """A FeatureCollection with one Point per place."""
    return places_frame(located_story.story, located_story.located).to_json(drop_id=True)


def events_geojson(located_story: LocatedStory) -> str:
    """A FeatureCollection with one feature per event in story order (route line or place points)."""
    return _events(located_story.story, located_story.located).to_json(drop_id=True)


def places_csv(located_story: LocatedStory) -> str:
    frame = places_frame(located_story.story, located_story.located)
    frame["lat"] = frame.geometry.y
    frame["lon"] = frame.geometry.x
    return frame[_in_languages(PLACE_CSV_COLUMNS, located_story.story)].to_csv(index=False)


def events_csv(located_story: LocatedStory) -> str:
    story = located_story.story
    return _events(story, located_story.located)[_in_languages(EVENT_COLUMNS, story)].to_csv(
        index=False
    )


def _events(story: Story, located: dict[str, Location]) -> gpd.GeoDataFrame:
    """``events_frame`` with ISO date strings and route lengths to 0.1 km."""
    frame = events_frame(story, located)
    for column in ("start", "end"):
        frame[column] = frame[column].map(date.isoformat)
    frame["route_km"] = frame["route_km"].astype(float).round(1)
    return frame
