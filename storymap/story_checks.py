"""Checks across a whole story that no single field can make on its own.

Every reader-facing text is in every language the story declares, and only in those;
every event's category is a built-in or one the story defines, and every category gets
a colour readers can tell apart. Each problem carries the field path it is about, so the loader can name the field and
its line like any other problem (pydantic keeps the path of the errors raised here).
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from storymap.languages import language_name, language_names
from storymap.model import BUILTIN_CATEGORIES, Quote, Story, Text
from storymap.style import category_colours

Loc = tuple[str | int, ...]


def validated_story(data: Any) -> Story:
    """A whole story from plain data: its fields (pydantic), then the checks across them.

    The loader reads files through here; code that builds a story from data should too.
    """
    story = Story.model_validate(data)
    raise_story_problems(story)
    return story


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
    yield from category_problems(story)


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


def category_problems(story: Story) -> Iterator[tuple[Loc, str]]:
    """Categories are defined once, new ones are named, events use known ones, colours differ."""
    first_at: dict[str, int] = {}
    for i, category in enumerate(story.categories):
        if category.id in first_at:
            yield (
                ("categories", i, "id"),
                f"category '{category.id}' is defined twice (first in categories[{first_at[category.id]}])",
            )
            continue
        first_at[category.id] = i
        if category.name is None and category.id not in BUILTIN_CATEGORIES:
            yield (
                ("categories", i, "name"),
                f"'{category.id}' is not a built-in category, so it needs a name",
            )
    known = [*BUILTIN_CATEGORIES, *(c for c in first_at if c not in BUILTIN_CATEGORIES)]
    unknown = False
    for i, event in enumerate(story.events):
        if event.category not in known:
            unknown = True
            yield ("events", i, "category"), _unknown_category(event.category, known)
    if unknown:
        return  # colours are for known categories; the story must be fixed first
    _, problems = category_colours(story)
    for problem in problems:
        if problem.category in first_at and story.categories[first_at[problem.category]].colour:
            yield ("categories", first_at[problem.category], "colour"), problem.message
        else:
            first_use = next(
                i for i, e in enumerate(story.events) if e.category == problem.category
            )
            yield ("events", first_use, "category"), problem.message


def unknown_categories_in(raw: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    """Events whose category is neither built-in nor defined, read from the file's raw data.

    The loader reports these even when other fields are wrong, which stops the checks
    on the finished Story from running; the messages are the same, so they appear once.
    """
    declared = raw.get("categories") if isinstance(raw.get("categories"), list) else []
    own = [c["id"] for c in declared if isinstance(c, dict) and isinstance(c.get("id"), str)]
    known = [*BUILTIN_CATEGORIES, *(c for c in dict.fromkeys(own) if c not in BUILTIN_CATEGORIES)]
    events = raw.get("events") if isinstance(raw.get("events"), list) else []
    for i, event in enumerate(events):
        category = event.get("category") if isinstance(event, dict) else None
        if isinstance(category, str) and category not in known:
            yield ("events", i, "category"), _unknown_category(category, known)


def _unknown_category(category: str, known: list[str]) -> str:
    close = get_close_matches(category, known, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else f"use one of {', '.join(known)}, or define it under categories"
    )
    return f"unknown category '{category}': {hint}"
