"""Write the draft story: fields in the story's order, placeholders for readers' text, a todo list.

Nothing the article says reaches a reader unmarked: titles and summaries are placeholders
("[write: …]" / "[tulis: …]") listed in ``draft.todo``; the article's sentences are
``evidence``; quotations stay, marked and attributed, with the other language to write.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from storymap.dates import PartialDate
from storymap.draft.events import DraftEvent
from storymap.draft.place_entries import Ids, PlaceEntry, slug, unique

SCHEMA_LINE = "# yaml-language-server: $schema=../story.schema.json"
OTHER = {"id": "en", "en": "id"}
WRITE = {"id": "tulis", "en": "write"}


@dataclass(frozen=True)
class Source:
    """What the command line and the article say about the article itself."""

    outlet: str | None
    title: str | None
    url: str | None
    published: date
    lang: str
    file_name: str


def story_data(
    source: Source, events: list[DraftEvent], places: list[PlaceEntry]
) -> tuple[dict[str, Any], list[str]]:
    """The story as plain data in the format's field order, and the todo list."""
    todo: list[str] = []
    lang = source.lang
    outlet = source.outlet or "[write: the outlet]"
    data: dict[str, Any] = {
        "id": slug(source.title or source.file_name) or "draft",
        "title": _placeholder("the story's headline", "judul peta cerita", "title", todo),
        "subtitle": _placeholder(
            "one line on what the story covers", "satu baris tentang isi cerita", "subtitle", todo
        ),
        "default_language": lang,
        "source": {
            "outlet": outlet,
            "title": source.title or "[write: the article's headline, as published]",
            **({"url": source.url} if source.url else {}),
            "date": source.published.isoformat(),
            "language": lang,
        },
        "credits": [{"role": {"id": "Artikel sumber", "en": "Source article"}, "name": outlet}],
    }
    todo += [] if source.outlet else ["source.outlet"]
    todo += [] if source.title else ["source.title"]
    by_key = {entry.key: entry for entry in places}
    data["places"] = []
    for index, entry in enumerate(places):
        data["places"].append(entry.data)
        todo += [f"places[{index}]{'.' + tail if tail else ''}" for tail, _ in entry.checks]
    dominant = Counter(e.category for e in events if e.category).most_common(1)
    fallback = dominant[0][0] if dominant else "society"
    used = Ids()
    data["events"] = [
        _event(i, event, by_key, places, source, fallback, used, todo)
        for i, event in enumerate(events)
    ]
    made_by = f"storymap draft from {outlet}, {PartialDate.parse(source.published).format('en')}"
    data["draft"] = {"made_by": made_by, "todo": todo}
    return data, todo


def _placeholder(en: str, id_: str, path: str, todo: list[str]) -> dict[str, str]:
    todo += [f"{path}.id", f"{path}.en"]
    return {"id": f"[tulis: {id_}]", "en": f"[write: {en}]"}


def _event(
    index: int,
    event: DraftEvent,
    by_key: dict[str, PlaceEntry],
    places: list[PlaceEntry],
    source: Source,
    fallback: str,
    used: set[str],
    todo: list[str],
) -> dict[str, Any]:
    path = f"events[{index}]"
    chosen = _event_places(event, by_key)
    if not chosen:  # no place in its sentences: the article's first place, to be checked
        chosen = [places[0]]
        todo.append(f"{path}.places")
    when = event.found.date
    where = {lang: " & ".join(p.data["name"][lang] for p in chosen[:2]) for lang in ("id", "en")}
    short = {lang: when.format(lang, short=True) for lang in ("id", "en")}
    data: dict[str, Any] = {
        "id": unique(slug(f"{chosen[0].id} {when}"), used),
        "date": str(when),
        "date_note": event.found.note(),
        "places": [p.id for p in chosen],
        "category": event.category or fallback,
        "title": {
            "id": f"[tulis: apa yang terjadi di {where['id']} pada {short['id']}]",
            "en": f"[write: what happened at {where['en']} {'on' if when.is_exact_day else 'in'} "
            f"{short['en']}]",
        },
        "summary": {
            "id": "[tulis: ringkasan dengan kata-kata sendiri; lihat evidence]",
            "en": "[write: a summary in your own words; see evidence]",
        },
        "sources": _sources(event, source, path, todo),
    }
    if event.found.reading.uncertain:
        todo.append(f"{path}.date")
    if event.category is None:
        todo.append(f"{path}.category")
    todo += [f"{path}.title.id", f"{path}.title.en", f"{path}.summary.id", f"{path}.summary.en"]
    quote = event.quotation
    if quote is not None:
        lang, other = source.lang, OTHER[source.lang]
        data["quote"] = {
            "text": {lang: quote.text, other: f"[{WRITE[other]}: {_translate(other)}]"},
            "speaker": quote.speaker or "[write: who said it]",
            "via": quote.via or source.outlet or "[write: the outlet]",
            "original_language": lang,
        }
        todo.append(f"{path}.quote.text.{other}")
        if quote.speaker is None or quote.speaker_guessed:
            todo.append(f"{path}.quote.speaker")
    data["evidence"] = event.evidence
    return data


def _translate(lang: str) -> str:
    return "terjemahan kutipan" if lang == "id" else "translation of the quotation"


def _event_places(event: DraftEvent, by_key: dict[str, PlaceEntry]) -> list[PlaceEntry]:
    """The event's places; a country gives way to a more precise place inside it."""
    entries = [by_key[m.hit.key] for m in event.mentions if m.hit.key in by_key]
    entries = list({e.key: e for e in entries}.values())
    precise = [e for e in entries if e.data["kind"] != "country"]
    inside = {e.country for e in precise}
    return precise + [e for e in entries if e.data["kind"] == "country" and e.country not in inside]


def _sources(event: DraftEvent, source: Source, path: str, todo: list[str]) -> list[dict]:
    """The outlets and speakers the event's sentences credit, or the article's outlet."""
    found: list[dict[str, Any]] = []
    for credit in event.credits:
        if credit.described:  # "data dari Korea Selatan dan Kyiv": words to translate
            other = OTHER[source.lang]
            outlet: Any = {source.lang: credit.name, other: f"[{WRITE[other]}: {credit.name}]"}
            todo.append(f"{path}.sources[{len(found)}].outlet.{other}")
        else:
            outlet = credit.name
        found.append({"outlet": outlet})
    return found or [{"outlet": source.outlet or "[write: the outlet]"}]


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases; long text folded at 100 characters."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_story(data: dict[str, Any], note: str) -> str:
    """The YAML text: the schema line, a comment saying this is a draft, the fields."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    comments = "\n".join(f"# {line}" for line in note.splitlines())
    return f"{SCHEMA_LINE}\n{comments}\n{body}"
