"""A valid story with every known markup and script payload in every text field (issue 18).

Every free-text string of the story (found from the story's own JSON Schema, so a text
field added to ``storymap.model`` is filled too, and ``test_payload_story`` fails until
the base story below carries it) becomes a short readable tag (``T17``) followed by
every payload shape. Each shape that runs sets ``top.__pwned`` to a number naming the
field and the shape (``field * 100 + shape``) and opens a dialog with it; a template
expression would write 1337; a Markdown image would ask ``attacker.invalid`` for a
picture. A page shows this story safely when none of that happens in any frame.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from storymap.model import story_json_schema

ATTACKER_HOST = "attacker.invalid"  # a Markdown or HTML image from it would track readers
MEDIA_HOST = "https://example.org"  # the story's own pictures: the tests answer with a blank one
TEMPLATE_RESULT = "1337"  # what 7*191 evaluates to, if any template engine ran our text
# The payload shapes: markup that runs when parsed as HTML (innerHTML runs <img onerror>
# and <details ontoggle>, not <svg onload>; a whole document runs all three), frames,
# javascript: links, attribute and element breakouts, Markdown, template expressions.
SHAPES: tuple[tuple[str, str], ...] = (
    ("img onerror", "<img src=x onerror=alert(top.__pwned={n})>"),
    ("svg onload", "<svg onload=alert(top.__pwned={n})>"),
    ("details ontoggle", "<details open ontoggle=alert(top.__pwned={n})></details>"),
    ("iframe srcdoc", '<iframe srcdoc="<img src=x onerror=alert(top.__pwned={n})>"></iframe>'),
    ("javascript: link", '<a href="javascript:alert(top.__pwned={n})">a</a>'),
    ("double-quote breakout", '"><img src=x onerror=alert(top.__pwned={n})>'),
    ("single-quote breakout", "'><img src=x onerror=alert(top.__pwned={n})>"),
    ("script breakout", "</script><script>alert(top.__pwned={n})</script>"),
    ("style breakout", "</style><img src=x onerror=alert(top.__pwned={n})>"),
    ("JS string breakout", "`;alert(top.__pwned={n});//"),
    ("Markdown link", "[m](javascript:alert(top.__pwned={n}))"),
    ("Markdown image", f"![i](http://{ATTACKER_HOST}/{{n}}.png)"),
    ("template", "{{{{7*191}}}} ${{7*191}}"),
)

# A story that uses every part of the format: both kinds of outlet, a quotation with its
# own wording per language, media, a fact check, a route through a waypoint, an undated
# and a vague event, the story's own category and a renamed built-in, a draft mark.
BASE: dict[str, Any] = {
    "id": "payloads",
    "title": {"id": "Judul", "en": "Title"},
    "subtitle": {"id": "Subjudul", "en": "Subtitle"},
    "languages": ["id", "en"],
    "source": {
        "outlet": "Outlet", "title": "Article", "url": "https://example.org/article",
        "date": "2025-10-27", "language": "id", "author": "Author",
    },
    "credits": [{"role": {"id": "Peran", "en": "Role"}, "name": "Name"}],
    "categories": [
        {"id": "talks", "name": {"id": "Perundingan", "en": "Talks"}, "colour": "#0072B2"},
        {"id": "transport", "name": {"id": "Angkutan", "en": "Transport"}},
    ],
    "places": [
        {"id": "moscow", "name": {"id": "Moskow", "en": "Moscow"}, "aliases": ["Moskva"],
         "kind": "city", "country": "RU", "note": {"id": "Catatan", "en": "Note"},
         "evidence": "Evidence",
         "coordinates": {"lat": 55.75, "lon": 37.62, "precision_km": 5, "source": "Source"}},
        {"id": "kazan", "name": {"id": "Kazan", "en": "Kazan"}, "kind": "city", "country": "RU",
         "coordinates": {"lat": 55.79, "lon": 49.12, "precision_km": 5, "source": "Source"}},
        {"id": "pyongyang", "name": {"id": "Pyongyang", "en": "Pyongyang"}, "kind": "city",
         "country": "KP",
         "coordinates": {"lat": 39.03, "lon": 125.75, "precision_km": 5, "source": "Source"}},
        {"id": "kursk", "name": {"id": "Kursk", "en": "Kursk"}, "kind": "region", "country": "RU",
         "precision_km": 120,
         "coordinates": {"lat": 51.73, "lon": 36.19, "precision_km": 120, "source": "Source"}},
    ],
    "events": [
        {"id": "talks", "date": "2024-06-19", "date_note": {"id": "Catatan", "en": "Note"},
         "places": ["pyongyang"], "category": "talks",
         "title": {"id": "Judul", "en": "Title"}, "summary": {"id": "Ringkasan", "en": "Summary"},
         "sources": [{"outlet": "Outlet", "claim": {"id": "Klaim", "en": "Claim"}},
                     {"outlet": {"id": "Media", "en": "Media"}}],
         "quote": {"text": {"id": "Kutipan", "en": "Quote", "ru": "Цитата"}, "speaker": "Speaker",
                   "via": {"id": "Lewat", "en": "Via", "ru": "Через"}, "original_language": "ru",
                   "our_translation": ["id"]},
         "media": [{"url": "https://example.org/a.jpg", "kind": "image", "credit": "Credit",
                    "caption": {"id": "Keterangan", "en": "Caption"},
                    "alt": {"id": "Teks pengganti", "en": "Alt text"}},
                   {"url": "https://example.org/b", "kind": "link", "credit": "Credit"}],
         "question": {"id": "Pertanyaan", "en": "Question"},
         "fact_check": {"verdict": "corrected", "article": {"id": "Artikel", "en": "Article"},
                        "record": {"id": "Catatan", "en": "Record"},
                        "sources": [{"outlet": {"id": "Sumber", "en": "Source"}, "title": "Title",
                                     "url": "https://example.org/r", "date": "2024-06-20"},
                                    {"outlet": "Agency"}]},
         "evidence": "Evidence"},
        {"id": "flight", "date": "2024-11-05", "places": ["moscow", "pyongyang"],
         "route": {"origin": "moscow", "destination": "pyongyang", "via": ["kazan"],
                   "mode": "flight"},
         "category": "transport", "title": {"id": "Judul", "en": "Title"},
         "summary": {"id": "Ringkasan", "en": "Summary"}, "sources": [{"outlet": "Outlet"}]},
        {"id": "troops", "date": "2025-04-early", "places": ["kursk"], "category": "military",
         "title": {"id": "Judul", "en": "Title"}, "summary": {"id": "Ringkasan", "en": "Summary"},
         "sources": [{"outlet": "Outlet"}]},
        {"id": "undated", "places": ["moscow", "kursk"], "category": "history",
         "title": {"id": "Judul", "en": "Title"}, "summary": {"id": "Ringkasan", "en": "Summary"},
         "sources": [{"outlet": "Outlet"}]},
    ],
    "draft": {"made_by": "Made by", "todo": ["Todo"], "checked": ["Checked"]},
}  # fmt: skip


def payload(field: int) -> str:
    """Every shape, each numbered ``field * 100 + shape`` (shapes count from 1)."""
    return " ".join(
        template.format(n=field * 100 + shape) for shape, (_, template) in enumerate(SHAPES, 1)
    )


def what_ran(number: int, fields: dict[int, str]) -> str:
    """'events[0].title.en, img onerror' for the number a payload wrote."""
    field, shape = divmod(int(number), 100)
    name = SHAPES[shape - 1][0] if 1 <= shape <= len(SHAPES) else f"shape {shape}"
    return f"{fields.get(field, f'field {field}')}, {name}"


def payload_story(base: dict[str, Any] = BASE) -> tuple[dict[str, Any], dict[int, str]]:
    """The base story with every text replaced by its tag and every payload; and which
    field each number names (``{17: "events[0].title.en"}``)."""
    story = copy.deepcopy(base)
    fields: dict[int, str] = {}
    for path, _ in list(_texts(story, _schema(), ())):
        number = len(fields) + 1
        fields[number] = _dotted(path)
        _set(story, path, f"T{number} {payload(number)}")
    return story, fields


def text_fields(base: dict[str, Any] = BASE) -> set[str]:
    """Every text field the story fills, as a schema path (``events[].title``)."""
    return {general for _, general in _texts(base, _schema(), ())}


def schema_text_fields() -> set[str]:
    """Every free-text field the story format has, from its JSON Schema."""
    return set(_schema_texts(_schema(), "", frozenset()))


@cache
def _schema() -> dict[str, Any]:
    return story_json_schema()


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The node's alternatives, references followed."""
    if "$ref" in node:
        return _resolve(root["$defs"][node["$ref"].rsplit("/", 1)[1]], root)
    if "anyOf" in node:
        return [alt for branch in node["anyOf"] for alt in _resolve(branch, root)]
    return [node]


def _is_text(node: dict[str, Any]) -> bool:
    """A string anyone may write: no pattern, no fixed choices."""
    return node.get("type") == "string" and not ({"pattern", "enum", "const", "format"} & set(node))


def _is_language_text(node: dict[str, Any]) -> bool:
    return node.get("title") == "Text"


def _texts(value: Any, node: dict[str, Any], path: tuple, general: str = "") -> Iterator:
    """(path, schema path) of every free text in ``value``, walked with its schema ``node``."""
    for alt in _resolve(node, _schema()):
        if isinstance(value, str) and _is_text(alt):
            yield path, general
            return
        if isinstance(value, dict) and _is_language_text(alt):
            for lang in value:
                yield (*path, lang), general
            return
        if isinstance(value, dict) and "properties" in alt:
            for key, item in value.items():
                yield from _texts(item, alt["properties"][key], (*path, key),
                                  f"{general}.{key}".lstrip("."))  # fmt: skip
            return
        if isinstance(value, list) and alt.get("type") == "array":
            for index, item in enumerate(value):
                yield from _texts(item, alt["items"], (*path, index), f"{general}[]")
            return


def _schema_texts(node: dict[str, Any], path: str, seen: frozenset) -> Iterator[str]:
    for alt in _resolve(node, _schema()):
        if _is_text(alt) or _is_language_text(alt):
            yield path
        elif "properties" in alt and alt.get("title") not in seen:
            for key, item in alt["properties"].items():
                yield from _schema_texts(
                    item, f"{path}.{key}".lstrip("."), seen | {alt.get("title")}
                )
        elif alt.get("type") == "array":
            yield from _schema_texts(alt["items"], f"{path}[]", seen)


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _set(data: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
