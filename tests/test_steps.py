"""Reader steps: events on the same date share a step, times of day and by_event split them."""

from __future__ import annotations

import pytest
from story_helpers import FIXTURES

from storymap.loading import load_story, parse_story
from storymap.steps import step_for_event, step_label, story_steps
from storymap.style import category_styles

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
    assert step_for_event(steps, tsunami, "india") == 5


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
