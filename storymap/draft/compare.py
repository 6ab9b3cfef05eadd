"""Measure a draft against a story written by hand from the same article.

A hand-written place is *found* when the draft has the same place: for a country, a
country place with the same code; otherwise any draft place within 25 km. A hand-written
event is *found* when a draft event's dates overlap its dates and they share a place, or
the draft event's evidence holds the article sentence the hand-written event retells (its
own ``evidence``, or else the sentence sharing the most words with its text). A draft
place is in the *wrong country* when it is the same place as a hand-written one (same
name or within 25 km) under another country code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storymap.draft.stopwords import STOPWORDS
from storymap.geocoding import Location, normalise
from storymap.model import Event, Place, Story

SAME_PLACE_KM = 25.0


@dataclass(frozen=True)
class Located:
    """A story and where its places are (``geocode_story``'s answer)."""

    story: Story
    located: dict[str, Location]


@dataclass
class Comparison:
    """What the draft found of the hand-written story, and what it got wrong."""

    places_found: dict[str, str] = field(default_factory=dict)  # hand place -> draft place
    places_missed: list[str] = field(default_factory=list)
    wrong_country: list[tuple[str, str]] = field(default_factory=list)  # (hand, draft)
    extra_places: list[str] = field(default_factory=list)  # draft places with no hand match
    events_found: dict[str, tuple[str, str]] = field(default_factory=dict)  # hand -> (draft, how)
    events_missed: list[str] = field(default_factory=list)
    same_date: list[str] = field(default_factory=list)  # found with exactly the hand-written date

    @property
    def places_share(self) -> float:
        total = len(self.places_found) + len(self.places_missed)
        return len(self.places_found) / total if total else 1.0

    @property
    def events_share(self) -> float:
        total = len(self.events_found) + len(self.events_missed)
        return len(self.events_found) / total if total else 1.0

    def summary(self) -> str:
        places = len(self.places_found) + len(self.places_missed)
        events = len(self.events_found) + len(self.events_missed)
        return (
            f"places found {len(self.places_found)}/{places} ({self.places_share:.0%}), "
            f"events found {len(self.events_found)}/{events} ({self.events_share:.0%}; "
            f"{len(self.same_date)} with the same date), "
            f"wrong country {len(self.wrong_country)}, places not in the hand-written story "
            f"{len(self.extra_places)}"
        )


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def compare(draft: Located, hand: Located, sentences: Sequence[str]) -> Comparison:
    """Compare ``draft`` with ``hand`` (see the module's docstring); ``sentences`` are the article's."""
    result = Comparison()
    for place in hand.story.places:
        matches = [d for d in draft.story.places if _same_place(place, hand, d, draft)]
        if not matches:
            result.places_missed.append(place.id)
            continue
        here = hand.located[place.id]
        nearest = min(matches, key=lambda d: distance_km(here, draft.located[d.id]))
        result.places_found[place.id] = nearest.id
    for place in draft.story.places:
        same = [
            h for h in hand.story.places if _same_place(h, hand, place, draft, any_country=True)
        ]
        for other in same:
            if other.country != place.country:
                result.wrong_country.append((other.id, place.id))
        if not same:
            result.extra_places.append(place.id)
    for event in hand.story.events:
        retold = _retold_sentence(event, hand.story.source.language, sentences)
        found = [(c, _same_event(event, hand, c, draft, retold)) for c in draft.story.events]
        found = [(c, how) for c, how in found if how]
        if not found:
            result.events_missed.append(event.id)
            continue
        best, how = min(found, key=lambda pair: str(pair[0].date) != str(event.date))
        result.events_found[event.id] = (best.id, how)
        if str(best.date) == str(event.date):
            result.same_date.append(event.id)
    return result


def _same_place(
    a: Place, a_story: Located, b: Place, b_story: Located, any_country: bool = False
) -> bool:
    if a.kind == "country" or b.kind == "country":
        return a.kind == b.kind == "country" and (
            (any_country and _same_name(a, b)) or a.country == b.country
        )
    if any_country and _same_name(a, b):
        return True
    return distance_km(a_story.located[a.id], b_story.located[b.id]) <= SAME_PLACE_KM


def _same_name(a: Place, b: Place) -> bool:
    names = lambda p: {normalise(n) for n in (*p.name.root.values(), *p.aliases)}  # noqa: E731
    return bool(names(a) & names(b))


def _same_event(
    event: Event, hand: Located, candidate: Event, draft: Located, retold: str | None
) -> str:
    """How ``candidate`` finds ``event``: 'place', 'sentence', or '' when it does not."""
    if candidate.date is None or event.date is None:
        return ""  # an undated draft event is the author's to place in time
    if candidate.date.latest < event.date.earliest or event.date.latest < candidate.date.earliest:
        return ""
    hand_places = [hand.story.place(p) for p in event.places]
    for place_id in candidate.places:
        place = draft.story.place(place_id)
        if any(_same_place(h, hand, place, draft) for h in hand_places):
            return "place"
    if retold and candidate.evidence and retold in candidate.evidence:
        return "sentence"
    return ""


def _retold_sentence(event: Event, lang: str, sentences: Sequence[str]) -> str | None:
    """The article sentence the event retells: its evidence, or the one sharing most words."""
    if event.evidence:
        return event.evidence
    parts = [event.title.get(lang), event.summary.get(lang)]
    parts += [event.quote.text.get(lang)] if event.quote else []
    words = _content_words(" ".join(parts))
    scored = [(len(words & _content_words(s)), -n, s) for n, s in enumerate(sentences)]
    best = max(scored, default=(0, 0, None))
    return best[2] if best[0] >= 3 else None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{4,}", normalise(text)) if w not in STOPWORDS}
