"""Messages that say how to fix it (issue 12 §4): quoting, tabs, colons, dates, field names."""

from __future__ import annotations

import pytest
from story_helpers import FIXTURES

from storymap.hints import date_hint
from storymap.loading import Problem, StoryError, parse_story

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def the_problem(text: str) -> Problem:
    with pytest.raises(StoryError) as caught:
        parse_story(text)
    [problem] = caught.value.problems
    return problem


def line_number(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- YAML ---------------------------------------------------------------------------------------


def test_a_comma_in_unquoted_text_says_put_it_in_quotes():
    problem = the_problem(MINIMAL.replace("en: A meeting}", "en: Strait of Magellan, Guam}"))
    assert problem.where == "events[0].title.Guam (event 'meeting')"
    assert problem.message == (
        "'Guam' became a key of its own: put text that contains a comma or a colon in quotes, "
        'e.g. en: "Strait of Magellan, Guam"'
    )


def test_a_comma_in_an_unquoted_field_value_too():
    text = MINIMAL.replace(
        "    kind: city\n",
        "    kind: city\n    note: {en: Capital, Seat of Government, id: Ibu kota}\n",
    )
    problem = the_problem(text)
    assert problem.where == "places[0].note.Seat of Government (place 'moscow')"
    assert problem.message.endswith('e.g. en: "Capital, Seat of Government"')


@pytest.mark.parametrize(
    "text",
    [
        MINIMAL.replace("en: A meeting}", "en: Note: a meeting}"),
        MINIMAL.replace(
            "    title: {id: Sebuah pertemuan, en: A meeting}",
            "    title:\n      id: Sebuah pertemuan\n      en: Note: a meeting",
        ),
    ],
    ids=["in-braces", "on-its-own-line"],
)
def test_a_colon_in_unquoted_text_says_put_it_in_quotes(text):
    problem = the_problem(text)
    assert problem.where == "YAML"
    assert problem.line == line_number(text, "Note: a meeting")
    assert problem.message.endswith(
        ": a colon followed by a space starts a new field; "
        "put text that contains a colon or a comma in quotes"
    )


@pytest.mark.parametrize("indent", ["\tkind: city", "  \t  kind: city"])
def test_a_tab_says_indent_with_spaces(indent):
    text = MINIMAL.replace("    kind: city", indent)
    problem = the_problem(text)
    assert problem.line == line_number(text, "kind: city")
    assert problem.message.endswith(
        ": a tab: YAML indents with spaces only; replace the tab with spaces"
    )


@pytest.mark.parametrize(
    ("before", "after", "key"),
    [("    kind: city", "    kind:city", "kind"), ("id: minimal", "id:minimal", "id")],
)
def test_a_missing_space_after_a_colon_names_the_line(before, after, key):
    text = MINIMAL.replace(before, after)
    problem = the_problem(text)
    assert problem.line == line_number(text, after)  # libyaml reports the line after it
    assert problem.message.endswith(
        f": a colon must be followed by a space: write '{key}: …', not '{key}:…'"
    )


def test_an_unclosed_brace_gets_no_wrong_hint():
    problem = the_problem((FIXTURES / "malformed.yaml").read_text(encoding="utf-8"))
    assert problem.message == "did not find expected ',' or '}'"


# --- field names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "suggestion"),
    [
        ("    summary:", "    description:", "events[0].description (event 'meeting')", "summary"),
        ("    title: {id: S", "    headline: {id: S", "events[0].headline (event 'meeting')", "title"),
        ("    title: {id: S", "    titel: {id: S", "events[0].titel (event 'meeting')", "title"),
        ("    kind: city", "    kind: city\n    coords: {lat: 55.7, lon: 37.6, precision_km: 5, source: x}", "places[0].coords (place 'moscow')", "coordinates"),
        ("    kind: city", "    kind: city\n    coordinates: {latitude: 55.7, lon: 37.6, precision_km: 5, source: x}", "places[0].coordinates.latitude (place 'moscow')", "lat"),
        ("  language: en", "  language: en\n  link: https://example.org", "source.link", "url"),
    ],
)  # fmt: skip
def test_a_field_name_from_another_tool_suggests_ours(old, new, where, suggestion):
    with pytest.raises(StoryError) as caught:
        parse_story(MINIMAL.replace(old, new, 1))
    unknown = [p for p in caught.value.problems if "unknown field" in p.message]
    assert [(p.where, p.message.split(": ", 1)[1]) for p in unknown] == [
        (where, f"did you mean '{suggestion}'?")
    ]


def test_a_field_nothing_resembles_is_just_unknown():
    problem = the_problem(
        MINIMAL.replace("    category: diplomacy", "    category: diplomacy\n    mood: calm")
    )
    assert problem.message == "unknown field 'mood' (a typo?)"


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("26/12/2004", "2004-12-26"),
        ("26.12.2004", "2004-12-26"),
        ("Dec 26 2004", "2004-12-26"),
        ("December 26, 2004", "2004-12-26"),
        ("26 Desember 2004", "2004-12-26"),
        ("26 Des 2004", "2004-12-26"),
        ("2004/12/26", "2004-12-26"),
        ("Oktober 2025", "2025-10"),
        ("Agustus 1945", "1945-08"),
    ],
)
def test_dates_as_newspapers_write_them_suggest_the_notation(written, suggested):
    problem = the_problem(MINIMAL.replace("    date: 2025-10-27", f'    date: "{written}"', 1))
    assert problem.where == "events[0].date (event 'meeting')"
    assert problem.message.startswith(f"'{written}' is not a story date: use YYYY")
    assert problem.message.endswith(f"; did you mean {suggested}?")


def test_an_ambiguous_day_and_month_offers_both():
    assert (
        date_hint("03/04/2025")
        == "; did you mean 2025-04-03 (day/month) or 2025-03-04 (month/day)?"
    )


@pytest.mark.parametrize(
    "written", ["31/02/2025", "yesterday", "Dec 2004 or 2005", "9" * 5000, "٢٠٢٥/١٠/٢٧"]
)
def test_no_suggestion_when_there_is_no_real_date(written):
    assert date_hint(written) == ""
