"""Story YAML to plain values, refusing what the story format does not allow.

YAML can do far more than a story needs, and each extra is a way in: anchors and
aliases repeat a value thousands of times from a few bytes ("billion laughs"),
tags make bytes, timestamps or Python objects, escapes put NULs and terminal codes
into text. The format allows plain text, numbers, true/false, null, lists and
mappings; everything else is a problem reported with its line and field path.
Every walk here uses an explicit stack: a file nested 1,000 levels deep must not
overflow Python's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from storymap.hints import yaml_hint
from storymap.messages import quote, shorten
from storymap.problems import Problem, StoryError

Path = tuple[Any, ...]

PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}
# C0 controls other than tab and newline: a NUL or an escape code is never story text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class StoryLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml when present), but dates stay text for the story's date notation."""


StoryLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 integers: plain decimal, so 0700 is 700, never octal 448.
StoryLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
StoryLoader.add_constructor(
    "tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10)
)


@dataclass
class Document:
    """A story file read as YAML: its values, the line of each field path, what is wrong.

    ``refused`` stops the reading (a tag could build anything); ``problems`` are
    reported together with those the schema finds.
    """

    source: str
    raw: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    refused: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_yaml(text: str, source: str) -> Document:
    """Parse, check and build the values of story text; raise ``StoryError`` if it cannot be used."""
    if "&" in text:  # no anchor, no alias: an alias without one is a syntax error
        _refuse_anchors(text, source)
    loader = StoryLoader(text)
    try:
        node = _compose(loader, text, source)
        document = Document(source)
        _walk(node, loader, document)
        if document.refused:
            raise StoryError(source, document.refused)
        document.raw = _construct(loader, node, source)
    finally:
        loader.dispose()
    return document


def _yaml_problem(exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        hint, line = yaml_hint(text, mark.line + 1 if mark else None)
        return Problem("YAML", f"{exc.problem or exc.context}{hint}", line)
    return Problem("YAML", str(exc))


def _refuse_anchors(text: str, source: str) -> None:
    """Refuse every anchor (&name) and alias (*name), before anything is built from them."""
    try:
        for event in yaml.parse(text, Loader=StoryLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                message = (
                    f"uses a YAML anchor or alias ({'*' if isinstance(event, yaml.AliasEvent) else '&'}"
                    f"{shorten(str(event.anchor), 40)}), which story files do not allow: "
                    "write the value out where it is needed"
                )
                raise StoryError(source, [Problem("file", message, event.start_mark.line + 1)])
    except yaml.YAMLError as exc:
        raise StoryError(source, [_yaml_problem(exc, text)]) from None


def _compose(loader: yaml.SafeLoader, text: str, source: str) -> yaml.Node | None:
    """Parse the text into one node tree; syntax errors become a problem with a line."""
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise StoryError(source, [_yaml_problem(exc, text)]) from None


def _construct(loader: yaml.SafeLoader, node: yaml.Node | None, source: str) -> Any:
    """Build Python values; a value YAML cannot make (``!!int abc``) is a problem."""
    if node is None:
        return None
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise StoryError(source, [_yaml_problem(exc, "")]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise StoryError(source, [Problem("YAML", f"a value cannot be read: {exc}")]) from None


def _key_value(loader: yaml.SafeLoader, key: yaml.ScalarNode) -> Any:
    """The key as the values will have it: ``12:`` is the number 12, not the text '12'."""
    if key.tag == "tag:yaml.org,2002:str":
        return key.value
    try:
        return loader.construct_object(key)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return key.value


def _walk(root: yaml.Node | None, loader: yaml.SafeLoader, document: Document) -> None:
    """Index each field path's line and note aliases, tags, control characters, repeated keys."""
    seen: set[int] = set()
    stack: list[tuple[Path, str, yaml.Node]] = [((), "", root)] if root is not None else []
    while stack:
        path, owner, node = stack.pop()
        line = node.start_mark.line + 1
        document.lines.setdefault(path, line)
        if id(node) in seen:  # only an alias makes one node appear twice
            problem = Problem("file", "repeats a value with a YAML alias", line)
            raise StoryError(document.source, [problem])
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"the YAML tag {quote(tag, 40)} is not allowed in a story file; remove it"
            document.refused.append(Problem(where(path, owner), message, line))
        elif isinstance(node, yaml.ScalarNode) and _CONTROL.search(node.value):
            code = ord(_CONTROL.search(node.value).group())  # type: ignore[union-attr]
            message = f"contains the control character U+{code:04X}, which text may not contain"
            document.problems.append(Problem(where(path, owner), message, line))
        if isinstance(node, yaml.MappingNode):
            stack.extend(reversed(_children(node, path, owner, loader, document)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(node.value))):
                stack.append(((*path, index), owner or _owner(path, index, item), item))


def _children(
    node: yaml.MappingNode, path: Path, owner: str, loader: yaml.SafeLoader, document: Document
) -> list[tuple[Path, str, yaml.Node]]:
    children = []
    keys: set[Any] = set()
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            message = "a key must be a plain name, not a list or mapping"
            raise StoryError(document.source, [Problem(where(path, owner), message, line)])
        name = _key_value(loader, key)
        child = (*path, name)
        document.lines[child] = line
        if not isinstance(name, str):
            kind = (
                "nothing (null)"
                if name is None
                else f"{type(name).__name__} {quote(key.value, 40)}"
            )
            message = f"a field name must be text, not {kind}"
            shown = where((*path, str(key.value)), owner)  # 'places[0].12', not 'places[0][12]'
            document.problems.append(Problem(shown, message, line))
        if name in keys:
            message = "the key appears twice (the second value would silently win)"
            document.problems.append(Problem(where(child, owner), message, line))
        keys.add(name)
        children.append((child, owner, value))
    return children


def _owner(path: Path, index: int, item: yaml.Node) -> str:
    """' (event 'meeting')' for an item of a top-level list that has an id."""
    if len(path) != 1 or not isinstance(item, yaml.MappingNode):
        return ""
    ids = [v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
    return owner_label(path[0], ids[0]) if ids else ""


def owner_label(field_name: Any, item_id: Any) -> str:
    """' (event 'meeting')', ' (category 'storm')': the list's item named by its id."""
    if not isinstance(item_id, str):
        return ""
    field = str(field_name)
    singular = field[:-3] + "y" if field.endswith("ies") else field.rstrip("s")
    return f" ({singular} {quote(item_id, 40)})"


def where(path: Path, owner: str = "") -> str:
    """A field path a person can read: events[2].date (event 'meeting')."""
    text = ""
    for item in path:
        if isinstance(item, int) and not isinstance(item, bool):
            text += f"[{item}]"
        else:
            name = shorten(str(item), 40)
            text += f".{name}" if text else name
    return (text or "file") + owner
