"""The building blocks of a story file's fields: ids, dates, languages, texts, modes.

Shared by every model in ``storymap.model``, which re-exports the names other modules
use (``Text``, ``UI_LANGUAGES``...). Every model forbids unknown fields and is frozen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    RootModel,
    WithJsonSchema,
)

from storymap.colours import HEX_COLOUR
from storymap.dates import PartialDate
from storymap.languages import LANGUAGE_PATTERN, check_language

# The interface's own words are in these languages; stories may be in any (``languages``).
UI_LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGES: tuple[str, ...] = ("id", "en")  # a story file that does not say
LanguageCode = Annotated[
    str,
    AfterValidator(check_language),
    WithJsonSchema(
        {"type": "string", "pattern": LANGUAGE_PATTERN, "description": "BCP 47: id, en, es, pt-BR"}
    ),
]
Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80, description="lower-case id: a-z, 0-9, -"),
]
# Categories every story may use; a story may rename them, recolour them or add its own.
BUILTIN_CATEGORIES: tuple[str, ...] = (
    "diplomacy",
    "military",
    "economy",
    "transport",
    "history",
    "society",
    "disaster",
    "exploration",
    "environment",
)
HexColour = Annotated[
    str, Field(pattern=HEX_COLOUR, description="a colour as #RRGGBB, e.g. #0072B2")
]
WebAddress = Annotated[
    str, Field(pattern=r"^https?://[^\s]+$", max_length=2000, description="an http(s) address")
]
# A picture's file name in the story's media folder: no folders, no leading dot, so it can
# never point outside that folder.
MEDIA_FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(jpg|jpeg|png|webp|gif|JPG|JPEG|PNG|WEBP|GIF)$"
MediaFileName = Annotated[
    str,
    Field(
        pattern=MEDIA_FILE_PATTERN,
        max_length=120,
        description="a file name (no folders) ending .jpg, .jpeg, .png, .webp or .gif",
    ),
]
RouteMode = Literal["flight", "sea", "road", "rail", "walk", "deployment", "other"]
ROUTE_MODES: tuple[str, ...] = RouteMode.__args__  # type: ignore[attr-defined]
# Older story files' modes, read as today's: a road_rail route is drawn as a road.
LEGACY_ROUTE_MODES = {"road_rail": "road", "troop_deployment": "deployment"}
PlaceKind = Literal["city", "site", "region", "country"]


def _parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


_POINT_PATTERN = r"\d{4}(-\d{2}(-(\d{2}(T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?|early|mid|late))?)?"
StoryDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": rf"^{_POINT_PATTERN}(/{_POINT_PATTERN})?~?$",
            "description": "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM with an optional zone "
            "(Z, +07:00), YYYY-MM-early|mid|late, A/B; ~ = about",
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


def _text_json_schema(schema: dict[str, Any]) -> None:
    """Editors check the keys are language codes; which ones is the story's (not JSON Schema's)."""
    schema.clear()
    schema.update(
        type="object",
        title="Text",
        description="the text in each of the story's languages: {id: ..., en: ...}",
        minProperties=1,
        propertyNames={"pattern": LANGUAGE_PATTERN},
        additionalProperties={"type": "string", "minLength": 1},
    )


class Text(RootModel[dict[LanguageCode, Annotated[str, Field(min_length=1)]]]):
    """The same text in each of the story's languages: ``{id: ..., en: ...}``.

    Which languages it must have is the story's business (``Story.languages``), checked
    once the whole story is read (``storymap.story_checks``).
    """

    model_config = ConfigDict(frozen=True, json_schema_extra=_text_json_schema)
    root: dict[LanguageCode, Annotated[str, Field(min_length=1)]] = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in English, else the first one given."""
        if lang in self.root:
            return self.root[lang]
        return self.root.get("en") or next(iter(self.root.values()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)

    def items(self) -> Iterable[tuple[str, str]]:
        return self.root.items()

    def __contains__(self, lang: object) -> bool:
        return lang in self.root

    def __hash__(self) -> int:
        return hash(tuple(self.root.items()))


def _current_route_mode(value: Any) -> Any:
    return LEGACY_ROUTE_MODES.get(value, value) if isinstance(value, str) else value


StoryRouteMode = Annotated[
    RouteMode,
    BeforeValidator(_current_route_mode),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [*ROUTE_MODES, *LEGACY_ROUTE_MODES],
            "description": "how it moves; road_rail and troop_deployment (older files) are "
            "read as road and deployment",
        }
    ),
]
