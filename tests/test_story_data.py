"""The author page checks a story's data as it is, not its file written and read back
(storymap.story_data): on every story, hostile or broken, the two give the same problems."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payload_story import payload_story
from story_helpers import FIRST_ARTICLE, FIRST_STORY

from storymap.authoring.checks import Checked, check_story
from storymap.authoring.exports import story_file_text
from storymap.authoring.starts import blank_story, from_article, from_file
from storymap.story_data import reads_back
from storymap.story_yaml import read_yaml

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def same_both_ways(data: dict[str, Any]) -> Checked:
    """Check ``data`` itself and its story file; they must agree on everything but lines."""
    direct, through_file = check_story(data), check_story(data, story_file_text(data))
    assert [(i.kind, i.where, i.message, i.path) for i in direct.issues] == [
        (i.kind, i.where, i.message, i.path) for i in through_file.issues
    ]
    assert direct.story == through_file.story
    assert direct.located == through_file.located and direct.places == through_file.places
    return direct


def fixture_data() -> list[tuple[str, dict[str, Any]]]:
    """Every story fixture that is a YAML mapping, as the author page would hold it."""
    found = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        try:
            raw = read_yaml(path.read_text(encoding="utf-8"), path.name).raw
        except Exception:  # not YAML at all (the alias bomb, the malformed file)
            continue
        if isinstance(raw, dict):
            found.append((path.name, raw))
    return found


@pytest.mark.parametrize(("name", "data"), fixture_data(), ids=[n for n, _ in fixture_data()])
def test_every_fixture_story_has_the_same_problems_checked_as_data_or_as_file(
    name, data, gazetteer
):
    same_both_ways(data)


def test_the_payload_story_is_checked_as_data_and_agrees_with_its_file(gazetteer):
    story, _ = payload_story()
    assert reads_back(story)  # every payload is plain text: the data path is the one taken
    assert same_both_ways(story).story is not None


@pytest.mark.parametrize("article", [*ARTICLES[1:4], ARTICLES[-1]], ids=lambda p: p.stem)
def test_drafts_from_other_articles_agree(article, gazetteer):
    begun = from_article(article.read_bytes(), article.name, date(2025, 1, 1))
    assert reads_back(begun.data)
    checked = same_both_ways(begun.data)
    assert checked.todo  # a draft asks for checks: the lists compared were not empty


@pytest.mark.skipif(not FIRST_ARTICLE.exists(), reason=f"the article is not here: {FIRST_ARTICLE}")
def test_the_first_article_s_draft_and_a_blank_story_agree(gazetteer):
    begun = from_article(FIRST_ARTICLE.read_bytes(), FIRST_ARTICLE.name, date(2025, 10, 27))
    same_both_ways(begun.data)
    assert same_both_ways(blank_story()).problems


@pytest.mark.parametrize(
    ("path", "value", "takes_file", "broken"),
    [
        (("title", "en"), "Bell\x07", True, True),  # a control character: the YAML reader says it
        (("title", "en"), "line\r\nbreak", True, True),
        (("title", "en"), "\u2028separated", True, False),
        (("events", 0, "id"), "09", False, False),  # text that looks like a number stays text
        (("events", 0, "date"), 20251027, False, True),
        (("places", 0, "coordinates"), {"lat": "55.7", "lon": 37.6}, False, True),
        (("places", 0), {1: "a key that is not text"}, True, True),
        (("events", 1, "places"), "moscow", False, True),
        (("subtitle",), {"en": "x", "id": None}, False, True),
        (("events", 2, "title", "en"), "  spaced  \n\n trailing\n", False, False),
    ],
)
def test_a_broken_field_gets_the_same_problem_either_way(
    path, value, takes_file, broken, gazetteer
):
    data = copy.deepcopy(from_file(FIRST_STORY).data)
    _set(data, path, value)
    assert reads_back(data) is not takes_file
    assert bool(same_both_ways(data).problems) is broken


PLAIN_TEXT = st.text(
    alphabet=st.sampled_from([*"09-+:.#&*!'\" \n\tae<>", "é", "٣", "\u202e", "\x85"]),
    max_size=12,
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-100, 3000) | st.floats(allow_nan=False) | PLAIN_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN_TEXT, inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choice=st.integers(0, 10_000), value=VALUES)
def test_any_value_anywhere_gets_the_same_problems_either_way(choice, value, gazetteer):
    data = copy.deepcopy(from_file(FIRST_STORY).data)
    paths = list(_paths(data))
    _set(data, paths[choice % len(paths)], value)
    same_both_ways(data)


@settings(max_examples=200, deadline=None)
@given(value=VALUES)
def test_a_value_that_reads_back_is_read_back_as_it_was(value):
    if reads_back(value):
        read = read_yaml(story_file_text({"x": value}), "story").raw["x"]
        assert _typed(read) == _typed(value)


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        found += _paths(item, (*path, key))
    return found


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
