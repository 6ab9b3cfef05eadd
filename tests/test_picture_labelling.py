"""Which labels the overview picture asks for and draws: all of a small story's, the most
important of a big one's (issue 10: 1,000 events took 76 s, 5,000 over 5 minutes)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storymap.export.picture import labelling, overview_png
from storymap.export.picture.labels import Box, Label, Placed
from storymap.export.picture.marks import Mark
from storymap.located import LocatedStory, locate_file
from storymap.synthetic import write_synthetic_story


class Spy:
    """Records what ``draw_labels`` asks the placer, and what it answers."""

    def __init__(self) -> None:
        self.requests: list[Label] = []
        self.placed: list[Placed] = []
        self.max_labels: int | None = None

    def __call__(self, labels, obstacles, frame, **options) -> list[Placed]:
        self.requests = list(labels)
        self.max_labels = options.get("max_labels")
        self.placed = labelling.place_labels_unspied(labels, obstacles, frame, **options)
        return self.placed


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    recorder = Spy()
    monkeypatch.setattr(labelling, "place_labels_unspied", labelling.place_labels, raising=False)
    monkeypatch.setattr(labelling, "place_labels", recorder)
    return recorder


@pytest.fixture(scope="module")
def big_story(tmp_path_factory: pytest.TempPathFactory) -> LocatedStory:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    return locate_file(write_synthetic_story(1000, Path(path)))


def test_every_label_of_the_first_story_is_drawn(spy: Spy, located_story: LocatedStory) -> None:
    overview_png(located_story, "en")
    routes = sum(1 for e in located_story.story.events if e.route)
    places = len(spy.requests) - routes
    # 13 places: Moscow and its Kremlin share one label, the United States is off the map.
    assert places == 11
    assert len(spy.placed) == len(spy.requests)


def test_a_big_story_labels_its_longest_routes_and_at_most_max_labels(
    spy: Spy, big_story: LocatedStory
) -> None:
    overview_png(big_story, "en", width_in=8, dpi=80)
    places = [r for r in spy.requests if r.priority >= 0]
    routes = [r for r in spy.requests if r.priority < 0]
    assert 90 <= len(places) <= 100  # 100 places, a few on the same spot as another
    assert len(routes) == labelling.ROUTE_LABELS
    priorities = [r.priority for r in places]
    assert priorities == sorted(priorities, reverse=True)
    assert spy.max_labels == labelling.MAX_LABELS
    assert 10 <= len(spy.placed) <= labelling.MAX_LABELS


def mark(n: int, events: int, kind: str = "city") -> Mark:
    return Mark(f"p{n}", 0.0, 0.0, f"Place {n}", kind, "#000000", True, events)


def test_the_places_asked_for_are_the_most_important_inside_the_frame() -> None:
    count = labelling.CONSIDERED + 50
    events = [(n * 37) % count for n in range(count)]  # every count once, shuffled
    marks = [mark(n, e) for n, e in enumerate(events)]
    display = np.array([[10.0 * n, 5.0] for n in range(count)])
    frame = Box(0, 0, 10.0 * (count - 1) - 10, 10)  # the last place is off the map
    chosen = labelling.places_to_label(marks, display, frame, within=3)
    assert len(chosen) == labelling.CONSIDERED
    asked = [events[group[0]] for group, _ in chosen]
    assert asked == sorted(asked, reverse=True)
    left_out = set(range(count - 1)) - {group[0] for group, _ in chosen}
    assert max(events[n] for n in left_out) < min(asked)
    assert count - 1 not in {group[0] for group, _ in chosen}


def test_places_on_one_spot_ask_for_one_label_with_their_events_together() -> None:
    marks = [mark(0, 1), mark(1, 1, "site"), mark(2, 2)]
    display = np.array([[50.0, 50.0], [51.0, 50.5], [80.0, 50.0]])
    chosen = labelling.places_to_label(marks, display, Box(0, 0, 100, 100), within=3)
    assert [group for group, _ in chosen] == [[0, 1], [2]]
    assert [priority for _, priority in chosen] == [2.75, 2.75]  # 2 events, led by a city
