"""Checking as the author goes, placing places, and every way to start a story, including
uploads from anyone on the web: each bad file gets one clear line, nothing crashes."""

from __future__ import annotations

import copy
import json
from datetime import date
from types import SimpleNamespace

import pytest
from import_helpers import fixture_path
from story_helpers import FIRST_ARTICLE, FIRST_STORY

from storymap.authoring import order, place_search, placing
from storymap.authoring.checks import check_story
from storymap.authoring.starts import blank_story, from_article, from_file, from_upload
from storymap.authoring.uploads import MAX_UPLOAD_BYTES, UploadRefused, nesting_depth


@pytest.fixture
def data() -> dict:
    return copy.deepcopy(from_file(FIRST_STORY).data)


def test_a_valid_story_checks_clean_and_can_be_previewed(data, gazetteer):
    checked = check_story(data)
    assert checked.ready and checked.issues == ()
    located = checked.located_story()
    assert located is not None and set(located.located) == {p["id"] for p in data["places"]}


def test_an_edit_locates_only_the_places_it_changed_and_finds_what_a_fresh_check_finds(
    data, gazetteer, monkeypatch
):
    from storymap.authoring import checks

    monkeypatch.setattr(checks, "_kept_places", type(checks._kept_places)())  # none kept yet
    asked = []
    locate = checks.locate_place
    monkeypatch.setattr(
        checks, "locate_place", lambda place, layers=None: asked.append(place.id) or locate(place)
    )
    first = check_story(data)
    assert sorted(asked) == sorted(p["id"] for p in data["places"])
    asked.clear()
    data["title"]["en"] = "Another title"  # an edit that leaves every place as it was
    assert check_story(data).located == first.located and asked == []
    data["places"][0]["name"] = {"id": "Moskoww", "en": "Moskoww"}  # one place, now unknown
    data["places"][0].pop("aliases", None)
    data["places"][1]["coordinates"] = {"lat": "north", "lon": 37.6}  # one no longer a place
    again = check_story(data)
    assert asked == [data["places"][0]["id"]]
    monkeypatch.setattr(checks, "_kept_places", type(checks._kept_places)())  # a fresh check
    assert check_story(data).issues == again.issues and again.places[0][0] == ""
    assert 1 not in again.places  # the loader says what is wrong with it


def test_every_problem_is_listed_at_once_each_at_its_field(data, gazetteer):
    data["events"][2]["date"] = "27/10/2025"
    del data["events"][3]["title"]["en"]
    data["places"][0]["name"] = {"id": "Moskoww", "en": "Moskoww"}
    data["places"][0].pop("aliases", None)
    checked = check_story(data)
    assert not checked.ready
    by_path = {issue.path: issue for issue in checked.problems}
    assert "is not a story date" in by_path["events", 2, "date"].message
    assert by_path["events", 3, "title"].message == "the English text (en) is missing"
    assert by_path["events", 3, "title"].anchor == "f-events-3-title"
    assert by_path["places", 0].message.startswith(
        "'Moskoww' in RU not found (did you mean: Moscow"
    )
    assert checked.places[0] == ("", by_path["places", 0].message)


def test_a_longitude_with_the_wrong_sign_is_caught_with_a_hint(data, gazetteer):
    data["places"][0]["coordinates"] = {
        "lat": 55.75,
        "lon": -37.62,
        "precision_km": 1,
        "source": "typed",
    }
    checked = check_story(data)
    issue = next(i for i in checked.problems if i.path == ("places", 0, "coordinates"))
    assert (
        issue.message
        == "55.75, -37.62 is 3,543 km outside Russia (RU), at sea: did you mean longitude 37.62?"
    )
    assert not checked.ready


def test_what_a_draft_still_asks_is_listed_as_things_to_do(data, gazetteer):
    data["draft"] = {"made_by": "x", "todo": ["title.en"]}
    data["events"][0]["summary"]["id"] = "[tulis: ringkasan]"
    checked = check_story(data)
    assert checked.ready  # a draft may be previewed; readers see its banner
    assert [(i.where, i.message) for i in checked.todo] == [
        ("title.en", "to write or check"),
        ("events[0].summary.id", "still a draft's placeholder"),
    ]


def test_a_todo_item_with_a_reason_shows_the_reason_and_opens_its_field(data, gazetteer):
    data["draft"] = {"made_by": "x", "todo": ["events[0].places (placed at the dateline)"]}
    [issue] = check_story(data).todo
    assert (issue.where, issue.message, issue.path) == (
        "events[0].places (placed at the dateline)",
        "placed at the dateline",
        ("events", 0, "places"),
    )


def test_places_outside_their_country_and_the_slips_that_put_them_there():
    assert placing.outside_country(55.75, 37.62, "RU") is None
    assert placing.outside_country(39.03, 125.75, "RU").endswith(
        "in North Korea (KP): check the coordinates or the country"
    )
    assert "did you mean latitude 39.03?" in placing.outside_country(-39.03, 125.75, "KP")
    assert "are latitude and longitude swapped (39.03, 125.75)?" in placing.outside_country(
        125.75, 39.03, "KP"
    )
    assert placing.outside_country(1.29, 103.85, "SG") is None  # too small for the outlines
    assert placing.outside_country(-8.65, 115.2, "ID") is None  # Bali, within the coast tolerance
    assert placing.outside_country(float("nan"), 10, "DE") is None  # said by the schema instead


@pytest.mark.parametrize(
    ("zoom", "lat", "precision"),
    [(2, 0, 313.0), (5, 55, 22.0), (9, 55, 1.4), (16, 0, 0.019)],
)
def test_a_click_is_as_precise_as_the_zoom_shows(zoom, lat, precision):
    assert placing.precision_for_zoom(zoom, lat) == precision


def test_a_click_gives_rounded_coordinates_and_says_where_they_came_from():
    clicked = placing.clicked_coordinates(55.7512345, 37.6172345 + 360, 9)
    assert clicked == {
        "lat": 55.751,
        "lon": 37.617,
        "precision_km": 1.4,
        "source": "clicked on the map on the author page (zoom 9)",
    }
    with pytest.raises(ValueError):
        placing.clicked_coordinates(float("nan"), 0, 3)


def test_candidates_for_a_name_come_with_their_country_and_layer(gazetteer):
    found = place_search.candidates("Moscow", "RU")
    assert (found[0].name, found[0].country, found[0].layer) == ("Moscow", "RU", "gazetteer")
    idaho = place_search.candidates("Moscow", "US")[0]
    assert (idaho.country, round(idaho.lon)) == ("US", -117)
    kremlin = place_search.candidates("Kremlin", "RU")[0]
    assert kremlin.layer == "curated" and kremlin.name == "Moscow Kremlin"
    assert place_search.candidates("Russia", "RU", "country")[0].layer == "countries"
    assert place_search.candidates("   ") == []


def test_a_blank_story_lists_what_to_write(gazetteer):
    checked = check_story(blank_story())
    assert {issue.kind for issue in checked.issues} == {"place", "todo"}
    assert any(i.path == ("places", 0) for i in checked.problems)


@pytest.mark.skipif(not FIRST_ARTICLE.exists(), reason=f"the article is not here: {FIRST_ARTICLE}")
def test_an_article_becomes_a_draft_that_validates(gazetteer):
    begun = from_article(FIRST_ARTICLE.read_bytes(), FIRST_ARTICLE.name, date(2025, 10, 27))
    checked = check_story(begun.data)
    assert checked.ready and len(begun.data["events"]) >= 8
    assert begun.origin == {"kind": "article", "name": FIRST_ARTICLE.name}
    assert checked.todo and begun.report[0].startswith("a draft with")


def test_an_article_with_no_date_gives_an_undated_draft(gazetteer):
    begun = from_article(
        "Hello there. Nothing happened in Moscow.", "pasted.txt", date(2025, 10, 27)
    )
    assert [e.get("date") for e in begun.data["events"]] == [None]
    assert begun.report[0].startswith("a draft with 1 events")


def test_a_story_file_starts_with_the_time_it_was_read():
    begun = from_file(FIRST_STORY)
    assert begun.origin["mtime_ns"] == FIRST_STORY.stat().st_mtime_ns and begun.data["id"]


def test_an_invalid_story_upload_is_kept_as_data_to_fix():
    text = FIRST_STORY.read_text("utf-8").replace("date: 2025-10-27\n", "date: 2025-02-30\n", 1)
    begun = from_upload("story.yaml", text.encode())
    assert begun.data is not None and begun.raw is None
    assert "2025-02-30" in json.dumps(begun.data)


def test_an_upload_that_is_not_yaml_is_kept_as_text_to_fix():
    begun = from_upload("story.yaml", b"id: x\ntitle: [unclosed\n")
    assert begun.data is None and begun.raw == "id: x\ntitle: [unclosed\n"
    assert begun.problems and "YAML" in begun.problems[0]


# Hostile uploads: one clear line each, and the page keeps running.
ALIAS_BOMB = b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "big.yaml",
            b"x" * (MAX_UPLOAD_BYTES + 1),
            r"big\.yaml is 5\.0 MB: a story file may be at most 5\.0 MB \(5,242,880 bytes\)",
        ),
        ("empty.yaml", b"  \n", r"empty\.yaml is empty"),
        (
            "picture.yaml",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,
            r"picture\.yaml is a PNG picture, not a story file",
        ),
        ("archive.json", b"PK\x03\x04rest", r"is a zip archive"),
        (
            "binary.yaml",
            b"id: x\n\x00\x01\x02",
            r"binary\.yaml is binary data \(it contains NUL bytes\)",
        ),
        (
            "utf16.yaml",
            "id: story\n".encode("utf-16"),
            r"utf16\.yaml is UTF-16 text: save it as UTF-8",
        ),
        ("utf16be.yaml", "id: story\ntitle: x\n".encode("utf-16-be"), r"is UTF-16 text"),
        (
            "latin1.yaml",
            "id: café\n".encode("latin-1"),
            r"latin1\.yaml is not UTF-8 text \(byte 7 is not valid\)",
        ),
        (
            "deep.json",
            b"[" * 5000 + b"]" * 5000,
            r"deep\.json is nested 5,000 levels deep; at most 200 are read",
        ),
        ("broken.json", b'{"a": 1,,}', r"broken\.json is not valid JSON: line 1"),
        (
            "hello.json",
            b'{"hello": "world"}',
            r"hello\.json is JSON, but not a story this page reads",
        ),
        ("list.json", b"[1, 2, 3]", r"list\.json is JSON, but not a story"),
        ("article.txt", b"Moscow, Monday.", r"article\.txt looks like an article"),
    ],
)
def test_hostile_uploads_are_refused_in_one_line(name, content, message):
    with pytest.raises(UploadRefused, match=message) as caught:
        from_upload(name, content)
    assert "\n" not in str(caught.value)


def test_a_yaml_alias_bomb_is_refused_with_its_line():
    begun = from_upload("bomb.yaml", ALIAS_BOMB)
    assert begun.data is None
    assert begun.problems == (
        "line 1: file: uses a YAML anchor or alias (&a), which story files do not allow: write the value out where it is needed",
    )


def test_deep_yaml_nesting_is_refused_with_its_line():
    begun = from_upload("deep.yaml", b"id: " + b"[" * 5000 + b"]" * 5000)
    assert begun.data is None and "exceeded maximum nesting depth" in begun.problems[0]


def test_nesting_depth_ignores_brackets_in_strings():
    assert nesting_depth('{"a": "[[[[", "b": [{"c": "\\"]"}]}') == 3


def test_our_story_as_json_opens_as_a_story():
    text = json.dumps(from_file(FIRST_STORY).data)
    assert from_upload("story.json", text.encode()).data["id"] == "russia-north-korea"


@pytest.mark.parametrize(
    "fixture",
    ["storymapjs/katrina.json", "storymapjs-csv/storymapjs-template.csv", "timelinejs/welcome.json",
     "timelinejs/women_in_computing.csv"],
)  # fmt: skip
def test_published_knight_lab_files_start_a_story(fixture):
    path = fixture_path(fixture)
    begun = from_upload(path.name, path.read_bytes())
    assert begun.origin == {"kind": "upload", "name": path.name, "imported": True}
    assert begun.data["events"] and check_story(begun.data).story is not None
    assert all("\n" not in line for line in begun.report)


def test_imports_go_through_the_importers_contract():
    calls = []

    def import_story(data: bytes, fmt: str | None = None, name: str = "upload"):
        calls.append((data[:12], fmt, name))
        story = from_file(FIRST_STORY).data
        return SimpleNamespace(
            story=story, report=["slide 3: no date, read as 2025~"], yaml=lambda: ""
        )

    geojson = json.dumps({"type": "FeatureCollection", "features": []}).encode()
    begun = from_upload("places.geojson", geojson, import_story)
    assert calls == [(geojson[:12], None, "places.geojson")]
    assert begun.data["id"] == "russia-north-korea" and begun.report == (
        "slide 3: no date, read as 2025~",
    )
    assert begun.origin == {"kind": "upload", "name": "places.geojson", "imported": True}


def test_an_importer_that_fails_gives_one_line():
    from storymap.errors import StorymapError

    def refuses(data, fmt=None, name="upload"):
        raise StorymapError("timeline.json: events[2].start_date: no year\nsecond line")

    def crashes(data, fmt=None, name="upload"):
        raise KeyError("slides")

    timeline = json.dumps({"events": [{"start_date": {}}]}).encode()
    with pytest.raises(
        UploadRefused,
        match=r"^timeline\.json: timeline\.json: events\[2\]\.start_date: no year; second line$",
    ):
        from_upload("timeline.json", timeline, refuses)
    with pytest.raises(UploadRefused, match=r"^timeline\.json could not be imported: 'slides'$"):
        from_upload("timeline.json", timeline, crashes)


@pytest.mark.slow  # a minute and more: make test runs it, make test-fast leaves it out
def test_ten_thousand_events_upload_and_check(gazetteer):
    import yaml

    from storymap.synthetic import synthetic_story

    text = yaml.dump(synthetic_story(10_000), Dumper=yaml.CSafeDumper, sort_keys=False)
    begun = from_upload("big.yaml", text.encode())
    assert len(begun.data["events"]) == 10_000
    checked = check_story(begun.data)
    # each synthetic place lies in the country it names: the whole story checks clean
    assert checked.story is not None and checked.problems == []
    # a longitude typed with the wrong sign puts that one place outside its country
    first = begun.data["places"][0]
    first["coordinates"]["lon"] = -first["coordinates"]["lon"]
    flagged = check_story(begun.data).problems
    assert len(flagged) == 1 and flagged[0].path[:2] == ("places", 0)
    assert "outside" in flagged[0].message


def test_five_thousand_places_check(gazetteer):
    import random

    rng = random.Random(1)
    places = [
        {"id": f"p-{i}", "name": text_of(f"Place {i}"), "kind": "site", "country": "RU",
         "coordinates": {"lat": round(rng.uniform(55, 62), 4), "lon": round(rng.uniform(40, 90), 4),
                         "precision_km": 1, "source": "generated"}}
        for i in range(5000)
    ]  # fmt: skip
    events = [
        {"id": f"e-{i}", "date": "2025", "places": [f"p-{j}" for j in range(i * 500, i * 500 + 500)],
         "category": "society", "title": text_of("x"), "summary": text_of("x"), "sources": [{"outlet": "x"}]}
        for i in range(10)
    ]  # fmt: skip
    data = {"id": "many-places", "title": text_of("x"), "subtitle": text_of("x"), "places": places,
            "source": {"outlet": "x", "title": "x", "date": "2025", "language": "en"}, "events": events}  # fmt: skip
    checked = check_story(data)
    assert checked.ready and len(checked.located) == 5000


def test_a_story_with_one_event_is_ready(gazetteer):
    data = from_file(FIRST_STORY).data
    data["events"] = data["events"][-1:]
    checked = check_story(data)
    assert (
        checked.ready and len(checked.located_story().steps) == 3
    )  # overview, the event, overview


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            ("places", 0, "coordinates"),
            {"lat": 91, "lon": 0, "precision_km": 1, "source": "x"},
            "less than or equal to 90",
        ),
        (
            ("places", 0, "coordinates"),
            {"lat": float("nan"), "lon": 0, "precision_km": 1, "source": "x"},
            "lat",
        ),
        (("events", 0, "date"), "0000", "year 0000 does not exist"),
        (("events", 0, "date"), "99999", "is not a story date"),
        (
            ("events", 0, "media"),
            [{"url": "javascript:alert(1)", "credit": "x"}],
            "should match pattern",
        ),
    ],
)
def test_hostile_values_are_problems_at_their_field(field, value, message, gazetteer):
    from storymap.authoring.paths import set_at

    data = set_at(from_file(FIRST_STORY).data, field, value)
    checked = check_story(data)
    assert not checked.ready
    assert any(
        issue.path[: len(field)] == field and message in str(issue) for issue in checked.problems
    )


def text_of(value: str) -> dict[str, str]:
    return {"id": value, "en": value}


def test_one_search_over_every_country_the_story_s_own_first(gazetteer):
    africa = ["ID", "KE", "TZ", "MZ"]  # a tour of Africa from Indonesia
    dar = place_search.candidates("Dar es Salaam", ["MZ"])[0]  # not in the place's country
    assert (dar.name, dar.country, dar.kind) == ("Dar es Salaam", "TZ", "city")
    assert place_search.candidates("Mozambik", africa)[0].kind == "country"  # Indonesian name
    lake = place_search.candidates("Danau Toba", africa)[0]
    assert (lake.country, lake.kind, lake.precision_km > 5) == ("ID", "region", True)
    airport = place_search.candidates("Kualanamu", [])[0]
    assert (airport.kind, airport.country) == ("site", "ID")
    moscow = place_search.candidates("Moscow", ["US"])  # the story's country first
    assert moscow[0].country == "US" and "RU" in {c.country for c in moscow}
    typo = place_search.candidates("Dar es Salam", ["TZ"])[0]  # close names at home
    assert typo.name == "Dar es Salaam"


def test_choosing_a_result_fills_the_whole_place_and_its_id_follows():
    data = {
        "languages": ["id", "en"],
        "places": [{"id": "nairobi", "name": {"id": "Nairobi", "en": "Nairobi"}}],
        "events": [{"id": "e", "places": ["place-2"]}],
    }
    data, index = order.add_place(data)
    assert data["places"][index] == {"id": "place-2"}  # empty: no country, no name to look up
    data["places"][index]["name"] = {"id": "[tulis: nama tempat]", "en": ""}
    dar = place_search.Candidate("Dar es Salaam", -6.82349, 39.26951, "TZ", "gazetteer", 5.0,
                                 "GeoNames 160263", "city")  # fmt: skip
    filled = place_search.chosen(data, index, dar)
    place = filled["places"][index]
    assert place["name"] == {"id": "Dar es Salaam", "en": "Dar es Salaam"}
    assert (place["country"], place["kind"], place["id"]) == ("TZ", "city", "dar-es-salaam")
    assert place["coordinates"] == {
        "lat": -6.82349, "lon": 39.26951, "precision_km": 5.0,
        "source": "gazetteer: Dar es Salaam (GeoNames 160263)",
    }  # fmt: skip
    assert filled["events"][0]["places"] == ["dar-es-salaam"]  # the event follows the new id
    named = {**data, "places": [data["places"][0], {"id": "dsm", "name": {"en": "Dar"}}]}
    assert place_search.chosen(named, 1, dar)["places"][1]["id"] == "dsm"  # typed: kept
    assert place_search.story_countries(filled, "MZ") == ["MZ", "TZ"]


def test_a_name_not_found_in_its_country_says_where_it_is(gazetteer):
    data = blank_story()
    data["places"] = [{"id": "dar", "name": {"id": "Dar es Salaam", "en": "Dar es Salaam"},
                       "kind": "city", "country": "MZ"}]  # fmt: skip
    [problem] = [i for i in check_story(data).problems if i.path == ("places", 0)]
    assert problem.message == "'Dar es Salaam' in MZ not found: did you mean Dar es Salaam (TZ)?"


def test_ids_are_made_from_names_and_never_cut_mid_word():
    from storymap.authoring.ids import follow_written
    from storymap.draft.place_entries import slug

    long = "Presiden Jokowi kunjungi empat destinasi kepresidenan di benua Afrika pekan ini"
    assert slug(long) == "presiden-jokowi-kunjungi-empat-destinasi-kepresidenan-di"
    assert len(slug(long)) <= 60 and slug("x" * 80) == "x" * 60
    data = {"events": [{"id": "event-3", "title": {"en": "[write: the title]"}}, {"id": "meets"}]}
    written = {"events": [{"id": "event-3", "title": {"en": "Jokowi meets Ruto"}}, {"id": "meets"}]}
    path = ("events", 0, "title", "en")
    assert follow_written(data, written, path)["events"][0]["id"] == "jokowi-meets-ruto"
    again = {"events": [{"id": "jokowi-meets-ruto", "title": {"en": "Jokowi meets Samia"}}]}
    before = {"events": [{"id": "jokowi-meets-ruto", "title": {"en": "Jokowi meets Ruto"}}]}
    assert follow_written(before, again, path)["events"][0]["id"] == "jokowi-meets-samia"
    typed = {"events": [{"id": "state-house", "title": {"en": "Jokowi meets Samia"}}]}
    assert follow_written(before, typed, path)["events"][0]["id"] == "state-house"


def test_a_place_typed_into_an_event_is_found_by_name_and_named_by_it(gazetteer):
    data = {
        "languages": ["id", "en"],
        "places": [{"id": "tanzania", "name": {"id": "Tanzania", "en": "Tanzania"},
                    "kind": "country", "country": "TZ"}],
        "events": [{"id": "visit", "places": ["tanzania"]}],
        "draft": {"made_by": "test", "todo": []},
    }  # fmt: skip
    data, place_id = place_search.place_named(data, "Dar es Salaam")
    place = data["places"][-1]
    assert place_id == place["id"] == "dar-es-salaam"
    assert (place["country"], place["kind"], place["name"]["id"]) == ("TZ", "city", "Dar es Salaam")
    assert data["draft"]["todo"] == []  # one country has that name: nothing to check
    data, place_id = place_search.place_named(data, "Moscow")  # Russia, Idaho…: to be checked
    assert data["draft"]["todo"] == [
        "places[2] (the first of several places named 'Moscow': Moscow, RU)"
    ]
    data, place_id = place_search.place_named(data, "Xyzzyq Qwrtz")
    assert place_id == "xyzzyq-qwrtz" and "coordinates" not in data["places"][-1]


def test_a_place_no_event_names_is_not_on_the_list_to_check(gazetteer):
    data = from_file(FIRST_STORY).data
    data["draft"] = {"made_by": "test", "todo": ["places[0]", "places[1]"]}
    used = {p for e in data["events"] for p in e.get("places", [])}
    assert data["places"][0]["id"] in used
    data["places"].append({"id": "unused", "name": {"id": "Bogor", "en": "Bogor"},
                           "kind": "city", "country": "ID"})  # fmt: skip
    data["draft"]["todo"].append(f"places[{len(data['places']) - 1}]")
    todo = [i.where for i in check_story(data).todo]
    assert "places[0]" in todo and f"places[{len(data['places']) - 1}]" not in todo


def test_a_place_typed_that_the_story_has_is_that_place(gazetteer):
    data = {
        "languages": ["id", "en"],
        "places": [{"id": "kuala-namu-international-airport", "kind": "site", "country": "ID",
                    "name": {"id": "Kualanamu", "en": "Kuala Namu International Airport"}}],
    }  # fmt: skip
    same, place_id = place_search.place_named(data, "Kualanamu")
    assert place_id == "kuala-namu-international-airport" and same is data
    assert place_search.place_named(data, "kuala namu international airport")[0] is data


def test_a_drafted_id_follows_the_first_name_written_and_a_drafts_story_id_its_title():
    from storymap.authoring.ids import follow_written

    drafted = {"id": "kenya-undated", "title": {"id": "[tulis: judul]", "en": "[write: title]"}}
    data = {"draft": {"made_by": "test"}, "events": [drafted]}
    written = {**data, "events": [{**drafted, "title": {**drafted["title"], "en": "Jokowi in "
                                                         "Mozambique"}}]}  # fmt: skip
    path = ("events", 0, "title", "en")
    assert follow_written(data, written, path)["events"][0]["id"] == "jokowi-in-mozambique"
    kept = {"events": [{"id": "kenya-undated", "title": {"en": "Kenya"}}]}  # named: typed id
    renamed = {"events": [{"id": "kenya-undated", "title": {"en": "Jokowi in Kenya"}}]}
    assert follow_written(kept, renamed, path)["events"][0]["id"] == "kenya-undated"

    headline = "Presiden Jokowi Kunjungi 4 Destinasi Kepresidenan di Benua Afrika"
    story = {"id": "presiden-jokowi-kunjungi-4-destinasi-kepresidenan-di-benua",
             "title": {"id": headline, "en": "[write: the title]"}, "draft": {"made_by": "t"}}  # fmt: skip
    titled = {**story, "title": {"id": headline, "en": "Jokowi in Africa: four countries"}}
    assert follow_written(story, titled, ("title", "en"))["id"] == "jokowi-in-africa-four-countries"
    published = {k: v for k, v in titled.items() if k != "draft"}  # readers' links: kept
    assert follow_written(story, published, ("title", "en"))["id"] == story["id"]
    typed = {**titled, "id": "africa-tour"}
    assert follow_written({**story, "id": "africa-tour"}, typed, ("title", "en"))["id"] == (
        "africa-tour"
    )
