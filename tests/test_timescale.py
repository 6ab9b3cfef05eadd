"""The timeline's scale (storymap.timescale): long gaps broken, bunches spread, ticks.

Checked on three stories with very different clocks: the first story (1948 to 2025, ten
steps in its last eighteen months), the 2004 tsunami (hours, then eleven days later) and
Magellan's voyage (three years of months).
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from story_helpers import FIRST_STORY, FIXTURES

from storymap.loading import load_story
from storymap.steps import story_steps
from storymap.timescale import TimeScale, positions, step_ticks, time_scale


def scale_of(path):
    story = load_story(path)
    steps = story_steps(story)
    return story, steps, time_scale(story, steps)


def step_of(story, steps, event_id: str) -> int:
    return next(s.index for s in steps if any(story.events[i].id == event_id for i in s.events))


def test_the_first_story_breaks_the_74_years_after_1948() -> None:
    _, _, scale = scale_of(FIRST_STORY)
    assert scale.breaks == (2,)  # between 1948 (step 1) and February 2022 (step 2)
    assert abs(sum(scale.shares) - 1) < 1e-9
    assert scale.shares[0] == scale.shares[1] == scale.shares[-1] == 0  # overviews: no time
    # 2024 to April 2025 is long against a week in October 2025, and drawn so
    assert scale.shares[5] > 20 * max(scale.shares[11:14])


def test_the_tsunami_keeps_its_hours_and_breaks_the_days_after() -> None:
    story, steps, scale = scale_of(FIXTURES / "tsunami-2004.yaml")
    flash_appeal = step_of(story, steps, "flash-appeal")
    assert flash_appeal in scale.breaks  # 6 January 2005, eleven days on
    hours = [scale.shares[i] for i in range(2, 6)]  # the morning's waves, to scale
    assert all(share > 0.1 for share in hours), hours


def test_magellan_is_drawn_to_scale_without_a_break() -> None:
    story, steps, scale = scale_of(FIXTURES / "magellan.yaml")
    assert scale.breaks == ()
    # the Pacific crossing (October 1520 to March 1521) is longer than Guam to Mactan
    pacific, mactan = step_of(story, steps, "guam"), step_of(story, steps, "mactan")
    assert scale.shares[pacific] > 2 * scale.shares[mactan]


@pytest.mark.parametrize(
    "name", ["first-story-article-reading.yaml", "tsunami-2004.yaml", "magellan.yaml"]
)
def test_positions_keep_order_a_minimum_gap_and_the_width(name: str) -> None:
    _, _, scale = scale_of(FIXTURES / name)
    xs = positions(scale, 700, 10, 12, 20)
    assert xs[0] == 10 and abs(xs[-1] - 690) < 1e-9
    for i in range(1, len(xs)):
        least = 12 + (20 if i in scale.breaks else 0)
        assert xs[i] - xs[i - 1] >= least - 1e-9, (name, i)


def test_too_many_steps_for_the_width_are_spaced_evenly() -> None:
    scale = TimeScale(shares=(0.0,) * 500, breaks=(3,))
    xs = positions(scale, 300, 0, 12, 20)
    assert abs(xs[-1] - 300) < 1e-9
    assert all(b >= a for a, b in pairwise(xs))


def test_an_undated_event_takes_no_time_and_the_time_around_it_is_kept() -> None:
    story = load_story(FIRST_STORY)
    events = list(story.events)
    events[3] = events[3].model_copy(update={"date": None})  # the 2024 treaty, undated
    undated = story.model_copy(update={"events": events})
    steps = story_steps(undated)
    scale = time_scale(undated, steps)
    # the undated step takes no time; the years from 2022 to April 2025 go to the step after
    # it (so long against the rest that they are broken)
    assert scale.shares[4] == 0 and 4 not in scale.breaks and 5 in scale.breaks
    assert abs(sum(scale.shares) - 1) < 1e-9


def test_ticks_follow_the_story_span() -> None:
    story = load_story(FIRST_STORY)
    ticks = step_ticks(story, story_steps(story), "en")
    assert ticks[0] == ticks[-1] == "" and ticks[1] == "1948" and ticks[-2] == "2025"
    tsunami = load_story(FIXTURES / "tsunami-2004.yaml")
    days = step_ticks(tsunami, story_steps(tsunami), "en")
    assert days[1] == "26 Dec" and days[-2] == "6 Jan"
    magellan = load_story(FIXTURES / "magellan.yaml")
    months = step_ticks(magellan, story_steps(magellan), "es")
    assert months[1].endswith("1519") and len(set(months[1:-1])) == len(months) - 2
