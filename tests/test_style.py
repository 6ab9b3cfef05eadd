"""Category colours: distinguishable for every reader, visible on the land, chosen per story."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from story_helpers import FIXTURES, line_of

from storymap.colours import (
    MIN_CONTRAST,
    MIN_DIFFERENCE,
    VISIONS,
    contrast,
    difference,
    seen_with,
)
from storymap.loading import StoryError, parse_story
from storymap.model import BUILTIN_CATEGORIES, Story
from storymap.story_checks import validated_story
from storymap.style import (
    LAND,
    NEUTRAL,
    PALETTE,
    PALETTE_COLOURS,
    PREFERRED_COLOURS,
    category_colours,
    category_styles,
)

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def delta(first: str, second: str, vision: str) -> float:
    return seen_with(first, vision).delta_e(seen_with(second, vision), method="2000")


# --- the palette ------------------------------------------------------------------------------


@pytest.mark.parametrize("vision", VISIONS)
def test_every_pair_of_palette_colours_differs_enough(vision):
    for first, second in itertools.combinations([*PALETTE_COLOURS, NEUTRAL], 2):
        assert delta(first, second, vision) >= MIN_DIFFERENCE, (first, second, vision)


def test_every_palette_colour_shows_on_the_land():
    for name, colour in PALETTE:
        assert contrast(colour, LAND) >= MIN_CONTRAST, name


def test_the_palette_has_seven_colours_with_seven_names():
    assert len(PALETTE) == len({name for name, _ in PALETTE}) == len(set(PALETTE_COLOURS)) == 7
    assert set(PREFERRED_COLOURS) == set(BUILTIN_CATEGORIES)
    assert set(PREFERRED_COLOURS.values()) <= set(PALETTE_COLOURS)


def test_the_old_palette_fails_where_the_issue_says():
    """Society's sky blue (and history's orange, transport's pink) were too faint on the land."""
    for old in ("#56B4E9", "#E69F00", "#CC79A7"):
        assert contrast(old, LAND) < MIN_CONTRAST, old
    assert contrast("#56B4E9", LAND) == pytest.approx(2.05, abs=0.01)


def test_a_colour_vision_deficiency_can_make_distinct_colours_alike():
    """The simulation matters: an orange and a green far apart in normal vision are close
    for readers with deuteranopia, so the check looks at all four visions."""
    assert delta("#CC6600", "#339933", "normal vision") > 40
    assert delta("#CC6600", "#339933", "deuteranopia") < MIN_DIFFERENCE
    assert difference("#CC6600", "#339933")[1] == "deuteranopia"


def test_difference_of_a_colour_with_itself_is_zero():
    assert difference("#0072B2", "#0072b2")[0] == pytest.approx(0, abs=1e-9)


# --- colours per story ------------------------------------------------------------------------


def test_the_first_story_keeps_each_categorys_preferred_colour(story):
    styles = category_styles(story)
    assert list(styles) == ["diplomacy", "military", "economy", "transport", "history"]
    for category, style in styles.items():
        assert style.colour == PREFERRED_COLOURS[category]
    assert styles["history"].name.get("id") == "Sejarah"
    assert styles["history"].name.get("en") == "History"


def story_using(*categories: str, declared: list[dict] | None = None, **fields) -> Story:
    """The minimal story with one event per category (plain data, no file)."""
    data = parse_story(MINIMAL).model_dump(mode="json")
    template = data["events"][0]
    data["events"] = [{**template, "id": f"e{n}", "category": c} for n, c in enumerate(categories)]
    data["categories"] = declared or []
    return validated_story({**data, **fields})


def test_two_categories_that_share_a_preferred_colour_get_two_colours():
    colours, problems = category_colours(story_using("transport", "exploration"))
    assert problems == []
    assert colours == {"transport": "#AA3377", "exploration": "#0072B2"}  # the first free one


def test_colours_are_the_same_on_every_run_and_in_any_event_order():
    first = category_colours(story_using("exploration", "military", "transport"))
    again = category_colours(story_using("transport", "exploration", "military"))
    assert first == again


def test_a_story_category_gets_the_next_free_colour_and_its_own_name():
    response = {"id": "response", "name": {"id": "Tanggap darurat", "en": "Emergency response"}}
    story = story_using("disaster", "response", declared=[response])
    styles = category_styles(story)
    assert styles["disaster"].colour == "#1A1A1A"
    assert styles["response"].colour == "#0072B2"
    assert styles["response"].name.get("id") == "Tanggap darurat"


def test_an_author_colour_wins_and_the_palette_avoids_colours_close_to_it():
    own = {"id": "diplomacy", "colour": "#0070B8"}  # almost diplomacy's own blue
    colours, problems = category_colours(story_using("diplomacy", "exploration", declared=[own]))
    assert problems == []
    assert colours["diplomacy"] == "#0070B8"
    assert colours["exploration"] == "#AA3377"
    own_green = {"id": "military", "colour": "#009A70"}  # close to the palette's bluish green
    colours, _ = category_colours(story_using("military", "economy", declared=[own_green]))
    assert colours["economy"] != "#009E73"
    assert difference(colours["economy"], "#009A70")[0] >= MIN_DIFFERENCE


def test_the_magellan_story_draws_exploration_military_and_economy():
    from storymap.loading import load_story

    styles = category_styles(load_story(FIXTURES / "magellan.yaml"))
    assert {c: s.colour for c, s in styles.items()} == {
        "military": "#D55E00",
        "economy": "#009E73",
        "exploration": "#AA3377",
    }
    assert styles["exploration"].name.get("es") == "Exploración"  # the story names them


def test_a_renamed_built_in_keeps_its_colour():
    renamed = {
        "id": "disaster",
        "name": {"id": "Gempa dan tsunami", "en": "Earthquake and tsunami"},
    }
    styles = category_styles(story_using("disaster", declared=[renamed]))
    assert styles["disaster"].colour == "#1A1A1A"
    assert styles["disaster"].name.get("en") == "Earthquake and tsunami"


def test_a_spanish_story_names_built_in_categories_in_english_unless_it_renames_them():
    spanish = MINIMAL.replace("{id: ", "{es: ").replace(
        "id: minimal", "id: minimal\nlanguages: [es, en]"
    )
    styles = category_styles(parse_story(spanish))
    assert styles["diplomacy"].name.get("es") == "Diplomacy"


# --- load-time errors -------------------------------------------------------------------------


def problems_of(text: str) -> list:
    with pytest.raises(StoryError) as caught:
        parse_story(text)
    return caught.value.problems


def with_categories(block: str, category: str = "diplomacy") -> str:
    text = MINIMAL.replace("category: diplomacy", f"category: {category}")
    return text.replace("places:\n", f"categories:\n{block}places:\n", 1)


def test_an_unknown_category_suggests_the_closest():
    [problem] = problems_of(MINIMAL.replace("category: diplomacy", "category: diplomasi"))
    assert problem.where == "events[0].category (event 'meeting')"
    assert problem.message == "unknown category 'diplomasi': did you mean 'diplomacy'?"
    assert problem.line == line_of(FIXTURES / "minimal.yaml", "category:")


def test_an_unknown_category_may_be_close_to_one_the_story_defines():
    block = "  - id: response\n    name: {id: Tanggap darurat, en: Emergency response}\n"
    [problem] = problems_of(with_categories(block, "respons"))
    assert problem.message == "unknown category 'respons': did you mean 'response'?"


def test_a_new_category_needs_a_name_and_is_defined_once():
    block = "  - id: response\n  - id: response\n    name: {id: A, en: B}\n"
    problems = {p.where: p.message for p in problems_of(with_categories(block, "response"))}
    assert problems == {
        "categories[0].name (category 'response')": "'response' is not a built-in category, "
        "so it needs a name",
        "categories[1].id (category 'response')": "category 'response' is defined twice "
        "(first in categories[0])",
    }


def test_a_category_colour_must_be_written_as_hex():
    [problem] = problems_of(with_categories("  - id: diplomacy\n    colour: red\n"))
    assert problem.where == "categories[0].colour (category 'diplomacy')"
    assert "^#[0-9A-Fa-f]{6}$" in problem.message


def test_an_author_colour_too_faint_on_the_land_is_an_error_at_its_line():
    text = with_categories('  - id: diplomacy\n    colour: "#F0E442"\n')
    [problem] = problems_of(text)
    assert problem.where == "categories[0].colour (category 'diplomacy')"
    assert problem.line == text.splitlines().index('    colour: "#F0E442"') + 1
    assert problem.message == (
        "#F0E442 is too faint on the map's land colour #f4f1ea: contrast 1.2:1, at least 3:1 "
        "is needed; choose a darker colour"
    )


def test_author_colours_too_close_to_each_other_are_an_error_naming_both():
    block = '  - id: diplomacy\n    colour: "#0072B2"\n  - id: military\n    colour: "#0070B0"\n'
    text = with_categories(block).replace(
        "    sources:\n      - outlet: Example News",
        "    sources:\n      - outlet: Example News\n  - id: second\n    date: 2025-10-28\n"
        "    places: [moscow]\n    category: military\n    title: {id: B, en: B}\n"
        "    summary: {id: B., en: B.}\n    sources:\n      - outlet: Example News",
    )
    [problem] = problems_of(text)
    assert problem.where == "categories[1].colour (category 'military')"
    assert problem.message.startswith(
        "#0070B0 is too close to the colour of 'diplomacy' (#0072B2) for readers to tell apart: ΔE00 "
    )
    assert problem.message.endswith("ΔE00 0.7 with deuteranopia, at least 10 is needed")


def test_an_author_colour_close_to_the_grey_of_places_without_events_is_an_error():
    problems = problems_of(with_categories('  - id: diplomacy\n    colour: "#8F8F8F"\n'))
    [problem] = [p for p in problems if "grey" in p.message]
    assert "too close to the grey of places without events (#999999)" in problem.message


def test_more_categories_than_free_colours_is_an_error_at_the_first_event_left_without():
    story = parse_story(MINIMAL).model_dump(mode="json")
    template = story["events"][0]
    story["events"] = [
        {**template, "id": f"e{n}", "category": c} for n, c in enumerate(BUILTIN_CATEGORIES[:8])
    ]
    with pytest.raises(ValidationError) as caught:
        validated_story(story)
    [error] = caught.value.errors()
    assert error["loc"] == ("events", 7, "category")
    assert error["msg"].startswith(
        "no colour is left for 'exploration': the story uses 8 categories and the palette has 7"
    )


# --- every story the loader accepts -----------------------------------------------------------

colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")
customs = st.lists(
    st.tuples(st.sampled_from(["alpha", "beta", "gamma"]), st.none() | colours),
    max_size=3,
    unique_by=lambda c: c[0],
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(BUILTIN_CATEGORIES), min_size=1, max_size=7, unique=True),
    st.dictionaries(st.sampled_from(BUILTIN_CATEGORIES), colours, max_size=3),
    customs,
)
def test_every_story_the_loader_accepts_has_colours_every_reader_tells_apart(
    builtins, author_colours, own
):
    declared = [{"id": c, "colour": colour} for c, colour in author_colours.items()]
    declared += [
        {"id": c, "name": {"id": c, "en": c}, **({"colour": colour} if colour else {})}
        for c, colour in own
    ]
    used = [*builtins, *(c for c, _ in own)]
    try:
        story = story_using(*used, declared=declared)
    except ValidationError:
        return  # refused with a message: nothing is drawn
    chosen = [style.colour for style in category_styles(story).values()]
    assert len(chosen) == len(set(used))
    for first, second in itertools.combinations([*chosen, NEUTRAL], 2):
        assert difference(first, second)[0] >= MIN_DIFFERENCE, (first, second)
    for colour in chosen:
        assert contrast(colour, LAND) >= MIN_CONTRAST, colour


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(BUILTIN_CATEGORIES), min_size=1, max_size=7, unique=True))
def test_any_seven_built_in_categories_without_author_colours_load(builtins):
    story = story_using(*builtins)
    assert len(category_styles(story)) == len(builtins)


# --- route modes ------------------------------------------------------------------------------


def test_every_route_mode_has_its_own_line_and_a_name_in_both_languages():
    from storymap.fields import ROUTE_MODES
    from storymap.i18n import t
    from storymap.style import ROUTE_STYLES

    assert set(ROUTE_STYLES) == set(ROUTE_MODES)
    lines = {(style.dash, style.width) for style in ROUTE_STYLES.values()}
    assert len(lines) == len(ROUTE_MODES)  # no two modes drawn alike
    assert ROUTE_STYLES["road"].dash_array is None
    assert ROUTE_STYLES["flight"].dash_array == "8 6"
    names = {lang: {ROUTE_STYLES[m].name(m, lang) for m in ROUTE_MODES} for lang in ("id", "en")}
    assert all(len(n) == len(ROUTE_MODES) for n in names.values())
    assert ROUTE_STYLES["sea"].name("sea", "id") == t("route_mode_sea", "id") == "pelayaran"
