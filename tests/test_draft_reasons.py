"""A draft's reasons to check a field: written in English in the story file, shown in the
author's language (storymap.draft.reasons), on drafts of real articles in four languages."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml

from storymap.authoring.paths import todo_parts
from storymap.draft.article import parse_article
from storymap.draft.make import Options, draft_from_article
from storymap.draft.reasons import reason, shown_reason
from storymap.i18n import strings, t

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def keys() -> list[str]:
    return [key.removeprefix("reason_") for key in strings() if key.startswith("reason_")]


def sample_values(key: str) -> dict[str, str]:
    """A value for each of the template's blanks, unlike any word of it."""
    names = {name for _, name, _, _ in string.Formatter().parse(t(f"reason_{key}", "en")) if name}
    return {name: f"Zq{n} Xy-{name}" for n, name in enumerate(sorted(names))}


@pytest.mark.parametrize("key", keys())
def test_every_reason_is_shown_in_indonesian_with_its_values(key):
    values = sample_values(key)
    english = reason(key, **values)
    assert english == t(f"reason_{key}", "en", **values)
    assert shown_reason(english, "id") == t(f"reason_{key}", "id", **values)
    assert shown_reason(english, "id") != english
    assert shown_reason(english, "en") == english
    assert "(" not in english  # a to-do is read as "path (why)": no brackets of its own


def test_a_reason_no_template_knows_is_shown_as_it_is():
    assert shown_reason("checked by the desk on Monday", "id") == "checked by the desk on Monday"
    assert shown_reason("", "id") == ""
    # a known reason with more after it is not that reason
    longer = reason("year_guess") + " and the month too"
    assert shown_reason(longer, "id") == longer


@pytest.mark.parametrize(
    "name",
    [
        "fresh/id-tulungagung-train-crossings",
        "fresh/es-la-ceiba-victoria-juticalpa",
        "fresh/fr-ouattara-sleiman-abidjan",
        "en-hurricane-ian-cuba",
    ],
)
def test_every_reason_a_real_draft_gives_is_shown_in_indonesian(name, gazetteer):
    notes = yaml.safe_load((ARTICLES / f"{name}.yaml").read_text(encoding="utf-8"))
    article = parse_article((ARTICLES / f"{name}.txt").read_text(encoding="utf-8"))
    made = draft_from_article(article, notes["published"], Options(lang=notes["language"]), "a")
    reasons = [todo_parts(item)[1] for item in made.todo if todo_parts(item)[1]]
    assert reasons, made.todo  # each of these articles leaves something to check
    untranslated = [why for why in reasons if shown_reason(why, "id") == why]
    assert untranslated == []
