"""The story as Knight Lab's StoryMapJS and TimelineJS3 JSON, in one of its languages.

Both tools may show any of their text as HTML (older TimelineJS put ``group`` into the page
as it was), so every text is escaped, headlines, place names and groups included, and each
line of a longer text is a paragraph; each event's first media item on the web is its
media, and any others are links in its text. What the tools cannot hold is left out
(documented in docs/story-format.md), pictures kept with the story among them (the tools
show media by web address only).

- **StoryMapJS**: an overview slide (the title and subtitle), then one slide per event
  at its first place (named, with a map zoom from the place's precision); ``line`` is
  set when the event has a route. ``date`` is the date in the story notation
  (``1520-10-21/1520-11-28``), which reads the same in every language and comes back
  exactly when the file is imported; an undated event's is empty.
- **TimelineJS**: a title slide and one event per dated event, its start and end as
  parts at the date's precision (year, month, day, hour, minute); a part of a month or
  an "about" keeps its month or year and says the rest in ``display_date``. ``group``
  is the category's name; ``unique_id`` the event's id. Each event also carries, under
  the key ``storymap`` (which TimelineJS ignores), its date in the story notation, its
  places with their points and its category's id, which storymap's import reads back (the date only while it
  still agrees with the parts). Undated events are left out: a TimelineJS event needs a
  start date. The file's own ``storymap`` key says its language.
"""

from __future__ import annotations

import html
import json
import math
from typing import Any

from storymap.dates import DatePoint
from storymap.located import LocatedStory
from storymap.model import Event, Media
from storymap.style import category_styles

EARTH_KM = 40075.0


def storymapjs_json(story: LocatedStory, lang: str) -> str:
    """StoryMapJS JSON: ``{"storymap": {"slides": [overview, event…]}}``."""
    s = story.story
    slides: list[dict[str, Any]] = [
        {
            "type": "overview",
            "date": "",
            "text": {
                "headline": _html_line(s.title.get(lang)),
                "text": _html(s.subtitle.get(lang)),
            },
        }
    ]
    for event in s.events:
        place = s.place(event.places[0])
        where = story.located[place.id]
        slide: dict[str, Any] = {
            "date": str(event.date) if event.date else "",
            "text": {
                "headline": _html_line(event.title.get(lang)),
                "text": _event_html(event, lang),
            },
            "location": {
                "name": _html_line(place.name.get(lang)),
                "lat": round(where.lat, 6),
                "lon": round(where.lon, 6),
                "zoom": _zoom(where.precision_km),
                "line": event.route is not None,
            },
        }
        if _on_the_web(event):
            slide["media"] = _media(_on_the_web(event)[0], lang)
        slides.append(slide)
    document = {"storymap": {"language": lang, "map_as_image": False, "slides": slides}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def timelinejs_json(story: LocatedStory, lang: str) -> str:
    """TimelineJS3 JSON: ``{"title": …, "events": […]}``."""
    s = story.story
    names = {key: style.name.get(lang) for key, style in category_styles(s).items()}
    events = []
    for event in s.events:
        if event.date is None:
            continue
        item: dict[str, Any] = {"start_date": _parts(event.date.start)}
        if event.date.end is not None:
            item["end_date"] = _parts(event.date.end)
        if _needs_words(event):
            item["display_date"] = event.date.format(lang)
        item["text"] = {
            "headline": _html_line(event.title.get(lang)),
            "text": _event_html(event, lang),
        }
        if _on_the_web(event):
            item["media"] = _media(_on_the_web(event)[0], lang)
        item["group"] = _html_line(names[event.category])
        item["unique_id"] = event.id
        item["storymap"] = {
            "date": str(event.date),
            "places": [_place(story, p, lang) for p in event.places],
            "category": event.category,
        }
        events.append(item)
    title = {
        "text": {"headline": _html_line(s.title.get(lang)), "text": _html(s.subtitle.get(lang))}
    }
    document = {"title": title, "events": events, "storymap": {"language": lang}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _place(story: LocatedStory, place_id: str, lang: str) -> dict[str, Any]:
    """A place as storymap's TimelineJS export carries it: name, point, precision, kind, country."""
    place, where = story.story.place(place_id), story.located[place_id]
    return {
        "name": _html_line(place.name.get(lang)),  # escaped like every text: the import reads HTML
        "lat": round(where.lat, 6),
        "lon": round(where.lon, 6),
        "precision_km": where.precision_km,
        "kind": place.kind,
        "country": place.country,
    }


def _parts(point: DatePoint) -> dict[str, str]:
    """A date's end as TimelineJS parts, as precise as the date (a part of a month: its month)."""
    parts = {"year": str(point.year)}
    if point.month is not None:
        parts["month"] = str(point.month)
    if point.day is not None:
        parts["day"] = str(point.day)
    if point.hour is not None:
        parts.update(hour=str(point.hour), minute=str(point.minute or 0))
    return parts


def _needs_words(event: Event) -> bool:
    """The parts do not say it all: a part of a month, 'about', or a time zone."""
    value = event.date
    assert value is not None
    points = [value.start] if value.end is None else [value.start, value.end]
    return value.approximate or any(p.part or p.offset is not None for p in points)


def _zoom(precision_km: float) -> int:
    """The map zoom whose tile is about four times the precision (the import's inverse)."""
    if not math.isfinite(precision_km) or precision_km <= 0:
        return 10
    return max(0, min(18, round(math.log2(EARTH_KM / (4 * precision_km)))))


def _html_line(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _html(text: str) -> str:
    """Plain text as HTML paragraphs, one per line, every character escaped."""
    return "".join(
        f"<p>{html.escape(line, quote=False)}</p>" for line in text.splitlines() if line.strip()
    )


def _event_html(event: Event, lang: str) -> str:
    """The summary, and any media after the first as links (a slide shows one media)."""
    links = "".join(
        f'<p><a href="{html.escape(m.url)}">{html.escape(m.caption.get(lang) if m.caption else m.url)}</a>'
        f" © {html.escape(m.credit)}</p>"
        for m in _on_the_web(event)[1:]
    )
    return _html(event.summary.get(lang)) + links


def _on_the_web(event: Event) -> list[Media]:
    """The event's media that have a web address (a picture kept with the story has none)."""
    return [m for m in event.media if m.url is not None]


def _media(media: Media, lang: str) -> dict[str, str]:
    return {
        "url": media.url,
        "caption": html.escape(media.caption.get(lang), quote=False) if media.caption else "",
        "credit": html.escape(media.credit, quote=False),
    }
