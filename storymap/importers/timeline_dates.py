"""A timeline event's date, and the order a timeline's events are read in.

An event's date is read from its ``start_date``/``end_date`` parts. storymap's own
TimelineJS export also writes the date in the story notation (``storymap.date``): it is
used, exactly, while it still says the same as the parts (an author who changed the
parts in TimelineJS changed the date). ``display_date`` is kept as the date note, unless
it is the words storymap's export wrote for its own date.

Events keep the file's order when it is a story order (none certainly before the one
above it); otherwise they are put in date order, as TimelineJS shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storymap.dates import DateParseError, PartialDate
from storymap.importers.html_text import plain_text
from storymap.importers.source_dates import DateReading, read_timeline_date, timeline_sort_key


@dataclass(frozen=True)
class TimelineDate:
    reading: DateReading
    display: str = ""  # the display date to keep as the date note


def event_date(event: dict[str, Any]) -> TimelineDate:
    """The event's date (see the module's docstring)."""
    from_parts = read_timeline_date(event.get("start_date"), event.get("end_date"))
    display = plain_text(event.get("display_date")).text
    extension = event.get("storymap") if isinstance(event.get("storymap"), dict) else {}
    exact = _exact(extension.get("date"), from_parts)
    if exact is not None:
        return TimelineDate(DateReading(str(exact)))
    return TimelineDate(from_parts, display)


def _exact(value: Any, from_parts: DateReading) -> PartialDate | None:
    """storymap's own date, if it agrees with the parts (same ends to the minute)."""
    if not isinstance(value, str) or from_parts.value is None:
        return None
    try:
        exact, parts = PartialDate.parse(value), PartialDate.parse(from_parts.value)
    except DateParseError:
        return None
    plain = [(p.year, p.month, p.day, p.hour, p.minute) for p in _ends(exact)]
    given = [(p.year, p.month, p.day, p.hour, p.minute) for p in _ends(parts)]
    return exact if plain == given else None


def _ends(value: PartialDate) -> list[Any]:
    """The ends as the parts can say them: a part of a month is its month."""
    ends = [value.start] if value.end is None else [value.start, value.end]
    return [type(p)(p.year, p.month, p.day, None, p.hour, p.minute) for p in ends]


def in_story_order(
    items: list[tuple[int, dict[str, Any], TimelineDate]],
) -> tuple[list[tuple[int, dict[str, Any], TimelineDate]], bool]:
    """The items, re-ordered by date only if they are not in a story order; and whether they were."""
    previous: PartialDate | None = None
    for _, _event, when in items:
        if when.reading.value is None:
            continue
        current = PartialDate.parse(when.reading.value)
        if previous is not None and current.certainly_before(previous):
            ordered = sorted(items, key=lambda item: timeline_sort_key(item[1].get("start_date")))
            return ordered, True
        previous = current
    keys = [timeline_sort_key(e.get("start_date")) for _, e, w in items if w.reading.value is None]
    if keys != sorted(keys):  # undated (far past) events out of order among themselves
        return sorted(items, key=lambda item: timeline_sort_key(item[1].get("start_date"))), True
    return items, False
