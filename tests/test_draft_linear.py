"""The draft's rules, rewritten to run in linear time, find exactly what the patterns they
replace found: each old pattern is kept here as the oracle, and generated sentences made
of the words that trip them up (names, connectors, phrases, quotation marks) must give
the same answers. The limits that keep a draft in proportion to its article are tested
at the end. How the time grows is measured in ``benchmarks/bench_draft_sizes.py``, not here."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storymap.draft import attribution, place_names
from storymap.draft.article import MAX_SENTENCE_CHARS, ArticleError, parse_article, split_sentences
from storymap.draft.attribution import NAME, People, quotations
from storymap.draft.make import Options, draft_from_article

OLD_BEFORE_OUTLET = re.compile(
    NAME
    + r"(?:\s+(?:juga|pun|also|has|had|have))?\s+(?P<phrase>melaporkan|reported|reports|quoted|cited)\b"
)
OLD_BEFORE_SPEAKER = re.compile(
    NAME + r"(?:\s+(?:juga|pun|also|has|had|have))?\s+"
    r"(?P<phrase>mengatakan|menyatakan|menegaskan|said|says|told|added)\b"
)
OLD_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")

WORDS = [
    "Moscow", "Kremlin", "KCNA", "A.B.", "Seoul's", "O’Neil", "Al-Assad", "iPhone", "al-Assad",
    "(Reuters", "(Reuters)", "Reuters,", "Moscow.", "x", "the", "of", "de", "al", "bin", "has",
    "also", "juga", "reported", "reports", "reportedly", "unreported", "reported-Moscow",
    "melaporkan", "said", "says", "told", "added", "mengatakan", "said,", "he", "she", "they",
    "katanya", "“", "”", '"', "“Kami", "siap”", 'go"', "sejak", "since", "Sejak", "sincere",
    "2024", "1948", ",", ";", ":", "(27/10/2025)", "Oktober", "Senin", "a", "bb", "ccc",
]  # fmt: skip
SPACES = ["", " ", " ", " ", "  ", "\u00a0", "\t"]
sentences = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), min_size=1, max_size=40
).map(lambda parts: "".join(word + space for word, space in parts))


def _old(pattern: re.Pattern[str], sentence: str) -> list[tuple[str, int, str]]:
    return [(m["name"], m.start("name"), m["phrase"]) for m in pattern.finditer(sentence)]


@settings(max_examples=600, deadline=None)
@given(sentences)
def test_names_before_their_phrase_are_what_the_old_patterns_found(sentence):
    for old, phrase in (
        (OLD_BEFORE_OUTLET, attribution._OUTLET_PHRASE),
        (OLD_BEFORE_SPEAKER, attribution._SPEAKER_PHRASE),
    ):
        assert list(attribution._names_before(phrase, sentence)) == _old(old, sentence)


@settings(max_examples=600, deadline=None)
@given(sentences)
@example("“aa bb cc dd” and “aa bb cc ddd”")  # 11 and 12 characters between the marks
@example('"short" then a longer quotation here"')  # a closing mark opens the next one
def test_quotations_are_paired_as_the_old_pattern_paired_them(sentence):
    old = [(m.start(), m.end()) for m in OLD_QUOTE.finditer(sentence)]
    assert list(attribution._quote_spans(sentence)) == old


def _old_quotations(sentence, people, credited):
    """The old ``quotations``: the quotation blanked out of the sentence for each search."""
    found = []
    for match in OLD_QUOTE.finditer(sentence):
        text = match[1].strip(" ,")
        if len(text.split()) < 3:
            continue
        outside = sentence[: match.start()] + " " * len(match[0]) + sentence[match.end() :]
        speakers = [
            c.name
            for c in credited
            if c.role == "speaker" and not match.start() <= c.start < match.end()
        ]
        guessed = False
        if not speakers and attribution._PRONOUN_SPEAKER.search(outside) and people:
            speakers, guessed = [people[-1]], True
        longer = [p for p in people if speakers and len(p.split()) > 1 and speakers[0] in p.split()]
        speaker = (longer[0] if longer else speakers[0]) if speakers else None
        found.append((text, speaker, guessed))
    return found


@settings(max_examples=600, deadline=None)
@given(sentences, st.lists(st.sampled_from(["Putin", "Vladimir Putin", "Kim", "Choe Son Hui"])))
@example("katanya“Kami siap untuk itu semua” lalu.", ["Putin"])  # ends where the quotation starts
@example("“Kami siap untuk itu semua”katanya.", ["Putin"])  # starts where it ends
@example("He “Kami siap untuk itu semua” said so.", ["Putin"])  # he … said around it
@example("xthey “Kami siap untuk itu semua” said so.", ["Putin"])  # not "they": "xthey"
def test_quotations_and_their_speakers_are_what_they_were(sentence, people):
    credited = attribution.credits(sentence)
    old = _old_quotations(sentence, people, credited)
    new = [(q.text, q.speaker, q.speaker_guessed) for q in quotations(sentence, people, credited)]
    assert new == old
    known, recent = People(people[:-2]), people[-2:]  # as the draft reads: before, and lately
    split = quotations(sentence, known, credited, recent)
    assert [(q.text, q.speaker, q.speaker_guessed) for q in split] == old


TOPIC_WORDS = [
    "Iran", "on", "about", "xon", "tim nasional", "National", "team", "vs.", "vs", "v.",
    "lawan", "équipe", "équipe d'", "-backed", "versus", "talks", "Indonesia", ",",
]  # fmt: skip
topic_sentences = st.lists(
    st.tuples(st.sampled_from(TOPIC_WORDS), st.sampled_from([*SPACES, "   \n "])),
    min_size=1,
    max_size=30,
).map(lambda parts: "".join(word + space for word, space in parts))


@settings(max_examples=600, deadline=None)
@given(topic_sentences)
@example("talks on" + " " * 300 + "Iran")  # the white space before is any length
@example("xon Iran")  # no word boundary: not "on"
def test_a_country_as_a_topic_is_what_the_old_rule_said(sentence):
    for found in re.finditer(r"Iran|Indonesia", sentence):
        start, end = found.span()
        old = bool(
            place_names.TOPIC_BEFORE.search(sentence[:start])
            or place_names.TOPIC_AFTER.match(sentence[end:])
        )
        assert place_names.is_topic(sentence, start, end) == old


# --- limits that keep a draft in proportion to its article ---------------------------------------


def test_a_run_of_text_without_a_full_stop_is_cut_into_sentences_at_spaces():
    run = "Moscow " * 2000
    sentences = split_sentences(run)
    assert max(len(s) for s in sentences) <= MAX_SENTENCE_CHARS
    assert " ".join(sentences) == run.strip()
    assert split_sentences("x" * 2500) == ["x" * 1000, "x" * 1000, "x" * 500]
    real = "Pada Senin (27/10/2025), Putin bertemu Choe di Moskow."
    assert split_sentences(real) == [real]


def test_an_article_over_the_callers_text_limit_is_refused_in_one_line():
    with pytest.raises(ArticleError) as refused:
        parse_article("Pada 2024 di Moskow. " * 100, "paste.txt", max_text=1000)
    assert str(refused.value) == (
        "paste.txt: its text is 2,100 characters; an article may be at most 1,000: draft it in parts"
    )
    assert parse_article("Pada 2024 di Moskow. " * 10, "paste.txt", max_text=1000).body


def test_an_article_with_more_dated_events_than_a_draft_takes_is_refused(gazetteer, monkeypatch):
    monkeypatch.setattr("storymap.draft.events.MAX_EVENTS", 5)
    article = parse_article(
        "\n".join(f"Pada {year} di Moskow, Rusia." for year in range(2000, 2010))
    )
    with pytest.raises(ArticleError) as refused:
        draft_from_article(article, date(2025, 10, 27), Options(), "many")
    assert str(refused.value) == (
        "many: the article gives 10 dated events; a draft takes at most 5: draft it in parts"
    )
