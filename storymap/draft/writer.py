"""Write the draft story: fields in the story's order, placeholders for readers' text, a todo list.

Nothing the article says reaches a reader unmarked: titles and summaries are placeholders
("[write: …]" / "[tulis: …]") listed in ``draft.todo``; the article's sentences are
``evidence``; quotations stay, marked and attributed, with the other language to write.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from storymap.dates import PartialDate
from storymap.draft.events import DraftEvent
from storymap.draft.place_entries import Ids, PlaceEntry, slug, unique
from storymap.draft.reasons import reason
from storymap.story_writer import write


def story_languages(lang: str) -> list[str]:
    """The article's language and a second one: English, or Indonesian for an English article."""
    return [lang, "id" if lang == "en" else "en"]


def other_language(lang: str) -> str:
    return story_languages(lang)[1]


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
    languages = story_languages(lang)
    outlet = source.outlet or write("en", "the outlet")
    data: dict[str, Any] = {
        "id": slug(source.title or source.file_name) or "draft",
        "title": _placeholder(
            "the story's headline", "judul peta cerita", "title", languages, todo
        ),
        "subtitle": _placeholder(
            "one line on what the story covers",
            "satu baris tentang isi cerita",
            "subtitle",
            languages,
            todo,
        ),
        **({} if set(languages) == {"id", "en"} else {"languages": languages}),
        "default_language": lang,
        "source": {
            "outlet": outlet,
            "title": source.title or write("en", "the article's headline, as published"),
            **({"url": source.url} if source.url else {}),
            "date": source.published.isoformat(),
            "language": lang,
        },
        "credits": [
            {"role": _texts("Artikel sumber", "Source article", languages), "name": outlet}
        ],
    }
    todo += [] if source.outlet else ["source.outlet"]
    todo += [] if source.title else ["source.title"]
    by_key = {entry.key: entry for entry in places}
    data["places"] = []
    for index, entry in enumerate(places):
        entry.data = _in_languages(entry, languages, lang)
        data["places"].append(entry.data)
        todo += [_place_todo(index, tail, why) for tail, why in entry.checks]
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


def _in_languages(entry: PlaceEntry, languages: list[str], lang: str) -> dict[str, Any]:
    """The place's texts in the story's languages: the article's own word for its language
    (as written), else the English name; a note to translate in a language we do not write."""
    data = dict(entry.data)
    written = next((m.words for m in entry.mentions if m.words[:1].isupper()), None)
    for key in ("name", "note"):
        text = data.get(key)
        if not isinstance(text, dict) or "en" not in text:
            continue
        if key == "name":
            own = written if entry.data["kind"] != "country" or lang not in text else None
            fill = {lang: text.get(lang) or own or text["en"]}
        else:
            fill = {lang: text.get(lang) or write(lang, text["en"])}
        data[key] = {code: text.get(code) or fill.get(code) or text["en"] for code in languages}
    return data


def _placeholder(
    en: str, id_: str, path: str, languages: list[str], todo: list[str]
) -> dict[str, str]:
    todo += [f"{path}.{lang}" for lang in languages]
    return {lang: write(lang, id_ if lang == "id" else en) for lang in languages}


def _texts(id_: str, en: str, languages: list[str]) -> dict[str, str]:
    """Our own words for a fixed text: Indonesian, English, and English words to translate."""
    return {
        lang: id_ if lang == "id" else en if lang == "en" else write(lang, en) for lang in languages
    }


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
    languages = story_languages(source.lang)
    chosen = _event_places(event, by_key) or [places[0]]  # else the article's first place
    when = event.found.date if event.found else None
    where = {lang: " & ".join(p.data["name"][lang] for p in chosen[:2]) for lang in languages}
    data: dict[str, Any] = {"id": unique(slug(f"{chosen[0].id} {when or 'undated'}"), used)}
    if when is not None and event.found is not None:
        data["date"] = str(when)
        data["date_note"] = _date_note(event.found.note(), when, languages, path, todo)
    data |= {
        "places": [p.id for p in chosen],
        "category": event.category or fallback,
        "title": {lang: write(lang, _what(lang, where[lang], when)) for lang in languages},
        "summary": {
            lang: write(lang, "ringkasan dengan kata-kata sendiri; lihat evidence")
            if lang == "id"
            else write(lang, "a summary in your own words; see evidence")
            for lang in languages
        },
        "sources": _sources(event, source, path, todo),
    }
    reasons = list(event.reasons)
    if event.found is not None and event.found.reading.uncertain and not event.found.inherited:
        reasons.append(("date", event.found.reading.why or reason("date_guess")))
    for name, why in dict.fromkeys(reasons):
        todo.append(f"{path}.{name} ({why})")
    if event.category is None:
        todo.append(f"{path}.category")
    todo += [f"{path}.{field}.{lang}" for field in ("title", "summary") for lang in languages]
    quote = event.quotation
    if quote is not None:
        lang, other = source.lang, other_language(source.lang)
        data["quote"] = {
            "text": {lang: quote.text, other: write(other, _translate(other))},
            "speaker": quote.speaker or "[write: who said it]",
            "via": quote.via or source.outlet or "[write: the outlet]",
            "original_language": lang,
        }
        todo.append(f"{path}.quote.text.{other}")
        if quote.speaker is None or quote.speaker_guessed:
            todo.append(f"{path}.quote.speaker")
    data["evidence"] = event.evidence
    return data


def _what(lang: str, where: str, when: PartialDate | None) -> str:
    """What the title should say: what happened, where, when (in the story's words)."""
    short = when.format(lang, short=True) if when else None
    if lang == "id":
        return f"apa yang terjadi di {where}" + (f" pada {short}" if short else "")
    if when is None:
        return f"what happened at {where}"
    return f"what happened at {where} {'on' if when.is_exact_day else 'in'} {short}"


def _date_note(
    note: dict[str, str], when: PartialDate, languages: list[str], path: str, todo: list[str]
) -> dict[str, str]:
    """The note in Indonesian and English; in another language, the English one to translate."""
    result = {}
    for lang in languages:
        if lang in note:
            result[lang] = note[lang]
        else:
            result[lang] = write(lang, note["en"].replace(when.format("en"), when.format(lang)))
            todo.append(f"{path}.date_note.{lang}")
    return result


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
    """The outlets the event's sentences credit, or the article's outlet. A person whose
    words are quoted is the quotation's speaker, not a source ("Reported by: Jokowi")."""
    found: list[dict[str, Any]] = []
    for credit in (c for c in event.credits if c.role == "outlet"):
        if credit.described:  # "data dari Korea Selatan dan Kyiv": words to translate
            other = other_language(source.lang)
            outlet: Any = {source.lang: credit.name, other: write(other, credit.name)}
            todo.append(f"{path}.sources[{len(found)}].outlet.{other}")
        else:
            outlet = credit.name
        found.append({"outlet": outlet})
    return found or [{"outlet": source.outlet or "[write: the outlet]"}]


def _place_todo(index: int, tail: str, why: str) -> str:
    """``places[2].country (in Japan, a country the article never names)``: the path and why,
    the why without brackets of its own (a to-do is read as "path (why)")."""
    why = re.sub(r"\s*\(([^()]*)\)", r", \1", why).replace("(", "").replace(")", "")
    return f"places[{index}]{'.' + tail if tail else ''} ({why})"
