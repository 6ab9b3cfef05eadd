"""What an uploaded file is, and a one-line refusal when it is not something to read.

Anyone on the web can upload anything, so nothing is parsed before the bytes are
checked: the size (and which limit), binary data (NUL bytes, the signatures of
pictures, PDFs and archives), UTF-16 (which editors on Windows write), and UTF-8 itself.
JSON is read with a depth limit, and a JSON file is named for what it looks like: our
own story, StoryMapJS, TimelineJS, GeoJSON, or nothing we read.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from storymap.encoding import NotText, decode_text
from storymap.errors import StorymapError
from storymap.loading import MAX_STORY_BYTES

MAX_UPLOAD_BYTES = MAX_STORY_BYTES
MAX_JSON_DEPTH = 200
STORY_SUFFIXES = (".yaml", ".yml")
IMPORT_SUFFIXES = (".json", ".geojson", ".csv")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


class UploadRefused(StorymapError, ValueError):
    """An upload that is not read; the message says which file, what is wrong and what to do."""


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_bytes(
    name: str, data: bytes, limit: int = MAX_UPLOAD_BYTES, what: str = "a story file"
) -> str:
    """The upload's text, or ``UploadRefused`` saying in one line why it cannot be read."""
    if len(data) > limit:
        raise UploadRefused(
            f"{name} is {megabytes(len(data))}: {what} may be at most {megabytes(limit)} "
            f"({limit:,} bytes)"
        )
    if not data.strip():
        raise UploadRefused(f"{name} is empty")
    try:
        return decode_text(data, what)
    except NotText as exc:
        raise UploadRefused(f"{name} {exc}") from None


def suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def read_json(name: str, text: str) -> Any:
    """JSON, refused in one line when it is not JSON or is nested too deeply."""
    depth = nesting_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise UploadRefused(
            f"{name} is nested {depth:,} levels deep; at most {MAX_JSON_DEPTH} are read"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadRefused(f"{name} is not valid JSON: line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise UploadRefused(f"{name} is nested too deeply to read") from None


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_kind(value: Any) -> str | None:
    """'story', 'storymapjs', 'timelinejs', 'geojson', or None for JSON that is none of them."""
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("storymap"), dict) and isinstance(
        value["storymap"].get("slides"), list
    ):
        return "storymapjs"
    if value.get("type") in ("FeatureCollection", "Feature"):
        return "geojson"
    events = value.get("events")
    if isinstance(events, list) and ("places" in value or "id" in value):
        return "story"
    if isinstance(events, list):
        return "timelinejs"
    return None


NOT_A_STORY = (
    "is JSON, but not a story this page reads: a story (id, places, events), StoryMapJS "
    "(storymap.slides), TimelineJS (events) or GeoJSON (a FeatureCollection)"
)
