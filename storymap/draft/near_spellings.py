"""Names no spelling of the gazetteer fits, read as a spelling one letter away ("Mekah").

Transliterations vary ("Mekah", "Mekkah", "Makkah", "Marrakech", "Marrakesh") and GeoNames
cannot list every one. A word is read as a town's name one letter away (doubled letters
written once) only under three conditions, each of which keeps a guess from becoming a
wrong place: the town is in one of the article's own countries; the article writes the
word right after a word of place somewhere ("di Mekah": "Putin" is never Putian), or after a
word of its kind ("Kabupaten Deliserdang" is Kabupaten Deli Serdang, a space away); and it
is not an acronym ("BRICS" is not Brits). The place is flagged for the author.
"""

from __future__ import annotations

import re
from itertools import pairwise

from storymap.draft.place_choice import Candidates
from storymap.draft.place_names import Run
from storymap.draft.where_words import LOCATIVES
from storymap.geocoding import GazetteerLayer

MAX_NEAR_SPELLINGS = 200  # distinct unknown words tried per article: a bound on the cost
_TOKEN = re.compile(r"[^\W\d_][\w'’]*")


def near_spellings(
    gazetteer: GazetteerLayer,
    unknown: list[tuple[int, Run]],
    countries: set[str],
    person_words: set[str],
    sentences: list[str],
    lang: str,
) -> list[Candidates]:
    """Candidates for the ``unknown`` runs (sentence number, run) that pass the conditions."""
    placed = _after_place_words(sentences, lang)
    found = []
    tried: dict[str, tuple] = {}
    for number, run in unknown:
        word = run.words[0]
        hinted = run.hint is not None and run.hint_before
        if len(run.words) > 1 or run.part or word.isupper() or not (hinted or word in placed):
            continue
        # "Kabupaten Deliserdang" is "Kabupaten Deli Serdang" written as one word: asked with
        # its kind word, one letter (a space) away from the regency's name
        name = f"{run.hint_word} {run.text}" if hinted else run.text
        if name not in tried and len(tried) < MAX_NEAR_SPELLINGS:
            tried[name] = tuple(gazetteer.near_spellings(name, countries))
        places = tried.get(name, ())
        if places:
            weak = word in person_words
            found.append(Candidates(number, run, places, (name,), weak, near=True))
    return found


def _after_place_words(sentences: list[str], lang: str) -> set[str]:
    """The words the article writes right after a word of place ("di Mekah", "in Mecca")."""
    words = LOCATIVES.get(lang.split("-")[0].lower(), frozenset())
    found: set[str] = set()
    for sentence in sentences:
        tokens = _TOKEN.findall(sentence)
        found |= {word for before, word in pairwise(tokens) if before.lower() in words}
    return found
