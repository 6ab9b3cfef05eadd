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

from storymap.draft.places import Mention

# Words after which a name is where something happened (up to three lower-case words
# may stand between: "di medan perang Ukraina", "in the Kursk region", "en la ciudad de"),
# and the verbs of a visit, whose object is where it happened ("visited Cairo").
LOCATIVES: dict[str, frozenset[str]] = {
    "id": frozenset(
        [
            "di",
            "ke",
            "menuju",
            "kawasan",
            "wilayah",
            "mengunjungi",
            "menyambangi",
            "tiba",
            "mendarat",
        ]
    ),
    "ms": frozenset(
        ["di", "ke", "menuju", "kawasan", "wilayah", "mengunjungi", "tiba", "mendarat"]
    ),
    "en": frozenset(
        [
            "in",
            "at",
            "into",
            "to",
            "near",
            "over",
            "across",
            "off",
            "inside",
            "toward",
            "towards",
            "via",
            "visited",
            "visiting",
            "visit",
            "visits",
            "toured",
            "reached",
            "landed",
        ]
    ),
    "es": frozenset(
        [
            "en",
            "a",
            "al",
            "hacia",
            "cerca",
            "desde",
            "sobre",
            "visitó",
            "visita",
            "visitar",
            "recorrió",
        ]
    ),
    "pt": frozenset(
        ["em", "no", "na", "nos", "nas", "a", "ao", "para", "perto", "sobre", "visitou", "visita"]
    ),
    "fr": frozenset(
        [
            "à",
            "a",
            "au",
            "aux",
            "en",
            "dans",
            "vers",
            "près",
            "sur",
            "visité",
            "visite",
            "visiter",
            "rejoint",
        ]
    ),
    "it": frozenset(["a", "in", "nel", "nella", "nei", "presso", "verso", "visitato"]),
    "de": frozenset(["in", "im", "nach", "bei", "am", "an", "besuchte", "besucht"]),
    "nl": frozenset(["in", "te", "naar", "bij", "bezocht"]),
    "ar": frozenset(["في", "إلى", "الى", "قرب", "زار"]),
}
# Words that join two clauses; a cut between two dates is made at the strongest.
CONJUNCTIONS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["dan", "serta", "sedangkan", "sementara", "lalu", "kemudian", "namun", "tetapi"]
    ),
    "ms": frozenset(
        ["dan", "serta", "sedangkan", "sementara", "lalu", "kemudian", "namun", "tetapi"]
    ),
    "en": frozenset(["and", "while", "whereas", "then", "but"]),
    "es": frozenset(["y", "e", "mientras", "pero", "luego"]),
    "pt": frozenset(["e", "enquanto", "mas", "depois"]),
    "fr": frozenset(["et", "tandis", "mais", "puis"]),
    "it": frozenset(["e", "mentre", "ma", "poi"]),
    "de": frozenset(["und", "während", "aber", "dann"]),
    "nl": frozenset(["en", "terwijl", "maar"]),
    "ar": frozenset(["و", "ثم", "بينما", "لكن"]),
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def reads_places(lang: str) -> bool:
    """Whether the draft knows this language's words of place (else every place counts)."""
    return _base(lang) in LOCATIVES


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def where_it_happened(
    sentence: str, mentions: Sequence[Mention], lang: str, strict: bool = False
) -> list[Mention]:
    """The mentions that say where something happened; if none does, every mention (or,
    ``strict``, none: an undated sentence that only names countries is not an event)."""
    words = LOCATIVES.get(_base(lang))
    if not words or not mentions:
        return [] if strict else list(mentions)
    ordered = sorted(mentions, key=lambda m: m.start)
    chosen: list[Mention] = []
    for mention in ordered:
        own = {w.lower() for w in _WORD.findall(mention.words) if w.islower()}
        if (
            own & words  # "wilayah di selatan dan timur Ukraina", "zona wisata … di pantai"
            or _after_locative(sentence[: mention.start], words)
            or _listed_after(sentence, mention, chosen, lang)
        ):
            chosen.append(mention)
    if not chosen and strict:  # "Amerika Serikat menilai …": a place that acts, as the subject
        for mention in ordered:
            if not sentence[: mention.start].strip(" \"“‘'") or _listed_after(
                sentence, mention, chosen, lang
            ):
                chosen.append(mention)
            else:
                break
    return chosen or ([] if strict else list(mentions))


def _after_locative(before: str, words: frozenset[str]) -> bool:
    """'… di medan perang ' ends with a word of place and at most three lower-case words."""
    tail = re.split(r"[,.;:!?()\"“”«»]", before[-200:])[-1]
    tokens = _WORD.findall(tail)[-4:]
    for back, token in enumerate(reversed(tokens)):
        if token.lower() in words:
            return True
        if back >= 3 or not token.islower():
            return False
    return False


def _listed_after(sentence: str, mention: Mention, chosen: list[Mention], lang: str) -> bool:
    """'di Kremlin, Moskow', 'in Kenya and Tanzania': a name listed right after a chosen one."""
    if not chosen:
        return False
    gap = sentence[chosen[-1].end : mention.start].strip().lower()
    joiners = {",", "", "&", "-", "–"} | {
        w for w in CONJUNCTIONS.get(_base(lang), ()) if len(w) <= 3
    }
    return gap in joiners or gap.strip(", ") in joiners


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
