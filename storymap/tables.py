"""The story as tables for the data page: how each place was located, each event dated.

Plain pandas frames with one row per place or event, every value a reader sees in the
reader's language (precision, category, kind of place, geocoding layer), plus the
filter the data page offers (category, place, date range). The ids the filter works on
(``category``, ``place_ids``) are columns of their own, which the page does not show.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

from storymap.dates import PartialDate
from storymap.geocoding import Location
from storymap.i18n import strings, t
from storymap.model import Story
from storymap.steps import event_date_text
from storymap.style import category_styles


def events_table(story: Story, lang: str) -> pd.DataFrame:
    """One row per event in story order; dates as plain ``date`` (1948 is fine)."""
    names = category_styles(story)
    rows = [
        {
            "order": order + 1,
            "id": event.id,
            "date": event_date_text(event, lang),
            "start": event.date.earliest if event.date else None,
            "end": event.date.latest if event.date else None,
            "precision": precision_words(event.date, lang),
            "category": event.category,
            "category_name": names[event.category].name.get(lang),
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
            "kind": t(f"kind_{place.kind}", lang),
            "country": place.country,
            "lat": round(located[place.id].lat, 5),
            "lon": round(located[place.id].lon, 5),
            "layer": _words("layer", located[place.id].layer, lang),
            "precision_km": located[place.id].precision_km,
            "note": place.note.get(lang) if place.note else _layer_note(located[place.id], lang),
        }
        for place in story.places
    ]
    return pd.DataFrame(rows)


def precision_words(value: PartialDate | None, lang: str) -> str:
    """How precise a date is, in words: "day", "month, approximate", "undated"."""
    if value is None:
        return t("precision_undated", lang)
    words = t(f"precision_{value.precision}", lang)
    return t("precision_approximate", lang, precision=words) if value.approximate else words


def _words(prefix: str, value: str, lang: str) -> str:
    """The interface's words for a value (``layer_gazetteer``), or the value itself when
    the interface has none (a layer added later)."""
    key = f"{prefix}_{value}"
    return t(key, lang) if key in strings() else value


def _layer_note(location: Location, lang: str) -> str:
    """The geocoder's note; the country layer's, which is always the same, in words."""
    return t("note_countries", lang) if location.layer == "countries" else location.note


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
