"""Every problem of the story being written, at once, each at the field it is about.

The story's data is checked by the same loader as ``python -m storymap validate``, on
the values themselves where its file would read back the same (``story_data``), so the
page and the command line always agree; every place that is well formed is then located
by the offline layers, and a point that lies outside the place's country is flagged, and
so is a picture kept with the story that is missing from its media folder or cannot be
shown. What a draft still asks of its author
(``draft.todo``, "[write: …]" placeholders) is listed too, as things to do, and so are
source addresses a desk would question (warnings, which never block the story).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from storymap.authoring.order import languages_of, stops
from storymap.authoring.paths import FieldPath, anchor, get_at, parse_path, path_text, todo_parts
from storymap.authoring.placing import outside_country
from storymap.authoring.texts import missing, placeholders
from storymap.geocoding import Layer, Location, Query, default_layers, locate
from storymap.geocoding.resolve import same_name_place
from storymap.languages import language_name
from storymap.loading import StoryError, read_story
from storymap.located import LocatedStory
from storymap.media_files import picture_problems
from storymap.model import Place, Story
from storymap.source_addresses import address_warnings
from storymap.story_data import read_story_data

Kind = Literal["error", "place", "todo", "warning"]


PLACEHOLDER_LEFT = "still a draft's placeholder"  # a to-do's message: a text still to write


@dataclass(frozen=True)
class Issue:
    """One thing to fix or to do, at a field of the story."""

    kind: Kind
    where: str  # the field as people read it: "events[2].date (event 'visit')"
    message: str
    path: FieldPath | None = None
    line: int | None = None

    @property
    def anchor(self) -> str:
        return anchor(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Checked:
    """The result of checking: every issue, the story if it validates, where its places are."""

    issues: tuple[Issue, ...]
    story: Story | None
    located: dict[str, Location]
    places: dict[int, tuple[str, str]] = field(default_factory=dict)  # index: (found, problem)
    media: Path | None = None  # the folder its pictures are kept in

    @property
    def problems(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.kind in ("error", "place")]

    @property
    def todo(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.kind == "todo"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.kind == "warning"]

    @property
    def ready(self) -> bool:
        """The story validates and every place is located: it can be previewed and exported."""
        return self.story is not None and not self.problems

    def located_story(self) -> LocatedStory | None:
        if not self.ready or self.story is None:
            return None
        return LocatedStory(self.story, self.located, media=self.media)


def check_story(
    data: dict[str, Any], text: str | None = None, media: Path | None = None
) -> Checked:
    """Check the story's data as its story file would be checked (``text``: that file, to
    check the file itself, with line numbers; else the data, ``read_story_data``; ``media``:
    the folder its pictures are kept in)."""
    issues: list[Issue] = []
    story: Story | None = None
    try:
        reading = (
            read_story(text, "story") if text is not None else read_story_data(data, warn=False)
        )
        problems = reading.problems
        story = reading.story
    except StoryError as exc:
        problems = tuple(exc.problems)
    for problem in problems:
        path = parse_path(problem.where)
        issues.append(Issue("error", problem.where, problem.message, path, problem.line))
    if story is None:
        issues += _missing_translations(data, issues)
    else:
        issues += [
            Issue("error", where(path, data), message, path)
            for path, message in picture_problems(story, media)
        ]
    located, places, place_issues = _locate_places(data)
    issues += place_issues
    issues += _todo(data)
    issues += [
        Issue("warning", where(path, data), message, path)
        for path, message in address_warnings(data)
    ]
    return Checked(tuple(issues), story, located, places, media)


def _missing_translations(data: dict[str, Any], found: list[Issue]) -> list[Issue]:
    """Texts that lack a story language, said even when other fields are wrong (the loader
    checks languages only once every field is well formed)."""
    said = {issue.path for issue in found}
    issues = []
    for path, lang in missing(data, languages_of(data)):
        if path not in said:
            message = f"the {language_name(lang)} text ({lang}) is missing"
            issues.append(Issue("error", where(path, data), message, path))
    return issues


def where(path: FieldPath, data: dict[str, Any]) -> str:
    """The field as the loader names it: ``events[2].title (event 'visit')``."""
    text = path_text(path)
    if len(path) > 1 and path[0] in ("events", "places") and isinstance(path[1], int):
        item_id = get_at(data, (*path[:2], "id"))
        if isinstance(item_id, str):
            text += f" ({str(path[0])[:-1]} '{item_id}')"
    return text


def _locate_places(
    data: dict[str, Any],
) -> tuple[dict[str, Location], dict[int, tuple[str, str]], list[Issue]]:
    items = data.get("places") if isinstance(data.get("places"), list) else []
    located: dict[str, Location] = {}
    found: dict[int, tuple[str, str]] = {}
    issues: list[Issue] = []
    for index, raw in enumerate(items):
        placed = _placed(raw)
        if placed is None:
            continue  # the loader has said what is wrong with it
        place, location, message = placed
        where = f"places[{index}] (place '{place.id}')"
        if location is None:
            found[index] = ("", message)
            issues.append(Issue("place", where, message, ("places", index)))
            continue
        found[index] = (f"{location.layer}: {location.lat:.4f}, {location.lon:.4f}", message)
        if message:
            path = ("places", index, "coordinates") if place.coordinates else ("places", index)
            issues.append(Issue("place", f"{path_text(path)} (place '{place.id}')", message, path))
        else:
            located[place.id] = location
    return located, found, issues


PLACES_KEPT = 4096  # places located, kept by their content (each a few hundred bytes)
_KEY_CHARS = 4096  # a place longer than this as text is located each time, not kept
_kept_places: OrderedDict[str, tuple[Place, Location | None, str] | None] = OrderedDict()
_kept_lock = threading.Lock()


def _placed(raw: object) -> tuple[Place, Location | None, str] | None:
    """The place ``raw`` describes, where it is and what is wrong (``locate_place``); None
    when it is not a well-formed place. Kept by the place's content: an author's edit
    changes one field, and the story's every other place need not be located again."""
    key = repr(raw)  # the values' types too: 1 and "1" are not the same place
    with _kept_lock:
        if key in _kept_places:
            _kept_places.move_to_end(key)
            return _kept_places[key]
    try:
        place = Place.model_validate(raw)
    except ValidationError:
        result = None
    else:
        result = (place, *locate_place(place, _layers()))
    if len(key) <= _KEY_CHARS:
        with _kept_lock:
            _kept_places[key] = result
            while len(_kept_places) > PLACES_KEPT:
                _kept_places.popitem(last=False)
    return result


def locate_place(place: Place, layers: list[Layer] | None = None) -> tuple[Location | None, str]:
    """Where the place is and, if something is wrong, why (not found; outside its country)."""
    layers = _layers() if layers is None else layers
    query = Query.for_place(place)
    if place.coordinates is not None:
        c = place.coordinates
        location: Location | None = Location(
            c.lat, c.lon, "story", c.precision_km, place.name.get("en"), c.source
        )
    else:
        location = locate(query, layers)
    if location is None:
        return None, f"'{query.names[0]}' in {place.country} not found{_hint(query, layers)}"
    if place.precision_km is not None:  # as geocode_story does: the outline and the rest kept
        location = replace(location, precision_km=place.precision_km)
    if location.layer != "countries":
        outside = outside_country(location.lat, location.lon, place.country)
        if outside:
            return location, outside
    return location, ""


def _hint(query: Query, layers: list[Layer]) -> str:
    """': did you mean Dar es Salaam (TZ)?' for a place of this name in another country,
    else close names in the place's own country, else nothing."""
    elsewhere = same_name_place(query, layers)
    if elsewhere is not None and elsewhere.country != query.country:
        return f": did you mean {elsewhere.name} ({elsewhere.country})?"
    suggestions = list(dict.fromkeys(s for layer in layers for s in layer.suggest(query)))[:5]
    return f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""


_shared_layers: list[Layer] = []


def _layers() -> list[Layer]:
    """The offline layers without the story's own (a place's coordinates are read above)."""
    if not _shared_layers:
        _shared_layers.extend(default_layers())
    return _shared_layers


def _todo(data: dict[str, Any]) -> list[Issue]:
    """What the draft still asks: its todo list, and placeholders it does not list."""
    draft = data.get("draft")
    todo = draft.get("todo") if isinstance(draft, dict) else None
    listed = [str(item) for item in todo] if isinstance(todo, list) else []
    unused = _unused_places(data)
    issues = [
        Issue("todo", item, todo_parts(item)[1] or "to write or check", parse_path(item))
        for item in listed
        if parse_path(item) not in unused  # a place no event names needs no check
    ]
    listed_paths = {parse_path(item) for item in listed}
    for path in placeholders({k: v for k, v in data.items() if k != "draft"}):
        if path not in listed_paths:
            issues.append(Issue("todo", path_text(path), PLACEHOLDER_LEFT, path))
    if isinstance(draft, dict) and not issues:
        issues.append(
            Issue(
                "todo",
                "draft",
                "readers see a “draft” banner until the draft mark is removed",
                ("draft",),
            )
        )
    return issues


def _unused_places(data: dict[str, Any]) -> set[FieldPath]:
    """``("places", i)`` for every place that no event names (in its places or its route)."""
    events = data.get("events") if isinstance(data.get("events"), list) else []
    used = {stop for event in events if isinstance(event, dict) for stop in stops(event)}
    places = data.get("places") if isinstance(data.get("places"), list) else []
    return {
        ("places", index)
        for index, place in enumerate(places)
        if isinstance(place, dict)
        and not (isinstance(place.get("id"), str) and place["id"] in used)  # a list's id too
    }
