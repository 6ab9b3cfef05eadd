"""Put an article's dates, places and credits together into draft events.

One event per date a sentence gives (a date after "sejak"/"since" is a point of
comparison, not an event, unless it is the sentence's only date). A sentence with no date
belongs to the event before it in its paragraph, or to the paragraph's first event; a
paragraph with no date belongs to the event before it (a quotation, "Selain itu, …").
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
    credits,
    people_named,
    quotations,
)
from storymap.draft.categories import guess_category
from storymap.draft.dates_found import FoundDate, find_dates
from storymap.draft.datewords import Reference
from storymap.draft.places import Mention, PlaceFinder


@dataclass
class DraftEvent:
    """An event before it is written: its date, the sentences it rests on, what they name."""

    found: FoundDate
    found_in: int  # the number of the sentence that gives the date
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    quotation: Quotation | None = None
    category: str | None = None

    @property
    def evidence(self) -> str:
        return " ".join(s.text for s in self.sentences)


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


def read_events(article: Article, published: date, finder: PlaceFinder) -> Reading:
    """The article's events in story order (oldest first), with their places and credits."""
    body = article.body
    ref = Reference(published)
    dates = [find_dates(s.text, ref) for s in body]
    events = _group(body, dates)
    if len(events) > MAX_EVENTS:
        raise TooManyEvents(len(events))
    credited = [credits(s.text) for s in body]
    masked = {
        n: [(c.start, c.end) for c in found if not c.described] for n, found in enumerate(credited)
    }
    mentions = finder.find([s.text for s in body], masked)
    named = {m.code for m in finder.countries.find(article.text)}
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
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for event in events:
        numbers = {s.number for s in event.sentences}
        dated = event.found_in
        event.mentions = sorted(
            (m for n in sorted(numbers) for m in by_sentence.get(n, [])),
            key=lambda m: m.sentence != dated,
        )
        event.credits = list({c.name: c for n in sorted(numbers) for c in credited[n]}.values())
        quotes = [q for n in sorted(numbers) for q in quotes_by_sentence[n]]
        event.quotation = quotes[0] if quotes else None
        years_before = published.year - event.found.date.latest.year
        event.category = guess_category(event.evidence, years_before)
    events.sort(key=lambda e: e.found.date.sort_key())
    return Reading(events, mentions, named)


def _group(body: list[Sentence], dates: list[list[FoundDate]]) -> list[DraftEvent]:
    """Events from dated sentences, each taking the undated sentences around it.

    A background date ("sejak perang dimulai pada Februari 2022") makes its own event but
    does not take the sentences after it: they go on with the news the paragraph began.
    """
    events: list[DraftEvent] = []
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in body:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    waiting: list[Sentence] = []  # undated sentences before the article's first event
    last_foreground: DraftEvent | None = None  # the last event not in the background
    for sentences in by_paragraph.values():
        current: DraftEvent | None = None
        before_first: list[Sentence] = []
        for sentence in sentences:
            new = [
                DraftEvent(found, sentence.number, [sentence])
                for found in _event_dates(dates[sentence.number])
            ]
            if new:
                if current is None:
                    new[0].sentences[:0] = before_first
                    before_first = []
                events += new
                foreground = [e for e in new if not e.found.since]
                last_foreground = foreground[-1] if foreground else last_foreground
                if foreground or current is None:
                    current = (foreground or new)[-1]
            elif current is not None:
                current.sentences.append(sentence)
            else:
                before_first.append(sentence)
        if before_first:  # a paragraph with no date goes on with the last event in the foreground
            if events:
                (last_foreground or events[-1]).sentences += before_first
            else:
                waiting += before_first
    if events and waiting:
        events[0].sentences[:0] = waiting
    return events


def _event_dates(found: list[FoundDate]) -> list[FoundDate]:
    """The dates that make events: not "sejak 1948" beside another date; each date once."""
    events = [f for f in found if not f.since] or found[:1]
    unique: dict[str, FoundDate] = {}
    for f in events:
        unique.setdefault(str(f.date), f)
    return list(unique.values())
