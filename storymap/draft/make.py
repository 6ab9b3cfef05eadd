"""From an article file to a draft story's YAML text, checked as any story file is.

The text written is read back with ``parse_story`` and every place is located with
``geocode_story``, so a draft that is written is a draft that validates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storymap.draft.article import Article, ArticleError, read_article
from storymap.draft.events import Reading, TooManyEvents, read_events
from storymap.draft.language import draft_language, guess_language
from storymap.draft.place_entries import place_entries
from storymap.draft.places import Mention, PlaceFinder
from storymap.draft.writer import Source, story_data
from storymap.errors import StorymapError
from storymap.geocoding import Location, default_layers, geocode_story
from storymap.loading import parse_story
from storymap.model import Story
from storymap.story_writer import story_text


class DraftError(StorymapError, ValueError):
    """The draft cannot be made; the message says why, in one line."""


@dataclass(frozen=True)
class Draft:
    """A draft story: its text, the story it validates to, and where its places are."""

    text: str
    story: Story
    located: dict[str, Location]
    todo: list[str]


def parse_published(value: str) -> date:
    """'2025-10-27' only: the day the article was published."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise DraftError(
            f"--published {value!r} is not a day: write it as YYYY-MM-DD, e.g. 2025-10-27"
        ) from None


def _listed(reading: Reading) -> list[Mention]:
    """The places to list: every event's, and the others its sentences name (the author
    may want them), in the order the article names them."""
    told = {s.number for event in reading.events for s in event.sentences}
    own = {(m.sentence, m.start) for event in reading.events for m in event.mentions}
    found = [m for m in reading.mentions if m.sentence in told or (m.sentence, m.start) in own]
    seen = {(m.sentence, m.start, m.hit.key) for m in found}  # a set: an article may name
    for event in reading.events:  # thousands of places, and each event borrows some
        for m in event.mentions:
            if (m.sentence, m.start, m.hit.key) not in seen:
                seen.add((m.sentence, m.start, m.hit.key))
                found.append(m)
    return sorted(found, key=lambda m: (m.sentence, m.start))


@dataclass(frozen=True)
class Options:
    """What the command line may say about the article; the rest is read from it."""

    lang: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


def make_draft(path: Path, published: date, options: Options | None = None) -> Draft:
    """Read the article at ``path`` and write its draft story (see ``storymap.draft``)."""
    return draft_from_article(read_article(path), published, options or Options(), path.stem)


def draft_from_article(
    article: Article, published: date, options: Options, file_name: str = "draft"
) -> Draft:
    """The draft of an article already read; ``file_name`` names it in messages."""
    lang = draft_language(options.lang) if options.lang else guess_language(article.text, file_name)
    finder = PlaceFinder(lang)
    try:
        reading = read_events(article, published, finder, lang)
    except TooManyEvents as exc:
        raise ArticleError(f"{file_name}: {exc}: draft it in parts") from None
    article = reading.article or article  # its dateline split off where it names a place
    layers = default_layers()
    sentences = [s.text for s in article.body] + [article.dateline or ""]
    used = _listed(reading)
    places = place_entries(used, sentences, lang, reading.named_countries, layers)
    if not places:
        raise ArticleError(f"{file_name}: no place found that the map can locate")
    source = Source(
        options.outlet or article.outlet,
        options.title or article.title,
        options.url or article.url,
        published,
        lang,
        file_name,
    )
    data, todo = story_data(source, reading.events, places)
    note = (
        f"A DRAFT made by `storymap draft` from {file_name}. Every [write: …] / [tulis: …] and\n"
        "every field listed in draft.todo needs an author; `evidence` is the article's own words,\n"
        "for the author only. Remove the `draft` entry when the story is ready."
    )
    text = story_text(data, note)
    story = parse_story(text, f"draft of {file_name}")
    located = geocode_story(story, layers)
    return Draft(text, story, located, todo)
