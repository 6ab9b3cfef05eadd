"""Find the dates in a sentence and read each one, in the order the article gives them.

Every rule (``dates_absolute``, ``dates_relative``) is tried; where matches overlap the
longest wins ("Senin (27/10/2025)" over "Senin"). Each date read moves the reference
(``Reference.current``) that the next "kemudian" or "the day before" counts from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storymap.dates import PartialDate
from storymap.draft.dates_absolute import ABSOLUTE_RULES
from storymap.draft.dates_relative import RELATIVE_RULES
from storymap.draft.datewords import Reading, Reference

RULES = [*ABSOLUTE_RULES, *RELATIVE_RULES]
_LEADING = re.compile(r"^(?:pada|on|in|at)\s+", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:sejak|since|semenjak)\b[^,;:]*$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date in the article's words, read into the story's notation."""

    words: str
    start: int
    end: int
    reading: Reading
    since: bool = (
        False  # "sejak 1948", "since the war began in 2022": background, a point of comparison
    )

    @property
    def date(self) -> PartialDate:
        return self.reading.date

    def note(self) -> dict[str, str]:
        """The ``date_note``: the words quoted, and how they were read, in both languages."""
        relation = self.reading.relation
        said = {"id": f'Artikel menulis "{self.words}"', "en": f'The article says "{self.words}"'}
        if relation is None:
            return {lang: f"{text}." for lang, text in said.items()}
        that = {"id": "yakni", "en": "that is"}
        return {
            lang: f"{said[lang]}, {that[lang]} {self.date.format(lang)} ({relation[lang]})."
            for lang in ("id", "en")
        }


def find_dates(sentence: str, ref: Reference) -> list[FoundDate]:
    """The sentence's dates in order; ``ref`` moves on to each one as it is read."""
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for order, (pattern, _) in enumerate(RULES):
        for match in pattern.finditer(sentence):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order, match))
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(candidate[1] <= other[0] or candidate[0] >= other[1] for other in chosen):
            chosen.append(candidate)
    found: list[FoundDate] = []
    for start, end, order, match in sorted(chosen):
        reading = RULES[order][1](match, ref)
        if reading is None:
            continue
        words = _LEADING.sub("", sentence[start:end].strip())
        since = bool(_SINCE.search(sentence[:start])) or words.lower().startswith(
            ("sejak", "since")
        )
        found.append(FoundDate(words, start, end, reading, since))
        if (
            ref.lead is None
            and reading.anchor in ("explicit", "published")
            and reading.date.is_exact_day
        ):
            ref.lead = reading.date
        ref.current = reading.date
    return found
