"""TimelineJS's Google-sheet template, saved as CSV, as a story.

The columns are the template's: ``Year, Month, Day, Time, End Year, End Month, End Day,
End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
Thumbnail, Type, Group, Background``, matched without regard to case or spaces. A row
whose ``Type`` is ``title`` gives the title, ``era`` rows are not kept; every other row
is an event, read exactly as TimelineJS JSON is (``storymap.importers.timelinejs``).
A ``Place`` or ``Location`` column, if there is one, names each row's place.
"""

from __future__ import annotations

import re
from typing import Any

from storymap.importers.options import ImportOptions
from storymap.importers.report import Report
from storymap.importers.result import ImportFailed
from storymap.importers.timelinejs import timeline_story

TOOL = "TimelineJS spreadsheet"
REQUIRED = ("year", "headline")
KNOWN = {
    "year", "month", "day", "time", "end year", "end month", "end day", "end time",
    "display date", "headline", "text", "media", "media credit", "media caption",
    "media thumbnail", "type", "group", "background", "place", "location",
}  # fmt: skip
_TIME = re.compile(
    r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$"
)


def read_timeline_sheet(
    rows: list[list[str]], options: ImportOptions
) -> tuple[dict[str, Any], list[str]]:
    """The story and the report (see the module's docstring)."""
    if not rows:
        raise ImportFailed(f"{options.name}: the CSV is empty")
    columns = [" ".join(cell.split()).casefold() for cell in rows[0]]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFailed(
            f"{options.name}: a TimelineJS sheet needs the columns Year and Headline; "
            f"missing: {', '.join(m.title() for m in missing)}"
        )
    report = Report("row")
    unknown = [rows[0][i] for i, c in enumerate(columns) if c and c not in KNOWN]
    if unknown:
        report.note(f"unknown columns not kept: {', '.join(unknown)}")
    title: dict[str, Any] | None = None
    events: list[tuple[int, dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], 2):
        cells = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(columns)}
        if not any(cells.values()):
            continue
        kind = cells.get("type", "").casefold()
        event = _event(cells, report, number)
        if kind == "title" and title is None:
            title = event
        elif kind == "era":
            report.note("an era is not kept", number)
        else:
            events.append((number, event))
    return timeline_story(title, events, options, report, TOOL)


def _event(cells: dict[str, str], report: Report, number: int) -> dict[str, Any]:
    """A row as a TimelineJS event object."""
    event: dict[str, Any] = {
        "start_date": _date(cells, "", report, number),
        "end_date": _date(cells, "end ", report, number),
        "text": {"headline": cells.get("headline", ""), "text": cells.get("text", "")},
        "media": {
            "url": cells.get("media", ""),
            "credit": cells.get("media credit", ""),
            "caption": cells.get("media caption", ""),
        },
        "group": cells.get("group", ""),
        "display_date": cells.get("display date", ""),
        "place": cells.get("place") or cells.get("location") or "",
    }
    if cells.get("background"):
        event["background"] = {"url": cells["background"]}
    if cells.get("media thumbnail"):
        report.note("the media thumbnail is not kept", number)
    return event


def _date(cells: dict[str, str], prefix: str, report: Report, number: int) -> dict[str, str]:
    parts = {key: cells.get(prefix + key, "") for key in ("year", "month", "day")}
    clock = cells.get(prefix + "time", "")
    if clock:
        match = _TIME.fullmatch(clock)
        if match is None:
            report.note(f"the time '{clock}' is not a time of day: left out", number)
        else:
            hour = (
                int(match["h"]) % 12 + (12 if (match["ampm"] or "").lower().startswith("p") else 0)
                if match["ampm"]
                else int(match["h"])
            )
            parts.update(hour=str(hour), minute=match["m"] or "", second=match["s"] or "")
    return parts
