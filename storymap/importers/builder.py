"""The story an importer writes, as plain data: places once each, events in order, a report.

Every importer reads its format and hands the pieces to a ``StoryBuilder``: texts in the
story's one language, places by their point or their name (each place once, each name
once, so no two places are confused), events with their dates, categories from groups.
``finish`` checks the story order the format requires (an event whose date is certainly
before the event above it is left undated, its date kept as a note, rather than moved)
and returns the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from storymap.dates import PartialDate
from storymap.draft.place_entries import slug, unique
from storymap.importers.report import Report
from storymap.importers.source_dates import DateReading

MAX_CATEGORIES = 7  # the palette's colours: more categories cannot all be told apart
NEUTRAL_CATEGORY = "event"
_WORDS = {
    "event": {"id": "Peristiwa", "en": "Event"},
    "other": {"id": "Lainnya", "en": "Other"},
    "note": {
        "id": 'Berkas {tool} menuliskan tanggalnya "{words}".',
        "en": 'The {tool} file gives the date as "{words}".',
    },
}


def words(key: str, lang: str, **values: str) -> str:
    """The importer's own words for story text, in Indonesian or English (others: English)."""
    table = _WORDS[key]
    return table.get(lang, table["en"]).format(**values)


@dataclass
class StoryBuilder:
    """Collects one imported story (see the module's docstring)."""

    lang: str
    tool: str  # "StoryMapJS", "TimelineJS", "GeoJSON", "spreadsheet"
    name: str  # the file's name, for the source and messages
    report: Report
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    _place_keys: dict[Any, str] = field(default_factory=dict)
    _place_ids: set[str] = field(default_factory=set)
    _place_names: set[str] = field(default_factory=set)
    _event_ids: set[str] = field(default_factory=set)
    _first_names: dict[str, str] = field(default_factory=dict)
    _items: list[int] = field(default_factory=list)  # each event's slide, event or row number

    def text(self, value: str) -> dict[str, str]:
        return {self.lang: value}

    # --- places -----------------------------------------------------------------------

    def place_for(self, key: Any) -> str | None:
        """The id of the place already added under ``key``, if any."""
        return self._place_keys.get(key)

    def point(self, place_id: str) -> tuple[float, float] | None:
        """A place's own (lat, lon), if it has coordinates."""
        for place in self.places:
            if place["id"] == place_id and "coordinates" in place:
                return place["coordinates"]["lat"], place["coordinates"]["lon"]
        return None

    def place_name(self, place_id: str) -> str:
        """The name a place was first seen with (before it was made unique)."""
        return self._first_names.get(place_id, "")

    def add_place(self, key: Any, name: str, data: dict[str, Any], item: int | None = None) -> str:
        """A place once per ``key``; its name made unique, so the geocoder never mixes two up."""
        if key in self._place_keys:
            return self._place_keys[key]
        written = name
        n = 2
        while written.casefold() in self._place_names:
            written, n = f"{name} ({n})", n + 1
        if written != name:
            self.report.note(f"a second place named '{name}' is written as '{written}'", item)
        self._place_names.add(written.casefold())
        place_id = unique(slug(written), self._place_ids)
        self.places.append({"id": place_id, "name": self.text(written), **data})
        self._place_keys[key] = place_id
        self._first_names[place_id] = name
        return place_id

    # --- categories ---------------------------------------------------------------------

    def category_for(self, group: str | None, category_id: str | None = None) -> str:
        """A story category for a group (TimelineJS ``group``); the neutral one for none.

        ``category_id`` is the id storymap's own export wrote beside the group's name.
        """
        label = " ".join((group or "").split())
        if not label:
            return self._category(NEUTRAL_CATEGORY, words("event", self.lang))
        if category_id and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", category_id):
            return self._category(category_id, label)
        category_id = slug(label)
        if category_id == "place":  # slug() of a name with no letters or digits
            category_id = "group"
        return self._category(category_id, label)

    def _category(self, category_id: str, name: str) -> str:
        if not any(c["id"] == category_id for c in self.categories):
            self.categories.append({"id": category_id, "name": self.text(name)})
        return category_id

    # --- events -------------------------------------------------------------------------

    def add_event(
        self,
        item: int,
        title: str,
        summary: str,
        when: DateReading,
        places: list[str],
        category: str,
        media: list[dict[str, Any]] | None = None,
        route: dict[str, Any] | None = None,
        event_id: str | None = None,
        sources: list[dict[str, Any]] | None = None,
        date_note: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """One event; an empty title or summary is filled in and reported."""
        if not title:
            title = f"{self.tool} {self.report.noun} {item}"
            self.report.note(f"no headline: titled '{title}'", item)
        if not summary:
            summary = title
            self.report.note("no text: the summary repeats the headline", item)
        base = slug(event_id) if event_id else slug(title)
        event: dict[str, Any] = {
            "id": unique(base if base != "place" else "event", self._event_ids)
        }
        if when.value is not None:
            event["date"] = when.value
        if date_note:
            event["date_note"] = date_note
        elif when.keep_note:
            event["date_note"] = self.text(
                words("note", self.lang, tool=self.tool, words=when.source)
            )
        if when.problem:
            undated = "" if when.value is not None else ": undated"
            message = f"{when.problem}{undated}"
            if when.keep_note and not date_note:
                message += " (its words kept in date_note)"
            self.report.note(message, item)
        event["places"] = places
        if route:
            event["route"] = route
        event["category"] = category
        event["title"] = self.text(title)
        event["summary"] = self.text(summary)
        event["sources"] = sources or [{"outlet": self.outlet}]
        if media:
            event["media"] = media
        self.events.append(event)
        self._items.append(item)
        return event

    @property
    def outlet(self) -> str:
        return f"{self.tool} ({self.name})"

    # --- the story ----------------------------------------------------------------------

    def keep_story_order(self) -> None:
        """Leave undated, with its date as a note, an event certainly before the one above it."""
        previous: tuple[str, PartialDate] | None = None
        for event, item in zip(self.events, self._items, strict=True):
            if "date" not in event:
                continue
            current = PartialDate.parse(event["date"])
            if previous is not None and current.certainly_before(previous[1]):
                self.report.note(
                    f"its date {event['date']} is before {previous[0]} above it: left undated "
                    f"(the date kept in date_note) to keep the {self.report.noun}s' order",
                    item,
                )
                note = words("note", self.lang, tool=self.tool, words=event.pop("date"))
                event.setdefault("date_note", self.text(note))
                continue
            previous = (event["date"], current)

    def story(
        self, title: str, subtitle: str, story_id: str | None, source_title: str | None = None
    ) -> dict[str, Any]:
        """The whole story: metadata, places, events; call after every event is added."""
        self.keep_story_order()
        self._note_remote_media()
        data: dict[str, Any] = {
            "id": slug(story_id or title or self.name)[:80].strip("-") or "imported",
            "title": self.text(title),
            "subtitle": self.text(subtitle or title),
            "languages": [self.lang],
            "source": {
                "outlet": self.outlet,
                "title": source_title or title,
                "language": self.lang,
            },
        }
        if self.categories:
            data["categories"] = self.categories
        data["places"] = self.places
        data["events"] = self.events
        return data

    def _note_remote_media(self) -> None:
        """Media stay on other sites: say which, so the author checks they may show them."""
        urls = [m["url"] for e in self.events for m in e.get("media", [])]
        if urls:
            sites = list(dict.fromkeys(urlsplit(url).hostname or url for url in urls))
            shown = ", ".join(sites[:6]) + (f" and {len(sites) - 6} more" if len(sites) > 6 else "")
            self.report.note(
                f"{len(urls)} media item(s) stay on other sites ({shown}): readers' browsers load "
                "them from there; check you may show them"
            )
