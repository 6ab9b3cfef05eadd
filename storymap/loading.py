"""Read a story file into a ``Story``, or say every problem in it and where it is.

Story files come from authors and uploads, so nothing here trusts the input: size,
encoding, YAML syntax, aliases (the "billion laughs" bomb), duplicate keys, the
schema and the cross-references are each checked, and all problems are reported
together, each with a line number or a field path and the event or place id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from storymap.dates import DateParseError, PartialDate
from storymap.errors import StorymapError
from storymap.model import Story

MAX_STORY_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file: where it is and what is wrong."""

    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        at = f"line {self.line}: " if self.line else ""
        return f"{at}{self.where}: {self.message}"


class StoryError(StorymapError):
    """A story file that cannot be used; ``problems`` lists everything found.

    The message is one line for one problem; for more it lists the first
    ``MAX_PROBLEMS_LISTED`` and says how many more there are.
    """

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        if len(problems) == 1:
            super().__init__(f"{source}: {problems[0]}")
            return
        lines = [f"  - {p}" for p in problems[:MAX_PROBLEMS_LISTED]]
        if len(problems) > MAX_PROBLEMS_LISTED:
            lines.append(f"  … and {len(problems) - MAX_PROBLEMS_LISTED:,} more")
        super().__init__(f"{source}: {len(problems):,} problems\n" + "\n".join(lines))


class _StoryLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml when present), but dates stay text for the story's date notation."""


_StoryLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 integers: plain decimal, so 0700 is 700, never octal 448.
_StoryLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_StoryLoader.add_constructor(
    "tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10)
)


def load_story(path: str | Path) -> Story:
    """Read and validate the story file at ``path``."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder, not a story file")
        size = path.stat().st_size
        if size > MAX_STORY_BYTES:
            message = f"is {size:,} bytes; a story file may be at most {MAX_STORY_BYTES:,}"
            raise StoryError(str(path), [Problem("file", message)])
        data = path.read_bytes()
    except OSError as exc:
        raise StoryError(str(path), [Problem("file", f"cannot be read: {exc.strerror}")]) from None
    return parse_story(data, str(path))


def parse_story(data: bytes | str, source: str = "<story>") -> Story:
    """Validate story text (bytes from a file or an upload); raise ``StoryError`` if bad."""
    text = _decode(data, source)
    loader = _StoryLoader(text)
    try:
        node = _compose(loader, source)
        lines = _line_index(node, source)
        raw = _construct(loader, node, source)
    finally:
        loader.dispose()
    problems = list(_duplicate_keys(node, raw))
    if not isinstance(raw, dict):
        kind = type(raw).__name__ if raw is not None else "empty"
        raise StoryError(
            source, [Problem("file", f"must be a YAML mapping of story fields, not {kind}", 1)]
        )
    story: Story | None = None
    try:
        story = Story.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, raw, lines))
    problems.extend(_reference_problems(raw, lines))
    if problems:
        raise StoryError(source, _dedupe(problems))
    assert story is not None
    return story


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_STORY_BYTES:
            raise StoryError(source, [Problem("file", f"is larger than {MAX_STORY_BYTES:,} bytes")])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise StoryError(
                source,
                [
                    Problem(
                        "file", f"is not UTF-8 text (byte {exc.start} is not valid): a binary file?"
                    )
                ],
            ) from None
    if "\x00" in text:
        raise StoryError(
            source, [Problem("file", "contains NUL bytes: a binary file, not YAML text")]
        )
    if not text.strip():
        raise StoryError(
            source, [Problem("file", "is empty: a story needs id, title, places, events")]
        )
    return text


def _compose(loader: yaml.SafeLoader, source: str) -> yaml.Node | None:
    """Parse the text into one node tree; syntax errors become a problem with a line."""
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise StoryError(source, [Problem("YAML", f"{exc.problem or exc.context}", line)]) from None
    except yaml.YAMLError as exc:
        raise StoryError(source, [Problem("YAML", str(exc))]) from None


def _construct(loader: yaml.SafeLoader, node: yaml.Node | None, source: str) -> Any:
    """Build Python values; a tag or value YAML cannot make (``!!python/...``) is a problem."""
    if node is None:
        return None
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise StoryError(source, [Problem("YAML", f"{exc.problem or exc.context}", line)]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise StoryError(source, [Problem("YAML", f"a value cannot be read: {exc}")]) from None


def _line_index(node: yaml.Node | None, source: str) -> dict[tuple[Any, ...], int]:
    """Map each field path, like ('events', 2, 'date'), to its line in the file.

    The walk also refuses aliases: an alias makes one node appear twice in the
    tree, which is how a few lines of YAML expand into billions of values.
    """
    index: dict[tuple[Any, ...], int] = {}
    seen: set[int] = set()
    stack: list[tuple[tuple[Any, ...], yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        if isinstance(current, yaml.CollectionNode):
            if id(current) in seen:
                message = (
                    "repeats a list or mapping with a YAML alias (*name), "
                    "which story files do not allow (anchored on this line)"
                )
                line = current.start_mark.line + 1
                raise StoryError(source, [Problem("file", message, line)])
            seen.add(id(current))
        index.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    raise StoryError(
                        source,
                        [
                            Problem(
                                _where(path),
                                "a key must be a plain name, not a list or mapping",
                                line,
                            )
                        ],
                    )
                child = (*path, key.value)
                index[child] = key.start_mark.line + 1
                stack.append((child, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(((*path, i), item) for i, item in enumerate(current.value))
    return index


def _duplicate_keys(
    node: yaml.Node | None, raw: Any, path: tuple[Any, ...] = ()
) -> Iterable[Problem]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                message = "the key appears twice (the second value would silently win)"
                yield Problem(_where((*path, key.value), raw), message, key.start_mark.line + 1)
            seen.add(key.value)
            yield from _duplicate_keys(value, raw, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, raw, (*path, i))


def _where(loc: tuple[Any, ...], raw: Any = None) -> str:
    """A field path a person can read, naming the event or place by its id."""
    text, owner, current = "", "", raw
    for item in loc:
        if isinstance(item, int):
            text += f"[{item}]"
            item_id = current[item].get("id") if _is_list_of_dicts(current, item) else None
            if isinstance(item_id, str) and text.count("[") == 1:
                owner = f" ({text.split('[')[0].rstrip('s')} '{item_id}')"
        else:
            text += f".{item}" if text else str(item)
        current = _step(current, item)
    return (text or "file") + owner


def _is_list_of_dicts(value: Any, index: int) -> bool:
    return isinstance(value, list) and index < len(value) and isinstance(value[index], dict)


def _step(value: Any, key: Any) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    if isinstance(value, list) and isinstance(key, int) and key < len(value):
        return value[key]
    return None


def _line_of(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _schema_problems(
    exc: ValidationError, raw: dict[str, Any], lines: dict[tuple[Any, ...], int]
) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_pydantic_tag(part))
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown field '{loc[-1]}' (a typo?)"
        elif error["type"] == "missing":
            message = f"required field '{loc[-1]}' is missing"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
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
    place_ids = {p.get("id") for p in places if isinstance(p, dict)}
    previous: tuple[str, PartialDate] | None = None
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        event_places = event.get("places") if isinstance(event.get("places"), list) else []
        referenced = [("places", j, pid) for j, pid in enumerate(event_places)]
        route = event.get("route")
        if isinstance(route, dict):
            referenced += [("route", key, route.get(key)) for key in ("origin", "destination")]
            if route.get("origin") is not None and route.get("origin") == route.get("destination"):
                loc = ("events", i, "route", "destination")
                yield Problem(
                    _where(loc, raw), "a route must end at another place", _line_of(loc, lines)
                )
        for field, key, place_id in referenced:
            if isinstance(place_id, str) and place_id not in place_ids:
                loc = ("events", i, field, key)
                yield Problem(
                    _where(loc, raw),
                    f"unknown place id '{place_id}' (not in places)",
                    _line_of(loc, lines),
                )
        try:
            current = PartialDate.parse(event.get("date"))
        except (DateParseError, TypeError):
            continue  # the schema check already reported it
        if previous and current.certainly_before(previous[1]):
            loc = ("events", i, "date")
            yield Problem(
                _where(loc, raw),
                f"{current} is before '{previous[0]}' ({previous[1]}): events are in story order, "
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
                f"duplicate id '{item_id}' (first used by {field}[{first_index[item_id]}])",
                _line_of(loc, lines),
            )
        else:
            first_index[item_id] = i


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
