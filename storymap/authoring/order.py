"""Adding, removing and reordering events and places, keeping the draft's to-do list true.

A draft's ``draft.todo`` names fields by position (``events[3].summary.en``): when events
move, the list follows them; when one is removed, its entries go with it.
"""

from __future__ import annotations

import copy
from typing import Any

from storymap.authoring.paths import FieldPath, path_text, renumber, todo_parts
from storymap.dates import DateParseError, PartialDate
from storymap.errors import StorymapError
from storymap.story_writer import write


class PlaceInUse(StorymapError, ValueError):
    """A place that events still name cannot be removed."""


def _items(data: dict[str, Any], field: str) -> list[Any]:
    items = data.get(field)
    return items if isinstance(items, list) else []


def reordered(data: dict[str, Any], field: str, order: list[int | None]) -> dict[str, Any]:
    """A copy of ``data`` with ``field``'s items in ``order`` (old indexes; None for a new
    item, left None for the caller to fill), the draft's to-do list following them."""
    result = {key: copy.deepcopy(value) for key, value in data.items() if key != field}
    old = _items(data, field)
    result[field] = [copy.deepcopy(old[i]) if i is not None else None for i in order]
    moved: dict[int, int | None] = {i: None for i in range(len(old))}
    moved.update({i: new for new, i in enumerate(order) if i is not None})
    draft = result.get("draft")
    if isinstance(draft, dict) and isinstance(draft.get("todo"), list):
        draft["todo"] = renumber([str(t) for t in draft["todo"]], field, moved)
    return result


def _unique_id(stem: str, taken: set[Any]) -> str:
    number = len(taken) + 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def placeholder(languages: list[str], what: dict[str, str]) -> dict[str, str]:
    """'[write: …]' in English, '[tulis: …]' in Indonesian, the English words for others."""
    return {lang: write(lang, what["id"] if lang == "id" else what["en"]) for lang in languages}


def languages_of(data: dict[str, Any]) -> list[str]:
    """The story's languages as its data says (``[id, en]`` when it does not)."""
    languages = data.get("languages")
    if isinstance(languages, list) and all(isinstance(lang, str) for lang in languages):
        return list(dict.fromkeys(languages)) or ["id", "en"]
    return ["id", "en"]


def add_event(data: dict[str, Any], after: int | None = None) -> tuple[dict[str, Any], int]:
    """A new event after ``after`` (at the end when None), like its neighbour; its index."""
    events = _items(data, "events")
    at = len(events) if after is None else min(after + 1, len(events))
    order: list[int | None] = [*range(at), None, *range(at, len(events))]
    result = reordered(data, "events", order)
    result["events"][at] = default_event(result, at)
    return _category_to_check(result, at), at


def _category_to_check(data: dict[str, Any], at: int) -> dict[str, Any]:
    """A draft's new event has its neighbour's category: the to-do list says so, never a
    silent guess (choosing a category, or ticking "checked", takes it off)."""
    draft = data.get("draft")
    todo = draft.get("todo") if isinstance(draft, dict) else None
    if not isinstance(todo, list):
        return data
    item = f"{path_text(('events', at, 'category'))} (a new event: the category of the one before)"
    return {**data, "draft": {**draft, "todo": [*todo, item]}}


def default_event(data: dict[str, Any], at: int) -> dict[str, Any]:
    """A new event for position ``at``: the date, places and category of the one before it,
    texts to write, and the article's outlet as its source."""
    events = _items(data, "events")
    neighbour = events[at - 1] if at and isinstance(events[at - 1], dict) else {}
    places = _items(data, "places")
    first_place = places[0].get("id") if places and isinstance(places[0], dict) else None
    languages = languages_of(data)
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    outlet = source.get("outlet") if isinstance(source.get("outlet"), str) else None
    before = neighbour.get("places")
    same_places = [p for p in before if isinstance(p, str)] if isinstance(before, list) else []
    return {
        "id": _unique_id("event", {e.get("id") for e in events if isinstance(e, dict)}),
        "date": neighbour.get("date") or source.get("date") or "2025",
        "places": same_places or ([first_place] if isinstance(first_place, str) else []),
        "category": neighbour.get("category") or "society",
        "title": placeholder(languages, {"id": "judul peristiwa", "en": "the event's title"}),
        "summary": placeholder(
            languages, {"id": "ringkasan dengan kata-kata sendiri", "en": "a summary in your words"}
        ),
        "sources": [{"outlet": outlet or write("en", "who reported it")}],
    }


def remove_event(data: dict[str, Any], index: int) -> dict[str, Any]:
    events = _items(data, "events")
    return reordered(data, "events", [i for i in range(len(events)) if i != index])


def move_event(data: dict[str, Any], index: int, to: int) -> dict[str, Any]:
    """The event at ``index`` moved to position ``to`` (the others keep their order)."""
    order: list[int | None] = [i for i in range(len(_items(data, "events"))) if i != index]
    order.insert(max(0, min(to, len(order))), index)
    return reordered(data, "events", order)


def sort_events_by_date(data: dict[str, Any]) -> dict[str, Any]:
    """Events oldest first (stable: equal dates keep their order; unreadable dates go last)."""
    events = _items(data, "events")

    def key(index: int) -> tuple[int, tuple[int, int]]:
        value = events[index].get("date") if isinstance(events[index], dict) else None
        try:
            return 0, PartialDate.parse(value).sort_key()
        except (DateParseError, TypeError):
            return 1, (0, 0)

    return reordered(data, "events", sorted(range(len(events)), key=key))


def add_place(data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A new place at the end, to be named and placed; its index."""
    places = _items(data, "places")
    result = reordered(data, "places", [*range(len(places)), None])
    result["places"][-1] = default_place(result)
    return result, len(places)


def default_place(data: dict[str, Any]) -> dict[str, Any]:
    """A new place, empty: no name to be looked up under, no country taken from another
    place. Finding it by name fills both (and its id follows its name)."""
    places = _items(data, "places")
    return {"id": _unique_id("place", {p.get("id") for p in places if isinstance(p, dict)})}


def remove_place(data: dict[str, Any], index: int) -> dict[str, Any]:
    """Without the place at ``index``; refused while an event still names it."""
    places = _items(data, "places")
    place_id = places[index].get("id") if isinstance(places[index], dict) else None
    users = [
        str(event.get("id"))
        for event in _items(data, "events")
        if isinstance(event, dict) and place_id in stops(event)
    ]
    if place_id is not None and users:
        shown = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
        raise PlaceInUse(
            f"'{place_id}' is used by {len(users)} event(s) ({shown}): remove it from them first"
        )
    return reordered(data, "places", [i for i in range(len(places)) if i != index])


def stops(event: dict[str, Any]) -> set[str]:
    """Every place id the event names: its places and its route's stops."""
    places = event.get("places") if isinstance(event.get("places"), list) else []
    route = event.get("route") if isinstance(event.get("route"), dict) else {}
    via = route.get("via") if isinstance(route.get("via"), list) else []
    values = [*places, route.get("origin"), route.get("destination"), *via]
    return {value for value in values if isinstance(value, str)}


def todo_done(data: dict[str, Any], paths: list[FieldPath]) -> dict[str, Any]:
    """``data`` without the draft's to-do entries for fields the author has just written."""
    draft = data.get("draft")
    if not isinstance(draft, dict) or not isinstance(draft.get("todo"), list):
        return data
    written = {path_text(path) for path in paths}
    remaining = [item for item in draft["todo"] if todo_parts(str(item))[0] not in written]
    if len(remaining) == len(draft["todo"]):
        return data
    return {**data, "draft": {**draft, "todo": remaining}}


def todo_checked(data: dict[str, Any], item: str) -> dict[str, Any]:
    """``data`` with the to-do entry ``item`` checked: off the list, into ``draft.checked``."""
    draft = data.get("draft")
    todo = draft.get("todo") if isinstance(draft, dict) else None
    if not isinstance(todo, list) or item not in todo:
        return data
    done = draft.get("checked") if isinstance(draft.get("checked"), list) else []
    kept = [entry for entry in todo if entry != item]
    return {**data, "draft": {**draft, "todo": kept, "checked": [*done, item]}}


def date_note_to_recheck(
    old: dict[str, Any], new: dict[str, Any], path: FieldPath
) -> dict[str, Any]:
    """``new`` after the field at ``path`` was written: when an event's date changed and it
    has a date note, the note goes on the draft's to-do list (once), since it was written
    for the date before ("that is 21 August 2023" may no longer say the date)."""
    if len(path) != 3 or path[0] != "events" or path[2] != "date" or not isinstance(path[1], int):
        return new
    before, after = _items(old, "events"), _items(new, "events")
    index = path[1]
    if not (index < len(before) and index < len(after)):
        return new
    was, event = before[index], after[index]
    if not (isinstance(was, dict) and isinstance(event, dict)) or was.get("date") == event.get(
        "date"
    ):
        return new
    note = event.get("date_note")
    draft = new.get("draft")
    todo = draft.get("todo") if isinstance(draft, dict) else None
    if not isinstance(note, dict) or not isinstance(todo, list):
        return new
    where = path_text(("events", index, "date_note"))
    if not any(isinstance(text, str) and text.strip() for text in note.values()) or any(
        todo_parts(str(item))[0] == where for item in todo
    ):
        return new
    item = f"{where} (written for the date before, {was.get('date')}: does it still say the date?)"
    return {**new, "draft": {**draft, "todo": [*todo, item]}}
