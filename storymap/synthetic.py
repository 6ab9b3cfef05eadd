"""Synthetic stories for benchmarks and tests (up to about 18,000 events: the 5 MB file limit).

Places are spread over Eurasia with explicit coordinates (so no gazetteer is
needed), dates are distinct days in order, and every tenth event has a route.
The output is a valid story file, checked by the same loader as any other.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from storymap.model import BUILTIN_CATEGORIES
from storymap.style import PALETTE

# as many categories as the palette has colours readers tell apart (more is an error)
STORY_CATEGORIES = BUILTIN_CATEGORIES[: len(PALETTE)]

MODES = ("flight", "road", "deployment")


def synthetic_story(events: int, seed: int = 1) -> dict[str, Any]:
    """A story with ``events`` events at distinct dates, as plain data."""
    rng = random.Random(seed)
    place_count = max(2, min(events // 10, 500))
    places = [
        {
            "id": f"place-{n}",
            "name": {"id": f"Tempat {n}", "en": f"Place {n}"},
            "kind": "city",
            "country": "RU",
            "coordinates": {
                "lat": round(rng.uniform(10, 65), 4),
                "lon": round(rng.uniform(-5, 140), 4),
                "precision_km": 5,
                "source": "synthetic",
            },
        }
        for n in range(place_count)
    ]
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


def write_synthetic_story(events: int, path: Path, seed: int = 1) -> Path:
    text = yaml.safe_dump(synthetic_story(events, seed), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
