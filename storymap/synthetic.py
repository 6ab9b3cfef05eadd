"""Synthetic stories for benchmarks and tests (up to 18,000 events: the 5 MB file limit).

Places are spread over Eurasia's land with explicit coordinates and the country
each lies in (so no gazetteer is needed and the country check holds), dates are
distinct days in order, and every tenth event has a route.
The output is a valid story file, checked by the same loader as any other.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from shapely import STRtree
from shapely.geometry import Point

from storymap.geocoding.country_shapes import countries
from storymap.model import BUILTIN_CATEGORIES
from storymap.story_writer import story_text
from storymap.style import PALETTE

# as many categories as the palette has colours readers tell apart (more is an error)
STORY_CATEGORIES = BUILTIN_CATEGORIES[: len(PALETTE)]

MODES = ("flight", "road", "deployment")
# 18,000 events made 4,747,659 bytes of YAML, 20,000 made 5,271,435: over the 5 MiB file limit.
MAX_SYNTHETIC_EVENTS = 18_000


def synthetic_story(events: int, seed: int = 1) -> dict[str, Any]:
    """A story with ``events`` events at distinct dates, as plain data."""
    rng = random.Random(seed)
    place_count = max(2, min(events // 10, 500))
    places = []
    for n in range(place_count):
        lat, lon, country = _point_on_land(rng)
        places.append(
            {
                "id": f"place-{n}",
                "name": {"id": f"Tempat {n}", "en": f"Place {n}"},
                "kind": "city",
                "country": country,
                "coordinates": {"lat": lat, "lon": lon, "precision_km": 5, "source": "synthetic"},
            }
        )
    start = date(1900, 1, 1)
    stride = max(1, (date(2025, 12, 31) - start).days // max(events, 1))
    items = []
    for n in range(events):
        day = start + timedelta(days=n * stride)
        place = f"place-{rng.randrange(place_count)}"
        item: dict[str, Any] = {
            "id": f"event-{n}",
            "date": day.isoformat(),
            "places": [place],
            "category": STORY_CATEGORIES[n % len(STORY_CATEGORIES)],
            "title": {"id": f"Peristiwa {n}", "en": f"Event {n}"},
            "summary": {"id": f"Ringkasan peristiwa {n}.", "en": f"Summary of event {n}."},
            "sources": [{"outlet": "Synthetic Wire"}],
        }
        if n % 10 == 9:
            other = f"place-{(int(place.split('-')[1]) + 1 + rng.randrange(place_count - 1)) % place_count}"
            item["places"] = [place, other]
            item["route"] = {"origin": place, "destination": other, "mode": MODES[n % 3]}
        items.append(item)
    return {
        "id": f"synthetic-{events}",
        "title": {"id": f"Cerita sintetis ({events})", "en": f"Synthetic story ({events})"},
        "subtitle": {"id": "Untuk uji kecepatan", "en": "For speed tests"},
        "default_language": "en",
        "source": {"outlet": "storymap", "title": "synthetic", "date": "2025", "language": "en"},
        "places": places,
        "events": items,
    }


def _point_on_land(rng: random.Random) -> tuple[float, float, str]:
    """A random point in Eurasia that lies in a country, and that country's code."""
    codes, tree = _outlines()
    while True:
        lat, lon = round(rng.uniform(10, 65), 4), round(rng.uniform(-5, 140), 4)
        for index in tree.query(Point(lon, lat), predicate="intersects"):
            return lat, lon, codes[int(index)]


@cache
def _outlines() -> tuple[list[str], STRtree]:
    """The countries' codes and outlines, indexed once: each point is tested against a few."""
    found = countries()
    codes = sorted(found)
    return codes, STRtree([found[code].outline for code in codes])


def synthetic_story_text(events: int, seed: int = 1) -> str:
    """The story as a story file's text."""
    note = f"a synthetic story of {events:,} events (storymap generate --seed {seed})"
    return story_text(synthetic_story(events, seed), note)


def write_synthetic_story(events: int, path: Path, seed: int = 1) -> Path:
    path.write_text(synthetic_story_text(events, seed), encoding="utf-8")
    return path
