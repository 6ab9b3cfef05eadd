"""Which of a sentence's places are where something happened, and which clause each date rules.

A sentence names places in several roles: where it happened ("di Kremlin, Moskow", "in
Tokyo", "en Mérida"), who acted ("Rusia dan Korut menandatangani"), what was talked
about ("talks on Iran and Yemen"), or a title ("Presiden Rusia"). A careful reader takes
the places after a word of place ("di", "in", "à", "en"…) as where it happened, and the
others only when the sentence has no such place.

A sentence that gives no date is an event only where it names such a place, or where it
opens with a place that acts ("Amerika Serikat menilai …", "Ukraine reported …").

A sentence with two dates ("membuka kedutaan di Nairobi pada 1982 dan Kenya mendirikan
kedutaannya di Jakarta pada 2022") is cut between them at its strongest break (a
semicolon, a comma and a conjunction, a conjunction, a comma), so each date keeps the
places of its own clause.

The words are our own short lists for the languages the draft is tested on; in another
language every place a sentence names counts, and the author is asked to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from storymap.draft.place_names import KIND_WORDS
from storymap.draft.places import Mention
from storymap.draft.stopwords import TITLE_WORDS
from storymap.draft.where_words import (
    BETWEEN,
    CONJUNCTIONS,
    DESTINATIONS,
    EARLIER,
    FUNCTION_WORDS,
    IMPACTS,
    LEAVING,
    LEAVING_OBJECT,
    LOCATIVES,
    ORIGINS,
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A name of up to four capitalised words and a comma, right before another name.
_KIND_LAST = re.compile(r"(?<=\s)([^\W\d_]+)\s+$")
_APPOSITION = re.compile(r"(?:(?<=\s)|^)(?:[A-ZÀ-Þ][\w'’.-]*\s+){0,3}[A-ZÀ-Þ][\w'’.-]*\s*,\s*$")


def reads_places(lang: str) -> bool:
    """Whether the draft knows this language's words of place (else every place counts)."""
    return _base(lang) in LOCATIVES


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def where_it_happened(
    sentence: str, mentions: Sequence[Mention], lang: str, strict: bool = False
) -> list[Mention]:
    """The mentions that say where something happened; if none does, every mention (or,
    ``strict``, none: an undated sentence that only names countries is not an event).
    Where a verb of leaving names the place left ("bertolak … dari Bandara Kualanamu",
    "meninggalkan Makkah menuju Tanah Air"), that is where, and where it went is not; a
    country gives way to the places in it that the sentence names as where ("en la costa
    caribeña de México, cerca de … Tulum" is Tulum)."""
    base = _base(lang)
    words = LOCATIVES.get(base)
    if not words or not mentions:
        return [] if strict else list(mentions)
    words = words | IMPACTS.get(base, frozenset())
    ordered = sorted(mentions, key=lambda m: m.start)
    chosen: list[Mention] = []
    roles: list[str] = []
    for mention in ordered:
        own = {w.lower() for w in _WORD.findall(mention.words) if w.islower()}
        role = _role(sentence[: mention.start], base, words)
        if own & words:  # "wilayah di selatan dan timur Ukraina", "zona wisata … di pantai"
            role = role or "where"
        elif role is None and _listed_after(sentence, mention, chosen, lang):
            role = roles[-1]
        if role is not None:
            chosen.append(mention)
            roles.append(role)
    if "origin" in roles:
        chosen = [m for m, role in zip(chosen, roles, strict=True) if role != "destination"]
    elif any(role != "earlier" for role in roles):
        chosen = [m for m, role in zip(chosen, roles, strict=True) if role != "earlier"]
    finer = {m.hit.country for m in chosen if m.hit.kind != "country"}
    chosen = [m for m in chosen if m.hit.kind != "country" or m.hit.country not in finer]
    if not chosen and strict:  # "Amerika Serikat menilai …": a place that acts, as the subject
        for mention in ordered:
            if not sentence[: mention.start].strip(" \"“‘'") or _listed_after(
                sentence, mention, chosen, lang
            ):
                chosen.append(mention)
            else:
                break
    return chosen or ([] if strict else list(mentions))


def _role(before: str, base: str, words: frozenset[str]) -> str | None:
    """How the words before a name place it: "where", "origin" (the place a verb of
    leaving left), "destination" (where it went), "earlier" (in a clause opened by
    "after"), or None (not a place of the event).
    The word of place may be followed by up to three lower-case words or words of kind
    ("di Kota", "di Bandara Internasional"), articles and particles ("en la costa caribeña
    de"), and a distance and a direction ("di 11 km Timur Laut Jailolo")."""
    # "meninggalkan Tanah Suci, Makkah", "di Mekah, Arab Saudi": placed as the name before,
    # also with a word of kind before the name ("di rel Cinehel, Kota Tasikmalaya").
    tail = before[-40:]  # the end only: asked for each name of a sentence of any length
    kind = _KIND_LAST.search(tail)
    if kind and kind[1].lower() in KIND_WORDS:
        before = before[: len(before) - len(tail) + kind.start()]
    for _ in range(3):
        apposition = _APPOSITION.search(before[-120:])
        if not apposition:
            break
        before = before[: len(before) - len(apposition[0])]
    tail = re.split(r"[,.;:!?()\"“”«»]", before[-200:])[-1]
    in_tail = _WORD.findall(tail)
    tokens = in_tail[-10:]
    lowered = 0
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position].lower()
        leaving = _leaves(tokens[max(0, position - 4) : position], base)
        if token in ORIGINS.get(base, ()) and leaving:
            return "origin"
        if token in LEAVING_OBJECT.get(base, ()):
            return "origin"
        if token in words:
            if token in DESTINATIONS.get(base, ()) and _leaves(_WORD.findall(before[-300:]), base):
                return "destination"
            opening = in_tail[: len(in_tail) - len(tokens) + position]
            if any(word.lower() in EARLIER.get(base, ()) for word in opening):
                return "earlier"
            return "where"
        if token in BETWEEN or token in FUNCTION_WORDS:
            continue
        lowered += 1
        named_kind = token in KIND_WORDS or tokens[position] in TITLE_WORDS  # "di Kota", "Bandara"
        if lowered > 3 or not (tokens[position].islower() or named_kind):
            return None
    return None


def _leaves(tokens: Sequence[str], base: str) -> bool:
    verbs = LEAVING.get(base, frozenset())
    return any(token.lower() in verbs for token in tokens)


def _listed_after(sentence: str, mention: Mention, chosen: list[Mention], lang: str) -> bool:
    """'di Kremlin, Moskow', 'in Kenya and Tanzania', 'di Jailolo, Kota Manado': a name
    listed right after a chosen one (a word of kind may stand before it)."""
    if not chosen:
        return False
    gap = sentence[chosen[-1].end : mention.start].strip().lower()
    joiners = {",", "", "&", "-", "–"} | {
        w for w in CONJUNCTIONS.get(_base(lang), ()) if len(w) <= 3
    }
    if gap in joiners or gap.strip(", ") in joiners:
        return True
    head, _, kind = gap.rpartition(" ")
    return kind.rstrip(".") in KIND_WORDS and (head.strip(", ") in joiners)


def nearest_chain(
    sentence: str, mentions: Sequence[Mention], span: tuple[int, int], lang: str
) -> list[Mention]:
    """Of several places a sentence names as where, the list nearest its date: in "kunjungan
    ke Kenya dan Tanzania … membuka kedutaan di Jakarta pada 2022", 2022 is at Jakarta."""
    chains: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if chains and _listed_after(sentence, mention, chains[-1], lang):
            chains[-1].append(mention)
        else:
            chains.append([mention])

    def distance(chain: list[Mention]) -> int:
        start, end = chain[0].start, chain[-1].end
        return max(0, span[0] - end, start - span[1])

    return min(chains, key=distance) if chains else []


def clause_cuts(sentence: str, spans: Sequence[tuple[int, int]], lang: str) -> list[int]:
    """Where to cut the sentence between each pair of neighbouring dates (character offsets)."""
    conjunctions = CONJUNCTIONS.get(_base(lang), CONJUNCTIONS["en"])
    cuts: list[int] = []
    ordered = sorted(spans)
    for (_, end), (start, _) in pairwise(ordered):
        between = sentence[end:start]
        best: tuple[int, int] | None = None  # (strength, offset)
        for match in re.finditer(r"[;:]|,\s*(\w+)|\s(\w+)\s|,", between):
            word = (match[1] or match[2] or "").lower()
            if match[0] in ";:":
                strength = 4
            elif match[0].startswith(",") and word in conjunctions:
                strength = 3
            elif match[2] is not None:
                strength = 2 if word in conjunctions else 0
            else:
                strength = 1
            if strength and (best is None or strength > best[0]):
                best = (strength, end + match.start())
        cuts.append(best[1] if best else (end + start) // 2)
    return cuts


def clause_of(position: int, cuts: Sequence[int]) -> int:
    """The number of the clause (0-based) that holds ``position``."""
    return sum(position >= cut for cut in cuts)
