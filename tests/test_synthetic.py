"""Synthetic stories: valid story files of any size, for benchmarks and tests."""

from __future__ import annotations

import pytest
import yaml

from storymap import loading
from storymap.cli import main
from storymap.loading import load_story, parse_story
from storymap.model import Story
from storymap.steps import story_steps
from storymap.synthetic import synthetic_story, write_synthetic_story


def parsed(data: dict) -> Story:
    return parse_story(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.fixture(scope="module")
def big() -> Story:
    return parsed(synthetic_story(1000))


def test_a_thousand_events_load(big):
    assert len(big.events) == 1000
    assert big.id == "synthetic-1000"
    assert len({event.id for event in big.events}) == 1000


def test_dates_are_distinct_days_in_order(big):
    days = [event.date.earliest for event in big.events]
    assert all(event.date.is_exact_day for event in big.events)
    assert len(set(days)) == len(days)
    assert days == sorted(days)


def test_each_date_is_its_own_step(big):
    assert len(story_steps(big)) == 1000 + 2


def test_places_lie_within_eurasia(big):
    assert len(big.places) >= 2
    for place in big.places:
        assert place.coordinates is not None
        assert 10 <= place.coordinates.lat <= 65, place.id
        assert -5 <= place.coordinates.lon <= 140, place.id


def test_routes_never_go_from_a_place_to_itself(big):
    routes = [event.route for event in big.events if event.route]
    assert len(routes) == 100  # every tenth event
    for route in routes:
        assert route.origin != route.destination


def test_route_ends_are_the_events_places(big):
    for event in big.events:
        if event.route:
            assert {event.route.origin, event.route.destination} == set(event.places)


@pytest.mark.parametrize("events", [1, 2, 9, 10, 11, 20])
def test_small_stories_load(events):
    story = parsed(synthetic_story(events))
    assert len(story.events) == events
    for event in story.events:
        if event.route:
            assert event.route.origin != event.route.destination


def test_the_seed_makes_it_repeatable():
    assert synthetic_story(50, seed=3) == synthetic_story(50, seed=3)
    assert synthetic_story(50, seed=3) != synthetic_story(50, seed=4)


def test_write_synthetic_story(tmp_path):
    path = write_synthetic_story(30, tmp_path / "story.yaml")
    assert path == tmp_path / "story.yaml"
    assert len(load_story(path).events) == 30


def test_generate_command_writes_a_story(tmp_path, capsys):
    path = tmp_path / "synthetic.yaml"
    code = main(["generate", "--events", "50", "-o", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "wrote" in out
    assert str(path) in out
    assert len(load_story(path).events) == 50


@pytest.mark.parametrize("events", ["0", "-3", "18001", "1000000000"])
def test_generate_command_takes_1_to_18000_events(tmp_path, capsys, events):
    path = tmp_path / "synthetic.yaml"
    code = main(["generate", "--events", events, "-o", str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "--events must be between 1 and 18,000 (a story file may be at most 5 MB)" in err
    assert not path.exists()


def test_generate_writes_nothing_when_the_story_would_be_refused(tmp_path, capsys, monkeypatch):
    """Checked before writing: no over-limit file is left behind (it once was, at 30,000 events)."""
    monkeypatch.setattr(loading, "MAX_STORY_BYTES", 10_000)  # 50 events make about 14 KB
    path = tmp_path / "synthetic.yaml"
    code = main(["generate", "--events", "50", "-o", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert f"error: {path}: file: is larger than 10,000 bytes" in err
    assert list(tmp_path.iterdir()) == []
