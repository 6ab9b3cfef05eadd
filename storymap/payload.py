"""Everything the reader's browser code needs, built once per story version.

Two parts, so a reader downloads each thing once: ``map`` holds what does not depend
on the language (points, routes, steps, colours, line styles, base maps), and
``text[lang]`` holds the words of one story language, including the narrative HTML of
each event (built by ``storymap.render`` from the templates). The app serves them as
separate files and fetches a language only when it is chosen; the export inlines all.

Longitudes: places are put in the narrowest band of longitudes that holds them all
(``lon_window``), so a story around the Pacific is drawn across ±180°, and each route's
line is continuous from its first stop, in that band (the browser moves a marker to the
copy of the world its current route is drawn in).
"""

from __future__ import annotations

from typing import Any

from storymap.basemaps import TILES
from storymap.geocoding.outlines import place_outline
from storymap.geometry import line_to_leaflet, lon_window, route_line, shift_into, to_leaflet
from storymap.i18n import number, t
from storymap.languages import text_direction
from storymap.located import LocatedStory
from storymap.render import PictureView, drawn_places, event_html, notes_html, overview_html
from storymap.steps import event_date_text, step_label
from storymap.style import BASE_MAP, ROUTE_STYLES, category_styles
from storymap.timescale import step_ticks, time_scale

# Interface words the browser needs (the rest of the page is rendered by the server).
BROWSER_UI_KEYS = (
    "previous", "next", "play", "pause", "slider_label", "legend", "precision_note",
    "basemap_carto", "basemap_osm", "basemap_offline", "overview", "map_label",
    "speaker_notes", "show_question", "narrative_label", "draft_banner", "blank_screen", "speaker_view",
    "speaker_now", "speaker_next", "speaker_end", "speaker_waiting", "speaker_reset",
    *(f"route_mode_{mode}" for mode in ROUTE_STYLES),
)  # fmt: skip


def reader_payload(story: LocatedStory, remote_pictures: bool = True) -> dict[str, Any]:
    """The whole payload: the map part and the words of every story language."""
    return {
        "map": map_payload(story),
        "text": {
            lang: text_payload(story, lang, remote_pictures) for lang in story.story.languages
        },
    }


def map_payload(story: LocatedStory) -> dict[str, Any]:
    """Points, routes and steps: what the map draws and reveals, in any language."""
    s, located = story.story, story.located
    drawn = drawn_places(s)
    west, east = lon_window(located[p.id].lon for p in drawn)
    place_index = {place.id: i for i, place in enumerate(drawn)}
    step_of_event = {i: step.index for step in story.steps for i in step.events}
    events = []
    for i, event in enumerate(s.events):
        item: dict[str, Any] = {
            "id": event.id,
            "category": event.category,
            "places": [place_index[p] for p in event.places],
            "exact": event.date is not None and event.date.is_exact,
            "step": step_of_event[i],
        }
        if event.route:
            line, _ = route_line(event.route, located, west=west)
            item["route"] = {
                "mode": event.route.mode,
                "from": place_index[event.route.origin],
                "to": place_index[event.route.destination],
                "via": [place_index[p] for p in event.route.via],
                "latlngs": [[round(a, 4), round(b, 4)] for a, b in line_to_leaflet(line)],
            }
        events.append(item)
    places = []
    for place in drawn:
        where = located[place.id]
        lon = round(shift_into(where.lon, west), 5)
        item = {
            "id": place.id,
            "latlng": to_leaflet(lon, round(where.lat, 5)),
            "kind": place.kind,
            "radius_km": where.precision_km,
        }
        outline = place_outline(place, where)
        if outline is not None:  # drawn as its area, moved with its point into the window
            item["outline"] = shifted(outline, lon - where.lon)
        places.append(item)
    lats = [located[p.id].lat for p in drawn]
    return {
        "id": s.id,
        "languages": list(s.languages),
        "default_language": s.default_language,
        "places": places,
        "events": events,
        "steps": [{"events": list(step.events)} for step in story.steps],
        "timeline": time_scale(s, story.steps).payload(),
        "bounds": [to_leaflet(west, min(lats)), to_leaflet(east, max(lats))],
        "colours": {name: style.colour for name, style in category_styles(s).items()},
        "route_styles": {
            mode: {"dash": style.dash_array, "width": style.width, "cap": style.cap}
            for mode, style in ROUTE_STYLES.items()
        },
        "base_map": BASE_MAP,
        "tiles": {name: base.leaflet() for name, base in TILES.items()},
    }


def shifted(geometry: dict[str, Any], by: float) -> dict[str, Any]:
    """A GeoJSON (Multi)Polygon with every longitude moved by ``by`` degrees (0 or ±360)."""
    if not by:
        return geometry

    def move(value: Any) -> Any:
        if value and isinstance(value[0], (int, float)):
            return [round(value[0] + by, 2), value[1]]
        return [move(v) for v in value]

    return {"type": geometry["type"], "coordinates": move(geometry["coordinates"])}


def text_payload(story: LocatedStory, lang: str, remote_pictures: bool = True) -> dict[str, Any]:
    """Every word the reader shows in ``lang``: names, titles, dates, narratives, notes.

    A picture kept with the story is named in the narrative (``data-picture``) and its
    address comes from the page's own table (``pictures``: the app's files, the single
    file's inline data), so each picture is carried once, not once per language; pictures
    on the web are links unless ``remote_pictures``.
    """
    s = story.story
    categories = category_styles(s)
    view = PictureView(story.pictures, remote=remote_pictures)
    events = []
    for i, event in enumerate(s.events):
        item: dict[str, Any] = {
            "title": event.title.get(lang),
            "date": event_date_text(event, lang, short=True),
            "html": event_html(story, i, lang, categories, view),
            "notes": notes_html(s, i, lang),
        }
        if event.route:
            _, km = route_line(event.route, story.located)
            item["km"] = t("distance_km", lang, km=number(km, lang))
        events.append(item)
    return {
        "title": s.title.get(lang),
        "dir": text_direction(lang),  # the page reads right to left in Arabic, Hebrew…
        "subtitle": s.subtitle.get(lang),
        "draft": t("draft_banner", lang) if s.draft else None,
        "places": [place.name.get(lang) for place in drawn_places(s)],  # as the map's
        "events": events,
        "steps": [
            {
                "label": step_label(s, step, lang, short=True),
                "title": step_label(s, step, lang),
                "tick": tick,
            }
            for step, tick in zip(story.steps, step_ticks(s, story.steps, lang), strict=True)
        ],
        "overview": {
            kind: overview_html(s, kind, lang) for kind in ("overview-start", "overview-end")
        },
        "categories": {name: style.name.get(lang) for name, style in categories.items()},
        "ui": {key: t(key, lang) for key in BROWSER_UI_KEYS},
    }
