"""``python -m storymap import`` and ``export --format storymapjs|timelinejs`` as an author runs them."""

from __future__ import annotations

import json

import pytest
from story_helpers import FIXTURES

from storymap.cli import main
from storymap.loading import load_story

SLIDES = {
    "storymap": {
        "slides": [
            {"type": "overview", "text": {"headline": "Two cities", "text": "A short trip"}},
            {"date": "1900", "text": {"headline": "Paris", "text": "<p>Start</p>"},
             "location": {"lat": 48.8566, "lon": 2.3522, "zoom": 11, "name": "Paris"}},
            {"date": "Aug 23", "text": {"headline": "London", "text": "End"},
             "location": {"lat": 51.5072, "lon": -0.1276, "zoom": 11, "name": "London", "line": True}},
        ]
    }
}  # fmt: skip


def test_import_writes_a_story_that_validates_and_prints_the_report(tmp_path, capsys):
    source = tmp_path / "trip.json"
    source.write_text(json.dumps(SLIDES), encoding="utf-8")
    out = tmp_path / "trip.yaml"
    assert (
        main(["import", str(source), "--from", "storymapjs", "-o", str(out), "--id", "trip"]) == 0
    )
    printed = capsys.readouterr().out
    assert f"imported trip.json (storymapjs) into {out}: 2 events, 2 places" in printed
    assert "  - slide 3: the date 'Aug 23' has no year: undated" in printed
    story = load_story(out)
    assert (
        story.id == "trip" and str(story.events[0].date) == "1900" and story.events[1].date is None
    )
    assert out.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../story.schema.json\n"
    )
    assert main(["validate", str(out)]) == 0


def test_import_without_output_prints_the_story_and_reports_on_stderr(tmp_path, capsys):
    source = tmp_path / "trip.json"
    source.write_text(json.dumps(SLIDES), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# yaml-language-server")
    assert "imported trip.json (storymapjs) into the story above" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{missing}"], "no such file"),
        (["import", "{folder}"], "is a folder, not a file"),
        (["import", "{bad}"], "looks like JSON but is not valid JSON"),
        (["import", "{good}", "-o", "{nowhere}"], "the folder"),
        (["import", "{good}", "--lang", "xx-yy"], "--lang xx-yy"),
        (["import", "{good}", "--from", "csv"], "not storymap's events CSV"),
    ],
)
def test_import_failures_are_one_line_and_exit_1(tmp_path, capsys, args, message):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SLIDES), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"storymap": ', encoding="utf-8")
    paths = {"missing": tmp_path / "nope.json", "folder": tmp_path, "bad": bad, "good": good,
             "nowhere": tmp_path / "no" / "such" / "story.yaml"}  # fmt: skip
    assert main([a.format(**paths) for a in args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["storymapjs", "timelinejs"])
def test_export_then_import_on_the_command_line(tmp_path, capsys, fmt):
    exported = tmp_path / f"magellan-{fmt}.json"
    assert (
        main(["export", str(FIXTURES / "magellan.yaml"), "--format", fmt, "-o", str(exported)]) == 0
    )
    story = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(story)]) == 0
    assert f"({fmt})" in capsys.readouterr().out
    again = load_story(story)
    original = load_story(FIXTURES / "magellan.yaml")
    assert [str(e.date) for e in again.events] == [str(e.date) for e in original.events]
    assert again.languages == ["es"]  # the export was in the story's own language, Spanish


def test_our_csv_import_finds_its_places_file_beside_it(tmp_path, capsys):
    events = tmp_path / "minimal-events.csv"
    places = tmp_path / "minimal-places.csv"
    assert (
        main(["export", str(FIXTURES / "minimal.yaml"), "--format", "csv", "-o", str(events)]) == 0
    )
    assert (
        main(
            ["export", str(FIXTURES / "minimal.yaml"), "--format", "places-csv", "-o", str(places)]
        )
        == 0
    )
    story = tmp_path / "back.yaml"
    assert main(["import", str(events), "-o", str(story)]) == 0
    assert load_story(story).events[0].title.get("en") == "A meeting"
    places.unlink()
    assert main(["import", str(events), "-o", str(story)]) == 1
    assert "give its places CSV too" in capsys.readouterr().err
