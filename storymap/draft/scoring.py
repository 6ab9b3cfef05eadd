"""Score a draft against a hand-annotated article (the rules are in tests/fixtures/articles/README.md).

- places found: required places a draft place matches (a country by its code, any other
  place within its ``km``), each draft place matching at most one place, nearest first;
- events found: dated events a draft event tells (its evidence holds an anchor) with
  overlapping dates, each draft event used once;
- events at the right place: found events whose draft places include one of the event's
  places and add nothing but those, the places containing them, their countries and the
  event's ``also`` places;
- wrong country: draft places in a country the article never names;
- undated found: undated events some draft event tells, whatever its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storymap.draft.annotated import AnnotatedEvent, AnnotatedPlace, Annotation
from storymap.draft.compare import distance_km
from storymap.draft.country_names import country, is_country
from storymap.geocoding import Location
from storymap.model import Event, Place, Story

OPEN_SEA = "XZ"


@dataclass(frozen=True)
class DraftPlace:
    """A draft place and where the draft located it."""

    place: Place
    location: Location


@dataclass
class Score:
    """What the draft found of one annotated article."""

    places_found: list[str] = field(default_factory=list)
    places_missed: list[str] = field(default_factory=list)
    events_found: list[int] = field(default_factory=list)  # annotated event numbers
    events_missed: list[int] = field(default_factory=list)
    right_place: list[int] = field(default_factory=list)
    placed: int = 0  # dated events that name a place (the right-place denominator)
    wrong_country: list[str] = field(default_factory=list)  # "draft-id (CC)"
    extra_places: list[str] = field(default_factory=list)
    undated_found: int = 0
    undated: int = 0

    def add(self, other: Score) -> None:
        """Add ``other``'s counts to these (totals over articles; ids are kept as they are)."""
        self.places_found += other.places_found
        self.places_missed += other.places_missed
        self.events_found += other.events_found
        self.events_missed += other.events_missed
        self.right_place += other.right_place
        self.placed += other.placed
        self.wrong_country += other.wrong_country
        self.extra_places += other.extra_places
        self.undated_found += other.undated_found
        self.undated += other.undated

    @property
    def places(self) -> int:
        return len(self.places_found) + len(self.places_missed)

    @property
    def events(self) -> int:
        return len(self.events_found) + len(self.events_missed)


def score(story: Story | None, located: dict[str, Location], annotation: Annotation) -> Score:
    """Score ``story`` (a draft, with ``located`` from ``geocode_story``) against ``annotation``.

    ``None`` is no draft at all: everything is missed.
    """
    places = story.places if story else []
    events = story.events if story else []
    drafted = {p.id: DraftPlace(p, located[p.id]) for p in places if p.id in located}
    result = Score()
    matched = match_places(annotation, drafted)
    for place_id, place in annotation.places.items():
        if place.optional:
            continue
        target = result.places_found if place_id in matched.values() else result.places_missed
        target.append(place_id)
    for draft_id, draft in drafted.items():
        code = draft.place.country
        if code not in annotation.countries and code != OPEN_SEA:
            result.wrong_country.append(f"{draft_id} ({code})")
        if not any(same_place(p, draft) for p in annotation.places.values()):
            result.extra_places.append(draft_id)
    used: set[str] = set()
    for n, event in enumerate(annotation.events):
        told = [e for e in events if e.id not in used and _tells(e, event)]
        if event.date is None:
            result.undated += 1
            result.undated_found += bool(told)
            continue
        when = event.when
        assert when is not None
        dated = [
            e
            for e in told
            if e.date is not None  # an undated draft event is not a dated event found
            and e.date.earliest <= when.latest
            and when.earliest <= e.date.latest
        ]
        if not dated:
            result.events_missed.append(n)
            if event.places:
                result.placed += 1
            continue
        right = [e for e in dated if at_right_place(e, event, annotation, drafted)]
        best = (right or dated)[0]
        used.add(best.id)
        result.events_found.append(n)
        if event.places:
            result.placed += 1
            if right:
                result.right_place.append(n)
    return result


def is_the_country(place: Place) -> bool:
    """A draft place that stands for its whole country: kind ``country``, or a country too
    small for the outlines, which the draft writes as a region named after the country and
    marks at its capital (Barbados, Cape Verde)."""
    if place.kind == "country":
        return True
    return is_country(place.country) and place.name.get("en") == country(place.country).name_en


def same_place(annotated: AnnotatedPlace, draft: DraftPlace) -> bool:
    """A country by its code (a draft place that is the country); anything else within ``km``."""
    if annotated.kind == "country":
        return is_the_country(draft.place) and draft.place.country == annotated.country
    if draft.place.kind == "country":
        return False
    assert annotated.lat is not None and annotated.lon is not None and annotated.km is not None
    point = Location(annotated.lat, annotated.lon, "annotation", annotated.km, annotated.name)
    return distance_km(point, draft.location) <= annotated.km


def match_places(annotation: Annotation, drafted: dict[str, DraftPlace]) -> dict[str, str]:
    """Draft place id -> annotated place id, one to one: required places before optional ones,
    then the nearest pairs (distance over tolerance) first."""
    pairs: list[tuple[bool, float, str, str]] = []
    for place_id, place in annotation.places.items():
        for draft_id, draft in drafted.items():
            if same_place(place, draft):
                pairs.append((place.optional, _closeness(place, draft), draft_id, place_id))
    matched: dict[str, str] = {}
    for _, _, draft_id, place_id in sorted(pairs):
        if draft_id not in matched and place_id not in matched.values():
            matched[draft_id] = place_id
    return matched


def at_right_place(
    draft_event: Event,
    event: AnnotatedEvent,
    annotation: Annotation,
    drafted: dict[str, DraftPlace],
) -> bool:
    """The draft event is at one of the event's places and adds no place it should not."""
    places = annotation.places
    wanted = [places[p] for p in event.places]
    allowed = wanted + [places[p] for p in event.also]
    allowed += [places[c] for p in event.places for c in places[p].inside]
    countries = {p.country for p in wanted}
    drafts = [drafted[p] for p in draft_event.places if p in drafted]
    if not any(same_place(w, d) for w in wanted for d in drafts):
        return False
    for draft in drafts:
        whole = is_the_country(draft.place) and draft.place.country in countries
        if not whole and not any(same_place(a, draft) for a in allowed):
            return False
    return True


def _tells(draft_event: Event, event: AnnotatedEvent) -> bool:
    evidence = " ".join((draft_event.evidence or "").split())
    return any(" ".join(anchor.split()) in evidence for anchor in event.anchors)


def _closeness(place: AnnotatedPlace, draft: DraftPlace) -> float:
    if place.kind == "country" or place.lat is None or place.lon is None or not place.km:
        return 0.0
    point = Location(place.lat, place.lon, "annotation", place.km, place.name)
    return distance_km(point, draft.location) / place.km
