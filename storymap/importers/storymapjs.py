"""Knight Lab StoryMapJS JSON (``{"storymap": {"slides": [...]}}``) as a story.

- The first slide of ``type: "overview"`` gives the story's title (its headline) and
  subtitle (its text); its location, date and media are not kept (storymap's overview
  shows every place). A later overview slide with a location is read as an event.
- Every other slide is an event at a place made from its ``location``: named by
  ``location.name`` (a placeholder "location" is ignored), else by the headline; with the
  point as ``coordinates``, a precision from the map zoom, and a country from the point.
- ``line: true`` draws a route from the previous slide's place (mode ``other``, or
  ``flight``/``sea`` when the slide's words say so, which the report says is a guess).
- The free-text ``date`` is read by ``read_free_date``: "1790", "1790-2010" (a range);
  "Aug 23" (no year) or "" leave the event undated.
- HTML is made plain text; media keep http(s) addresses and credits.
- Map options (``map_type``, ``call_to_action``…), backgrounds, marker icons and unknown
  keys are not kept, and the report names them.
"""

from __future__ import annotations

import re
from typing import Any

from storymap.importers.builder import StoryBuilder
from storymap.importers.html_text import plain_text
from storymap.importers.limits import check_count
from storymap.importers.media import read_media
from storymap.importers.options import ImportOptions
from storymap.importers.points import kind_for_zoom, place_at, point_of, zoom_precision_km
from storymap.importers.report import Report
from storymap.importers.result import ImportFailed
from storymap.importers.source_dates import read_free_date

TOOL = "StoryMapJS"
SLIDE_KEYS = {"type", "date", "text", "location", "media", "background"}
WRAPPER_KEYS = {"width", "height", "font_css", "calculate_zoom", "storymap"}
MAP_OPTIONS = {
    "language", "map_type", "map_as_image", "map_subdomains", "attribution", "zoomify",
    "call_to_action", "call_to_action_text", "map_background_color", "map_mini",
    "calculate_zoom", "line_follows_path", "line_color", "line_color_inactive", "line_weight",
    "line_opacity", "line_dash", "line_join", "show_lines", "show_history_line", "slides",
    "start_at_slide", "map_access_token", "uniqueid",
}  # fmt: skip
PLACEHOLDER_NAMES = {"", "location", "name", "location name"}
# Words that say how the movement to a slide's place went; anything else is mode ``other``.
MODE_WORDS = {
    "flight": r"\b(?:flew|flown|flight|flights|airlift(?:ed)?|by (?:air|plane|jet))\b",
    "sea": r"\b(?:sailed|sailing|set sail|voyage|ferried|shipped|by (?:sea|ship|boat|steamer))\b",
}


def looks_like_storymapjs(doc: Any) -> bool:
    """``{"storymap": {"slides": [...]}}``, or the bare ``{"slides": [...]}`` older files have."""
    if not isinstance(doc, dict):
        return False
    inner = doc.get("storymap") if isinstance(doc.get("storymap"), dict) else doc
    return isinstance(inner.get("slides"), list)


def read_storymapjs(doc: Any, options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The story and the report (see the module's docstring)."""
    if not looks_like_storymapjs(doc):
        raise ImportFailed(f"{options.name}: not StoryMapJS JSON: no 'storymap' with 'slides'")
    inner = doc["storymap"] if isinstance(doc.get("storymap"), dict) else doc
    if inner.get("map_as_image") is True:
        raise ImportFailed(
            f"{options.name}: a StoryMapJS 'map as image' (gigapixel) story has points on a "
            "picture, not on the Earth: it cannot be a story map"
        )
    report = Report("slide")
    builder = StoryBuilder(options.language(inner.get("language")), TOOL, options.name, report)
    _note_options(doc, inner, report)
    check_count(len(inner["slides"]), options.name, "slides")
    slides = [s for s in inner["slides"] if isinstance(s, dict)]
    if len(slides) != len(inner["slides"]):
        report.note("entries of 'slides' that are not slides are left out")
    title, subtitle, first = _overview(slides, report)
    previous: str | None = None
    category = builder.category_for(None)
    for number, slide in enumerate(slides, 1):
        if number == first:
            continue
        place_id = _slide_place(builder, slide, number)
        if place_id is None:
            continue
        headline = plain_text((slide.get("text") or {}).get("headline"))
        text = plain_text((slide.get("text") or {}).get("text"))
        if headline.had_markup or text.had_markup:
            report.note("HTML in the text is made plain text", number)
        media = read_media(slide.get("media"), builder.lang, TOOL)
        for note in media.notes:
            report.note(note, number)
        summary = "\n".join(filter(None, [text.text, media.text]))
        same_point = previous is not None and builder.point(previous) == builder.point(place_id)
        origin = None if same_point else previous
        route = _route(slide, origin, place_id, f"{headline.text}\n{text.text}", report, number)
        when = read_free_date(plain_text(slide.get("date")).text)
        builder.add_event(
            number, headline.text, summary, when, [place_id], category,
            [media.entry] if media.entry else None, route,
        )  # fmt: skip
        previous = place_id
    if not builder.events:
        raise ImportFailed(f"{options.name}: no slide has a location on the map: nothing to import")
    report.note(
        f"the story has no categories of its own: every event is '{category}'; "
        f"sources name the file ({builder.outlet}): write who reported what"
    )
    return builder.story(title or _stem(options.name), subtitle, options.story_id), report.lines()


def _overview(slides: list[dict[str, Any]], report: Report) -> tuple[str, str, int | None]:
    """The title, subtitle and number of the overview slide (the first of type overview)."""
    for number, slide in enumerate(slides, 1):
        if slide.get("type") == "overview":
            headline = plain_text((slide.get("text") or {}).get("headline")).text
            text = plain_text((slide.get("text") or {}).get("text")).text
            kept = [k for k in ("location", "media", "background") if _has(slide.get(k))]
            if str(slide.get("date") or "").strip():
                kept.append(f"date '{slide['date']}'")
            dropped = f"; its {', '.join(kept)} not kept" if kept else ""
            report.note(f"the overview slide gives the title and subtitle{dropped}", number)
            return headline, text, number
    report.note("no overview slide: the title is the file's name")
    return "", "", None


def _slide_place(builder: StoryBuilder, slide: dict[str, Any], number: int) -> str | None:
    report = builder.report
    unknown = sorted(set(slide) - SLIDE_KEYS)
    if unknown:
        report.note(f"unknown keys not kept: {', '.join(unknown)}", number)
    if _has(slide.get("background")):
        report.note("the slide's background (image or colour) is not kept", number)
    location = slide.get("location") if isinstance(slide.get("location"), dict) else {}
    if location.get("icon"):
        report.note("custom marker icons are not kept", number)
    point = point_of(location.get("lat"), location.get("lon"))
    if point is None:
        report.note("no location (lat/lon) on the map: the slide is left out", number)
        return None
    name = plain_text(location.get("name")).text
    named = name.casefold() not in PLACEHOLDER_NAMES
    if not named:
        if name:
            report.note(
                f"the location's name '{name}' is a placeholder: named by the headline", number
            )
        name = (
            plain_text((slide.get("text") or {}).get("headline")).text or f"{TOOL} slide {number}"
        )
    zoom = location.get("zoom")
    if zoom is None:
        report.note("no map zoom: a precision of 9.8 km (zoom 10) is assumed", number)
    source = f"{TOOL} slide {number}" + (f", map zoom {zoom}" if zoom is not None else "")
    kind = kind_for_zoom(zoom)
    km = zoom_precision_km(zoom)
    return place_at(builder, point, name, number, kind, km, source, named=named)


def _route(
    slide: dict[str, Any], previous: str | None, here: str, words: str, report: Report, number: int
) -> dict[str, Any] | None:
    """A route from the previous slide's place when the slide asks for a line."""
    if (slide.get("location") or {}).get("line") is not True or previous in (None, here):
        return None
    mode = "other"
    for candidate, pattern in MODE_WORDS.items():
        found = re.search(pattern, words, re.I)
        if found:
            mode = candidate
            report.note(f"route mode '{mode}' guessed from the word '{found[0]}'", number)
            break
    return {"origin": previous, "destination": here, "mode": mode}


def _note_options(doc: dict[str, Any], inner: dict[str, Any], report: Report) -> None:
    if inner is not doc:
        outer = sorted(set(doc) - {"storymap"})
        if outer:
            report.note(f"the embed settings {', '.join(outer)} are not kept")
    if inner.get("map_type"):
        report.note(
            f"the map type '{inner['map_type']}' is not kept: storymap has its own base maps"
        )
    display = sorted(
        k
        for k in set(inner) & MAP_OPTIONS
        if k not in ("slides", "map_type", "language") and _has(inner[k])
    )
    if display:
        report.note(f"StoryMapJS display options not kept: {', '.join(display)}")
    unknown = sorted(set(inner) - MAP_OPTIONS)
    if unknown:
        report.note(f"unknown keys not kept: {', '.join(unknown)}")


def _has(value: Any) -> bool:
    """Says something: not None, empty text, an empty mapping or False."""
    if isinstance(value, dict):
        return any(_has(v) for v in value.values())
    return value not in (None, "", False, [])


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or name
