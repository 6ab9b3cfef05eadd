"""The story's reader-facing texts in its data: which are missing a language, which are
still a draft's placeholder, and removing a language from all of them.

A Text is a mapping from language codes to text (``{id: Moskow, en: Moscow}``); the
fields that hold one are named in ``TEXT_FIELDS`` (``outlet`` and ``via`` may also be
plain text, which is in every language at once).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from storymap.authoring.paths import FieldPath
from storymap.story_writer import PLACEHOLDERS

TEXT_FIELDS = frozenset(
    {"title", "subtitle", "role", "name", "note", "date_note", "summary", "outlet", "claim",
     "text", "via", "caption", "question", "article", "record"}
)  # fmt: skip


def texts(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Every Text mapping in the story's data, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = (*path, key)
            if key in TEXT_FIELDS and isinstance(value, dict):
                yield child, value
            elif isinstance(value, dict | list):
                yield from texts(value, child)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from texts(item, (*path, index))


def missing(data: Any, languages: list[str], path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """(text path, language) for each language a Text in ``data`` lacks."""
    found = []
    for where, text in texts(data, path):
        for lang in languages:
            value = text.get(lang)
            if not isinstance(value, str) or not value.strip():
                found.append((where, lang))
    return found


def missing_summary(item: Any, languages: list[str]) -> str:
    """'en: title, summary' for the texts of one event or place that lack a language."""
    by_lang: dict[str, list[str]] = {}
    for where, lang in missing(item, languages):
        by_lang.setdefault(lang, []).append(".".join(str(p) for p in where))
    return "; ".join(f"{lang}: {', '.join(fields)}" for lang, fields in by_lang.items())


def placeholders(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Paths of texts that still hold a draft's placeholder ("[write: …]", "[tulis: …]")."""
    if isinstance(data, str):
        if data.lstrip().startswith(PLACEHOLDERS):
            yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from placeholders(item, (*path, index))


def drop_language(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """A copy of ``data`` with ``lang`` removed from every Text (a quote keeps its original)."""
    result = copy.deepcopy(data)
    for where, text in texts(result):
        is_quote_text = len(where) >= 2 and where[-2] == "quote" and where[-1] == "text"
        if is_quote_text:
            quote = _parent(result, where)
            if isinstance(quote, dict) and quote.get("original_language") == lang:
                continue
        text.pop(lang, None)
    return result


def _parent(data: Any, path: FieldPath) -> Any:
    current = data
    for part in path[:-1]:
        current = current[part]
    return current
