"""The story as tables for the data page: how each place was located, each event dated.

Plain pandas frames with one row per place or event, in the reader's language, plus
the filter the data page offers (category, place, date range).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

from storymap.geocoding import Location
from storymap.i18n import t
from storymap.model import Story
from storymap.steps import event_date_text


def events_table(story: Story, lang: str) -> pd.DataFrame:
    """One row per event in story order; dates as plain ``date`` (1948 is fine)."""
    rows = [
        {
            "order": order + 1,
            "id": event.id,
            "date": event_date_text(event, lang),
            "start": event.date.earliest if event.date else None,
            "end": event.date.latest if event.date else None,
            "precision": event.date.precision_label if event.date else "undated",
            "category": event.category,
            "title": event.title.get(lang),
            "places": ", ".join(story.place(p).name.get(lang) for p in event.places),
            "place_ids": tuple(event.places),
            "sources": "; ".join(s.outlet_in(lang) for s in event.sources),
            "fact_check": t(f"verdict_{event.fact_check.verdict}", lang)
            if event.fact_check
            else "",
        }
        for order, event in enumerate(story.events)
    ]
    return pd.DataFrame(rows)


def places_table(story: Story, located: dict[str, Location], lang: str) -> pd.DataFrame:
    """One row per place with where it is and which geocoding layer said so."""
    rows = [
        {
            "id": place.id,
            "name": place.name.get(lang),
            "kind": place.kind,
            "country": place.country,
            "lat": round(located[place.id].lat, 5),
            "lon": round(located[place.id].lon, 5),
            "layer": located[place.id].layer,
            "precision_km": located[place.id].precision_km,
            "note": located[place.id].note,
        }
        for place in story.places
    ]
    return pd.DataFrame(rows)


def filter_events(
    table: pd.DataFrame,
    categories: Collection[str] = (),
    place_ids: Collection[str] = (),
    between: tuple[date, date] | None = None,
) -> pd.DataFrame:
    """Events in any of the categories, at any of the places, that may fall in the range.

    An empty selection means no filter. A vague date is kept when its span overlaps the
    range, so "2025" stays visible when the range is April 2025. An undated event is kept
    while the range holds every dated event (the filter is not narrowed), and hidden once
    it is: it cannot be said to fall in a narrower range.
    """
    keep = pd.Series(True, index=table.index)
    if categories:
        keep &= table["category"].isin(list(categories))
    if place_ids:
        wanted = set(place_ids)
        keep &= table["place_ids"].map(lambda ids: bool(wanted.intersection(ids)))
    if between is not None:
        low, high = between
        dated = table["start"].notna()
        overlaps = pd.Series(_whole_range(table[dated], low, high), index=table.index)
        spans = table[dated]
        overlaps[dated] = (spans["end"] >= low) & (spans["start"] <= high)
        keep &= overlaps
    return table[keep]


def filter_days(table: pd.DataFrame) -> list[date]:
    """Every first and last day of the dated events, in order: the date filter's options."""
    dated = table[table["start"].notna()]
    return sorted(set(dated["start"]) | set(dated["end"]))


def _whole_range(dated: pd.DataFrame, low: date, high: date) -> bool:
    """The range holds every dated event's span (or there are none)."""
    return dated.empty or (low <= min(dated["start"]) and high >= max(dated["end"]))
