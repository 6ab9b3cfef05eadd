"""The draft's ``places``: one entry per place its events name, each saying how it was found.

Every entry is located by the geocoder's own layers before it is written, so ``evidence``
names the layer that will place it on the map. A place in a country the article never
names, a place found by a curated description ("jembatan darat"), a region marked at its
city and a country (drawn at its centre) are flagged for the author in ``draft.todo`` and in
the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storymap.draft.country_names import country, is_country
from storymap.draft.places import Mention, region_before
from storymap.draft.reasons import reason
from storymap.geocoding import Layer, Location, Query, locate, normalise
from storymap.model import Place

REGION_PRECISION_KM = 100.0


@dataclass
class PlaceEntry:
    """A place as it will be written, with what found it and what the author must check."""

    key: str
    data: dict[str, Any]
    mentions: list[Mention]
    checks: list[tuple[str, str]] = field(default_factory=list)  # (field path tail, reason)
    location: Location | None = None

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def country(self) -> str:
        return str(self.data["country"])


def place_entries(
    mentions: Sequence[Mention],
    sentences: Sequence[str],
    lang: str,
    named_countries: set[str],
    layers: Sequence[Layer],
) -> list[PlaceEntry]:
    """One entry per place (in the order the article first names them), located and explained."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.hit.key, []).append(mention)
    entries: list[PlaceEntry] = []
    used_ids = Ids()
    for key, found in grouped.items():
        entry = _entry(key, found, sentences, lang)
        entry.data["id"] = unique(slug(entry.data["name"]["en"]), used_ids)
        entry.location = locate(Query.for_place(Place.model_validate(entry.data)), layers)
        if entry.location is None:
            continue  # no layer places it: leave it out rather than write a story that fails
        if entry.country not in named_countries:
            name = country(entry.country).name_en if is_country(entry.country) else entry.country
            entry.checks.append(("country", reason("country_not_named", name=name)))
        entry.data["evidence"] = _evidence(entry, sentences)
        entry.data = {key: entry.data[key] for key in Place.model_fields if key in entry.data}
        entries.append(entry)
    return entries


def _entry(key: str, found: list[Mention], sentences: Sequence[str], lang: str) -> PlaceEntry:
    hit, words = found[0].hit, list(dict.fromkeys(m.words for m in found))
    if hit.kind == "country":
        info = country(hit.country)
        as_written = max(words, key=len)  # "Korea Utara" rather than "Korut"; "China" as written
        written_id = as_written if lang == "id" and not as_written.isupper() else info.name_id
        data: dict[str, Any] = {
            "id": "",
            "name": {"id": written_id, "en": info.name_en},
            "kind": "country",
            "country": hit.country,
        }
        entry = PlaceEntry(key, data, found)
        entry.checks.append(("", reason("country_centre")))
        if not info.outlined:  # too small for the 1:110m outlines: marked at its capital
            radius = max(5.0, round((info.area_km2 / 3.14159) ** 0.5))
            data.update(kind="region", aliases=[info.capital], precision_km=radius)
            entry.checks.append(("precision_km", reason("at_capital", capital=info.capital)))
        return entry
    own_word = words[0] if lang == "id" and words[0][:1].isupper() else None
    data = {
        "id": "",
        "name": {"id": own_word or hit.name, "en": hit.name},
        "kind": hit.kind,
        "country": hit.country,
    }
    aliases = [w for w in words if w[:1].isupper() and w not in data["name"].values()]
    if aliases and hit.kind == "city":
        data["aliases"] = aliases
    entry = PlaceEntry(key, data, found)
    if hit.how == "gazetteer spelling close to its name":
        entry.checks.append(("", reason("near_spelling", words=words[0], name=hit.name)))
    if hit.how == "curated description":
        entry.checks.append(("", reason("description", words=words[0], name=hit.name)))
    if own_word is None and hit.kind != "city":
        entry.checks.append(("name.id", reason("indonesian_name")))
    if lang == "en" and hit.kind == "city":
        entry.checks.append(("name.id", reason("indonesian_name_geonames")))
    if hit.kind == "city" and any(region_before(sentences[m.sentence], m.start) for m in found):
        data.update(kind="region", precision_km=REGION_PRECISION_KM)
        data["note"] = {
            "id": f"Ditandai di kota {hit.name}; wilayahnya lebih luas.",
            "en": f"Marked at the city of {hit.name}; the region is wider.",
        }
        entry.checks.append(("precision_km", reason("region_at_city")))
    return entry


def _evidence(entry: PlaceEntry, sentences: Sequence[str]) -> str:
    """Which words found the place, in which sentences, and which layer locates it."""
    hit = entry.mentions[0].hit
    words = ", ".join(f'"{w}"' for w in dict.fromkeys(m.words for m in entry.mentions))
    numbers = ", ".join(str(n + 1) for n in sorted({m.sentence for m in entry.mentions}))
    location = entry.location
    assert location is not None
    text = (
        f"found by {words} ({hit.how}) in sentence(s) {numbers} of the article; "
        f"located by the {location.layer} layer: {location.matched}"
    )
    if location.note and location.layer == "gazetteer":
        text += f" ({location.note})"
    for _, why in entry.checks:
        text += f". CHECK: {why}"
    return text


def slug(text: str, limit: int = 60) -> str:
    """An id from a name: 'Tumen River road bridge (Khasan–Tumangang)' -> 'tumen-river-road-…',
    at most ``limit`` characters, cut between words (a single longer word is cut)."""
    text = re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")
    if len(text) > limit:
        text = text[: limit + 1].rsplit("-", 1)[0] if "-" in text[: limit + 1] else text[:limit]
    return text.strip("-") or "place"


class Ids(set[str]):
    """The ids given so far, and for each base the number its next ``base-N`` tries first,
    so the thousandth "moskow-2024" is found at once, not after 999 tries."""

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}


def unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… if an earlier place or event took it."""
    numbers = used.next_number if isinstance(used, Ids) else {}
    candidate, n = base, numbers.get(base, 2)
    if n > 2:
        candidate = f"{base}-{n}"
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    numbers[base] = n
    used.add(candidate)
    return candidate
