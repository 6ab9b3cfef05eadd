"""Undated events: a source that gives no date never gets one invented.

An event may leave ``date`` out. It is shown as "Undated"/"Tanpa tanggal", is its own
step, never fails the story order, has no earliest or latest day in tables and exports,
and every view renders it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from story_helpers import FIXTURES

from storymap.cli import main
from storymap.export import export_bytes
from storymap.export.data import events_csv, events_geojson
from storymap.export.picture.marks import story_marks
from storymap.loading import StoryError, parse_story
from storymap.located import LocatedStory
from storymap.payload import reader_payload
from storymap.render import credits_html, event_list_html, overview_html
from storymap.steps import story_steps
from storymap.tables import events_table, filter_days, filter_events

HEAD = """\
id: undated
title: {id: Tanpa tanggal, en: Undated}
subtitle: {id: Peristiwa tanpa tanggal, en: Events without dates}
source: {outlet: Example News, title: An example article, language: en}
places:
  - {id: moscow, name: {id: Moskow, en: Moscow}, kind: city, country: RU}
  - {id: pyongyang, name: {id: Pyongyang, en: Pyongyang}, kind: city, country: KP}
events:
"""


def event(event_id: str, when: str | None, place: str = "moscow") -> str:
    date_line = f"    date: {when!r}\n" if when is not None else ""
    return (
        f"  - id: {event_id}\n{date_line}    places: [{place}]\n    category: diplomacy\n"
        f"    title: {{id: Judul {event_id}, en: Title {event_id}}}\n"
        f"    summary: {{id: Ringkasan., en: Summary.}}\n"
        f"    sources: [{{outlet: Example News}}]\n"
    )


def story_of(*events: str):
    return parse_story(HEAD + "".join(events))


@pytest.fixture(scope="module")
def mixed() -> LocatedStory:
    """Dated, undated, undated, dated: the two undated events in the middle."""
    story = story_of(
        event("first", "2024"),
        event("lost-a", None),
        event("lost-b", None, "pyongyang"),
        event("last", "2025-10-27", "pyongyang"),
    )
    return LocatedStory.of(story)


def test_an_event_may_leave_its_date_out_and_the_source_its_date():
    story = story_of(event("lost", None))
    assert story.events[0].date is None
    assert story.source.date is None


def test_an_empty_date_is_still_an_error_that_says_so():
    with pytest.raises(StoryError, match=r"events\[0\]\.date"):
        parse_story(HEAD + event("lost", "").replace("date: ''", 'date: ""'))


def test_an_undated_event_never_fails_the_story_order_but_dated_ones_still_do():
    story_of(event("late", "2025"), event("lost", None), event("later", "2025-10"))
    with pytest.raises(StoryError, match=r"2024 is before 'late' \(2025\)"):
        story_of(event("late", "2025"), event("lost", None), event("early", "2024"))


def test_each_undated_event_is_its_own_step_even_by_date(mixed):
    steps = story_steps(mixed.story)
    assert [step.events for step in steps if step.kind == "events"] == [(0,), (1,), (2,), (3,)]


def test_the_reader_says_undated_in_each_language_and_the_strip_has_no_tick(mixed):
    payload = reader_payload(mixed)
    assert [e["exact"] for e in payload["map"]["events"]] == [False, False, False, True]
    assert payload["text"]["en"]["events"][1]["date"] == "Undated"
    assert payload["text"]["id"]["events"][2]["date"] == "Tanpa tanggal"
    # 2024 to October 2025: the ticks are months; undated steps have none
    assert [s["tick"] for s in payload["text"]["en"]["steps"]] == [
        "",
        "Jan 2024",
        "",
        "",
        "Oct 2025",
        "",
    ]
    assert payload["text"]["en"]["steps"][2]["label"] == "Undated"
    assert "<strong>Undated</strong>" in payload["text"]["en"]["events"][1]["html"]


def test_the_overview_spans_the_dated_events_or_says_none_are_dated(mixed):
    assert "2024 to 27 October 2025" in overview_html(mixed.story, "overview-start", "en")
    undated = story_of(event("a", None), event("b", None, "pyongyang"))  # both places named
    words = overview_html(undated, "overview-start", "en")
    assert "2 places and 2 undated events." in words
    assert "tanpa tanggal" in overview_html(undated, "overview-start", "id")


def test_the_event_list_and_credits_render_without_dates(mixed):
    assert "<strong>Undated</strong>: Title lost-a" in event_list_html(mixed.story, "en")
    credits = credits_html(mixed.story, "en")
    assert "“An example article”</p>" in credits  # no "(date)" after the title


def test_tables_leave_start_and_end_empty_and_the_filter_keeps_undated_until_narrowed(mixed):
    table = events_table(mixed.story, "en")
    assert table.loc[1, ["date", "start", "end", "precision"]].tolist() == [
        "Undated",
        None,
        None,
        "undated",
    ]
    days = filter_days(table)
    assert days == [date(2024, 1, 1), date(2024, 12, 31), date(2025, 10, 27)]
    assert filter_events(table, between=(days[0], days[-1]))["id"].tolist() == [
        "first",
        "lost-a",
        "lost-b",
        "last",
    ]
    narrowed = filter_events(table, between=(days[0], days[1]))
    assert narrowed["id"].tolist() == ["first"]


def test_data_exports_leave_the_days_of_an_undated_event_empty(mixed):
    rows = list(csv.DictReader(io.StringIO(events_csv(mixed))))
    assert [(r["date"], r["start"], r["end"], r["precision"]) for r in rows[1:3]] == [
        ("", "", "", "undated"),
        ("", "", "", "undated"),
    ]
    features = json.loads(events_geojson(mixed))["features"]
    assert features[1]["properties"]["start"] is None
    assert features[0]["properties"]["start"] == "2024-01-01"


def test_the_picture_draws_a_place_whose_last_event_is_undated_as_vague(mixed):
    marks = {m.place_id: m for m in story_marks(mixed.story, mixed.located, "en")}
    assert marks["moscow"].exact is False  # its last event, lost-a, is undated
    assert marks["pyongyang"].exact is True  # its last event is 27 October 2025


@pytest.mark.parametrize("fmt", ["html", "handout"])
def test_whole_exports_render_an_undated_story(mixed, fmt):
    page = export_bytes(mixed, fmt, "en").decode("utf-8")
    assert "Undated" in page


def test_the_command_line_lists_undated_events_with_empty_days(tmp_path, capsys):
    path = tmp_path / "undated.yaml"
    path.write_text(HEAD + event("lost", None) + event("found", "2025"), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "2 events (2025 to 2025)" in capsys.readouterr().out
    assert main(["events", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] | {"title": ""} == {
        "id": "lost",
        "date": "",
        "start": "",
        "end": "",
        "precision": "undated",
        "places": "moscow",
        "title": "",
    }


def test_the_minimal_fixture_still_has_its_dates():
    story = parse_story((FIXTURES / "minimal.yaml").read_bytes())
    assert str(story.events[0].date) == "2025-10-27"
    assert str(story.source.date) == "2025-10-27"
