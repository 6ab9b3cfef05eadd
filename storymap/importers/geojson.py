"""GeoJSON points with time properties as a story: one event per feature, at its point.

Read from each feature's ``properties`` (the first that is there):

- title: ``title``, ``name``, ``headline`` (or ``title_<lang>``, as storymap writes);
- text: ``description``, ``summary``, ``text``, ``body``;
- date: ``date``, ``start``, ``time``, ``datetime``, ``when``, ``year`` (free text, see
  ``read_free_date``), and ``end`` or ``end_date`` for a range;
- place: ``place``, ``location``, ``place_name``, else the title; ``precision_km`` if
  given, else 5 km; ``category`` or ``group`` as a category.

Points (and the first point of a MultiPoint) are used; a polygon is marked at a point
inside it; other geometries are left out. Features are kept in file order unless their
dates are out of order, then put in date order. Everything is reported.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from shapely.geometry import shape

from storymap.dates import PartialDate
from storymap.importers.builder import StoryBuilder
from storymap.importers.html_text import plain_text
from storymap.importers.limits import check_count
from storymap.importers.options import ImportOptions
from storymap.importers.points import number, place_at, point_of
from storymap.importers.report import Report
from storymap.importers.result import ImportFailed
from storymap.importers.source_dates import DateReading, read_free_date

TOOL = "GeoJSON"
TITLE_KEYS = ("title", "name", "headline")
TEXT_KEYS = ("description", "summary", "text", "body")
DATE_KEYS = ("date", "start", "time", "datetime", "when", "year", "start_date")
END_KEYS = ("end", "end_date")
PLACE_KEYS = ("place", "location", "place_name")
DEFAULT_PRECISION_KM = 5.0


def read_geojson(doc: Any, options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The story and the report (see the module's docstring)."""
    features = _features(doc, options.name)
    check_count(len(features), options.name, "features")
    report = Report("feature")
    builder = StoryBuilder(options.language(), TOOL, options.name, report)
    rows = []
    for n, feature in enumerate(features, 1):
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        point = _point(feature.get("geometry"), report, n)
        if point is None:
            continue
        rows.append((n, props, point, _when(props)))
    if not rows:
        raise ImportFailed(f"{options.name}: no feature is a point on the map: nothing to import")
    rows = _in_date_order(rows, report)
    for n, props, point, when in rows:
        title = _first(props, (*TITLE_KEYS, f"title_{builder.lang}"), report, n)
        text = _first(props, (*TEXT_KEYS, f"summary_{builder.lang}"), report, n)
        own_name = _first(props, PLACE_KEYS)
        name = own_name or title or f"{TOOL} feature {n}"
        km = number(props.get("precision_km"))
        if km is None or km <= 0:
            km = DEFAULT_PRECISION_KM
            report.note(f"no precision_km: {DEFAULT_PRECISION_KM:g} km assumed", n)
        source = f"{TOOL} feature {n}"
        place_id = place_at(builder, point, name, n, "city", km, source, named=bool(own_name))
        group = _first(props, ("category", "group"))
        builder.add_event(n, title, text, when, [place_id], builder.category_for(group or None))
    return builder.story(
        _first(doc, ("name", "title")) or options.name, "", options.story_id
    ), report.lines()


def _features(doc: Any, name: str) -> list[dict[str, Any]]:
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return [doc]
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise ImportFailed(f"{name}: not a GeoJSON FeatureCollection: no 'features' list")
    return [f for f in doc["features"] if isinstance(f, dict)]


def _point(geometry: Any, report: Report, n: int) -> tuple[float, float] | None:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Point" and isinstance(coords, list) and len(coords) >= 2:
        found = point_of(coords[1], coords[0])
    elif (
        kind == "MultiPoint" and isinstance(coords, list) and coords and isinstance(coords[0], list)
    ):
        report.note("a MultiPoint is marked at its first point", n)
        found = point_of(coords[0][1], coords[0][0]) if len(coords[0]) >= 2 else None
    elif kind in ("Polygon", "MultiPolygon"):
        try:
            inside = shape(geometry).representative_point()
        except (ValueError, TypeError, AttributeError, IndexError):
            inside = None
        found = point_of(inside.y, inside.x) if inside is not None else None
        report.note("a polygon is marked at a point inside it", n)
    else:
        report.note(f"a {kind or 'missing'} geometry is not a point: the feature is left out", n)
        return None
    if found is None:
        report.note("its coordinates are not a point on the globe: the feature is left out", n)
    return found


def _when(props: dict[str, Any]) -> DateReading:
    start = next((props[k] for k in DATE_KEYS if props.get(k) not in (None, "")), None)
    end = next((props[k] for k in END_KEYS if props.get(k) not in (None, "")), None)
    start, end = (plain_text(v).text if v is not None else None for v in (start, end))
    when = read_free_date(start)
    if end is None or when.value is None:
        return when
    last = read_free_date(end)
    if last.value is None:
        return DateReading(
            when.value, f"{start} to {end}", f"the end '{end}' is not kept ({last.problem})"
        )
    try:
        return DateReading(
            str(PartialDate.parse(f"{when.value}/{last.value}")), f"{start} to {end}"
        )
    except ValueError as error:
        return DateReading(
            when.value, f"{start} to {end}", f"the end '{end}' is not kept ({error})"
        )


def _in_date_order(
    rows: list[tuple[int, dict, tuple[float, float], DateReading]], report: Report
) -> list:
    dated = [PartialDate.parse(r[3].value) for r in rows if r[3].value is not None]
    if all(not b.certainly_before(a) for a, b in pairwise(dated)):
        return rows
    report.note("the features are put in date order (undated ones last)")
    return sorted(
        rows,
        key=lambda r: (
            r[3].value is None,
            PartialDate.parse(r[3].value).sort_key() if r[3].value else (0, 0),
        ),
    )


def _first(props: Any, keys: tuple[str, ...], report: Report | None = None, n: int = 0) -> str:
    """The first of ``keys`` that has text, as plain text (HTML reported)."""
    if not isinstance(props, dict):
        return ""
    for key in keys:
        text = plain_text(props.get(key)) if props.get(key) is not None else None
        if text is not None and text.text:
            if text.had_markup and report is not None:
                report.note("HTML in the text is made plain text", n)
            return text.text
    return ""
