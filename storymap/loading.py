"""Read a story file into a ``Story``, or say every problem in it and where it is.

Story files come from authors and uploads, so nothing here trusts the input: size,
encoding, YAML syntax, aliases (the "billion laughs" bomb), duplicate keys, the
schema and the cross-references are each checked, and all problems are reported
together, each with a line number or a field path and the event or place id.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from storymap.dates import DateParseError, PartialDate
from storymap.encoding import NotText, decode_text
from storymap.hints import (
    PATTERN_HINTS,
    date_hint,
    missing_hint,
    split_text_hint,
    unknown_field_hint,
)
from storymap.messages import quote
from storymap.model import Place, Story
from storymap.problems import MAX_PROBLEMS_LISTED, Problem, StoryError
from storymap.source_addresses import address_warnings
from storymap.story_checks import unknown_categories_in, validated_story
from storymap.story_yaml import owner_label, read_yaml, where

MAX_STORY_BYTES = 5 * 1024 * 1024

__all__ = [
    "MAX_PROBLEMS_LISTED",
    "MAX_STORY_BYTES",
    "Problem",
    "StoryError",
    "load_story",
    "parse_story",
]


def load_story(path: str | Path) -> Story:
    """Read and validate the story file at ``path``."""
    return parse_story(read_story_bytes(path), str(path))


def read_story_file(path: str | Path) -> Reading:
    """Read the story file at ``path`` as far as it goes (see ``Reading``)."""
    return read_story(read_story_bytes(path), str(path))


def read_story_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_STORY_BYTES``, or a ``StoryError``.

    A device (/dev/zero) would be read until memory runs out and a named pipe would
    wait for a writer forever, so only regular files are read, opened without
    blocking, checked again once open (the path may have changed in between), and
    read no further than the limit allows.
    """
    source = str(path)
    try:
        kind = _not_a_file(os.stat(path).st_mode)
        if kind:
            raise StoryError(source, [Problem("file", f"cannot be read: it is {kind}")])
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            kind = _not_a_file(status.st_mode)
            if kind:
                raise StoryError(source, [Problem("file", f"cannot be read: it is {kind}")])
            if status.st_size > MAX_STORY_BYTES:
                raise _too_big(source, status.st_size)
            data = stream.read(MAX_STORY_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoryError(source, [Problem("file", f"cannot be read: {reason}")]) from None
    if len(data) > MAX_STORY_BYTES:  # it grew after we looked
        raise _too_big(source, len(data))
    return data


def _too_big(source: str, size: int) -> StoryError:
    message = f"is {size:,} bytes; a story file may be at most {MAX_STORY_BYTES:,}"
    return StoryError(source, [Problem("file", message)])


def _not_a_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a story file"
    return "not a regular file (a device, a pipe or a socket), not a story file"


def parse_story(data: bytes | str, source: str = "<story>") -> Story:
    """Validate story text (bytes from a file or an upload); raise ``StoryError`` if bad."""
    reading = read_story(data, source)
    if reading.story is None:
        raise StoryError(source, list(reading.problems))
    return reading.story


@dataclass(frozen=True)
class Reading:
    """A story file read as far as it goes: the story if valid, else its problems.

    ``places`` are those valid on their own, so their geocoding problems can be
    listed together with the file's other problems, in one pass. ``warnings`` are
    what a desk would question but the format allows (a source linked through a
    translation proxy): they never make a story invalid.
    """

    source: str
    story: Story | None
    places: tuple[tuple[int, Place], ...]  # (index in the file's places, place)
    problems: tuple[Problem, ...]
    lines: dict[tuple[Any, ...], int]
    warnings: tuple[Problem, ...] = ()

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        return _line_of(loc, self.lines)


def read_story(data: bytes | str, source: str = "<story>") -> Reading:
    """Read story text; a file that is not YAML at all still raises ``StoryError``."""
    document = read_yaml(_decode(data, source), source)
    if not isinstance(document.raw, dict):
        kind = type(document.raw).__name__ if document.raw is not None else "empty"
        raise StoryError(
            source, [Problem("file", f"must be a YAML mapping of story fields, not {kind}", 1)]
        )
    return read_values(document.raw, source, document.lines, document.problems)


def read_values(
    raw: dict[str, Any],
    source: str = "<story>",
    lines: dict[tuple[Any, ...], int] | None = None,
    found: Iterable[Problem] = (),
    warn: bool = True,
) -> Reading:
    """Check a story's values as read from its file (``lines``: each field's line;
    ``found``: what reading the file found already): the schema and the checks across
    fields; and the source addresses a desk would question, unless ``warn`` is False."""
    lines = {} if lines is None else lines
    problems = list(found)
    story: Story | None = None
    try:
        story = validated_story(raw)  # its fields, then languages, categories, colours
    except ValidationError as exc:
        story = None
        problems.extend(_schema_problems(exc, raw, lines))
    problems.extend(_reference_problems(raw, lines))
    places = tuple(enumerate(story.places)) if story else _valid_places(raw)
    warnings = tuple(
        Problem(_where(loc, raw), message, _line_of(loc, lines))
        for loc, message in (address_warnings(raw) if warn else ())
    )
    if problems:
        return Reading(source, None, places, tuple(_dedupe(problems)), lines, warnings)
    return Reading(source, story, places, (), lines, warnings)


def _valid_places(raw: dict[str, Any]) -> tuple[tuple[int, Place], ...]:
    items = raw.get("places")
    found = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            found.append((index, Place.model_validate(item)))
        except ValidationError:
            continue  # reported with the story's problems
    return tuple(found)


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_STORY_BYTES:
            raise StoryError(source, [Problem("file", f"is larger than {MAX_STORY_BYTES:,} bytes")])
        try:
            text = decode_text(data, "a story file")
        except NotText as exc:
            raise StoryError(source, [Problem("file", str(exc))]) from None
    if "\x00" in text:
        raise StoryError(
            source, [Problem("file", "contains NUL bytes: a binary file, not YAML text")]
        )
    if not text.strip():
        raise StoryError(
            source, [Problem("file", "is empty: a story needs id, title, places, events")]
        )
    return text


def _where(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """A field path a person can read, naming the event or place by its id."""
    owner = ""
    if len(loc) >= 2 and isinstance(loc[1], int) and _is_list_of_dicts(raw.get(loc[0]), loc[1]):
        owner = owner_label(loc[0], raw[loc[0]][loc[1]].get("id"))
    return where(loc, owner)


def _is_list_of_dicts(value: Any, index: int) -> bool:
    return isinstance(value, list) and index < len(value) and isinstance(value[index], dict)


def _line_of(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _schema_problems(
    exc: ValidationError, raw: dict[str, Any], lines: dict[tuple[Any, ...], int]
) -> Iterable[Problem]:
    split_texts: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False):
        if error["type"] == "invalid_key":
            continue  # reported by story_yaml, with the key's own line
        loc = tuple(p for p in error["loc"] if not _is_pydantic_tag(p) and p != "[key]")
        split = split_text_hint(loc, raw)
        if split:  # one problem, however many errors pydantic finds in it
            if loc not in split_texts:
                split_texts.add(loc)
                yield Problem(_where(loc, raw), split, _line_of(loc, lines))
            continue
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown field {quote(loc[-1], 40)}{unknown_field_hint(loc, Story)}"
        elif error["type"] == "missing":
            message = f"required field {quote(loc[-1], 40)} is missing{missing_hint(loc)}"
        elif error["type"] == "string_pattern_mismatch" and loc[-1] in PATTERN_HINTS:
            message = f"{quote(str(error.get('input')), 60)} {PATTERN_HINTS[loc[-1]]}"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
            if "is not a story date" in message and isinstance(error.get("input"), str):
                message += date_hint(error["input"])
        yield Problem(_where(loc, raw), message, _line_of(loc, lines))


def _is_pydantic_tag(part: Any) -> bool:
    return isinstance(part, str) and part.startswith("function-")


def _reference_problems(
    raw: dict[str, Any], lines: dict[tuple[Any, ...], int]
) -> Iterable[Problem]:
    """Checks across fields: unique ids, known places, story order follows the dates."""
    places = raw.get("places") if isinstance(raw.get("places"), list) else []
    events = raw.get("events") if isinstance(raw.get("events"), list) else []
    yield from _duplicate_ids("places", places, raw, lines)
    yield from _duplicate_ids("events", events, raw, lines)
    for loc, message in unknown_categories_in(raw):
        yield Problem(_where(loc, raw), message, _line_of(loc, lines))
    place_ids = {p["id"] for p in places if isinstance(p, dict) and isinstance(p.get("id"), str)}
    previous: tuple[str, PartialDate] | None = None
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        event_places = event.get("places") if isinstance(event.get("places"), list) else []
        referenced = [("places", j, pid) for j, pid in enumerate(event_places)]
        route = event.get("route")
        if isinstance(route, dict):
            via = route.get("via") if isinstance(route.get("via"), list) else []
            stops = [("origin",), *(("via", j) for j in range(len(via))), ("destination",)]
            values = [route.get("origin"), *via, route.get("destination")]
            referenced += [("route", *key, pid) for key, pid in zip(stops, values, strict=True)]
            for n in range(1, len(values)):
                if values[n] is not None and values[n] == values[n - 1]:
                    loc = ("events", i, "route", *stops[n])
                    stop = quote(values[n], 40)
                    message = (
                        f"the route goes from {stop} to {stop} again: consecutive stops must differ"
                    )
                    if stops[n] == ("destination",) and not via:
                        message = "a route must end at another place"
                    yield Problem(_where(loc, raw), message, _line_of(loc, lines))
        for *field, place_id in referenced:
            if isinstance(place_id, str) and place_id not in place_ids:
                loc = ("events", i, *field)
                yield Problem(
                    _where(loc, raw),
                    f"unknown place id {quote(place_id, 40)} (not in places)",
                    _line_of(loc, lines),
                )
        if event.get("date") is None:
            continue  # an undated event: never out of order, and the next compares past it
        try:
            current = PartialDate.parse(event.get("date"))
        except (DateParseError, TypeError):
            continue  # the schema check already reported it
        if previous and current.certainly_before(previous[1]):
            loc = ("events", i, "date")
            yield Problem(
                _where(loc, raw),
                f"{current} is before {quote(previous[0], 40)} ({previous[1]}): events are in story order, "
                "oldest first",
                _line_of(loc, lines),
            )
        previous = (str(event.get("id")), current)


def _duplicate_ids(
    field: str, items: list[Any], raw: dict[str, Any], lines: dict[tuple[Any, ...], int]
) -> Iterable[Problem]:
    first_index: dict[str, int] = {}
    for i, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        if item_id in first_index:
            loc = (field, i, "id")
            yield Problem(
                _where(loc, raw),
                f"duplicate id {quote(item_id, 40)} (first used by {field}[{first_index[item_id]}])",
                _line_of(loc, lines),
            )
        else:
            first_index[item_id] = i


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
