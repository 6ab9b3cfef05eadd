"""Find the dates in a sentence and read each one, in the order the article gives them.

Every rule of the article's language (``dates_absolute``, ``dates_relative``, built from
``date_vocabulary``) is tried; where matches overlap the longest wins ("Senin
(27/10/2025)" over "Senin"). Each date read moves the reference (``Reference.current``)
that the next "kemudian" or "the day before" counts from. Numbers written in words
("tres meses después", "two thousand and four") are read by ``text2num`` first, and the
words quoted are always the article's own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache

from storymap.dates import PartialDate
from storymap.draft.date_vocabulary import Vocabulary, alternation, vocabulary
from storymap.draft.dates_absolute import Rule, absolute_rules
from storymap.draft.dates_relative import relative_rules
from storymap.draft.datewords import Reading, Reference
from storymap.draft.reasons import reason


@dataclass(frozen=True)
class FoundDate:
    """A date in the article's words, read into the story's notation."""

    words: str
    start: int
    end: int
    reading: Reading
    since: bool = False  # "sejak 1948", "since the Oct. 7 attacks": a point of comparison
    inherited: bool = False  # the sentence gives no date: about the date of the one before

    @property
    def date(self) -> PartialDate:
        return self.reading.date

    def note(self) -> dict[str, str]:
        """The ``date_note``: the words quoted, and how they were read, in both languages."""
        if self.inherited:
            return {
                "id": f"Kalimat ini tidak menyebut tanggal; kira-kira tanggal kalimat sebelumnya "
                f'("{self.words}"), {self.date.format("id")}.',
                "en": f"This sentence gives no date; about the date of the one before "
                f'("{self.words}"), {self.date.format("en")}.',
            }
        relation = self.reading.relation
        said = {"id": f'Artikel menulis "{self.words}"', "en": f'The article says "{self.words}"'}
        if relation is None:
            return {lang: f"{text}." for lang, text in said.items()}
        that = {"id": "yakni", "en": "that is"}
        return {
            lang: f"{said[lang]}, {that[lang]} {self.date.format(lang)} ({relation[lang]})."
            for lang in ("id", "en")
        }


def inherited(before: FoundDate) -> FoundDate:
    """The date of an undated sentence that goes on from ``before``: about the same time."""
    vague = PartialDate(before.date.start, before.date.end, True)
    why = reason("date_of_sentence_before")
    reading = Reading(vague, None, "previous", True, why)
    return FoundDate(before.words, -1, -1, reading, False, True)


@cache
def rules_for(lang: str) -> tuple[Vocabulary, list[Rule], int]:
    """The vocabulary and date rules of a language, built once, and how many are absolute."""
    words = vocabulary(lang)
    absolute = absolute_rules(words)
    return words, [*absolute, *relative_rules(words)], len(absolute)


def find_dates(sentence: str, ref: Reference) -> list[FoundDate]:
    """The sentence's dates in order; ``ref`` moves on to each one as it is read."""
    words, rules, absolute = rules_for(ref.lang)
    text, to_original = _numbers_as_digits(sentence, words)
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for order, (pattern, _) in enumerate(rules):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order, match))
    chosen = _longest_first(candidates)
    leading = re.compile(rf"^{alternation(words.words('at'))}\s+")
    since_words = alternation(words.words("since"))
    since_before = re.compile(rf"\b{since_words}\b(?P<gap>[^,;:]*)$")
    found: list[FoundDate] = []
    chosen.sort()
    for index, (start, end, order, match) in enumerate(chosen):
        anchor = _anchor_after(match, chosen[index + 1 :], rules, absolute, ref)
        current, ref.current = ref.current, anchor or ref.current
        reading = rules[order][1](match, ref)
        ref.current = current if anchor else ref.current
        if reading is None:
            continue
        start, end = to_original(start), to_original(end)
        quoted = sentence[start:end].strip()
        in_words = re.search(r"\d{4}", match[0]) and not re.search(r"\d", quoted)
        if (
            in_words
            and reading.date.precision == "year"
            and not _YEAR_WORD.search(sentence[max(0, start - 40) : start])
            and not _YEAR_WORD.search(
                match[0][: -len(match["y"] or "")] if "y" in match.re.groupindex else ""
            )
        ):
            continue  # "two thousand people": a count, not the year 2000
        said = leading.sub("", quoted)
        before = since_before.search(sentence[max(0, start - 200) : start])
        # "sejak 1979", "since the Oct. 7 attacks": a point of comparison; "since it sank in
        # the Weddell Sea in 1915" tells an event of its own, with its date.
        since = bool(before and len(before["gap"].split()) <= SINCE_GAP_WORDS) or bool(
            re.match(rf"{since_words}\b", quoted)
        )
        found.append(FoundDate(said, start, end, reading, since))
        if (
            ref.lead is None
            and reading.anchor in ("explicit", "published")
            and reading.date.is_exact_day
        ):
            ref.lead = reading.date
        if not since:  # "since the Oct. 7 attacks" is a point of comparison, not the story's time
            ref.current = reading.date
    return found


SINCE_GAP_WORDS = 3
_YEAR_WORD = re.compile(r"\b(?:in|en|tahun|year|año|an|année|l'an)\s*$", re.I)


def _longest_first(
    candidates: list[tuple[int, int, int, re.Match[str]]],
) -> list[tuple[int, int, int, re.Match[str]]]:
    """Where matches overlap the longest wins (then the earlier rule); kept in text order.
    The kept spans never overlap, so one sorted list and a bisection find a clash."""
    starts: list[int] = []
    kept: list[tuple[int, int, int, re.Match[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_right(starts, start)
        if at > 0 and kept[at - 1][1] > start:  # the kept span before reaches into this one
            continue
        if at < len(kept) and kept[at][0] < end:  # the kept span after starts inside this one
            continue
        starts.insert(at, start)
        kept.insert(at, candidate)
    return kept


_AFTER_WHAT = re.compile(
    r"\b(?:after|before|setelah|sesudah|sebelum|después|antes|après|avant)\s*$", re.I
)


def _anchor_after(match, rest, rules, absolute: int, ref: Reference) -> PartialDate | None:
    """'delapan hari setelah puncak haji, … Selasa (27/6/2023)', 'three months after the war
    began in 2022': the date that follows in the sentence is what the count starts from."""
    if not _AFTER_WHAT.search(match[0]) or not rest:
        return None
    start, _, order, following = rest[0]
    if order >= absolute or start - match.end() > 120:
        return None
    reading = rules[order][1](following, replace(ref))
    return reading.date if reading is not None else None


def news_day(sentences: list[str], ref: Reference) -> PartialDate | None:
    """The first day the article gives outright: what "this week" and "the day before" lean on."""
    probe = replace(ref, lead=None, current=None)
    for sentence in sentences:
        for found in find_dates(sentence, probe):
            if found.reading.anchor == "explicit" and found.date.is_exact_day:
                return found.date
    return None


def _numbers_as_digits(sentence: str, words: Vocabulary):
    """The sentence with numbers in words as digits, and a map back to its own offsets."""
    if len(sentence) > 5000 or not re.search(r"[^\W\d_]", sentence):  # a sentence, not a book
        return sentence, lambda offset: offset
    from text_to_num import alpha2digit

    try:
        text = alpha2digit(sentence, words.number_language, threshold=0)
    except Exception:
        return sentence, lambda offset: offset
    if text == sentence:
        return sentence, lambda offset: offset
    blocks = SequenceMatcher(None, text, sentence, autojunk=False).get_opcodes()

    def to_original(offset: int) -> int:
        for tag, a0, a1, b0, b1 in blocks:
            if a0 <= offset < a1 or (offset == a1 and tag == "equal"):
                return b0 + (offset - a0 if tag == "equal" else (0 if offset == a0 else b1 - b0))
        return len(sentence)

    return text, to_original
