"""A located story as data files: GeoJSON (EPSG:4326, lon/lat) and CSV, returned as text.

Everything is built from ``storymap.geometry``'s GeoDataFrames, so the exported files say
exactly what the map draws. Dates are ISO ``YYYY-MM-DD`` strings: an event's ``start``
and ``end`` are the earliest and latest day its date may be, ``date`` is the story's
own notation ("2025-10-early", "2025~") and ``precision`` says how exact it is. An undated
event has an empty ``date``, ``start`` and ``end`` and the precision ``undated``.

Two rules keep the files safe to open: numbers are finite (JSON has no ``Infinity``,
so a non-finite number is an error, not a broken file), and a CSV text cell that a
spreadsheet would run as a formula is written as text (OWASP's advice).
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

from storymap.errors import StorymapError
from storymap.geocoding import Location
from storymap.geometry import events_frame, places_frame
from storymap.located import LocatedStory
from storymap.model import Story

PLACE_CSV_COLUMNS = ["id", "name_id", "name_en", "kind", "country", "lat", "lon", "layer", "precision_km", "location_note"]  # fmt: skip
EVENT_COLUMNS = ["order", "id", "date", "start", "end", "precision", "approximate", "category",
                 "title_id", "title_en", "places", "route_mode", "route_km", "sources",
                 "summary_id", "summary_en", "date_note_id", "date_note_en",
                 "route_origin", "route_via", "route_destination"]  # fmt: skip
# Text columns written once per story language: name_id, name_en -> name_es, name_en...
LANGUAGE_STEMS = ("name", "title", "summary", "date_note")
# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class NotFinite(StorymapError, ValueError):
    """A number that GeoJSON and CSV cannot hold (infinity, not-a-number)."""


def _in_languages(columns: list[str], story: Story) -> list[str]:
    """The columns with name_id/name_en (title_...) as one column per story language."""
    out: list[str] = []
    for column in columns:
        stem = column.removesuffix("_id").removesuffix("_en")
        if stem in LANGUAGE_STEMS and column != stem:
            out += [c for c in (f"{stem}_{lang}" for lang in story.languages) if c not in out]
        else:
            out.append(column)
    return out


def places_geojson(located_story: LocatedStory) -> str:
    """A FeatureCollection with one Point per place."""
    _check_finite(located_story, ("lat", "lon", "precision_km"))
    return _json(places_frame(located_story.story, located_story.located), "places")


def events_geojson(located_story: LocatedStory) -> str:
    """A FeatureCollection with one feature per event in story order (route line or place points)."""
    _check_finite(located_story, ("lat", "lon"))
    return _json(_events(located_story.story, located_story.located), "events")


def places_csv(located_story: LocatedStory) -> str:
    _check_finite(located_story, ("lat", "lon", "precision_km"))
    frame = places_frame(located_story.story, located_story.located)
    frame["lat"] = frame.geometry.y
    frame["lon"] = frame.geometry.x
    return _csv(frame[_in_languages(PLACE_CSV_COLUMNS, located_story.story)])


def events_csv(located_story: LocatedStory) -> str:
    _check_finite(located_story, ("lat", "lon"))
    story = located_story.story
    return _csv(_events(story, located_story.located)[_in_languages(EVENT_COLUMNS, story)])


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'`` so it shows
    as the text it is (OWASP, "CSV Injection"); anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(frame: pd.DataFrame) -> str:
    """The frame as CSV (RFC 4180: CRLF line ends, so a field holding a line break of
    either kind is quoted), its text columns made spreadsheet-safe; numbers stay
    numbers (a longitude of -99.3 is not a formula)."""
    frame = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(spreadsheet_safe)
    return frame.to_csv(index=False, lineterminator="\r\n")


def _json(frame: gpd.GeoDataFrame, what: str) -> str:
    """GeoJSON text; missing values are null, and any other non-finite number is an error."""
    try:
        return frame.to_json(drop_id=True, allow_nan=False)
    except ValueError as error:
        raise NotFinite(f"cannot write the {what} as GeoJSON: {error}") from error


def _check_finite(located_story: LocatedStory, fields: tuple[str, ...]) -> None:
    """Refuse a place whose location has a non-finite number, naming the place and field."""
    for place in located_story.story.places:
        where = located_story.located[place.id]
        for field in fields:
            value = getattr(where, field)
            if not math.isfinite(value):
                raise NotFinite(
                    f"place '{place.id}': {field} is {value}, not a finite number; "
                    f"fix the story file (or the geocoder's answer) before exporting"
                )


def _events(story: Story, located: dict[str, Location]) -> gpd.GeoDataFrame:
    """``events_frame`` with ISO date strings, route lengths to 0.1 km, and what a
    spreadsheet needs to give the events back (``storymap import --from csv``): each
    language's summary and date note, and each route's first and last stop."""
    frame = events_frame(story, located)
    for lang in story.languages:
        frame[f"summary_{lang}"] = [event.summary.get(lang) for event in story.events]
        frame[f"date_note_{lang}"] = [
            event.date_note.get(lang) if event.date_note else None for event in story.events
        ]
    frame["route_origin"] = [e.route.origin if e.route else None for e in story.events]
    frame["route_destination"] = [e.route.destination if e.route else None for e in story.events]
    for column in ("start", "end"):
        frame[column] = frame[column].map(lambda day: day.isoformat() if day else None)
    frame["route_km"] = frame["route_km"].astype(float).round(1)
    return frame
