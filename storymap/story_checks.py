"""Checks across a whole story that no single field can make on its own.

Every reader-facing text is in every language the story declares, and only in those.
Each problem carries the field path it is about, so the loader can name the field and
its line like any other problem (pydantic keeps the path of the errors raised here).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from storymap.languages import language_name, language_names
from storymap.model import Quote, Story, Text

Loc = tuple[str | int, ...]


def raise_story_problems(story: Story) -> None:
    """Raise one ``ValidationError`` listing every problem of ``story``, each at its path."""
    problems = list(story_problems(story))
    if problems:
        raise ValidationError.from_exception_data(
            "Story",
            [
                InitErrorDetails(
                    type=PydanticCustomError("story", "{message}", {"message": message}),
                    loc=loc,
                    input=None,
                )
                for loc, message in problems
            ],
        )


def story_problems(story: Story) -> Iterator[tuple[Loc, str]]:
    yield from language_problems(story)


def language_problems(story: Story) -> Iterator[tuple[Loc, str]]:
    """The story's languages are unique, open in one of them, and every text has each one."""
    seen: set[str] = set()
    for i, lang in enumerate(story.languages):
        if lang in seen:
            yield ("languages", i), f"{language_name(lang)} ({lang}) is listed twice"
        seen.add(lang)
    if story.default_language not in story.languages:
        yield (
            ("default_language",),
            f"{language_name(story.default_language)} ({story.default_language}) is not one of "
            f"the story's languages ({language_names(story.languages)})",
        )
    for loc, text, also in texts_in(story):
        yield from _text_problems(loc, text, story.languages, also)
    for i, event in enumerate(story.events):
        if event.quote is not None:
            yield from _quote_problems(("events", i, "quote"), event.quote, story.languages)


def texts_in(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Text, tuple[str, ...]]]:
    """Every Text in ``model`` with its path, and the extra language it may carry (a quote's)."""
    also = (model.original_language,) if isinstance(model, Quote) else ()
    for name in type(model).model_fields:
        yield from _texts_of(getattr(model, name), (*loc, name), also)


def _texts_of(
    value: Any, loc: Loc, also: tuple[str, ...]
) -> Iterator[tuple[Loc, Text, tuple[str, ...]]]:
    if isinstance(value, Text):
        yield loc, value, also
    elif isinstance(value, BaseModel):
        yield from texts_in(value, loc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts_of(item, (*loc, i), also)


def _text_problems(
    loc: Loc, text: Text, languages: list[str], also: tuple[str, ...]
) -> Iterator[tuple[Loc, str]]:
    for lang in languages:
        if lang not in text:
            yield loc, f"the {language_name(lang)} text ({lang}) is missing"
    allowed = [*languages, *(lang for lang in also if lang not in languages)]
    for lang in text.languages:
        if lang not in allowed:
            where = f"the story's languages ({language_names(languages)})"
            if also:
                where += f" or the quote's original language ({language_names(also)})"
            yield (*loc, lang), f"{language_name(lang)} ({lang}) is not one of {where}"


def _quote_problems(loc: Loc, quote: Quote, languages: list[str]) -> Iterator[tuple[Loc, str]]:
    for i, lang in enumerate(quote.our_translation or []):
        if lang == quote.original_language:
            yield (
                (*loc, "our_translation", i),
                f"{language_name(lang)} ({lang}) is the quote's original language, "
                "so its wording cannot be our translation",
            )
        elif lang not in languages:
            yield (
                (*loc, "our_translation", i),
                f"{language_name(lang)} ({lang}) is not one of the story's languages "
                f"({language_names(languages)})",
            )
