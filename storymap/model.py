"""The story's data model: what a story file may say, checked by pydantic.

Every model forbids unknown fields, so a typo in a story file is an error, not a
silently ignored key. ``geodata/story.schema.json`` is generated from these models
(``python -m storymap schema``) for authors' editors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, model_validator

from storymap.fields import (
    BUILTIN_CATEGORIES,
    DEFAULT_LANGUAGES,
    HexColour,
    LanguageCode,
    MediaFileName,
    PlaceKind,
    Slug,
    StoryDate,
    StoryRouteMode,
    StrictModel,
    Text,
    WebAddress,
)
from storymap.fields import UI_LANGUAGES as UI_LANGUAGES  # re-exported: the interface's languages


class SourceArticle(StrictModel):
    """The news article the story retells."""

    outlet: str
    title: str
    url: WebAddress | None = None
    date: StoryDate | None = Field(
        default=None, description="when it was published; left out when unknown (an import)"
    )
    language: LanguageCode = Field(description="the article's language, a BCP 47 code")
    author: str | None = None


class Credit(StrictModel):
    """Who made the story map, or whose work it uses."""

    role: Text
    name: str


class Coordinates(StrictModel):
    """Explicit coordinates given by the author, with how precise they are and why."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision_km: float = Field(gt=0, description="radius within which the place lies")
    source: str = Field(min_length=1, description="where these coordinates came from")


class Place(StrictModel):
    """A place the story names."""

    id: Slug
    name: Text
    aliases: list[str] = Field(default_factory=list, description="other names to geocode by")
    kind: PlaceKind
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    coordinates: Coordinates | None = None
    precision_km: float | None = Field(
        default=None, gt=0, description="override the geocoder's precision (e.g. a region)"
    )
    outline: bool | None = Field(
        default=None,
        description=(
            "draw the place as its outline from the gazetteer (a province, a lake, a sea): "
            "the default for kind region when the gazetteer has one; false draws a point"
        ),
    )
    note: Text | None = None
    evidence: str | None = Field(
        default=None,
        description="the article's words that named this place; for the author, never shown to readers",
    )


class Route(StrictModel):
    """A movement from place to place, through any waypoints, drawn as great-circle legs."""

    origin: Slug
    destination: Slug
    via: list[Slug] = Field(
        default_factory=list, description="place ids the movement passes through, in order"
    )
    mode: StoryRouteMode

    @property
    def stops(self) -> list[str]:
        """Every place id along the route, in order: origin, waypoints, destination."""
        return [self.origin, *self.via, self.destination]


class Attribution(StrictModel):
    """Who reported a claim, as the article credits it."""

    outlet: str | Text = Field(
        description="a name (CNA, Al Jazeera) or, for descriptions, {id, en} (state media)"
    )
    claim: Text | None = Field(default=None, description="what this source reported")
    url: WebAddress | None = Field(default=None, description="where the report can be read")

    def outlet_in(self, lang: str) -> str:
        return self.outlet if isinstance(self.outlet, str) else self.outlet.get(lang)


@dataclass(frozen=True)
class QuoteAttribution:
    """What a reader needs to credit one language's wording of a quotation."""

    speaker: str
    via: str  # who published this wording
    original_language: str  # the language the words were spoken or written in
    is_original: bool  # this wording is the speaker's own words
    our_translation: bool  # this wording is our own translation


class Quote(StrictModel):
    """A short quotation, marked as such and attributed, in its original language and ours."""

    text: Text = Field(
        description="the words in every story language; may also carry the original wording"
    )
    speaker: str
    via: str | Text = Field(
        description="the outlet the quotation is taken from, or who published each language's wording"
    )
    original_language: LanguageCode = Field(
        description="the language the words were spoken or written in"
    )
    our_translation: list[LanguageCode] | None = Field(
        default=None,
        description="the languages whose wording is our own translation "
        "(default: every story language but the original)",
    )

    def via_in(self, lang: str) -> str:
        return self.via if isinstance(self.via, str) else self.via.get(lang)

    def translated_by_us(self, story_languages: Iterable[str]) -> tuple[str, ...]:
        if self.our_translation is not None:
            return tuple(self.our_translation)
        return tuple(lang for lang in story_languages if lang != self.original_language)

    def attribution(self, lang: str, story_languages: Iterable[str]) -> QuoteAttribution:
        """How to credit the wording a reader in ``lang`` sees."""
        return QuoteAttribution(
            speaker=self.speaker,
            via=self.via_in(lang),
            original_language=self.original_language,
            is_original=lang == self.original_language,
            our_translation=lang in self.translated_by_us(story_languages),
        )


class Media(StrictModel):
    """A picture, video or link shown with an event; always credited.

    A picture is either on the web (``url``) or a file kept with the story (``file``, in
    the story's media folder: ``<folder of the story file>/<its name>/media/``), which
    every export carries with it. Videos and links are addresses, shown as links.
    """

    url: WebAddress | None = Field(
        default=None, description="the address of a picture, video or page"
    )
    file: MediaFileName | None = Field(
        default=None,
        description="a picture kept with the story: a file name in the story's media folder "
        "(<story file's folder>/<its name without .yaml>/media/)",
    )
    kind: Literal["image", "video", "link"] = "image"
    caption: Text | None = None
    alt: Text | None = Field(
        default=None,
        description="what the picture shows, for readers who cannot see it (default: the caption)",
    )
    credit: str = Field(
        min_length=1, description="who made it or owns it (required: photographer, agency, outlet)"
    )

    @model_validator(mode="after")
    def _one_address(self) -> Media:
        if (self.url is None) == (self.file is None):
            raise ValueError("give either url (an address on the web) or file (a picture kept "
                             "with the story), not both or neither")  # fmt: skip
        if self.file is not None and self.kind != "image":
            raise ValueError(f"a {self.kind} is a link: give its url, not a file")
        return self


class RecordSource(StrictModel):
    """A public source beyond the article: an agency report, an official record."""

    outlet: str | Text = Field(description="who published it: KCNA, TASS, Reuters, a ministry")
    title: str | None = Field(default=None, description="the report's headline, as published")
    url: WebAddress | None = None
    date: StoryDate | None = Field(default=None, description="when it was published")

    def outlet_in(self, lang: str) -> str:
        return self.outlet if isinstance(self.outlet, str) else self.outlet.get(lang)


class FactCheck(StrictModel):
    """How the article compares with the public record, shown to readers and in class.

    The event itself follows the record; this says what the article said instead,
    what the record says, and who says so, so readers can weigh both.
    """

    verdict: Literal["corrected", "more_precise", "confirmed", "disputed"] = Field(
        description="corrected: the record contradicts the article; more_precise: the record "
        "is more exact; confirmed: the record agrees; disputed: sources disagree"
    )
    article: Text = Field(description="what the article says, in our words or a marked quotation")
    record: Text = Field(description="what the public record says, which the event follows")
    sources: list[RecordSource] = Field(min_length=1, description="sources beyond the article")


class CategoryDefinition(StrictModel):
    """A category the story defines, or a built-in one it renames or recolours."""

    id: Slug = Field(description="the id events use in category; a built-in's id to change it")
    name: Text | None = Field(
        default=None, description="the name in the legend (required unless id is a built-in)"
    )
    colour: HexColour | None = Field(
        default=None, description="the colour on the map (default: one from the palette)"
    )


class Event(StrictModel):
    """One happening in the story, at one or more places; dated, unless its source gives no date."""

    id: Slug
    date: StoryDate | None = Field(
        default=None,
        description="when it happened; left out for an undated event (its source gives no "
        "date): readers see 'Undated', and it never fails the story order",
    )
    date_note: Text | None = Field(
        default=None, description="how the date was read from the source (e.g. 'the day before')"
    )
    places: list[Slug] = Field(min_length=1)
    route: Route | None = None
    category: Slug = Field(
        description="a built-in category (" + ", ".join(BUILTIN_CATEGORIES) + ") or one the "
        "story defines under categories"
    )
    title: Text
    summary: Text
    sources: list[Attribution] = Field(min_length=1)
    quote: Quote | None = None
    media: list[Media] = Field(default_factory=list)
    question: Text | None = Field(default=None, description="a discussion question for class")
    fact_check: FactCheck | None = None
    evidence: str | None = Field(
        default=None,
        description="the article's words this event was drafted from; for the author, never shown to readers",
    )


class Draft(StrictModel):
    """Marks a story as a draft: readers see a "draft" banner until the author removes it."""

    made_by: str = Field(
        description="how the draft was made, e.g. 'storymap draft' from an article"
    )
    todo: list[str] = Field(
        default_factory=list,
        description="field paths an author must still write or check, e.g. events[0].summary.en",
    )
    checked: list[str] = Field(
        default_factory=list,
        description="to-do entries the author checked and found right, as they were listed",
    )


class Story(StrictModel):
    """A whole story: metadata, the places it names and its events in story order."""

    id: Slug
    title: Text
    subtitle: Text
    languages: list[LanguageCode] = Field(
        default=list(DEFAULT_LANGUAGES),
        min_length=1,
        description="the languages every reader-facing text is written in (default: id, en)",
    )
    default_language: LanguageCode = Field(
        default="id",
        description="the language the story opens in (default: the first of languages)",
        json_schema_extra=lambda schema: schema.pop("default", None),
    )
    source: SourceArticle
    credits: list[Credit] = Field(default_factory=list)
    categories: list[CategoryDefinition] = Field(
        default_factory=list, description="the story's own categories, or built-ins changed"
    )
    places: list[Place] = Field(min_length=1)
    events: list[Event] = Field(min_length=1)
    steps: Literal["by_date", "by_event"] = Field(
        default="by_date",
        description="by_date: events with the same date share a step; by_event: one step each",
    )
    draft: Draft | None = None

    @model_validator(mode="before")
    @classmethod
    def _open_in_the_first_language(cls, data: Any) -> Any:
        """Without ``default_language``, a story opens in the first of its languages."""
        if isinstance(data, dict) and data.get("default_language") is None:
            languages = data.get("languages")
            first = languages[0] if isinstance(languages, list) and languages else None
            data = {**data, "default_language": first if isinstance(first, str) else "id"}
        return data

    def place(self, place_id: str) -> Place:
        return self.places_by_id[place_id]

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}


def story_json_schema() -> dict[str, Any]:
    """The JSON Schema authors' editors use to check a story file as they type."""
    schema = Story.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "storymap story"
    return schema
