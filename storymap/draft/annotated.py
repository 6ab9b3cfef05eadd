"""Read a hand-annotated article (``tests/fixtures/articles/NAME.yaml`` beside ``NAME.txt``).

The annotation says where the article's events happened and when, as a careful reader
would: the evaluation set that ``benchmarks/bench_draft.py`` measures drafts against.
Its schema and the rules followed when annotating are in that folder's README. A broken
annotation is refused with a one-line message naming the file and the field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from storymap.dates import DateParseError, PartialDate
from storymap.errors import StorymapError

AnnotatedKind = Literal[
    "city", "region", "water", "mountain", "airport", "landmark", "island", "country"
]


class AnnotationError(StorymapError, ValueError):
    """An annotation file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AnnotatedPlace(_Strict):
    """A place where something in the article happens, and how near a draft must come."""

    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    km: float | None = Field(default=None, gt=0)
    kind: AnnotatedKind = "city"
    inside: list[str] = Field(default_factory=list, alias="in")
    optional: bool = False

    @model_validator(mode="after")
    def _point_unless_country(self) -> AnnotatedPlace:
        has_point = None not in (self.lat, self.lon, self.km)
        if self.kind == "country" and has_point:
            raise ValueError("a country place has no lat/lon/km: it is matched by its code")
        if self.kind != "country" and not has_point:
            raise ValueError("needs lat, lon and km (only a country place goes without)")
        return self


class AnnotatedEvent(_Strict):
    """An event: the article's words that tell it, its date (or none), where it happened."""

    anchors: list[str] = Field(min_length=1)
    date: str | None = None
    places: list[str]
    also: list[str] = Field(default_factory=list)

    @property
    def when(self) -> PartialDate | None:
        return PartialDate.parse(self.date) if self.date else None


class Annotation(_Strict):
    """The whole annotation of one article."""

    url: str
    outlet: str
    language: str
    published: date
    published_note: str | None = None
    kind: Literal[
        "disaster",
        "tour",
        "travel",
        "voyage",
        "sport",
        "election",
        "conflict",
        "protest",
        "transport",
        "diplomacy",
        "culture",
    ]
    countries: list[str]
    places: dict[str, AnnotatedPlace]
    events: list[AnnotatedEvent] = Field(min_length=1)


class AnnotatedArticle(BaseModel):
    """An article's text with its annotation."""

    model_config = ConfigDict(frozen=True)

    name: str
    path: Path  # the article's text file
    text: str
    annotation: Annotation


def load_annotated(path: Path) -> AnnotatedArticle:
    """Read ``path`` (the .yaml) and its .txt; raise ``AnnotationError`` when either is unusable."""
    text_path = path.with_suffix(".txt")
    try:
        # BaseLoader keeps every scalar as text: "NO" (Norway) stays a code, not False.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AnnotationError(f"{path.name}: cannot be read ({exc})") from exc
    try:
        annotation = Annotation.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise AnnotationError(f"{path.name}: {where}: {first['msg']}") from None
    _check_references(path.name, annotation, text)
    return AnnotatedArticle(name=path.stem, path=text_path, text=text, annotation=annotation)


def load_all(folder: Path) -> list[AnnotatedArticle]:
    """Every annotated article in ``folder``, by name."""
    return [load_annotated(p) for p in sorted(folder.glob("*.yaml"))]


def _check_references(name: str, annotation: Annotation, text: str) -> None:
    """Every anchor is in the text, every place id exists, every date is a story date."""
    flat = " ".join(text.split())
    ids = set(annotation.places)
    for place_id, place in annotation.places.items():
        for other in place.inside:
            if other not in ids:
                raise AnnotationError(f"{name}: places.{place_id}.in: no place {other!r}")
    for n, event in enumerate(annotation.events):
        for anchor in event.anchors:
            if " ".join(anchor.split()) not in flat:
                raise AnnotationError(f"{name}: events.{n}.anchors: {anchor!r} is not in the text")
        for place_id in (*event.places, *event.also):
            if place_id not in ids:
                raise AnnotationError(f"{name}: events.{n}: no place {place_id!r}")
        try:
            event.when  # noqa: B018 - parsed for its error
        except DateParseError as exc:
            raise AnnotationError(f"{name}: events.{n}.date: {exc}") from None
