"""Which format a file is in, and its content read safely (JSON or CSV text).

The formats, by the name ``--from`` takes:

- ``storymapjs``: StoryMapJS JSON, ``{"storymap": {"slides": [...]}}``;
- ``storymapjs-csv``: the flat StoryMapJS spreadsheet of thecdil's template
  (``text_headline``, ``lat``, ``lon``…);
- ``timelinejs``: TimelineJS3 JSON, ``{"events": [...]}``;
- ``timelinejs-csv``: TimelineJS's Google-sheet template as CSV (``Year``…``Headline``);
- ``geojson``: a GeoJSON FeatureCollection of points with time properties;
- ``csv``: storymap's own events CSV (with its places CSV);
- ``storymap-html``: storymap's own single-file page, which carries its story and pictures.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from storymap.encoding import NotText, decode_text
from storymap.importers.limits import MAX_ROWS
from storymap.importers.result import ImportFailed


@dataclass(frozen=True)
class Document:
    """A file's text, and its JSON value or CSV rows when it is one of those."""

    text: str
    json_value: Any = None
    is_json: bool = False
    json_error: str = ""

    def content(self, kind: str, name: str) -> Any:
        """The JSON value, the CSV rows (lists of cells) or the page's text for a reader of
        ``kind``."""
        if kind == "html":
            return self.text
        if kind == "json":
            if not self.is_json:
                raise ImportFailed(f"{name}: not JSON ({self.json_error})")
            return self.json_value
        return csv_rows(self.text, name)

    def header(self, name: str) -> list[str]:
        rows = csv_rows(self.text, name, limit=1)
        return [cell.strip() for cell in rows[0]] if rows else []


def read_document(data: bytes, name: str) -> Document:
    """The file as text (UTF-8, a BOM allowed), parsed as JSON when it looks like JSON."""
    try:
        text = decode_text(data, "JSON or CSV")
    except NotText as exc:
        raise ImportFailed(f"{name} {exc}") from None
    if not text.strip():
        raise ImportFailed(f"{name}: the file is empty")
    if text.lstrip()[:1] not in "{[":
        return Document(text, json_error="it does not start with { or [")
    try:
        return Document(text, json.loads(text), True)
    except json.JSONDecodeError as error:
        return Document(text, json_error=f"line {error.lineno}, column {error.colno}: {error.msg}")
    except RecursionError:
        raise ImportFailed(f"{name}: the JSON is nested too deeply to read") from None


def csv_rows(text: str, name: str, limit: int | None = None) -> list[list[str]]:
    """The rows of CSV text (any line ends; quoted cells may hold line breaks)."""
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
            if len(rows) > MAX_ROWS + 1:
                raise ImportFailed(
                    f"{name}: more than {MAX_ROWS:,} rows: too many to import at once"
                )
    except csv.Error as error:
        # Python's csv module caps a cell at csv.field_size_limit() characters, a setting of
        # the whole process that a library must not change; no story needs a longer cell.
        if "field limit" in str(error):
            raise ImportFailed(
                f"{name}: row {len(rows) + 1} has a cell longer than "
                f"{csv.field_size_limit():,} characters"
            ) from None
        raise ImportFailed(f"{name}: not CSV that can be read: {error}") from None
    return rows


def detect_format(document: Document, name: str) -> str:
    """The format ``document`` is in, or ``ImportFailed`` saying what it looks like."""
    if document.is_json:
        return _json_format(document.json_value, name)
    if document.text.lstrip()[:1] == "<":
        return "storymap-html"  # its reader says so when the page carries no story
    if document.text.lstrip()[:1] in "{[":
        raise ImportFailed(f"{name}: looks like JSON but is not valid JSON ({document.json_error})")
    header = {cell.casefold() for cell in document.header(name)}
    if {"year", "headline"} <= header:
        return "timelinejs-csv"
    if {"text_headline", "lat", "lon"} <= header:
        return "storymapjs-csv"
    if {"order", "id", "date", "places"} <= header:
        return "csv"
    if {"id", "kind", "country", "lat", "lon"} <= header:
        raise ImportFailed(
            f"{name}: this is storymap's places CSV: import the events CSV, with this file as its places"
        )
    found = ", ".join(sorted(header)[:12]) or "none"
    raise ImportFailed(
        f"{name}: cannot tell the format: not JSON, and a CSV without the expected columns "
        f"(TimelineJS: Year, …, Headline; storymap: order, id, date, places); its columns: {found}"
    )


def _json_format(value: Any, name: str) -> str:
    from storymap.importers.storymapjs import looks_like_storymapjs

    if looks_like_storymapjs(value):
        return "storymapjs"
    if isinstance(value, dict) and isinstance(value.get("events"), list):
        return "timelinejs"
    if isinstance(value, dict) and value.get("type") in ("FeatureCollection", "Feature"):
        return "geojson"
    if isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))[:10]) or "none"
        raise ImportFailed(
            f"{name}: JSON, but not a StoryMapJS, TimelineJS or GeoJSON story (its keys: {keys})"
        )
    raise ImportFailed(f"{name}: JSON, but a {type(value).__name__}, not a story's object")
