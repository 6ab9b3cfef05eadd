"""Places checked against their country, suggestions from their own country, other spellings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from story_helpers import FIRST_STORY, FIXTURES, ROOT

from storymap.cli import main
from storymap.geocoding import CuratedLayer, Query, UnresolvedPlaces, geocode_story
from storymap.geocoding.place_checks import country_name
from storymap.loading import parse_story

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
MOSCOW = "  - id: moscow\n    name: {id: Moskow, en: Moscow}\n    kind: city\n    country: RU\n"


def story_with_place(name: str, kind: str, country: str, extra: str = ""):
    place = f"  - id: moscow\n    name: {{id: {name}, en: {name}}}\n    kind: {kind}\n    country: {country}\n{extra}"
    return parse_story(MINIMAL.replace(MOSCOW, place))


def unresolved(story) -> str:
    with pytest.raises(UnresolvedPlaces) as caught:
        geocode_story(story)
    [item] = caught.value.unresolved
    return item.describe()


# --- country codes ------------------------------------------------------------------------------


def test_a_country_with_the_wrong_code_names_both_countries(gazetteer):
    message = unresolved(story_with_place("Sri Lanka", "country", "SL"))
    assert message == "'Sri Lanka': SL is Sierra Leone; Sri Lanka is LK"


def test_a_country_named_in_indonesian_is_its_own_code(gazetteer):
    located = geocode_story(story_with_place("Korea Utara", "country", "KP"))
    assert located["moscow"].layer == "countries"


def test_a_city_in_the_wrong_country_says_where_it_is(gazetteer):
    message = unresolved(story_with_place("Colombo", "city", "SL"))
    assert message == "'Colombo': not found in SL (Sierra Leone); Colombo is in LK (Sri Lanka)"


def test_a_code_that_is_no_country(gazetteer):
    assert unresolved(story_with_place("London", "city", "UK")) == (
        "'London': UK is not an ISO 3166-1 country code; London is in GB (United Kingdom)"
    )
    assert unresolved(story_with_place("Inggris Raya", "country", "UK")) == (
        "'Inggris Raya': UK is not an ISO 3166-1 country code; Inggris Raya is GB"
    )


def test_a_misspelt_city_gets_suggestions_not_a_namesake_abroad(gazetteer):
    message = unresolved(story_with_place("Khasan", "site", "RU"))
    assert message.startswith("'Khasan' in RU not found")
    assert "IN" not in message  # Hassan, India, is another spelling of Khasan


def test_country_names_come_from_the_data():
    assert country_name("KP") == "North Korea"
    assert country_name("SG") == "Singapore"  # in GeoNames though too small for the outlines
    assert country_name("XX") is None


# --- coordinates outside the country ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "says"),
    [
        (39.03, -125.75, "outside KP (North Korea)"),  # a lost minus sign: the Pacific
        (125.75, 39.03, None),  # lat and lon swapped: refused by the format (lat > 90)
        (39.9, 116.4, "outside KP (North Korea); that point is in CN (China)"),
    ],
)
def test_coordinates_outside_the_country_are_an_error(gazetteer, lat, lon, says):
    coordinates = f"    coordinates: {{lat: {lat}, lon: {lon}, precision_km: 1, source: x}}\n"
    if says is None:
        with pytest.raises(Exception, match="less than or equal to 90"):
            story_with_place("Pyongyang", "city", "KP", coordinates)
        return
    message = unresolved(story_with_place("Pyongyang", "city", "KP", coordinates))
    assert message.startswith(f"'Pyongyang': is at {lat:.4f}, {lon:.4f} (story), ")
    assert says in message
    assert message.endswith("check its coordinates or its country")


def test_coasts_have_a_tolerance(gazetteer):
    offshore = (
        "    coordinates: {lat: 39.15, lon: 127.75, precision_km: 1, source: x}\n"  # off Wonsan
    )
    assert geocode_story(story_with_place("Wonsan", "city", "KP", offshore))["moscow"].lat == 39.15


def test_small_island_countries_are_not_checked(gazetteer):
    anywhere = "    coordinates: {lat: 1.35, lon: 103.82, precision_km: 1, source: x}\n"
    located = geocode_story(story_with_place("Singapore", "city", "SG", anywhere))
    assert located["moscow"].layer == "story"


def test_every_place_of_the_first_story_is_in_its_country(located, story):
    assert set(located) == {place.id for place in story.places}


# --- suggestions --------------------------------------------------------------------------------


def test_curated_suggestions_come_from_the_place_s_country_only():
    curated = CuratedLayer()
    assert curated.suggest(Query(("Kremlin bridge",), "ID")) == []  # no Russian or Korean sites
    assert curated.suggest(Query(("Kalma",), "KP")) == ["Wonsan-Kalma coastal tourist zone"]


def test_gazetteer_suggestions_come_from_the_place_s_country_only(gazetteer):
    suggestions = gazetteer.suggest(Query(("Moskva",), "US"), limit=5)
    assert suggestions
    for name in suggestions:
        assert gazetteer.cities(Query((name,), "US")), name


def test_suggestions_are_the_same_on_every_run():
    script = (
        "import json; from storymap.geocoding import GazetteerLayer, Query\n"
        "g = GazetteerLayer.shared()\n"
        "print(json.dumps([g.suggest(Query((n,), c), 3) for n, c in "
        "[('Sant', 'ES'), ('Park', 'US'), ('Novo', 'RU'), ('Nowy', 'PL')]]))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1
    assert len(json.loads(runs.pop())) == 4


# --- other spellings ----------------------------------------------------------------------------


def test_a_name_found_by_another_spelling_says_which(gazetteer):
    location = geocode_story(story_with_place("Banda Acheh", "city", "ID"))["moscow"]
    assert (location.matched, location.via) == ("Banda Aceh", "Banda Acheh")
    assert "found as 'Banda Acheh', one of GeoNames' other names for Banda Aceh" in location.note


def test_the_own_name_is_not_another_spelling(located):
    assert located["moscow"].via == ""  # "Moscow" is asked first; "Moskow" is only the id name


# --- the command line: one pass ----------------------------------------------------------------


def test_validate_notes_other_spellings(capsys, gazetteer, tmp_path):
    path = tmp_path / "aceh.yaml"
    path.write_text(
        MINIMAL.replace("{id: Moskow, en: Moscow}", "{id: Banda Acheh, en: Banda Acheh}").replace(
            "country: RU", "country: ID"
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "note: place 'moscow': 'Banda Acheh' was found as Banda Aceh, one of its other spellings in gazetteer"
        in out
    )
    assert main(["geocode", str(path)]) == 0
    assert "Banda Aceh (as 'Banda Acheh')" in capsys.readouterr().out


def test_validate_lists_format_and_geocoding_problems_together(capsys, gazetteer, tmp_path):
    text = (FIXTURES / "misspelled_places.yaml").read_text(encoding="utf-8")
    text = text.replace("date: 2025-10-27", "date: 26/12/2004", 1)
    path = tmp_path / "two-kinds.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: 3 problems\n")
    assert "did you mean 2004-12-26?" in err
    assert "(place 'pyongyang'): 'Pyongyangg' in KP not found" in err
    assert "(place 'moscow'): 'Moskoww' in RU not found" in err


def test_geocode_shows_the_places_it_found_even_when_others_fail(capsys, gazetteer):
    code = main(["geocode", str(FIXTURES / "misspelled_places.yaml"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert [row["id"] for row in json.loads(out)] == ["minsk"]
    assert "'Moskoww' in RU not found" in err


def test_geocode_of_the_first_story_still_succeeds(capsys, gazetteer):
    assert main(["geocode", str(FIRST_STORY)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 14
