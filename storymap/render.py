"""Story text as HTML, from the Jinja templates in ``storymap/templates/``.

Every piece of HTML a reader sees (the narrative of an event, the overviews, the
speaker notes, the text list of events, the credits and the handout) is made here,
one way: a template with autoescape on, so every story string is escaped, and then
``sanitise.clean`` as the second line of defence. A hostile story shows its text
and runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from storymap.dates import PartialDate, date_span
from storymap.geometry import route_line
from storymap.i18n import interface_language, number, t
from storymap.languages import babel_locale, text_direction
from storymap.located import LocatedStory
from storymap.model import Event, Media, Place, Quote, Route, Story
from storymap.package_data import TEMPLATES
from storymap.pictures import Picture
from storymap.sanitise import clean
from storymap.steps import Step, event_date_text
from storymap.style import CategoryStyle, category_styles


@dataclass(frozen=True)
class Shown:
    """How one media entry appears: a picture (``src``, or ``key`` for the page to fill
    in from its own table of pictures) or a link."""

    picture: bool
    src: str | None = None
    key: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class PictureView:
    """How a page shows an event's media.

    ``inline``: a picture kept with the story is written into the page (a sheet with no
    script); else the page's script fills it in from the page's table of pictures (each
    picture once, however many languages). ``remote``: pictures on the web are shown (the
    app); else they are links, for a page that must load nothing but its base map.
    """

    pictures: dict[str, Picture] = field(default_factory=dict)
    inline: bool = False
    remote: bool = True

    def show(self, media: Media) -> Shown:
        if media.kind != "image":
            return Shown(False)
        if media.file is None:
            return Shown(True, src=media.url) if self.remote else Shown(False)
        picture = self.pictures.get(media.file)
        if picture is None:  # never here for a checked story: LocatedStory.pictures raises
            return Shown(False)
        if self.inline:
            return Shown(True, src=picture.data_uri(), width=picture.width, height=picture.height)
        return Shown(True, key=media.file, width=picture.width, height=picture.height)

    def numbered(self, events: list[Event]) -> list[tuple[int, Media]]:
        """(event number from 1, media) of every picture this view shows, in story order."""
        return [
            (number, media)
            for number, event in enumerate(events, 1)
            for media in event.media
            if self.show(media).picture
        ]


def quote_attribution(story: Story, quote: Quote, lang: str) -> str:
    """'— speaker, quoted via outlet', saying so when the words are our own translation."""
    credit = quote.attribution(lang, story.languages)
    text = t("quote_via", lang, speaker=credit.speaker, via=credit.via)
    if credit.our_translation:
        original = native_name(credit.original_language, lang)
        text += " " + t("our_translation", lang, language=original)
    return text


def span_words(value: PartialDate | None, lang: str) -> str:
    """What a vague date leaves open, in plain words; nothing when the date says it itself.

    "early October 2025" -> "sometime between 1 and 10 October 2025"; a range of months ->
    "from 1 January 2024 to 31 January 2025"; "about July 2025" -> "roughly 1 to 31 July
    2025". A bare year or month ("1948") already says which days it may be, and so does a
    range between two known days; an undated event (None) has none.
    """
    if value is None or value.earliest == value.latest or value.is_exact:
        return ""  # a range of two known days names them itself: "2 March – 12 October 2022"
    if value.approximate:
        key = "date_about"
    elif value.precision == "range":
        key = "date_range"
    elif value.precision == "part":
        key = "date_within"
    else:
        return ""
    first, last = date_span(value, lang)
    return t(key, lang, first=first, last=last)


def native_name(code: str, reader_lang: str) -> str:
    """A language's name as the interface says it to a reader of ``reader_lang``:
    'Rusia' in Indonesian, 'Russian' in English (and in English for a Spanish reader)."""
    try:
        in_lang = babel_locale(interface_language(reader_lang))
        return babel_locale(code).get_display_name(in_lang) or code
    except ValueError:
        return code


def place_names(story: Story, place_ids: list[str], lang: str) -> list[str]:
    return [story.place(p).name.get(lang) for p in place_ids]


def route_places(story: Story, route: Route, lang: str) -> list[str]:
    """The route's stops, first to last, waypoints included."""
    return place_names(story, route.stops, lang)


def cited_sources(story: Story, lang: str) -> list[str]:
    """Everyone the article credits (not the article itself), once each, in order of appearance."""
    names = dict.fromkeys(s.outlet_in(lang) for e in story.events for s in e.sources)
    names.pop(story.source.outlet, None)
    return list(names)


def record_sources(story: Story, lang: str) -> list[str]:
    """Sources beyond the article that the story's fact checks cite, once each."""
    return list(
        dict.fromkeys(
            s.outlet_in(lang) for e in story.events if e.fact_check for s in e.fact_check.sources
        )
    )


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        t=t,
        direction=text_direction,
        number=number,
        span_words=span_words,
        event_date=event_date_text,
        quote_attribution=quote_attribution,
        place_names=place_names,
        route_places=route_places,
        native_name=native_name,
        cited_sources=cited_sources,
        record_sources=record_sources,
    )
    return env


def template(name: str) -> Template:
    return environment().get_template(name)


def event_html(
    story: LocatedStory,
    index: int,
    lang: str,
    categories: dict[str, CategoryStyle] | None = None,
    view: PictureView | None = None,
) -> str:
    """One event's narrative: date, headline, places, summary, route, quote, media, sources."""
    event = story.story.events[index]
    return clean(
        template("event.html.j2").render(
            story=story.story,
            event=event,
            lang=lang,
            km=_route_km(story, event),
            categories=categories or category_styles(story.story),
            view=view or PictureView(story.pictures),
        )
    )


def drawn_places(story: Story) -> list[Place]:
    """The places the map draws: those an event names (its places or its route's stops).
    A place no event names (a draft's leftover) is not drawn; a story none of whose places
    is named draws them all, so its map still has somewhere to show."""
    named = {p for event in story.events for p in event.places}
    named |= {p for event in story.events if event.route for p in event.route.stops}
    used = [place for place in story.places if place.id in named]
    return used or list(story.places)


def overview_html(story: Story, kind: str, lang: str) -> str:
    """The narrative of the first (``overview-start``) or last (``overview-end``) step.

    The story's span runs from its first dated event to its last; undated events have none.
    """
    dated = [event.date for event in story.events if event.date is not None]
    first = dated[0].format(lang) if dated else None
    last = dated[-1].format(lang) if dated else None
    return clean(
        template("overview.html.j2").render(
            story=story,
            kind=kind,
            lang=lang,
            first=first,
            last=last,
            places=len(drawn_places(story)),
        )
    )


def step_html(story: LocatedStory, step: Step, lang: str) -> str:
    """The narrative of a whole step: an overview, or its events in story order."""
    if step.kind != "events":
        return overview_html(story.story, step.kind, lang)
    categories = category_styles(story.story)
    return "\n".join(event_html(story, i, lang, categories) for i in step.events)


def notes_html(story: Story, index: int, lang: str) -> str:
    """For the teacher, not the projector: sources, date note, fact check, question."""
    return clean(
        template("notes.html.j2").render(story=story, event=story.events[index], lang=lang)
    )


def fact_checks_html(story: Story, lang: str) -> str:
    """Every event's fact check: what the article said, what the record says, who says so."""
    return clean(template("fact_checks.html.j2").render(story=story, lang=lang))


def event_list_html(story: Story, lang: str) -> str:
    """Every event in story order as a text list: the map's data for screen readers."""
    return clean(template("event_list.html.j2").render(story=story, lang=lang))


def credits_html(story: Story, lang: str, map_data_key: str = "map_data_body") -> str:
    """The article, the sources it cites, the record beyond it, who made the map, map data."""
    return clean(
        template("credits.html.j2").render(story=story, lang=lang, map_data=t(map_data_key, lang))
    )


def _route_km(story: LocatedStory, event: Event) -> float | None:
    if event.route is None:
        return None
    return route_line(event.route, story.located)[1]
