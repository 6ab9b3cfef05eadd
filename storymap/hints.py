"""How to fix it: plain-words hints added to the problems a new author meets most.

From authors' friction logs: YAML's quoting rules (a comma or a colon inside a text
splits it), tabs, a missing space after a colon, dates written the way newspapers
write them, and field names from other tools (``description`` for ``summary``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any, get_args, get_origin

from babel.dates import get_month_names
from pydantic import BaseModel
from rapidfuzz import fuzz, process

from storymap.messages import quote, shorten

# Names other tools (StoryMapJS, TimelineJS, GeoJSON, spreadsheets) use for our fields.
FIELD_NAMES = {
    "description": "summary",
    "desc": "summary",
    "text": "summary",
    "body": "summary",
    "headline": "title",
    "heading": "title",
    "name": "title",
    "place": "places",
    "location": "places",
    "locations": "places",
    "source": "sources",
    "time": "date",
    "when": "date",
    "start_date": "date",
    "type": "category",
    "tags": "category",
    "image": "media",
    "images": "media",
    "photo": "media",
    "link": "url",
    "href": "url",
    "alias": "aliases",
    "country_code": "country",
    "coords": "coordinates",
    "latitude": "lat",
    "longitude": "lon",
    "lng": "lon",
    "long": "lon",
    "precision": "precision_km",
    "subtitle": "title",
    "author": "speaker",
    "lang": "language",
}

# Why a field is required, where the name alone does not say it.
MISSING_HINTS = {
    ("media", "credit"): "every picture, video and link needs a credit: who made or owns it",
}
# What a field's pattern asks for, in words, by field name.
PATTERN_HINTS = {
    "file": "is not a picture's file name: a name without folders ending .jpg, .jpeg, .png, "
    ".webp or .gif, for a file in the story's media folder",
}


def missing_hint(loc: tuple[Any, ...]) -> str:
    """': why it is needed' for a missing field that says it; else nothing."""
    names = tuple(part for part in loc if isinstance(part, str))
    hint = MISSING_HINTS.get(names[-2:])
    return f": {hint}" if hint else ""


def split_text_hint(loc: tuple[Any, ...], raw: Any) -> str | None:
    """For a key that is really the end of a text ('Strait of Magellan, Guam' unquoted in
    braces makes a key 'Guam' with no value): say so, and how to quote it. Else None."""
    parent = _value_at(raw, loc[:-1])
    name = loc[-1]
    if not (isinstance(parent, dict) and name in parent and parent[name] is None):
        return None  # (a name pydantic adds to the place, "Text", is not a key of the file)
    if not _looks_like_words(name):
        return None
    message = f"{quote(name, 40)} became a key of its own: put text that contains a comma or a colon in quotes"
    keys = list(parent)
    before = keys[keys.index(name) - 1] if keys.index(name) > 0 else None
    if isinstance(before, str) and isinstance(parent.get(before), str):
        text = shorten(f"{parent[before]}, {name}", 60)
        message += f', e.g. {before}: "{text}"'
    return message


def unknown_field_hint(loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """What to write instead of an unknown field: our name for it, or the closest field."""
    fields = _fields_at(model, loc[:-1])
    name = loc[-1]
    if not fields or not isinstance(name, str):
        return " (a typo?)"
    known = FIELD_NAMES.get(name.lower())
    if known in fields:
        return f": did you mean '{known}'?"
    match = process.extractOne(name, sorted(fields), scorer=fuzz.ratio, score_cutoff=70)
    return f": did you mean '{match[0]}'?" if match else " (a typo?)"


def _looks_like_words(name: Any) -> bool:
    """'Guam' or 'Kremlin Moscow': a name, not a field such as 'titel'."""
    return isinstance(name, str) and (name[:1].isupper() or " " in name)


def _value_at(raw: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if isinstance(raw, dict):
            raw = raw.get(part)
        elif isinstance(raw, list) and isinstance(part, int) and 0 <= part < len(raw):
            raw = raw[part]
        else:
            return None
    return raw


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """The field names of the model found at ``loc`` inside ``model`` (empty if unclear)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue  # an item of a list: the list's model is already found
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return set()
        field = current.model_fields.get(part)
        if field is None:
            return set()
        current = _model_in(field.annotation)
    return set(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else set()  # fmt: skip


def _model_in(annotation: Any) -> Any:
    """The one model inside list[X], X | None, Annotated[...]; None if several or none."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [m for m in map(_model_in, get_args(annotation)) if m is not None]
    return models[0] if len(models) == 1 and get_origin(annotation) is not None else None


# --- YAML ---------------------------------------------------------------------------------------

_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):(?=[^\s/])")
_KEY = re.compile(r"^\s*(?:- )?[A-Za-z_][\w-]*: ")


def yaml_hint(text: str, line: int | None) -> tuple[str, int | None]:
    """A plain-words hint for a YAML syntax error reported at ``line``, and the line it is about."""
    if line is None:
        return "", line
    lines = text.splitlines()
    for number in (line, line - 1):  # libyaml often reports the line after the mistake
        if not 1 <= number <= len(lines):
            continue
        content = lines[number - 1]
        if "\t" in content[: len(content) - len(content.lstrip())] or "\t" in content.split(":")[0]:
            return (
                ": a tab: YAML indents with spaces only; replace the tab with spaces",
                number,
            )
        missing = _KEY_WITHOUT_SPACE.match(content)
        if missing:
            key = missing.group(1)
            return f": a colon must be followed by a space: write '{key}: …', not '{key}:…'", number
        if _colon_in_a_value(content):
            return (
                ": a colon followed by a space starts a new field; "
                "put text that contains a colon or a comma in quotes",
                number,
            )
    return "", line


def _colon_in_a_value(content: str) -> bool:
    """'en: Note: a meeting' or '{id: x, en: Note: y}': a value with ': ' that is not quoted."""
    value = _KEY.sub("", content, count=1) if _KEY.match(content) else ""
    stripped = value.strip()
    pieces = stripped[1:].rstrip("}").split(",") if stripped.startswith("{") else [value]
    for piece in pieces:
        inner = piece.split(": ", 1)[1] if stripped.startswith("{") and ": " in piece else piece
        if ": " in inner and not inner.lstrip().startswith(("'", '"', "{", "[")):
            return True
    return False


# --- dates --------------------------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations, English and Indonesian, folded: 'dec', 'desember', 'agt'."""
    names: dict[str, int] = {"agt": 8, "sept": 9}
    for locale in ("en", "id"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.lower().rstrip(".")] = number
    return names


_NUMERIC = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_YEAR_FIRST = re.compile(r"([0-9]{4})[/.]([0-9]{1,2})(?:[/.]([0-9]{1,2}))?")
_WORDS = re.compile(r"[A-Za-z]+\.?|[0-9]+")


def date_hint(text: str) -> str:
    """'; did you mean 2004-12-26?' for dates as newspapers write them, else ''."""
    if len(text) > 40:  # not a date someone wrote by hand
        return ""
    suggestions = _date_suggestions(text.strip())
    valid = [s for s in suggestions if _is_real(s)]
    if not valid:
        return ""
    if len(valid) == 2:
        return f"; did you mean {valid[0]} (day/month) or {valid[1]} (month/day)?"
    return f"; did you mean {valid[0]}?"


def _date_suggestions(text: str) -> list[str]:
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        day_first = f"{year:04d}-{second:02d}-{first:02d}"
        month_first = f"{year:04d}-{first:02d}-{second:02d}"
        return [day_first] if first == second else [day_first, month_first]
    year_first = _YEAR_FIRST.fullmatch(text)
    if year_first:
        year, month, day = year_first.groups()
        return [f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")]
    words = _WORDS.findall(text)
    months = [_months()[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in _months()]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 1000]
    if len(months) != 1 or len(years) != 1 or len(days) > 1 or len(words) != 1 + len(numbers):
        return []
    return [f"{years[0]:04d}-{months[0]:02d}" + (f"-{days[0]:02d}" if days else "")]


def _is_real(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True
