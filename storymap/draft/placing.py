"""Where an event happened when its own clause does not say, or says only the country.

A reader who meets "A quake shook the south of Peru on Monday" and then "the epicentre
was in the province of Caravelí" puts the quake in Caravelí; one who meets "met leaders
in Egypt and Qatar on Tuesday" and then "visited Cairo … before traveling to Doha" puts
the meetings in Cairo and Doha. So an event takes, in this order:

1. the places its own clause (or sentence) names (``events``); when those are only
   countries, the finer places inside them that the next sentences name as where, up
   to the next sentence that gives a date of its own;
2. when its sentence names none: where the sentences before it in its paragraph said
   things happened; else where the next sentences say (as above); else the article's
   lead place (where its first paragraph says things happened); else the dateline,
   which names where the report was filed and so comes last.

Each borrowed place is flagged for the author (``draft.todo``) with where it came from.
A region written as the address of the place before it ("Kota Jayapura, Papua",
"Tulum, Quintana Roo", "Johannesburg, Afrika Selatan") is that place's address, not a
second place where the event happened.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storymap.draft.article import Sentence
from storymap.draft.places import Hit, Mention
from storymap.draft.reasons import reason

# What stands between a place and its address: a comma, perhaps a word of kind and the
# words before it ("Distrik", "en la región").
_ADDRESS_GAP = re.compile(r"\s*[,(]\s*(?:[^\W\d_]+\.?\s+){0,3}")
AHEAD_SENTENCES = 4  # how far the next sentences are read for an event's place
COARSE = frozenset({"country"})


@dataclass(frozen=True)
class Surroundings:
    """What the article says around each sentence, for events that borrow a place."""

    sentences: Sequence[Sentence]
    where: Sequence[list[Mention]]  # per sentence: the places it names as where
    dated: Sequence[bool]  # per sentence: it gives a date of its own (not only a "since")
    dateline: list[Mention]
    contains: Callable[[Hit, Hit], bool]  # (outer, inner): inner lies inside outer

    def text(self, number: int) -> str:
        """Sentence ``number``'s text (the dateline's words stand after the body)."""
        if number < len(self.sentences):
            return self.sentences[number].text
        return " ".join(m.words for m in self.dateline)

    def lead(self) -> list[Mention]:
        """Where the article's first paragraph says things happened (its first such list)."""
        for sentence, where in zip(self.sentences, self.where, strict=True):
            if sentence.paragraph > self.sentences[0].paragraph:
                break
            if where:
                return _first_list(where)
        return []

    def before(self, number: int) -> list[Mention]:
        """The last places the paragraph's sentences before ``number`` named as where."""
        paragraph = self.sentences[number].paragraph
        for n in range(number - 1, -1, -1):
            if self.sentences[n].paragraph != paragraph:
                break
            if self.where[n]:
                return [m for m in self.where[n] if m.sentence == n]
        return []

    def ahead(self, number: int) -> list[Mention]:
        """Where the next sentences (this paragraph and the next) say things happened,
        up to the next sentence that gives a date."""
        paragraph = self.sentences[number].paragraph
        last = min(len(self.sentences), number + 1 + AHEAD_SENTENCES)
        for n in range(number + 1, last):
            if self.sentences[n].paragraph > paragraph + 1 or self.dated[n]:
                break
            if self.where[n]:
                return list(self.where[n])
        return []


def place(mentions: list[Mention], number: int, around: Surroundings) -> tuple[list[Mention], str]:
    """The event's places, from its own ``mentions`` (sentence ``number``) or borrowed,
    and why they were borrowed ("" when they are its own)."""
    if mentions:
        own = without_addresses(mentions, around)
        if all(m.hit.kind in COARSE for m in own):
            finer = _inside(around.ahead(number), own, around)
            if finer:
                return finer, reason("country_for_places")
        return own, ""
    for found, why in (
        (around.before(number), reason("place_before")),
        (around.ahead(number), reason("place_next")),
        (around.lead(), reason("place_lead")),
        (around.dateline, reason("place_dateline")),
    ):
        if found:
            return without_addresses(found, around), why
    return [], reason("first_place")


def without_addresses(mentions: Sequence[Mention], around: Surroundings) -> list[Mention]:
    """Drop a region or country written right after a place it contains, as its address:
    "Kota Jayapura, Papua" and "Kampung Bilogai, Distrik Sugapa" are Jayapura and Bilogai;
    "di Kenya dan Tanzania" stays two places."""
    ordered = sorted(mentions, key=lambda m: (m.sentence, m.start))
    kept: list[Mention] = []
    for mention in ordered:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.sentence == mention.sentence
            and mention.hit.key != previous.hit.key
            and _ADDRESS_GAP.fullmatch(around.text(mention.sentence)[previous.end : mention.start])
            and around.contains(mention.hit, previous.hit)
        ):
            continue
        kept.append(mention)
    return kept


def _inside(found: list[Mention], countries: list[Mention], around: Surroundings) -> list[Mention]:
    """The finer places of ``found`` that lie in one of ``countries``."""
    return [
        m
        for m in without_addresses(found, around)
        if m.hit.kind not in COARSE and any(around.contains(c.hit, m.hit) for c in countries)
    ]


def _first_list(where: list[Mention]) -> list[Mention]:
    """The first place named as where and those listed with it in the same sentence."""
    first = where[0]
    return [m for m in where if m.sentence == first.sentence][:3]
