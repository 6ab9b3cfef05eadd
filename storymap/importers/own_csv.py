"""storymap's own CSV export (``-events.csv`` with its ``-places.csv``) back into a story.

The events CSV gives each event's id, date (in the story's notation), category, title,
summary and date note in every language (one column each: ``title_en``, ``title_es``…),
places, route and sources; the places CSV gives each place's names, kind, country and
the point the geocoder put it at, which comes back as the place's own ``coordinates``.
Cells a spreadsheet would run as a formula were written with a leading ``'``, which is
taken off. What a CSV does not hold (the story's title and source, quotes, media,
questions, fact checks, categories' names and colours, places' aliases) is reported.
"""

from __future__ import annotations

from typing import Any

from storymap.dates import DateParseError, PartialDate
from storymap.export.data import FORMULA_START
from storymap.fields import BUILTIN_CATEGORIES
from storymap.importers.detect import csv_rows
from storymap.importers.options import ImportOptions
from storymap.importers.points import number, point_of
from storymap.importers.report import Report
from storymap.importers.result import ImportFailed
from storymap.languages import check_language

EVENT_COLUMNS = ("id", "date", "category", "places")
PLACE_COLUMNS = ("id", "kind", "country", "lat", "lon")


def read_own_csv(rows: list[list[str]], options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The story and the report (see the module's docstring)."""
    events = _records(rows, EVENT_COLUMNS, options.name, "events CSV")
    if options.places is None:
        raise ImportFailed(
            f"{options.name}: storymap's events CSV names its places by id: give its places CSV "
            "too (--places FILE, or the file ending -places.csv beside it)"
        )
    places = _records(
        csv_rows(options.places.decode("utf-8-sig", "replace"), "places CSV"),
        PLACE_COLUMNS,
        "the places CSV",
        "places CSV",
    )
    languages = _languages(rows[0])
    report = Report("row")
    place_data = [_place(p, languages, report, n) for n, p in enumerate(places, 2)]
    known = {p["id"] for p in place_data}
    story_events = [_event(e, languages, known, report, n) for n, e in enumerate(events, 2)]
    categories = sorted({e["category"] for e in story_events} - set(BUILTIN_CATEGORIES))
    if categories:
        report.note(
            f"the story's own categories come back without their names or colours: {', '.join(categories)}"
        )
    report.note(
        "a CSV holds no quotes, media, questions, fact checks, claims or place aliases: they are not in the import"
    )
    report.note(
        "the CSV has no title, subtitle or source: the title is the file's name; write them"
    )
    title = options.name.rsplit("/", 1)[-1].removesuffix(".csv").removesuffix("-events")
    story: dict[str, Any] = {
        "id": options.story_id or title,
        "title": {lang: title for lang in languages},
        "subtitle": {lang: title for lang in languages},
        "languages": languages,
        "source": {
            "outlet": f"storymap CSV ({options.name})",
            "title": title,
            "language": languages[0],
        },
    }
    if categories:
        story["categories"] = [
            {"id": c, "name": {lang: c for lang in languages}} for c in categories
        ]
    story["places"] = place_data
    story["events"] = story_events
    from storymap.importers.builder import slug  # the story's id, as every importer makes it

    story["id"] = slug(str(story["id"]))
    return story, report.lines()


def _records(
    rows: list[list[str]], needed: tuple[str, ...], name: str, what: str
) -> list[dict[str, str]]:
    if not rows:
        raise ImportFailed(f"{name}: the {what} is empty")
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in needed if c not in header]
    if missing:
        raise ImportFailed(f"{name}: not storymap's {what}: no column {', '.join(missing)}")
    return [
        {column: _unformula(row[i]) if i < len(row) else "" for i, column in enumerate(header)}
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


def _unformula(cell: str) -> str:
    """A cell the export wrote as ``'=…`` (so a spreadsheet shows it as text) as ``=…``."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _languages(header: list[str]) -> list[str]:
    """The story's languages, in order, from its title columns: title_es, title_en."""
    found = []
    for column in header:
        if column.startswith("title_"):
            try:
                found.append(check_language(column.removeprefix("title_")))
            except ValueError:
                continue
    if not found:
        raise ImportFailed(
            "the events CSV has no title column in any language (title_en, title_id…)"
        )
    return found


def _text(record: dict[str, str], stem: str, languages: list[str]) -> dict[str, str] | None:
    texts = {lang: record.get(f"{stem}_{lang}", "").strip() for lang in languages}
    return texts if all(texts.values()) else None


def _place(record: dict[str, str], languages: list[str], report: Report, n: int) -> dict[str, Any]:
    names = _text(record, "name", languages)
    if names is None:
        raise ImportFailed(
            f"places CSV row {n}: place '{record['id']}' needs a name in every language"
        )
    point = point_of(record["lat"], record["lon"])
    if point is None:
        raise ImportFailed(
            f"places CSV row {n}: place '{record['id']}' has no lat/lon on the globe"
        )
    km = number(record.get("precision_km")) or 5.0
    layer = record.get("layer") or "unknown"
    return {
        "id": record["id"],
        "name": names,
        "kind": record["kind"],
        "country": record["country"],
        "coordinates": {"lat": point[0], "lon": point[1], "precision_km": km,
                        "source": f"storymap places CSV (located by the {layer} layer)"},
    }  # fmt: skip


def _event(
    record: dict[str, str], languages: list[str], known: set[str], report: Report, n: int
) -> dict[str, Any]:
    places = [p.strip() for p in record["places"].split(",") if p.strip()]
    unknown = [p for p in places if p not in known]
    if not places or unknown:
        raise ImportFailed(
            f"events CSV row {n}: event '{record['id']}': places {unknown or 'missing'} are not in the places CSV"
        )
    event: dict[str, Any] = {"id": record["id"]}
    if record["date"].strip():
        try:
            event["date"] = str(PartialDate.parse(record["date"].strip()))
        except DateParseError as error:
            raise ImportFailed(f"events CSV row {n}: {error}") from None
    note = _text(record, "date_note", languages)
    if note:
        event["date_note"] = note
    event["places"] = places
    route = _route(record)
    if route:
        event["route"] = route
    event["category"] = record["category"]
    for field in ("title", "summary"):
        texts = _text(record, field, languages)
        if texts is None:
            texts = _text(record, "title", languages)
            report.note(f"no {field} in every language: the title is used", n)
        event[field] = texts
    outlets = [s.strip() for s in record.get("sources", "").split(";") if s.strip()]
    event["sources"] = [{"outlet": o} for o in outlets] or [{"outlet": "storymap CSV"}]
    return event


def _route(record: dict[str, str]) -> dict[str, Any] | None:
    origin, destination = record.get("route_origin", ""), record.get("route_destination", "")
    if not (record.get("route_mode") and origin and destination):
        return None
    via = [p.strip() for p in record.get("route_via", "").split(",") if p.strip()]
    return {"origin": origin, "destination": destination, "via": via, "mode": record["route_mode"]}
