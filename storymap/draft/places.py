"""Find the places an article names, with the layers the geocoder already has.

Three finders, in order, each masking what it found from the next:

1. country names (``countries``), in both languages;
2. curated places (``geodata/places.geojson``): their names and aliases, and their
   descriptive aliases ("zona wisata pantai timur") when the article's words follow them;
3. the gazetteer (GeoNames cities) for capitalised names the first two did not claim.

A city name is also a common word, a surname or a city elsewhere, so the gazetteer is
held back: single words that are common words (a stop-list, or written in lower case
elsewhere in the article), parts of a person's or an outlet's name ("Vladimir Putin",
"Al Jazeera"), and cities outside the article's countries unless they are big (a
million people) and found by their own name. Such a city is kept but flagged.

Time is linear in the article: spans already taken are looked up in sorted lists, a
curated name is followed from the places its first word stands, and each capitalised
run of words is looked up in the gazetteer once per draft.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from storymap.draft.country_names import CountryNames
from storymap.draft.near_spellings import near_spellings
from storymap.draft.place_choice import Candidates, choose, evidence_countries
from storymap.draft.place_names import (
    KIND_WORDS,
    POSTPOSITIVE,
    Run,
    is_code,
    is_title,
    is_topic,
    name_runs,
    sub_runs,
)
from storymap.draft.stopwords import STOPWORDS, TITLE_WORDS
from storymap.geocoding import GazetteerLayer, Query, normalise
from storymap.geocoding.city_index import City
from storymap.geocoding.gazetteer_data import STORY_KIND
from storymap.package_data import CURATED_PLACES

BIG_CITY = 1_000_000  # found outside the article's countries only when this big
ALTERNATE_NAME_CITY = 100_000  # found by an alternate name ("Moskow") only when this big
MAX_NEAR_SPELLINGS = 200  # distinct unknown words tried as near spellings, per article
# A person named by initials, as crime and accident news do: "seorang pemuda berinisial AS
# (19)", "identified by the initials A.S.", "de iniciales J.M.": the initials are that
# person wherever the article repeats them, not Amerika Serikat or another country's code.
_INITIALS = re.compile(r"\b(?:ber)?inisial|\binitials?|\biniciales|\binitiales", re.IGNORECASE)
_INITIALS_AFTER = re.compile(r"\s+(?:de\s+|of\s+)?([A-Z](?:\.?\s?[A-Z]){1,3}\.?)(?![\w])")
REGION_WORDS = re.compile(
    r"(?:wilayah|provinsi|kawasan|daerah|region|oblast|province|prefektur|prefecture)\s+$", re.I
)


@dataclass(frozen=True)
class Hit:
    """A place a layer knows, as the draft will write it."""

    key: str  # "country:RU", "curated:moscow-kremlin", "city:524901"
    kind: str
    country: str
    name: str  # the layer's own name: English for countries and cities
    how: str  # "country name", "curated name", "curated description", "gazetteer name", ...
    population: int = 0


@dataclass(frozen=True)
class Mention:
    """The words of one sentence that named a place."""

    hit: Hit
    words: str
    sentence: int
    start: int
    end: int


_TOKEN = re.compile(r"[^\W\d_][\w'’]*")


@lru_cache(maxsize=100_000)  # an article repeats its words: each is folded once
def _fold(word: str) -> str:
    """'timurnya' is 'timur' (Indonesian possessive), for following curated descriptions."""
    folded = normalise(word)
    return folded[:-3] if folded.endswith("nya") and len(folded) > 5 else folded


class PlaceFinder:
    """Finds place mentions in an article's sentences (see the module's docstring)."""

    def __init__(self, lang: str, gazetteer: GazetteerLayer | None = None) -> None:
        self.lang = lang
        self.countries = CountryNames(lang)
        self.gazetteer = gazetteer or GazetteerLayer.shared()
        self._curated = _curated_names(self.countries)
        self._looked_up: dict[tuple[str, ...], tuple[City, ...]] = {}

    def find(
        self, sentences: list[str], masked: dict[int, list[tuple[int, int]]] | None = None
    ) -> list[Mention]:
        """Every place mention, in sentence order; ``masked`` spans (outlets' names) are skipped."""
        masked = {n: list(spans) for n, spans in (masked or {}).items()}
        mentions: list[Mention] = []
        initials = initials_of(sentences)
        for number, sentence in enumerate(sentences):
            for m in self.countries.find(sentence):
                if (
                    m.words.replace(".", "") in initials
                    or is_topic(sentence, m.start, m.end)
                    or is_title(sentence, m.start)
                    or _in_longer_name(sentence, m.end)
                ):
                    continue  # "talks on Iran", "Presiden Indonesia"; "Mexico City"
                hit = Hit(f"country:{m.code}", "country", m.code, m.code, "country name")
                mentions.append(Mention(hit, m.words, number, m.start, m.end))
        named = {m.hit.country for m in mentions}
        here: dict[int, list[Mention]] = {}  # each sentence's mentions, so far
        for mention in mentions:
            here.setdefault(mention.sentence, []).append(mention)
        replaced: set[int] = set()  # country names inside a curated place's words
        for number, sentence in enumerate(sentences):
            outlets = masked.setdefault(number, [])
            own = here.setdefault(number, [])
            for mention in self._find_curated(sentence, number, named):
                if not _overlaps(mention.start, mention.end, outlets):
                    replaced.update(id(m) for m in own if _inside(m, mention))
                    own[:] = [m for m in own if not _inside(m, mention)] + [mention]
                    mentions.append(mention)
            masked[number] += [(m.start, m.end) for m in own]
        mentions = [m for m in mentions if id(m) not in replaced]
        named |= {m.hit.country for m in mentions}
        named |= {  # topics count here; a person's initials do not
            m.code
            for s in sentences
            for m in self.countries.find(s)
            if m.words.replace(".", "") not in initials
        }
        lower_words = {w for s in sentences for w in _TOKEN.findall(s) if w.islower()}
        runs_by_sentence = {n: name_runs(s, masked[n]) for n, s in enumerate(sentences)}
        person_words = {
            w
            for runs in runs_by_sentence.values()
            for run in runs
            if _person_like(run)
            for w in run.words
        }
        found: list[Candidates] = []
        unknown: list[tuple[int, Run]] = []  # runs no name of the gazetteer fits
        for number, runs in runs_by_sentence.items():
            for run in runs:
                items = self._candidates(number, run, lower_words, person_words)
                found += items
                if not items and self._may_name_a_place(run, lower_words, set()):
                    unknown.append((number, run))
        countries = evidence_countries(found, named)
        found += near_spellings(
            self.gazetteer, unknown, countries, person_words, sentences, self.lang
        )
        for n, city in choose(found, named).items():
            item = found[n]
            own = normalise(city.name) in {normalise(a) for a in item.names_asked}
            how = "gazetteer name" if own else "gazetteer alternate name"
            how = "gazetteer spelling close to its name" if item.near else how
            key = f"city:{city.geonameid}" if city.kind == "city" else f"gazetteer:{city.geonameid}"
            kind = STORY_KIND.get(city.kind, "city")
            hit = Hit(key, kind, city.country, city.name, how, city.population)
            mentions.append(
                Mention(hit, item.run.text, item.sentence, item.run.start, item.run.end)
            )
        return sorted(mentions, key=lambda m: (m.sentence, m.start))

    def _candidates(
        self, number: int, run: Run, lower_words: set[str], person_words: set[str]
    ) -> list[Candidates]:
        """The gazetteer's places for the run, or for its shorter runs when it names none."""
        for attempt in [run, *sub_runs(run)]:
            if not self._may_name_a_place(attempt, lower_words, set()):
                continue
            names = _names_to_ask(attempt)
            if names not in self._looked_up:  # a name an article repeats is looked up once
                self._looked_up[names] = tuple(self.gazetteer.cities(Query(names)))
            places = self._looked_up[names]
            if places:
                weak = attempt.part or (
                    len(attempt.words) == 1 and attempt.words[0] in person_words
                )
                return [Candidates(number, attempt, places, names, weak)]
        return []

    @staticmethod
    def _may_name_a_place(run: Run, lower_words: set[str], person_words: set[str]) -> bool:
        """Not a code ("UPG"), not a common word, not part of a person's name."""
        if is_code(run):
            return False
        if len(run.words) == 1 and run.hint is None:
            word = run.words[0]
            return not (
                len(word) < 3
                or word.lower() in STOPWORDS
                or word.lower() in lower_words
                or word in person_words
            )
        return True

    def _find_curated(self, sentence: str, number: int, named: set[str]) -> list[Mention]:
        found: list[Mention] = []
        words = [(_fold(m[0]), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        where: dict[str, list[int]] = {}  # each word's places in the sentence
        for index, (word, _, _) in enumerate(words):
            where.setdefault(word, []).append(index)
        for entry in self._curated:
            if any(m.hit.key == f"curated:{entry.id}" for m in found):
                continue
            span = _follow(entry.words, words, where=where)
            if span is None:
                continue
            start, end = span
            text = sentence[start:end]
            if len(entry.words) == 1 and not text[:1].isupper():
                continue  # a one-word name ("Kremlin", "Kalma") must be written as a name
            if entry.countries and not entry.countries <= named:
                continue  # "jembatan darat Rusia-Korut": only where Russia and North Korea are named
            how = "curated description" if entry.countries else "curated name"
            hit = Hit(f"curated:{entry.id}", entry.kind, entry.country, entry.name, how)
            found.append(Mention(hit, text, number, start, end))
        return found


def initials_of(sentences: list[str]) -> set[str]:
    """The initials the article gives people ("berinisial AS"), without their dots."""
    found: set[str] = set()
    for sentence in sentences:
        for word in _INITIALS.finditer(sentence):
            after = _INITIALS_AFTER.match(sentence, word.end())
            if after:
                found.add(re.sub(r"[.\s]", "", after[1]))
    return found


def _in_longer_name(sentence: str, end: int) -> bool:
    """'Mexico City', 'South China Sea': the country's name is part of a place's name."""
    following = re.match(r" ([A-Z][a-z]+)", sentence[end:])
    return bool(following and following[1].lower() in POSTPOSITIVE | {"city", "town"})


def _person_like(run: Run) -> bool:
    """Several capitalised words none of which is a common word, a title or a kind of place:
    "Vladimir Putin", "Spirit Bandung"; not "Timur Laut Jailolo" nor "Halmahera Selatan"."""
    return (
        len(run.words) > 1
        and run.hint is None
        and not any(
            w.lower() in STOPWORDS or w.lower() in KIND_WORDS or w in TITLE_WORDS for w in run.words
        )
    )


def _names_to_ask(run: Run) -> tuple[str, ...]:
    """'Danau Toba' then 'Toba'; 'Weddell Sea' then 'Weddell'; the run alone without a hint;
    without an elided article ("d'Azilal" is "Azilal", "l'Atlantique" "Atlantique")."""
    text = re.sub(r"^[dDlL]['’](?=[A-Z])", "", run.text)
    if run.hint_word is None:
        return tuple(dict.fromkeys((run.text, text)))
    joined = f"{run.hint_word} {run.text}" if run.hint_before else f"{run.text} {run.hint_word}"
    return tuple(dict.fromkeys((joined, run.text, text)))


def region_before(sentence: str, start: int) -> bool:
    """'wilayah Kursk', 'the region of' … : the name stands for a region, marked at its city."""
    return bool(REGION_WORDS.search(sentence[max(0, start - 40) : start]))


@dataclass(frozen=True)
class _CuratedName:
    id: str
    name: str
    kind: str
    country: str
    words: tuple[str, ...]  # normalised words to follow in a sentence
    countries: frozenset[str]  # country names left out of ``words``: the article must name them


def _curated_names(countries: CountryNames) -> list[_CuratedName]:
    """Each curated name and alias, and for one written with country names ("jembatan darat
    Rusia-Korut") also its description alone, which counts where the article names them."""
    collection = json.loads(CURATED_PLACES.read_text(encoding="utf-8"))
    names: list[_CuratedName] = []
    for feature in collection["features"]:
        props = feature["properties"]
        entry = (props["id"], props["name"], props["kind"], props["country"])
        for name in dict.fromkeys([props["name"], *props.get("aliases", [])]):
            names.append(_CuratedName(*entry, tuple(normalise(name).split()), frozenset()))
            in_name = countries.find(name)
            bare = normalise(countries.pattern.sub(" ", name)).split()
            if in_name and len(bare) >= 2:
                codes = frozenset(m.code for m in in_name)
                names.append(_CuratedName(*entry, tuple(bare), codes))
    return sorted(names, key=lambda n: (bool(n.countries), -len(n.words)))


def _follow(
    words: tuple[str, ...],
    tokens: list[tuple[str, int, int]],
    gap: int = 2,
    where: dict[str, list[int]] | None = None,
) -> tuple[int, int] | None:
    """Where the sentence's tokens contain ``words`` in order, at most ``gap`` words apart
    (``where``: each token's indexes, to start only where the first word stands)."""
    if where is None:
        where = {}
        for index, (token, _, _) in enumerate(tokens):
            where.setdefault(token, []).append(index)
    for first in where.get(words[0], []):
        start = tokens[first][1]
        position, end = first, tokens[first][2]
        for word in words[1:]:
            ahead = [
                i
                for i in range(position + 1, min(position + gap + 2, len(tokens)))
                if tokens[i][0] == word
            ]
            if not ahead:
                break
            position, end = ahead[0], tokens[ahead[0]][2]
        else:
            return start, end
    return None


def _inside(mention: Mention, outer: Mention) -> bool:
    """A country name inside a curated place's words ("… timur Ukraina") belongs to the place."""
    same = mention.sentence == outer.sentence
    return same and outer.start <= mention.start and mention.end <= outer.end


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
