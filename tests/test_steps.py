"""The reader's steps: an overview, one step per date, an overview (storymap.steps)."""

from __future__ import annotations

import pytest

from storymap.model import Story
from storymap.steps import Step, step_for_event, step_label, story_steps


def index_of(story: Story, event_id: str) -> int:
    return next(i for i, event in enumerate(story.events) if event.id == event_id)


@pytest.fixture(scope="module")
def steps(story: Story) -> list[Step]:
    return story_steps(story)


def test_steps_start_and_end_with_an_overview(steps):
    assert steps[0].kind == "overview-start"
    assert steps[-1].kind == "overview-end"
    assert steps[0].events == steps[-1].events == ()
    assert all(step.kind == "events" and step.events for step in steps[1:-1])


def test_steps_are_numbered_in_order(steps):
    assert [step.index for step in steps] == list(range(len(steps)))


def test_the_test_story_has_15_steps(steps):
    assert len(steps) == 15  # 14 events, two of them on one date, and two overviews


def test_the_two_april_2025_events_share_one_step(story, steps):
    bridge, kursk = index_of(story, "road-bridge"), index_of(story, "kursk-acknowledged")
    shared = [step for step in steps if bridge in step.events]
    assert len(shared) == 1
    assert shared[0].events == (kursk, bridge)


def test_every_event_is_in_exactly_one_step_in_story_order(story, steps):
    order = [i for step in steps for i in step.events]
    assert order == list(range(len(story.events)))


def test_events_of_one_step_share_their_date(story, steps):
    for step in steps[1:-1]:
        dates = {story.events[i].date for i in step.events}
        assert len(dates) == 1


@pytest.mark.parametrize(
    ("event_id", "expected"), [("soviet-recognition", 1), ("kremlin-meeting", 11)]
)
def test_step_for_a_known_event(story, steps, event_id, expected):
    assert step_for_event(steps, story, event_id) == expected


def test_step_for_every_event_is_the_step_showing_it(story, steps):
    for i, event in enumerate(story.events):
        assert i in steps[step_for_event(steps, story, event.id)].events


@pytest.mark.parametrize("event_id", [None, "", "no-such-event", "<script>"])
def test_step_for_an_unknown_or_missing_event_is_the_first(story, steps, event_id):
    assert step_for_event(steps, story, event_id) == 0


def test_step_labels_are_the_date_or_overview(story, steps):
    kremlin = steps[step_for_event(steps, story, "kremlin-meeting")]
    assert step_label(story, kremlin, "en") == "27 October 2025"
    assert step_label(story, kremlin, "id", short=True) == "27 Okt 2025"
    assert step_label(story, steps[0], "en") == step_label(story, steps[-1], "en") == "Overview"
    assert step_label(story, steps[0], "id") == "Ikhtisar"
