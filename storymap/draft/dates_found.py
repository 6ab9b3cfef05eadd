"""Find the dates in a sentence and read each one, in the order the article gives them.

Every rule (``dates_absolute``, ``dates_relative``) is tried; where matches overlap the
longest wins ("Senin (27/10/2025)" over "Senin"). Each date read moves the reference
(``Reference.current``) that the next "kemudian" or "the day before" counts from.

Time is linear in the sentence: matches are kept with a sorted list of the spans already
taken, and "sejak … <date>" is answered for every date from one reading of the sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storymap.dates import PartialDate
from storymap.draft.dates_absolute import ABSOLUTE_RULES
from storymap.draft.dates_relative import RELATIVE_RULES
from storymap.draft.datewords import Reading, Reference

RULES = [*ABSOLUTE_RULES, *RELATIVE_RULES]
_LEADING = re.compile(r"^(?:pada|on|in|at)\s+", re.IGNORECASE)
# "sejak"/"since" before a date with no , ; : between them: the date is background
_SINCE_WORD = re.compile(r"\b(?:sejak|since|semenjak)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:]")
_WORD_CHAR = re.compile(r"\w")


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
    starts: list[int] = []  # the chosen spans, which never overlap, sorted
    ends: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        index = bisect.bisect_right(starts, start)
        if (index > 0 and ends[index - 1] > start) or (index < len(starts) and starts[index] < end):
            continue  # the longest match wins where two overlap
        chosen.append(candidate)
        starts.insert(index, start)
        ends.insert(index, end)
    background = _Since(sentence)
    found: list[FoundDate] = []
    for start, end, order, match in sorted(chosen):
        reading = RULES[order][1](match, ref)
        if reading is None:
            continue
        words = _LEADING.sub("", sentence[start:end].strip())
        since = background.before(start) or words.lower().startswith(("sejak", "since"))
        found.append(FoundDate(words, start, end, reading, since))
        if (
            ref.lead is None
            and reading.anchor in ("explicit", "published")
            and reading.date.is_exact_day
        ):
            ref.lead = reading.date
        ref.current = reading.date
    return found


class _Since:
    """Whether "sejak"/"since"/"semenjak" stands before a position with no , ; : between:
    the rule ``\\b(?:sejak|since|semenjak)\\b[^,;:]*$`` on the text before it, for every
    position of one sentence from one reading."""

    def __init__(self, sentence: str) -> None:
        self._ends: list[int] = []  # where a whole word "sejak" ends
        self._word_ends: set[int] = set()  # where "sejak" ends, whole word or not ("sejak2024")
        for match in _SINCE_WORD.finditer(sentence):
            end = match.end()
            self._word_ends.add(end)
            if not _WORD_CHAR.match(sentence, end):
                self._ends.append(end)
        self._breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]

    def before(self, position: int) -> bool:
        index = bisect.bisect_right(self._ends, position) - 1
        ends = [self._ends[index]] if index >= 0 else []
        if position in self._word_ends:  # the text before ends with the word itself
            ends.append(position)
        if not ends:
            return False
        last_break = bisect.bisect_left(self._breaks, position) - 1
        return last_break < 0 or self._breaks[last_break] < max(ends)
