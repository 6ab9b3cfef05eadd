"""Field paths: ``events[2].title.en`` as text, as a tuple, as a page anchor, and as a place
in the story's data to read or write.

Problems from the loader name their field as readable text ("events[2].date (event
'visit')"); the page needs the same path as a tuple to open the right event and field,
and as an anchor (``f-events-2-date``) to scroll to it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

FieldPath = tuple[str | int, ...]

_OWNER = re.compile(r"\s+\((?:[a-z_ ]+) '.*'\)$", re.DOTALL)
_REASON = re.compile(r"^(?P<path>\S+)\s+\((?P<reason>[^()]*)\)$")  # a draft's "path (why)"
_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]\s]+)")
_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")


def parse_path(text: str) -> FieldPath | None:
    """``"events[2].date (event 'visit')"`` -> ``("events", 2, "date")``; None if not a path.

    ``file`` and ``YAML`` (problems with the whole file) are not fields: None.
    """
    text = _OWNER.sub("", text.strip())
    text = todo_parts(text)[0]
    if not text or text in ("file", "YAML"):
        return None
    parts: list[str | int] = []
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            return None
        parts.append(int(match[1]) if match[1] is not None else match[2])
        position = match.end()
    return tuple(parts) if parts and isinstance(parts[0], str) else None


def todo_parts(item: str) -> tuple[str, str]:
    """A draft's to-do item: ``"events[2].places (placed at the dateline)"`` -> the path and why."""
    match = _REASON.match(item.strip())
    return (match["path"], match["reason"]) if match else (item.strip(), "")


def path_text(path: FieldPath) -> str:
    """``("events", 2, "date")`` -> ``"events[2].date"``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def anchor(path: FieldPath | None) -> str:
    """An HTML id for the field: ``f-events-2-date`` (letters, digits and hyphens only)."""
    if not path:
        return "f-file"
    return "f-" + _NOT_ANCHOR.sub("-", path_text(path).lower()).strip("-")


def get_at(data: Any, path: FieldPath, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when any step is missing."""
    current = data
    for part in path:
        in_list = isinstance(part, int) and isinstance(current, list) and 0 <= part < len(current)
        in_mapping = isinstance(part, str) and isinstance(current, dict) and part in current
        if not (in_list or in_mapping):
            return default
        current = current[part]
    return current


def set_at(data: dict[str, Any], path: FieldPath, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path``; ``None`` or ``""`` removes the field.

    Missing mappings on the way are made; a list index must exist. An emptied mapping
    (a text with no language left) is removed too, so a cleared field reads as missing.
    """
    result = copy.deepcopy(data)
    put_at(result, path, value)
    return result


def put_at(container: Any, path: FieldPath, value: Any) -> None:
    """``set_at`` in place: ``container`` itself is changed."""
    head, rest = path[0], path[1:]
    if not rest:
        if value is None or value == "":
            if isinstance(container, dict):
                container.pop(head, None)
            elif isinstance(head, int) and isinstance(container, list):
                container[head] = value
        else:
            container[head] = value
        return
    if isinstance(container, dict):
        child = container.get(head)
        if not isinstance(child, dict | list):
            child = container[head] = {}
    elif isinstance(container, list) and isinstance(head, int) and 0 <= head < len(container):
        child = container[head]
    else:
        raise KeyError(path_text(path))
    put_at(child, rest, value)
    if isinstance(child, dict) and not child and isinstance(container, dict):
        container.pop(head, None)


def renumber(paths: Iterable[str], field: str, moved: dict[int, int | None]) -> list[str]:
    """Field paths (a draft's todo) after the items of ``field`` moved or were removed.

    ``moved`` maps an old index to its new one, or to None when the item is gone (its
    paths are dropped). Paths of other fields stay as they are.
    """
    result: list[str] = []
    for text in paths:
        path = parse_path(text)
        if path and len(path) > 1 and path[0] == field and isinstance(path[1], int):
            new = moved.get(path[1], path[1])
            if new is None:
                continue
            reason = todo_parts(text)[1]
            text = path_text((field, new, *path[2:])) + (f" ({reason})" if reason else "")
        result.append(text)
    return result


def differences(old: Any, new: Any, limit: int = 8, _at: FieldPath = ()) -> list[str]:
    """The fields whose values differ between two versions of a story (``title.en``,
    ``events[2]``), at most ``limit``, in the story's order: what choosing one loses."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict) and _at[:1] != ("draft",):
        found: list[str] = []
        for key in dict.fromkeys([*old, *new]):
            found += differences(old.get(key), new.get(key), limit - len(found), (*_at, key))
            if len(found) >= limit:
                break
        return found[:limit]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and len(_at) < 2:
        found = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found += differences(a, b, limit - len(found), (*_at, index))
            if len(found) >= limit:
                break
        return found[:limit]
    return [path_text(_at) if _at else "the whole story"]
