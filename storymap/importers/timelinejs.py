"""Knight Lab TimelineJS3 JSON (``{"title", "events", "eras"}``) as a story.

- ``title`` (or an event of ``type: "overview"``) gives the title and subtitle.
- Events are read in date order, as TimelineJS shows them; their dates come from the
  ``start_date``/``end_date`` parts at the precision given (``read_timeline_date``); a
  year before 1 or after 9999 leaves the event undated, its date kept as a note.
- ``display_date`` is kept as the event's ``date_note``; ``group`` becomes a category
  (at most seven, the palette's colours; the rest share "Other").
- A timeline has no coordinates. An event's places are the places its words name
  (``PlaceNamer``), or, with storymap's own TimelineJS export, its places' points; an
  event that names none is marked at the story's area (the place its title names, else
  the place its events name most), and a timeline that names no place at all is marked
  at one "Place not given". The report says which.
- ``eras``, ``scale``, backgrounds and title media are not kept, and reported.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from storymap.importers.builder import MAX_CATEGORIES, StoryBuilder
from storymap.importers.html_text import plain_text
from storymap.importers.limits import check_count
from storymap.importers.media import read_media
from storymap.importers.named_places import NamedPlace, PlaceNamer
from storymap.importers.options import ImportOptions
from storymap.importers.points import number, place_at, point_of
from storymap.importers.report import Report
from storymap.importers.result import ImportFailed
from storymap.importers.timeline_dates import event_date, in_story_order

TOOL = "TimelineJS"
EVENT_KEYS = {"start_date", "end_date", "display_date", "text", "media", "group", "type",
              "unique_id", "background", "autolink", "storymap", "place"}  # fmt: skip
_NOWHERE = {
    "name": {"id": "Tempat tidak disebut", "en": "Place not given"},
    "note": {
        "id": "Sumber tidak menyebut tempat peristiwa ini; titik ini bukan lokasinya.",
        "en": "The source names no place for these events; this point is not where they happened.",
    },
    "area": {
        "id": "Sumber tidak menyebut tempat beberapa peristiwa; peristiwa itu ditandai di sini, "
        "tempat cerita berlangsung.",
        "en": "The source names no place for some events; they are marked here, where the story is set.",
    },
}


def read_timelinejs(doc: Any, options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The story and the report (see the module's docstring)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ImportFailed(f"{options.name}: not TimelineJS JSON: no 'events' list")
    check_count(len(doc["events"]), options.name, "events")
    report = Report("event")
    events = [(n, e) for n, e in enumerate(doc["events"], 1) if isinstance(e, dict)]
    if len(events) != len(doc["events"]):
        report.note("entries of 'events' that are not events are left out")
    title = doc.get("title") if isinstance(doc.get("title"), dict) else None
    if title is None:
        overview = next(((n, e) for n, e in events if e.get("type") == "overview"), None)
        if overview is not None:
            report.note(
                "the event of type 'overview' gives the title and subtitle; its date is not kept",
                overview[0],
            )
            events.remove(overview)
            title = overview[1]
    if doc.get("eras"):
        report.note(f"the timeline's eras are not kept ({_describe(doc['eras'])})")
    if doc.get("scale"):
        report.note(f"the timeline's scale '{doc['scale']}' is not kept")
    unknown = sorted(set(doc) - {"title", "events", "eras", "scale", "storymap"})
    if unknown:
        report.note(f"unknown keys not kept: {', '.join(unknown)}")
    return timeline_story(title, events, options, report, TOOL, _extension(doc).get("language"))


def timeline_story(
    title: dict[str, Any] | None,
    events: list[tuple[int, dict[str, Any]]],
    options: ImportOptions,
    report: Report,
    tool: str,
    language: object = None,
) -> tuple[dict[str, Any], list[str]]:
    """The story of a timeline's title and events (from JSON, or a spreadsheet's rows)."""
    if not events:
        raise ImportFailed(f"{options.name}: the timeline has no events")
    builder = StoryBuilder(options.language(language), tool, options.name, report)
    ordered, moved = in_story_order([(n, e, event_date(e)) for n, e in events])
    if moved:
        report.note(f"the {report.noun}s are put in date order, as TimelineJS shows them")
    head, text = _title(title, report)
    namer = PlaceNamer(builder.lang)
    words = [[_plain(e, "headline"), _group(e), _plain(e, "text")] for _, e, _ in ordered]
    found = namer.in_texts([[head, text], *words])
    places = [
        _event_places(builder, namer, n, e, named)
        for (n, e, _), named in zip(ordered, found[1:], strict=True)
    ]
    area = _area(builder, found, places)
    groups = _groups([_group(e) for _, e, _ in ordered], report)
    for (n, event, date), where in zip(ordered, places, strict=True):
        headline, body = (
            plain_text((event.get("text") or {}).get("headline")),
            plain_text((event.get("text") or {}).get("text")),
        )
        if headline.had_markup or body.had_markup:
            report.note("HTML in the text is made plain text", n)
        media = read_media(event.get("media"), builder.lang, tool)
        for note in media.notes:
            report.note(note, n)
        _note_unkept(event, report, n)
        note = None
        if date.display:
            note = builder.text(date.display)
            report.note(f"its display date '{date.display}' is kept as the date note", n)
        builder.add_event(
            n, headline.text, "\n".join(filter(None, [body.text, media.text])), date.reading,
            where or [area], builder.category_for(groups.get(_group(event)), _extension(event).get("category")),
            [media.entry] if media.entry else None, None, str(event.get("unique_id") or "") or None,
            None, note,
        )  # fmt: skip
    report.note(f"sources name the file ({builder.outlet}): write who reported what")
    return builder.story(head or options.name, text, options.story_id), report.lines()


def _title(title: dict[str, Any] | None, report: Report) -> tuple[str, str]:
    if title is None:
        report.note("no title slide: the title is the file's name")
        return "", ""
    if title.get("media") and (
        title["media"].get("url") if isinstance(title["media"], dict) else True
    ):
        report.note("the title slide's media is not kept: a story has no media of its own")
    return _plain(title, "headline"), _plain(title, "text")


def _group(event: dict[str, Any]) -> str:
    return plain_text(event.get("group")).text if event.get("group") is not None else ""


def _plain(event: dict[str, Any], field: str) -> str:
    text = event.get("text") if isinstance(event.get("text"), dict) else {}
    return plain_text(text.get(field)).text


def _event_places(
    builder: StoryBuilder, namer: PlaceNamer, n: int, event: dict[str, Any], named: list[NamedPlace]
) -> list[str]:
    """The event's own places: storymap's export's points, its place cell, or its words."""
    exported = [
        _exported(builder, p, n)
        for p in _extension(event).get("places") or []
        if isinstance(p, dict)
    ]
    if exported and all(exported):
        return list(dict.fromkeys(p for p in exported if p))
    cell = plain_text(event.get("place")).text
    if cell:
        found = namer.by_name(cell)
        if found is not None:
            return [_named(builder, found, n)]
        builder.report.note(
            f"the place '{cell}' is not known to the offline geocoder: its words are searched instead",
            n,
        )
    if named:
        builder.report.note(
            "placed at "
            + ", ".join(f"{p.name} ('{p.words}')" for p in named)
            + ", named in its words: check",
            n,
        )
    return [_named(builder, p, n) for p in named]


def _extension(event: dict[str, Any]) -> dict[str, Any]:
    """What storymap's own TimelineJS export adds to the file or an event (TimelineJS ignores it)."""
    value = event.get("storymap")
    return value if isinstance(value, dict) else {}


def _exported(builder: StoryBuilder, place: dict[str, Any], n: int) -> str | None:
    """A place as storymap's TimelineJS export writes it, with its point."""
    point = point_of(place.get("lat"), place.get("lon"))
    if point is None:
        return None
    name = plain_text(place.get("name")).text or f"{builder.tool} {builder.report.noun} {n}"
    km = number(place.get("precision_km"))
    kind = (
        place.get("kind") if place.get("kind") in ("city", "site", "region", "country") else "city"
    )
    code = place.get("country") if isinstance(place.get("country"), str) else None
    source = f"{builder.tool} {builder.report.noun} {n}"
    return place_at(builder, point, name, n, kind, km if km and km > 0 else 5.0, source, code)


def _named(builder: StoryBuilder, place: NamedPlace, n: int) -> str:
    data = {"kind": place.kind, "country": place.country}
    return builder.add_place(place.key, place.name, data, n)


def _area(builder: StoryBuilder, found: list[list[NamedPlace]], places: list[list[str]]) -> str:
    """Where events that name no place are marked (see the module's docstring)."""
    missing = sum(1 for p in places if not p)
    if not missing:
        return ""
    report = builder.report
    if found[0]:
        area, why = found[0][0], "named by the title"
    else:
        area, why = _most_named(found[1:]), "the place the timeline names most"
    if area is not None:
        place_id = builder.add_place(
            area.key, area.name, {"kind": area.kind, "country": area.country}
        )
        builder.places[-1 if builder.places[-1]["id"] == place_id else 0].setdefault(
            "note", builder.text(_words("area", builder.lang))
        )
        report.note(f"{missing} {report.noun}(s) name no place: marked at {area.name}, {why}")
        return place_id
    name = _words("name", builder.lang)
    data = {
        "kind": "region", "country": "XZ", "note": builder.text(_words("note", builder.lang)),
        "coordinates": {"lat": 0.0, "lon": 0.0, "precision_km": 20000.0, "source": f"none: the {builder.tool} file names no place"},
    }  # fmt: skip
    report.note(
        f"{missing} {report.noun}(s) name no place the offline geocoder knows, and no place "
        f"stands for the whole story: marked at one '{name}' (0°, 0°): add places"
    )
    return builder.add_place("nowhere", name, data)


def _most_named(found: list[list[NamedPlace]]) -> NamedPlace | None:
    """The place more events name than any other, if at least two do; else None."""
    counts = Counter(p.key for named in found for p in named).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) == 2 and counts[1][1] == counts[0][1]):
        return None
    return next(p for named in found for p in named if p.key == counts[0][0])


def _groups(groups: list[str], report: Report) -> dict[str, str]:
    """Each group's category label. With events of no group (the neutral category) there is
    one colour less; when the groups are more than the colours, the commonest keep theirs
    and the others share 'Other'."""
    counts = Counter(g for g in groups if g)
    if not counts:
        return {}
    free = MAX_CATEGORIES - (1 if "" in groups else 0)
    kept = dict(counts.most_common(free if len(counts) <= free else free - 1))
    labels = {g: g for g in kept}
    others = [g for g in counts if g not in kept]
    if others:
        report.note(
            f"{len(counts)} groups are more than the {free} colours left: "
            f"{', '.join(others)} share the category 'Other'"
        )
        labels.update({g: "Other" for g in others})
    report.note(f"groups become categories: {', '.join(kept)}")
    return labels


def _note_unkept(event: dict[str, Any], report: Report, n: int) -> None:
    if event.get("background"):
        report.note("the background (image or colour) is not kept", n)
    unknown = sorted(set(event) - EVENT_KEYS)
    if unknown:
        report.note(f"unknown keys not kept: {', '.join(unknown)}", n)


def _describe(value: Any) -> str:
    if isinstance(value, list):
        names = [
            plain_text((e.get("text") or {}).get("headline")).text
            for e in value
            if isinstance(e, dict)
        ]
        return f"{len(value)}: " + ", ".join(n for n in names if n)
    return str(value)


def _words(key: str, lang: str) -> str:
    return _NOWHERE[key].get(lang, _NOWHERE[key]["en"])
