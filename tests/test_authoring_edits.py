"""The author page's editing logic, without Streamlit: field paths, the tables' rows and
the edits made in them, adding, removing and reordering, texts and their languages."""

from __future__ import annotations

import copy

import pytest
from story_helpers import FIRST_STORY

from storymap.authoring import order
from storymap.authoring.lists import apply_delta, columns_for, items_from_rows, list_rows
from storymap.authoring.paths import (
    anchor,
    get_at,
    parse_path,
    path_text,
    renumber,
    set_at,
    todo_parts,
)
from storymap.authoring.rows import (
    event_rows,
    events_from_rows,
    place_rows,
    places_from_rows,
    reads_as,
)
from storymap.authoring.starts import from_file
from storymap.authoring.texts import drop_language, missing, placeholders
from storymap.dates import PartialDate


@pytest.fixture
def data() -> dict:
    return copy.deepcopy(from_file(FIRST_STORY).data)


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("events[2].date (event 'visit')", ("events", 2, "date")),
        ("title.en", ("title", "en")),
        ("places[0].coordinates.lat (place 'moscow')", ("places", 0, "coordinates", "lat")),
        ("events[11].quote.text.pt-BR", ("events", 11, "quote", "text", "pt-BR")),
        ("categories[1].name (category 'x')", ("categories", 1, "name")),
        ("file", None),
        ("YAML", None),
        ("[3]", None),
    ],
)
def test_problem_fields_read_as_paths(where, path):
    assert parse_path(where) == path
    if path:
        assert parse_path(path_text(path)) == path


def test_anchors_are_plain_html_ids():
    assert anchor(("events", 2, "date")) == "f-events-2-date"
    assert anchor(("events", 0, "quote", "text", "pt-BR")) == "f-events-0-quote-text-pt-br"
    assert anchor(("title", '"><script>')) == "f-title-script"
    assert anchor(None) == "f-file"


def test_set_at_writes_a_copy_and_blank_removes(data):
    changed = set_at(data, ("events", 0, "title", "en"), "New")
    assert get_at(changed, ("events", 0, "title", "en")) == "New"
    assert get_at(data, ("events", 0, "title", "en")) != "New"
    cleared = set_at(changed, ("events", 0, "title", "en"), "")
    assert "en" not in get_at(cleared, ("events", 0, "title"))
    both = set_at(cleared, ("events", 0, "title", "id"), None)
    assert "title" not in both["events"][0]  # an emptied text is missing, so the check says so
    made = set_at(data, ("events", 1, "quote", "speaker"), "Putin")
    assert made["events"][1]["quote"] == {"speaker": "Putin"}
    assert get_at(data, ("events", 99, "id"), "none") == "none"


def test_renumber_follows_moves_and_drops_removed():
    todo = ["title.en", "events[0].summary.en", "events[2].date", "events[3]", "places[0].name.id"]
    assert renumber(todo, "events", {0: 1, 1: 0, 2: None, 3: 2}) == [
        "title.en",
        "events[1].summary.en",
        "events[2]",
        "places[0].name.id",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-early", "awal Oktober 2025 / early October 2025"),
        ("2025-07~", "sekitar Juli 2025 / about July 2025"),
        ("1948", "1948"),
        ("", ""),
    ],
)
def test_dates_read_as_in_every_story_language(value, expected):
    assert reads_as(value, ["id", "en"]) == expected


def test_a_bad_date_reads_as_why():
    assert reads_as("2025-02-30", ["id", "en"]).startswith(
        "⚠ '2025-02-30': February 2025 has days 1 to 28"
    )
    assert "is not a story date" in reads_as("27/10/2025", ["en"])


def test_event_rows_show_dates_places_titles_and_missing_translations(data):
    del data["events"][1]["summary"]["en"]
    rows = event_rows(data, ["id", "en"], range(0, 3))
    assert [row["_item"] for row in rows] == [0, 1, 2]
    assert rows[0]["reads_as"] == "1948" and rows[0]["places"] == ["moscow", "pyongyang"]
    assert rows[0]["title.en"].startswith("The Soviet Union")
    assert rows[1]["missing"] == "en: summary" and rows[0]["missing"] == ""


def test_edited_added_and_removed_event_rows_write_back_keeping_other_fields(data):
    rows = event_rows(data, ["id", "en"], range(0, 4))
    delta = {
        "edited_rows": {1: {"date": "2022-03", "title.en": "Edited"}},
        "added_rows": [{"id": "fresh", "title.en": "A new one"}],
        "deleted_rows": [0],
    }
    new = events_from_rows(data, apply_delta(rows, delta), range(0, 4))
    events = new["events"]
    assert len(events) == len(data["events"])  # one removed, one added
    assert events[0]["id"] == data["events"][1]["id"] and events[0]["date"] == "2022-03"
    assert events[0]["title"] == {"id": data["events"][1]["title"]["id"], "en": "Edited"}
    assert events[0]["sources"] == data["events"][1]["sources"]  # not in the table: kept
    added = events[3]
    assert added["id"] == "fresh" and added["title"]["en"] == "A new one"
    assert added["date"] == events[2]["date"] and added["sources"]  # like the one before it
    assert events[4:] == data["events"][4:]


def test_place_rows_write_coordinates_and_rename_references(data):
    rows = place_rows(data, ["id", "en"], range(0, 2), {0: ("gazetteer: 55.7, 37.6", "")})
    assert rows[0]["located"].startswith("gazetteer") and rows[0]["lat"] is None
    delta = {"edited_rows": {0: {"id": "moskva", "lat": 55.75, "lon": 37.62}}}
    new = places_from_rows(data, apply_delta(rows, delta), range(0, 2))
    place = new["places"][0]
    assert place["id"] == "moskva"
    assert place["coordinates"] == {
        "lat": 55.75,
        "lon": 37.62,
        "precision_km": 1.0,
        "source": "entered on the author page",
    }
    assert "moskva" in new["events"][0]["places"] and "moscow" not in new["events"][0]["places"]
    cleared = places_from_rows(
        new,
        apply_delta(
            place_rows(new, ["id", "en"], range(0, 1), {}),
            {"edited_rows": {0: {"lat": None, "lon": None}}},
        ),
        range(0, 1),
    )
    assert "coordinates" not in cleared["places"][0]  # located by its name again


def test_small_lists_round_trip_with_one_outlet_or_one_per_language():
    columns = columns_for([], ["outlet", "claim"], ["id", "en"])
    items = [
        {"outlet": "CNA"},
        {"outlet": {"id": "Media resmi", "en": "State media"}, "claim": {"id": "a", "en": "b"}},
    ]
    rows = list_rows(items, columns)
    assert rows[0]["outlet.id"] == rows[0]["outlet.en"] == "CNA"
    back = items_from_rows(rows, columns, items)
    assert back == items
    edited = apply_delta(
        rows,
        {
            "edited_rows": {0: {"outlet.en": "CNA English"}},
            "added_rows": [{"outlet.id": "AP", "outlet.en": "AP"}],
            "deleted_rows": [1],
        },
    )
    assert items_from_rows(edited, columns, items) == [
        {"outlet": {"id": "CNA", "en": "CNA English"}},
        {"outlet": "AP"},
    ]


def test_add_move_sort_and_remove_events_keep_the_todo_list_true(data):
    data["draft"] = {"made_by": "test", "todo": ["events[0].summary.en", "events[2].date"]}
    added, index = order.add_event(data, 0)
    assert index == 1 and added["events"][1]["id"].startswith("event-")
    assert added["draft"]["todo"] == [
        "events[0].summary.en", "events[3].date",
        "events[1].category (a new event: the category of the one before)",
    ]  # fmt: skip
    assert added["events"][1]["category"] == data["events"][0]["category"]
    moved = order.move_event(data, 0, 2)
    assert moved["events"][2]["id"] == data["events"][0]["id"]
    assert moved["draft"]["todo"] == ["events[2].summary.en", "events[1].date"]
    keys = [
        PartialDate.parse(e["date"]).sort_key() for e in order.sort_events_by_date(moved)["events"]
    ]
    assert keys == sorted(keys)
    removed = order.remove_event(data, 0)
    assert (
        removed["draft"]["todo"] == ["events[1].date"]
        and len(removed["events"]) == len(data["events"]) - 1
    )


def test_a_place_in_use_is_not_removed(data):
    with pytest.raises(
        order.PlaceInUse, match=r"'moscow' is used by \d+ event\(s\) \(soviet-recognition"
    ):
        order.remove_place(data, 0)
    added, index = order.add_place(data)
    assert order.remove_place(added, index)["places"] == data["places"]


def test_written_fields_leave_the_todo_list():
    data = {"draft": {"made_by": "x", "todo": ["title.en", "events[0].date"]}}
    assert order.todo_done(data, [("title", "en")])["draft"]["todo"] == ["events[0].date"]
    assert order.todo_done(data, [("subtitle", "en")]) is data


def test_missing_texts_placeholders_and_dropping_a_language(data):
    data["title"]["es"] = "Rusia"
    del data["subtitle"]["en"]
    assert (("subtitle",), "en") in missing(data, ["id", "en"])
    data["events"][0]["summary"]["en"] = "[write: a summary]"
    assert list(placeholders(data)) == [("events", 0, "summary", "en")]
    dropped = drop_language(data, "es")
    assert "es" not in dropped["title"] and data["title"]["es"] == "Rusia"


def test_a_draft_todo_item_may_say_why_and_keeps_its_reason_as_events_move():
    item = "events[2].places (no place in its sentence: placed at the dateline)"
    assert todo_parts(item) == (
        "events[2].places",
        "no place in its sentence: placed at the dateline",
    )
    assert parse_path(item) == ("events", 2, "places")
    assert renumber([item], "events", {2: 0}) == [
        "events[0].places (no place in its sentence: placed at the dateline)"
    ]
    data = {"draft": {"made_by": "x", "todo": [item, "events[2].date"]}}
    assert order.todo_done(data, [("events", 2, "places")])["draft"]["todo"] == ["events[2].date"]


def test_a_date_note_written_for_the_date_before_goes_on_the_list_to_check():
    note = {"id": "Artikel menulis \"Senin\", yakni 21 Agustus 2023",
            "en": "The article says \"Monday\", that is 21 August 2023"}  # fmt: skip
    old = {"draft": {"made_by": "test", "todo": []},
           "events": [{"id": "ruto", "date": "2023-08-21", "date_note": note}, {"id": "b"}]}  # fmt: skip
    new = order.reordered(old, "events", [0, 1])
    new["events"][0]["date"] = "2023-08-22"
    path = ("events", 0, "date")
    flagged = order.date_note_to_recheck(old, new, path)
    assert flagged["draft"]["todo"] == [
        "events[0].date_note (written for the date before, 2023-08-21: does it still say the date?)"
    ]
    assert order.date_note_to_recheck(old, flagged, path) is flagged  # listed once
    assert order.date_note_to_recheck(old, old, path) is old  # the same date: nothing to check
    plain = order.reordered(old, "events", [1, 0])
    assert order.date_note_to_recheck(plain, plain, ("events", 0, "date")) is plain  # no note
