"""A field path in the author's words: ``events[2].summary.en`` -> "Event 3 “Visit” · Summary · EN".

The side panel lists what a draft still asks and every problem, each a button that opens
its field. The paths the library speaks (``places[2].country``) mean nothing to an author
and were cut short in the panel; the same field named as the page names it, with the
event or place it belongs to, tells the author where to go before they click.
"""

from __future__ import annotations

from typing import Any

from storymap.authoring.paths import FieldPath
from storymap.i18n import t
from storymap.story_writer import is_placeholder

NAME_LENGTH = 28  # characters of an event's or a place's name shown before "…"

# a field's name -> the interface's word for it (the page's own label)
_FIELD_WORDS = {
    "id": "col_id",
    "title": "col_title",
    "subtitle": "author_subtitle",
    "summary": "author_summary",
    "date": "col_date",
    "date_note": "date_note",
    "category": "col_category",
    "places": "col_places",
    "country": "col_country",
    "name": "col_name",
    "note": "author_place_note",
    "lat": "col_lat",
    "lon": "col_lon",
    "source": "source_article",
    "outlet": "author_outlet",
    "url": "author_url",
    "source.title": "author_headline",
    "source.published": "author_published_notation",
    "source.language": "author_article_language",
    "source.author": "author_writer",
    "sources": "sources",
    "quote": "author_quote",
    "speaker": "author_speaker",
    "quote.via": "author_quote_via",
    "quote.text": "author_quote_text",
    "quote.original_language": "author_original_language",
    "route": "route",
    "route.origin": "author_route_origin",
    "route.destination": "author_route_destination",
    "route.mode": "author_route_mode",
    "route.via": "author_route_via",
    "question": "question",
    "fact_check": "author_fact_check",
    "media": "author_media",
}
_OWNERS = {"events": "todo_event", "places": "todo_place"}


def describe(data: Any, path: FieldPath | None, lang: str) -> str:
    """``path`` in ``data`` as the author page names it, in the interface's ``lang``."""
    if not path:
        return t("todo_whole_story", lang)
    words: list[str] = []
    position = 0
    head = path[0]
    if head in _OWNERS and len(path) > 1 and isinstance(path[1], int):
        words.append(_owner(data, str(head), path[1], lang))
        position = 2
    languages = _languages(data)
    parent = ""
    for part in path[position:]:
        if isinstance(part, int):
            words[-1:] = [f"{words[-1]} {part + 1}"] if words else [str(part + 1)]
        elif part in languages and words:
            words.append(part.upper())
        else:
            key = _FIELD_WORDS.get(f"{parent}.{part}") or _FIELD_WORDS.get(part)
            words.append(t(key, lang) if key else part.replace("_", " "))
            parent = part
    return " · ".join(words)


def _owner(data: Any, kind: str, index: int, lang: str) -> str:
    """ "Event 3 “Visit to Dar es Salaam”", or "Event 3" when it has no name yet."""
    label = t(_OWNERS[kind], lang, number=index + 1)
    items = data.get(kind) if isinstance(data, dict) else None
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    name = _name(item, lang) if isinstance(item, dict) else ""
    return f"{label} “{_short(name)}”" if name else label


def _name(item: dict[str, Any], lang: str) -> str:
    """The item's title or name in ``lang``, else in any language, else its id; never a
    placeholder still to write."""
    for field in ("title", "name"):
        value = item.get(field)
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, dict):
            texts = [value.get(lang), *value.values()]
        for text in texts:
            if isinstance(text, str) and text.strip() and not is_placeholder(text):
                return " ".join(text.split())
    ident = item.get("id")
    return ident if isinstance(ident, str) and not is_placeholder(ident) else ""


def _short(text: str) -> str:
    if len(text) <= NAME_LENGTH:
        return text
    cut = text[:NAME_LENGTH].rsplit(" ", 1)[0] or text[:NAME_LENGTH]
    return cut.rstrip(",;:") + "…"


def _languages(data: Any) -> set[str]:
    """The story's languages (the last part of ``title.en`` is a language, not a field)."""
    languages = data.get("languages") if isinstance(data, dict) else None
    found = (
        {code for code in languages if isinstance(code, str)}
        if isinstance(languages, list)
        else set()
    )
    title = data.get("title") if isinstance(data, dict) else None
    return found | (set(title) if isinstance(title, dict) else set())
