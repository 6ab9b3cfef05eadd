"""Put an article's dates, places and credits together into draft events.

One event per date a sentence gives (a date after "sejak"/"since" is a point of
comparison, not an event, unless it is the sentence's only date). Each event's places are
the ones its own clause names as where it happened (``where``); a clause that names none
takes its sentence's, then (``placing``) the place the sentences before it in the paragraph
named, the next sentences', the article's lead place and, last, the dateline, and says so
in ``reasons`` (the author's ``draft.todo``).

A sentence without a date is never glued to another event's places or date:

* if it names where something happened, somewhere the current event is not, it is an
  event of its own: at about the date of the sentence before it in the paragraph, or
  undated when its paragraph has given no date yet, and the author is asked to check;
* otherwise it is context: the evidence, quotation and credits of the event before it.

An article of more than ``MAX_EVENTS`` dated events is refused as soon as its dates are
read, before its places and credits are looked for; the people named so far and the
last place a paragraph named are kept as the article is read, so the time stays linear.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date

from storymap.draft.article import Article, ArticleError, Sentence
from storymap.draft.attribution import (
    Credit,
    People,
    Quotation,
    as_people,
    credits,
    people_named,
    quotations,
)
from storymap.draft.categories import guess_category
from storymap.draft.dateline import read_dateline
from storymap.draft.dates_found import FoundDate, find_dates, inherited, news_day
from storymap.draft.datewords import Reference
from storymap.draft.inside import Containment
from storymap.draft.places import Mention, PlaceFinder, initials_of
from storymap.draft.placing import Surroundings, place
from storymap.draft.reasons import reason
from storymap.draft.where import clause_cuts, clause_of, nearest_chain, where_it_happened


@dataclass
class DraftEvent:
    """An event before it is written: its date, the sentences it rests on, what they name."""

    found: FoundDate | None  # None: an undated event
    found_in: int  # the number of the sentence that gives the event
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    quotation: Quotation | None = None
    category: str | None = None
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (field, why to check)

    @property
    def evidence(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def sort_key(self) -> tuple:
        return self.found.date.sort_key() if self.found else ()


MAX_EVENTS = 1000  # an article with more dated events is many articles: draft it in parts


class TooManyEvents(ArticleError):
    """More dated events than a draft takes; found before any of them is worked on."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(
            f"the article gives {count:,} dated events; a draft takes at most {MAX_EVENTS:,}"
        )


@dataclass
class Reading:
    """Everything the draft found in an article."""

    events: list[DraftEvent]
    mentions: list[Mention]  # every place mention, also outside events
    named_countries: set[str]  # countries the article names (by a country name)
    dateline: list[Mention] = field(default_factory=list)  # places the dateline names
    article: Article | None = None  # the article as read, its dateline split off


def read_events(
    article: Article, published: date, finder: PlaceFinder, lang: str = "id"
) -> Reading:
    """The article's events in story order (oldest first), with their places and credits."""
    article, dateline = read_dateline(article, finder)
    body = article.body
    ref = Reference(published, lang=lang)
    ref.lead = news_day([s.text for s in body], ref)
    dates = [find_dates(s.text, ref) for s in body]
    dated = sum(len(_event_dates(found)) for found in dates)
    if dated > MAX_EVENTS:
        raise TooManyEvents(dated)
    credited = [credits(s.text) for s in body]
    speakers = {c.name for found in credited for c in found if c.role == "speaker"}
    credited = [as_people(found, s.text, speakers) for found, s in zip(credited, body, strict=True)]
    masked = {
        n: [(c.start, c.end) for c in found if not c.described] for n, found in enumerate(credited)
    }
    mentions = finder.find([s.text for s in body], masked)
    people = initials_of([s.text for s in body])  # "berinisial AS" is no country named
    named = {
        m.code
        for m in finder.countries.find(article.text)
        if m.words.replace(".", "") not in people
    }
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    around = Surroundings(
        body,
        [where_it_happened(s.text, by_sentence.get(s.number, []), lang, True) for s in body],
        [any(not f.since for f in found) for found in dates],
        dateline,
        Containment(finder.gazetteer),
    )
    events = _group(body, dates, by_sentence, around, lang)
    if len(events) > MAX_EVENTS:  # with the undated sentences that name a place elsewhere
        raise TooManyEvents(len(events))
    _credit(events, body, credited, mentions)
    for event in events:
        when = event.found.date if event.found else None
        years_before = published.year - when.latest.year if when else 0
        event.category = guess_category(event.evidence, years_before)
    return Reading(_in_story_order(events), mentions, named, dateline, article)


def _group(
    body: list[Sentence],
    dates: list[list[FoundDate]],
    by_sentence: dict[int, list[Mention]],
    around: Surroundings,
    lang: str,
) -> list[DraftEvent]:
    events: list[DraftEvent] = []
    last: DraftEvent | None = None  # the event that undated context joins
    waiting: list[Sentence] = []  # context before the article's first event
    paragraph = -1
    current: DraftEvent | None = None  # the paragraph's last event in the foreground
    for sentence in body:
        if sentence.paragraph != paragraph:
            paragraph, current = sentence.paragraph, None
        mentions = by_sentence.get(sentence.number, [])
        where = around.where[sentence.number]
        found = _event_dates(dates[sentence.number])
        if found:
            new = _dated(sentence, found, dates[sentence.number], mentions, lang)
            for event in new:
                if not event.mentions and _same_day(last, event):
                    event.mentions = list(last.mentions)  # "the two presidents met yesterday"
                    event.reasons.append(("places", SAME_DAY))
                    _flag_many(event)
                    continue
                _locate(event, around)
            events += new
            foreground = [e for e in new if not (e.found and e.found.since)]
            current = (foreground or new)[-1] if foreground or current is None else current
            last = current
        elif where and _elsewhere(where, current):
            event = DraftEvent(None, sentence.number, [sentence], list(where))
            if current is not None and current.found is not None:
                event.found = inherited(current.found)
                event.reasons.append(("date", reason("date_before")))
            else:
                event.reasons.append(("date", reason("undated_sentence")))
            _locate(event, around)
            events.append(event)
            last = event
        elif last is not None:
            last.sentences.append(sentence)
        else:
            waiting.append(sentence)
    if events and waiting:
        events[0].sentences[:0] = waiting
    if not events and body:  # a match report, a profile: no date anywhere in the article
        events.append(_undated_lead(body, by_sentence, around, lang))
    return events


def _undated_lead(
    body: list[Sentence],
    by_sentence: dict[int, list[Mention]],
    around: Surroundings,
    lang: str,
) -> DraftEvent:
    """The one event of an article that gives no date and names nowhere but its lead: its
    first paragraph, undated (no day is invented), placed as any placeless event is."""
    first = [s for s in body if s.paragraph == body[0].paragraph]
    event = DraftEvent(None, body[0].number, first)
    event.mentions = where_it_happened(body[0].text, by_sentence.get(0, []), lang, True)
    event.reasons.append(("date", reason("undated_article")))
    _locate(event, around)
    return event


def _dated(
    sentence: Sentence,
    found: list[FoundDate],
    every: list[FoundDate],
    mentions: list[Mention],
    lang: str,
) -> list[DraftEvent]:
    """One event per date, each with the places of its own clause; every date the sentence
    gives cuts it into clauses, a "since" date too ("not seen since it sank in the Weddell
    Sea in 1915, and last month the expedition set off from Cape Town")."""
    spans = sorted({(f.start, f.end) for f in [*found, *(f for f in every if f.since)]})
    cuts = clause_cuts(sentence.text, spans, lang)
    events = []
    for date_found in found:
        event = DraftEvent(date_found, sentence.number, [sentence])
        number = clause_of(date_found.start, cuts)
        own = [m for m in mentions if clause_of(m.start, cuts) == number]
        where = where_it_happened(sentence.text, own, lang, strict=True)
        span = (date_found.start, date_found.end)
        opening = len(sentence.text[: span[0]].split()) <= 1  # "Pada 2022, …" rules it all
        event.mentions = (
            (where if opening else nearest_chain(sentence.text, where, span, lang))
            if where
            else own
        )
        events.append(event)
    whole = where_it_happened(sentence.text, mentions, lang)
    for event in events:
        if not event.mentions and whole:
            event.mentions = whole  # "… pada 21 Agustus dan bertemu Samia pada 22 Agustus"
    return events


def _locate(event: DraftEvent, around: Surroundings) -> None:
    """The event's places: its own, or borrowed as ``placing`` says; flagged when unsure."""
    event.mentions, why = place(event.mentions, event.found_in, around)
    if why:
        event.reasons.append(("places", why))
    _flag_many(event)


def _flag_many(event: DraftEvent) -> None:
    """Two places or more (a country giving way to a place inside it): the author chooses."""
    precise = {m.hit.key: m.hit.country for m in event.mentions if m.hit.kind != "country"}
    countries = {m.hit.country for m in event.mentions if m.hit.kind == "country"}
    count = len(precise) + len(countries - set(precise.values()))
    if count > 1:
        event.reasons.append(("places", reason("many_places", count=count)))


SAME_DAY = reason("same_day")


def _same_day(before: DraftEvent | None, event: DraftEvent) -> bool:
    """The event before in the article has the same date and places: a sentence of the same
    day that names nowhere goes on where it was, not where a later sentence's decision is."""
    return (
        before is not None
        and bool(before.mentions)
        and before.found is not None
        and event.found is not None
        and str(before.found.date) == str(event.found.date)
    )


def _elsewhere(where: list[Mention], current: DraftEvent | None) -> bool:
    """An undated sentence that names a place the current event is not at."""
    if current is None:
        return True
    here = {m.hit.key for m in current.mentions}
    return any(m.hit.key not in here for m in where)


def _credit(
    events: list[DraftEvent],
    body: list[Sentence],
    credited: list[list[Credit]],
    mentions: list[Mention],
) -> None:
    """Each event's credits and quotation, from its own sentences and its context."""
    not_people = {m.words for m in mentions} | {w for m in mentions for w in m.words.split()}
    not_people |= {c.name for found in credited for c in found if c.role == "outlet"}
    people = People()
    speakers: deque[tuple[int, str]] = deque()  # (sentence, name): "katanya" is likely the last
    quotes_by_sentence: dict[int, list[Quotation]] = {}
    for sentence, found in zip(body, credited, strict=True):
        while speakers and sentence.number - speakers[0][0] > 2:
            speakers.popleft()
        recent = [name for _, name in speakers]
        quotes_by_sentence[sentence.number] = quotations(sentence.text, people, found, recent)
        for name in people_named(sentence.text, not_people):
            people.add(name)
        speakers += [(sentence.number, c.name) for c in found if c.role == "speaker"]
    for event in events:
        numbers = sorted({s.number for s in event.sentences})
        event.credits = list({c.name: c for n in numbers for c in credited[n]}.values())
        quotes = [q for n in numbers for q in quotes_by_sentence[n]]
        event.quotation = quotes[0] if quotes else None


def _in_story_order(events: list[DraftEvent]) -> list[DraftEvent]:
    """Dated events by date; an undated one right after the event it follows in the article."""
    dated = sorted((e for e in events if e.found), key=DraftEvent.sort_key)
    for event in (e for e in events if e.found is None):
        before = [e for e in dated if e.found_in < event.found_in]
        at = dated.index(max(before, key=lambda e: e.found_in)) + 1 if before else 0
        dated.insert(at, event)
    return dated


def _event_dates(found: list[FoundDate]) -> list[FoundDate]:
    """The dates that make events: not "sejak 1948" beside another date; each date once."""
    events = [f for f in found if not f.since] or found[:1]
    unique: dict[str, FoundDate] = {}
    for f in events:
        unique.setdefault(str(f.date), f)
    return list(unique.values())
