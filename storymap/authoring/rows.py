"""The editing tables' rows, and the edits made in them turned back into story data.

A table shows one row per event (or place) with the fields worth seeing side by side:
the date and how it reads in every story language, the places, the title in each
language, what is missing. Each row remembers the item it came from
(``_item``); the rows as the author left them (edited, added, removed: see
``lists.apply_delta``) are written back over those items, so every field the table does
not show (sources, quotes, media…) is kept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from storymap.authoring.order import default_event, default_place, reordered
from storymap.authoring.paths import FieldPath, put_at
from storymap.authoring.texts import missing_summary
from storymap.dates import DateParseError, PartialDate

EVENT_TEXTS = ("title",)
PLACE_TEXTS = ("name",)
COORDINATE_COLUMNS = ("lat", "lon", "precision_km", "source")
ITEM = "_item"  # the column that remembers which item a row shows
TYPED_SOURCE = "entered on the author page"
TYPED_PRECISION_KM = 1.0


def reads_as(value: Any, languages: list[str]) -> str:
    """How a date reads in each language ("awal Oktober 2025 / early October 2025"), or why not."""
    if value is None or value == "":
        return ""
    try:
        date = PartialDate.parse(value)
    except DateParseError as exc:
        return f"⚠ {exc}"
    return " / ".join(dict.fromkeys(date.format(lang) for lang in languages))


def _items(data: dict[str, Any], field: str) -> list[Any]:
    items = data.get(field)
    return items if isinstance(items, list) else []


def _text(item: dict[str, Any], field: str, lang: str) -> str | None:
    value = item.get(field)
    if isinstance(value, dict):
        text = value.get(lang)
        return text if isinstance(text, str) else None
    return value if isinstance(value, str) else None


def event_rows(data: dict[str, Any], languages: list[str], rows: range) -> list[dict[str, Any]]:
    """The events table's rows ``rows`` (a page of the events)."""
    events = _items(data, "events")
    result = []
    for index in rows:
        event = events[index] if isinstance(events[index], dict) else {}
        places = event.get("places")
        row: dict[str, Any] = {
            ITEM: index,
            "id": _plain(event.get("id")),
            "date": _plain(event.get("date")),
            "reads_as": reads_as(event.get("date"), languages),
            "category": _plain(event.get("category")),
            "places": [str(p) for p in places] if isinstance(places, list) else [],
        }
        for lang in languages:
            row[f"title.{lang}"] = _text(event, "title", lang)
        row["missing"] = missing_summary(event, languages)
        result.append(row)
    return result


def place_rows(
    data: dict[str, Any], languages: list[str], rows: range, found: dict[int, tuple[str, str]]
) -> list[dict[str, Any]]:
    """The places table's rows; ``found[index]`` is (where it was located, what is wrong)."""
    places = _items(data, "places")
    result = []
    for index in rows:
        place = places[index] if isinstance(places[index], dict) else {}
        row: dict[str, Any] = {ITEM: index, "id": _plain(place.get("id"))}
        for lang in languages:
            row[f"name.{lang}"] = _text(place, "name", lang)
        coordinates = place.get("coordinates")
        coordinates = coordinates if isinstance(coordinates, dict) else {}
        row |= {
            "kind": _plain(place.get("kind")),
            "country": _plain(place.get("country")),
            "lat": _number(coordinates.get("lat")),
            "lon": _number(coordinates.get("lon")),
            "precision_km": _number(coordinates.get("precision_km")),
            "source": _plain(coordinates.get("source")),
        }
        located, problem = found.get(index, ("", ""))
        row["located"] = located
        row["check"] = "; ".join(p for p in (problem, missing_summary(place, languages)) if p)
        result.append(row)
    return result


def _plain(value: Any) -> str | None:
    """A cell's text: ids, dates and codes as the file has them (a bare year 1948 as '1948')."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def cell(value: Any) -> Any:
    """A value from the table as story data: blanks and NaN are None, numbers plain floats."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, list | str):  # numpy scalars
        value = value.item()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return value


def events_from_rows(
    data: dict[str, Any], rows: list[dict[str, Any]], page: range
) -> dict[str, Any]:
    """``data`` with the events of ``page`` replaced by the table's ``rows``: rows may have
    been edited, added (no ``_item``) or removed; fields the table does not show are kept."""

    def write(result: dict[str, Any], event: dict[str, Any], row: dict[str, Any]) -> None:
        for column, raw in row.items():
            path = _event_path(column)
            if path is not None and (raw is not None or _has(event, path)):
                put_at(event, path, cell(raw))

    return _from_rows(data, "events", rows, page, default_event, write)


def _from_rows(
    data: dict[str, Any],
    field: str,
    rows: list[dict[str, Any]],
    page: range,
    default: Callable[[dict[str, Any], int], dict[str, Any]],
    write: Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], None],
) -> dict[str, Any]:
    """The items of ``page`` rebuilt from ``rows``: each row over the item it came from (a
    new one from ``default`` for an added row), in the rows' order; the others as they were."""
    items = _items(data, field)
    order = [*range(page.start), *(_source(row, len(items)) for row in rows),
             *range(page.stop, len(items))]  # fmt: skip
    result = reordered(data, field, order)
    for offset, row in enumerate(rows):
        position = page.start + offset
        item = result[field][position]
        if not isinstance(item, dict):
            item = result[field][position] = default(result, position)
        write(result, item, row)
    return result


def _source(row: dict[str, Any], count: int) -> int | None:
    index = row.get(ITEM)
    return index if isinstance(index, int) and 0 <= index < count else None


def _has(item: dict[str, Any], path: FieldPath) -> bool:
    current: Any = item
    for part in path:
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True


def _event_path(column: str) -> FieldPath | None:
    if column in ("id", "date", "category", "places"):
        return (column,)
    field, _, lang = column.partition(".")
    return (field, lang) if field in EVENT_TEXTS and lang else None


def places_from_rows(
    data: dict[str, Any], rows: list[dict[str, Any]], page: range
) -> dict[str, Any]:
    """``data`` with the places of ``page`` replaced by the table's ``rows``; a place whose id
    changed is renamed in every event that names it."""

    def write(result: dict[str, Any], place: dict[str, Any], row: dict[str, Any]) -> None:
        for column, raw in row.items():
            _set_place_column(result, place, column, cell(raw))
        if any(column in row for column in COORDINATE_COLUMNS):
            _set_coordinates(place, {c: cell(row.get(c)) for c in COORDINATE_COLUMNS})

    return _from_rows(data, "places", rows, page, lambda result, _: default_place(result), write)


def _set_place_column(data: dict[str, Any], place: dict[str, Any], column: str, value: Any) -> None:
    if column == "id":
        if value != place.get("id"):
            rename_place(data, place.get("id"), value)
            _put(place, "id", value)
    elif column in ("kind", "country"):
        _put(
            place,
            column,
            value.upper() if column == "country" and isinstance(value, str) else value,
        )
    elif column.partition(".")[0] in PLACE_TEXTS and column.partition(".")[2]:
        field, _, lang = column.partition(".")
        text = place.get(field) if isinstance(place.get(field), dict) else {}
        _put(text, lang, value)
        _put(place, field, text or None)


def _put(mapping: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value


def _set_coordinates(place: dict[str, Any], given: dict[str, Any]) -> None:
    """The coordinates as the table shows them. Typed coordinates get a 1 km precision and a
    source to check when none is given; clearing lat and lon locates the place by name."""
    current = place.get("coordinates")
    coordinates = dict(current) if isinstance(current, dict) else {}
    for name, value in given.items():
        _put(coordinates, name, value)
    if coordinates.get("lat") is None and coordinates.get("lon") is None:
        if coordinates.get("source") in (TYPED_SOURCE, None):
            coordinates = {}
    else:
        coordinates.setdefault("precision_km", TYPED_PRECISION_KM)
        coordinates.setdefault("source", TYPED_SOURCE)
    _put(place, "coordinates", coordinates or None)


def rename_place(data: dict[str, Any], old: Any, new: Any) -> None:
    """Follow a place's new id in every event (places and route stops), if no place has it."""
    if not isinstance(old, str) or not isinstance(new, str) or old == new:
        return
    if any(isinstance(p, dict) and p.get("id") == new for p in _items(data, "places")):
        return
    for event in _items(data, "events"):
        if not isinstance(event, dict):
            continue
        if isinstance(event.get("places"), list):
            event["places"] = [new if p == old else p for p in event["places"]]
        route = event.get("route")
        if isinstance(route, dict):
            for stop in ("origin", "destination"):
                if route.get(stop) == old:
                    route[stop] = new
            if isinstance(route.get("via"), list):
                route["via"] = [new if p == old else p for p in route["via"]]
