"""The command line: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from geopy.exc import GeocoderUnavailable
from story_helpers import FIRST_STORY, FIXTURES, ROOT, SCHEMA

import storymap.geocoding.online
from storymap.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- validate ---------------------------------------------------------------------------------


def test_validate_the_first_story(capsys, gazetteer):
    code, out, err = run(capsys, "validate", FIRST_STORY)
    assert code == 0
    assert err == ""
    [line] = out.splitlines()
    assert line.startswith(f"ok: {FIRST_STORY}: 'Russia and North Korea, ever closer': ")
    assert "14 events (1948 to 2025-10~), 13 places, all located" in line
    assert "(countries, curated, gazetteer)" in line


@pytest.mark.parametrize("name", ["minimal.yaml", "html_injection.yaml"])
def test_validate_valid_fixtures(capsys, gazetteer, name):
    code, out, _ = run(capsys, "validate", FIXTURES / name)
    assert code == 0
    assert out.startswith("ok: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unknown_field.yaml", "events[0].location (event 'meeting'): unknown field 'location'"),
        ("impossible_date.yaml", "February 2025 has days 1 to 28, not 30"),
        ("unknown_place.yaml", "unknown place id 'atlantis' (not in places)"),
        ("duplicate_id.yaml", "duplicate id 'moscow' (first used by places[0])"),
        ("event_without_place.yaml", "required field 'places' is missing"),
        ("empty.yaml", "is empty"),
        ("malformed.yaml", "line 4: YAML: "),
        ("alias_bomb.yaml", "alias"),
        ("out_of_order.yaml", "events are in story order, oldest first"),
        ("duplicate_key.yaml", "the key appears twice"),
        ("several_problems.yaml", "5 problems"),
        ("misspelled_places.yaml", "places[1] (place 'moscow'): 'Moskoww' in RU not found"),
    ],
)
def test_validate_bad_fixtures(capsys, gazetteer, name, expected):
    code, out, err = run(capsys, "validate", FIXTURES / name)
    assert code == 1
    assert out == ""
    assert err.startswith("error: ")
    assert expected in err


def test_validate_impossible_date_names_the_line(capsys):
    _, _, err = run(capsys, "validate", FIXTURES / "impossible_date.yaml")
    assert "line 25: events[1].date (event 'leap-day'): '2025-02-30': February 2025" in err


def test_validate_binary_and_missing_files(capsys, tmp_path):
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "validate", binary)
    assert code == 1
    assert "binary" in err
    code, _, err = run(capsys, "validate", tmp_path / "missing.yaml")
    assert code == 1
    assert "cannot be read" in err


def test_validate_a_directory(capsys, tmp_path):
    code, _, err = run(capsys, "validate", tmp_path)
    assert code == 1
    assert "cannot be read" in err


def test_alias_bomb_in_a_real_process_fails_without_traceback():
    """Refused at the first alias (an expanded bomb would not end within the timeout)."""
    result = subprocess.run(
        [sys.executable, "-m", "storymap", "validate", "tests/fixtures/alias_bomb.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "alias" in result.stderr
    assert "Traceback" not in result.stderr
    assert "alias" in result.stderr
    assert result.stdout == ""


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


# --- geocode ----------------------------------------------------------------------------------


def test_geocode_table(capsys, gazetteer):
    code, out, _ = run(capsys, "geocode", FIRST_STORY)
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == [
        "id",
        "name",
        "country",
        "lat",
        "lon",
        "layer",
        "precision_km",
        "matched",
    ]
    assert len(rows) == 13
    assert rows[0].split()[0] == "moscow"
    kremlin = next(r for r in rows if r.startswith("kremlin "))
    assert "curated" in kremlin.split()


def test_geocode_json(capsys, gazetteer):
    code, out, _ = run(capsys, "geocode", FIRST_STORY, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 13
    assert {r["layer"] for r in rows} == {"gazetteer", "curated", "countries"}
    by_id = {r["id"]: r for r in rows}
    assert set(by_id["moscow"]) == {
        "id",
        "name",
        "country",
        "lat",
        "lon",
        "layer",
        "precision_km",
        "matched",
        "via",
        "note",
    }
    assert by_id["kursk"]["precision_km"] == 120
    assert (
        by_id["tumen-bridge"]["name"] == "Tumen River road bridge (Khasan–Tumangang)"
    )  # not escaped
    assert by_id["ukraine"]["layer"] == "countries"


def test_geocode_a_query(capsys, gazetteer):
    code, out, _ = run(
        capsys, "geocode", "--query", "Moskow", "--country", "RU", "--format", "json"
    )
    assert code == 0
    [row] = json.loads(out)
    assert row["name"] == "Moskow"
    assert row["matched"] == "Moscow"
    assert row["via"] == "Moskow"
    assert row["layer"] == "gazetteer"
    assert abs(row["lat"] - 55.75) < 0.05 and abs(row["lon"] - 37.62) < 0.05


def test_geocode_a_query_lower_case_country(capsys, gazetteer):
    code, out, _ = run(
        capsys, "geocode", "--query", "Moscow", "--country", "us", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)[0]["lon"] < -100  # Moscow, Idaho


def test_geocode_a_country(capsys):
    code, out, _ = run(
        capsys,
        "geocode",
        "--query",
        "Russia",
        "--country",
        "RU",
        "--kind",
        "country",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)[0]["layer"] == "countries"


def test_geocode_a_query_not_found(capsys, gazetteer):
    code, out, err = run(capsys, "geocode", "--query", "Khasan", "--country", "RU")
    assert code == 1
    assert out == ""
    assert err.startswith("error: 'Khasan' in RU not found")
    assert "did you mean: " in err


def test_geocode_needs_a_story_or_a_query_not_both(capsys):
    code, _, err = run(capsys, "geocode")
    assert code == 2
    assert "give a STORY file or --query NAME" in err
    code, _, err = run(capsys, "geocode", FIRST_STORY, "--query", "Moscow")
    assert code == 2


def test_geocode_a_bad_story(capsys):
    code, _, err = run(capsys, "geocode", FIXTURES / "impossible_date.yaml")
    assert code == 1
    assert "February 2025 has days 1 to 28" in err


class _Found:
    latitude, longitude, address = 10.0, 20.0, "Somewhere, Nowhere"


class _Fake:
    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.calls = answer, error, 0

    def geocode(self, query, **kwargs):
        self.calls += 1
        if self.error:
            raise self.error("Service not available")
        return self.answer


@pytest.fixture
def fake_online(monkeypatch, tmp_path):
    """Make --online use a fake geocoder and a cache in tmp_path: no network, no home dir."""

    def install(geocoder):
        real = storymap.geocoding.online.NominatimLayer

        def layer(*args, **kwargs):
            return real(geocoder, cache_path=tmp_path / "nominatim.json", min_delay_seconds=0)

        monkeypatch.setattr(storymap.geocoding.online, "NominatimLayer", layer)
        return geocoder

    return install


def test_geocode_online_unreachable_is_a_clear_error(capsys, gazetteer, fake_online):
    fake = fake_online(_Fake(error=GeocoderUnavailable))
    code, out, err = run(capsys, "geocode", "--query", "Nowhere Village", "--online")
    assert code == 1
    assert out == ""
    assert "the online geocoder (Nominatim) could not be reached for 'Nowhere Village'" in err
    assert fake.calls == 1


def test_geocode_online_answer(capsys, gazetteer, fake_online, tmp_path):
    fake = fake_online(_Fake(answer=_Found()))
    code, out, _ = run(
        capsys, "geocode", "--query", "Nowhere Village", "--online", "--format", "json"
    )
    assert code == 0
    [row] = json.loads(out)
    assert (row["lat"], row["lon"], row["layer"]) == (10.0, 20.0, "nominatim")
    assert (tmp_path / "nominatim.json").exists()
    run(capsys, "geocode", "--query", "Nowhere Village", "--online")
    assert fake.calls == 1  # the second run read the cache


def test_geocode_online_not_asked_for_known_places(capsys, gazetteer, fake_online):
    fake = fake_online(_Fake(error=GeocoderUnavailable))
    code, _, _ = run(capsys, "geocode", FIRST_STORY, "--online")
    assert code == 0
    assert fake.calls == 0


# --- events and schema ------------------------------------------------------------------------


def test_events_json_in_story_order(capsys, story):
    code, out, _ = run(capsys, "events", FIRST_STORY, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [e.id for e in story.events]
    assert rows[0] == {
        "id": "soviet-recognition",
        "date": "1948",
        "start": "1948-01-01",
        "end": "1948-12-31",
        "precision": "year",
        "places": "moscow,pyongyang",
        "title": "The Soviet Union becomes the first state to recognise North Korea",
    }
    by_id = {r["id"]: r for r in rows}
    assert by_id["direct-flights"]["precision"] == "month~"
    assert (by_id["pyongyang-museum"]["start"], by_id["pyongyang-museum"]["end"]) == (
        "2025-10-01",
        "2025-10-10",
    )
    assert by_id["minsk-talks"]["precision"] == "day"


def test_events_table_in_indonesian(capsys):
    code, out, _ = run(capsys, "events", FIRST_STORY, "--lang", "id")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["id", "date", "start", "end", "precision", "places", "title"]
    assert len(rows) == 14
    assert "Uni Soviet jadi negara pertama yang mengakui Korea Utara" in rows[0]


def test_events_of_a_bad_story(capsys):
    code, _, err = run(capsys, "events", FIXTURES / "out_of_order.yaml")
    assert code == 1
    assert "story order" in err


def test_schema_to_stdout_is_the_committed_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert out == SCHEMA.read_text(encoding="utf-8")


def test_schema_to_a_file(capsys, tmp_path):
    path = tmp_path / "story.schema.json"
    code, out, _ = run(capsys, "schema", "-o", path)
    assert code == 0
    assert out == ""
    assert path.read_text(encoding="utf-8") == SCHEMA.read_text(encoding="utf-8")


# --- errors that are not the user's -------------------------------------------------------------


def test_a_bug_is_still_one_line_and_exit_1(capsys, monkeypatch):
    def broken(path):
        raise KeyError("steps")

    monkeypatch.setattr("storymap.cli.load_story", broken)
    code, out, err = run(capsys, "events", FIRST_STORY)
    assert code == 1
    assert out == ""
    assert err == (
        "error: unexpected KeyError: 'steps' "
        "(a bug in storymap; run with STORYMAP_DEBUG=1 to see where)\n"
    )
    monkeypatch.setenv("STORYMAP_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["events", str(FIRST_STORY)])
