"""Readable ids made from names: ``dar-es-salaam``, ``jokowi-meets-ruto``, never ``place-7``.

Ids end up in the reader's deep links (``?event=jokowi-meets-ruto``), so a place's or an
event's id follows its name while the id is still one the page made (``place-7``, or
the name's own slug): write the name and the id is written with it. An id the author
typed stays. A place's new id is carried into every event that names it, so renaming
never breaks a story.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from storymap.authoring.rows import rename_place
from storymap.draft.place_entries import slug
from storymap.story_writer import is_placeholder

MADE_BY_PAGE = re.compile(r"^(place|event)-\d+$")
NAMED_BY = {"places": "name", "events": "title"}  # the text an item's id is made from


def _items(data: dict[str, Any], field: str) -> list[Any]:
    items = data.get(field)
    return items if isinstance(items, list) else []


def name_of(item: Any, field: str) -> str | None:
    """The text an id is made from: the English name (or title), else the first written."""
    text = item.get(NAMED_BY[field]) if isinstance(item, dict) else None
    values = [text.get("en"), *text.values()] if isinstance(text, dict) else [text]
    return next(
        (v for v in values if isinstance(v, str) and v.strip() and not is_placeholder(v)), None
    )


def unique_id(stem: str, taken: set[Any]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``… when another item has it."""
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def _made_from(item_id: Any, name: str | None) -> bool:
    """Whether ``item_id`` is the page's own (``place-7``) or the slug of ``name``."""
    if not isinstance(item_id, str):
        return True
    if MADE_BY_PAGE.match(item_id):
        return True
    stem = slug(name) if name else None
    return stem is not None and re.fullmatch(rf"{re.escape(stem)}(-\d+)?", item_id) is not None


def follow_name(old: dict[str, Any], new: dict[str, Any], field: str, index: int) -> dict[str, Any]:
    """``new`` with item ``index`` of ``field`` (places, events) given an id from its name,
    if its id in ``old`` was made by the page or from its old name (and the name changed)."""
    items, before = _items(new, field), _items(old, field)
    if not (0 <= index < len(items)) or not isinstance(items[index], dict):
        return new
    previous = before[index] if index < len(before) and isinstance(before[index], dict) else {}
    name, old_name = name_of(items[index], field), name_of(previous, field)
    old_id = items[index].get("id")
    if name is None or name == old_name:
        return new
    if not (_made_from(old_id, old_name) or _unnamed_draft(previous, field)):
        return new
    taken = {
        item.get("id") for i, item in enumerate(items) if i != index and isinstance(item, dict)
    }
    wanted = unique_id(slug(name), taken)
    if wanted == old_id:
        return new
    return renamed(new, field, index, wanted)


def _unnamed_draft(item: dict[str, Any], field: str) -> bool:
    """Whether ``item`` had only a draft's placeholder for a name: its id (``kenya-undated``)
    was the drafter's, made before anyone named it, and follows the name first written."""
    text = item.get(NAMED_BY[field])
    values = text.values() if isinstance(text, dict) else [text]
    return name_of(item, field) is None and any(
        isinstance(v, str) and is_placeholder(v) for v in values
    )


def follow_written(old: dict[str, Any], new: dict[str, Any], path: tuple) -> dict[str, Any]:
    """``new`` after the field at ``path`` was written: a place's name or an event's title
    carries the item's id with it (``follow_name``), and so does a draft's title its story's
    id (a story not yet published has no readers' links to keep); any other field changes
    nothing."""
    named = len(path) >= 3 and path[0] in NAMED_BY and isinstance(path[1], int)
    if named and path[2] == NAMED_BY[str(path[0])]:
        return follow_name(old, new, str(path[0]), path[1])
    if path[:1] == ("title",) and isinstance(new.get("draft"), dict):
        return _story_follows_title(old, new)
    return new


def _story_follows_title(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` with its id made from its title, if its id was made from the old title (or
    the draft's headline) and the title changed."""
    name, old_name = name_of(new, "events"), name_of(old, "events")
    old_id = new.get("id")
    if name is None or name == old_name or not isinstance(old_id, str):
        return new
    if old_name is not None and not _made_from(old_id, old_name):
        return new
    return {**new, "id": slug(name)} if slug(name) else new


def renamed(data: dict[str, Any], field: str, index: int, new_id: str) -> dict[str, Any]:
    """A copy of ``data`` with item ``index`` called ``new_id``; a place's events follow."""
    result = copy.deepcopy(data)
    item = result[field][index]
    if field == "places":
        rename_place(result, item.get("id"), new_id)
    item["id"] = new_id
    return result
