"""The story's data model: what a story file may say, checked by pydantic.

Every model forbids unknown fields, so a typo in a story file is an error, not a
silently ignored key. ``geodata/story.schema.json`` is generated from these models
(``python -m storymap schema``) for authors' editors.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from storymap.dates import PartialDate

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80, description="lower-case id: a-z, 0-9, -"),
]
Category = Literal["diplomacy", "military", "economy", "transport", "history", "society"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
WebAddress = Annotated[
    str, Field(pattern=r"^https?://[^\s]+$", max_length=2000, description="an http(s) address")
]
RouteMode = Literal["flight", "road_rail", "troop_deployment"]
PlaceKind = Literal["city", "site", "region", "country"]


def _parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


StoryDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-(\d{2}|early|mid|late))?)?"
            r"(/\d{4}(-\d{2}(-(\d{2}|early|mid|late))?)?)?~?$",
            "description": "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-early|mid|late, A/B; ~ = about",
        }
    ),
]


class StrictModel(BaseModel):
    """Base for every story model: unknown fields are errors, values are immutable.

    Strict types: ``lat: true`` is not 1.0 and ``"55.7"`` is not a number; and a
    number must be finite (``.inf`` and ``.nan`` would reach the exports' JSON).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        strict=True,
        allow_inf_nan=False,
    )


class Text(StrictModel):
    """The same text in Indonesian and in English."""

    id: str = Field(min_length=1, description="Bahasa Indonesia")
    en: str = Field(min_length=1, description="English")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class SourceArticle(StrictModel):
    """The news article the story retells."""

    outlet: str
    title: str
    url: WebAddress | None = None
    date: StoryDate
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code")
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
    note: Text | None = None
    evidence: str | None = Field(
        default=None,
        description="the article's words that named this place; for the author, never shown to readers",
    )


class Route(StrictModel):
    """A movement between two places, drawn as a great-circle line."""

    origin: Slug
    destination: Slug
    mode: RouteMode


class Attribution(StrictModel):
    """Who reported a claim, as the article credits it."""

    outlet: str | Text = Field(
        description="a name (CNA, Al Jazeera) or, for descriptions, {id, en} (state media)"
    )
    claim: Text | None = Field(default=None, description="what this source reported")

    def outlet_in(self, lang: str) -> str:
        return self.outlet if isinstance(self.outlet, str) else self.outlet.get(lang)


class Quote(StrictModel):
    """A short quotation, marked as such and attributed."""

    text: Text
    speaker: str
    via: str = Field(description="the outlet the quotation is taken from")
    original_language: Lang = Field(description="the language the article quotes it in")


class Media(StrictModel):
    """A picture, video or link shown with an event; always credited."""

    url: WebAddress
    kind: Literal["image", "video", "link"] = "image"
    caption: Text | None = None
    credit: str = Field(min_length=1)


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


class Event(StrictModel):
    """One dated happening in the story, at one or more places."""

    id: Slug
    date: StoryDate
    date_note: Text | None = Field(
        default=None, description="how the date was read from the source (e.g. 'the day before')"
    )
    places: list[Slug] = Field(min_length=1)
    route: Route | None = None
    category: Category
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


class Story(StrictModel):
    """A whole story: metadata, the places it names and its events in story order."""

    id: Slug
    title: Text
    subtitle: Text
    default_language: Lang = "id"
    source: SourceArticle
    credits: list[Credit] = Field(default_factory=list)
    places: list[Place] = Field(min_length=1)
    events: list[Event] = Field(min_length=1)
    draft: Draft | None = None

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
