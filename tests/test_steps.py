"""The reader's steps: an overview, one step per date, an overview (storymap.steps)."""

from __future__ import annotations

import pytest
from story_helpers import FIXTURES

from storymap.loading import load_story, parse_story
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.steps import END, Step, step_label, story_steps
from storymap.style import category_styles


def index_of(story: Story, event_id: str) -> int:
    return next(i for i, event in enumerate(story.events) if event.id == event_id)


def step_for(story: Story, event_id: object, step_word: str | None = None) -> int:
    """The step a deep link (``?event=…&step=…``) opens at (no place needs locating)."""
    return LocatedStory(story, {}).step_for_link(event_id, step_word)


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
def test_step_for_a_known_event(story, event_id, expected):
    assert step_for(story, event_id) == expected


def test_step_for_every_event_is_the_step_showing_it(story, steps):
    for i, event in enumerate(story.events):
        assert i in steps[step_for(story, event.id)].events
        assert step_for(story, event.id, END) == step_for(story, event.id)  # the event wins


@pytest.mark.parametrize("event_id", [None, "", "no-such-event", "<script>", ["a", "list"]])
def test_step_for_an_unknown_or_missing_event_is_the_first(story, steps, event_id):
    assert step_for(story, event_id) == step_for(story, event_id, "elsewhere") == 0
    assert step_for(story, event_id, END) == steps[-1].index  # ?step=end: the closing overview


def test_step_labels_are_the_date_or_overview(story, steps):
    kremlin = steps[step_for(story, "kremlin-meeting")]
    assert step_label(story, kremlin, "en") == "27 October 2025"
    assert step_label(story, kremlin, "id", short=True) == "27 Okt 2025"
    assert step_label(story, steps[0], "en") == step_label(story, steps[-1], "en") == "Overview"
    assert step_label(story, steps[0], "id") == "Ikhtisar"


# --- times of day, by_event, a story's own categories (the tsunami story) ---

TSUNAMI = FIXTURES / "tsunami-2004.yaml"


@pytest.fixture(scope="module")
def tsunami():
    return load_story(TSUNAMI)


def test_the_tsunami_story_has_five_timed_events_on_one_day(tsunami):
    assert tsunami.languages == ["id", "en"]
    same_day = [e for e in tsunami.events if str(e.date.earliest) == "2004-12-26"]
    timed = [e for e in same_day if e.date.precision == "minute"]
    assert len(same_day) == 6 and len(timed) == 5
    assert all(e.date.has_zone for e in timed)
    assert len({e.date.start.offset for e in timed}) == 3  # UTC+7, UTC, UTC+5:30


def test_events_at_different_times_of_one_day_are_different_steps(tsunami):
    steps = story_steps(tsunami)
    assert [step.events for step in steps[1:-1]] == [(i,) for i in range(len(tsunami.events))]
    assert step_label(tsunami, steps[1], "id") == "26 Desember 2004 07.58 UTC+7"
    assert step_label(tsunami, steps[4], "en", short=True) == "about 26 Dec 2004, 03:00 UTC"
    assert step_for(tsunami, "india") == 5


def test_the_tsunami_story_defines_and_renames_its_categories(tsunami):
    styles = category_styles(tsunami)
    assert list(styles) == ["disaster", "response"]
    assert styles["disaster"].name.get("id") == "Gempa dan tsunami"
    assert styles["response"].name.get("en") == "Emergency response"
    assert styles["disaster"].colour != styles["response"].colour


def test_the_tsunami_events_must_stay_in_utc_order():
    text = TSUNAMI.read_text(encoding="utf-8")
    swapped = text.replace("date: 2004-12-26T03:00Z~", "date: 2004-12-26T04:00Z~")
    with pytest.raises(Exception, match=r"2004-12-26T09:12\+05:30~ is before 'sri-lanka'"):
        parse_story(swapped)  # 09:12 in India is 03:42 UTC, before 04:00 UTC


def test_events_on_the_same_date_share_a_step_unless_the_story_says_by_event():
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    second = minimal[minimal.index("  - id: meeting") :].replace("id: meeting", "id: second")
    together = parse_story(minimal + second)
    assert [s.events for s in story_steps(together)] == [(), (0, 1), ()]
    apart = parse_story(minimal.replace("events:\n", "steps: by_event\nevents:\n") + second)
    assert apart.steps == "by_event"
    assert [s.events for s in story_steps(apart)] == [(), (0,), (1,), ()]


def test_steps_is_by_date_or_by_event():
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    with pytest.raises(Exception, match="by_date"):
        parse_story(minimal.replace("events:\n", "steps: by_minute\nevents:\n"))
