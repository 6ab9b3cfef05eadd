"""The timeline's scale: steps placed by time, long gaps broken, bunches spread.

A story's dates bunch: the first story waits 74 years between 1948 and 2022, then has
ten steps in eighteen months; the tsunami has five steps in three hours, then one eleven
days later. Evenly spaced steps hide that; a plain time axis squeezes each bunch into a
few pixels. So the timeline gives every gap between two steps a fixed minimum (each step
stays clickable), shares the rest of the width in proportion to the time that passes,
and breaks the axis at a gap that would otherwise take most of it (drawn with a visible
break, a fixed width). This module decides the shape (the gaps' shares and the breaks),
once per story in Python; the browser's ``core.js`` (``stripPositions``) and the
handout's timeline turn it into positions for their width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from babel.dates import format_date

from storymap.languages import babel_locale
from storymap.model import Story
from storymap.steps import Step

# A gap is broken when it is at least this share of all the time still drawn to scale...
BREAK_SHARE = 0.5
# ...and at least this many times the typical (median) gap between two steps.
BREAK_RATIO = 8.0
# Ticks: a story spanning more than this many days is labelled by year, then by month.
YEARS_FROM_DAYS = 3 * 365
MONTHS_FROM_DAYS = 60


@dataclass(frozen=True)
class TimeScale:
    """``shares[i]``: the part of the width that follows time for the gap before step i
    (``shares[0]`` is 0; they sum to 1 unless nothing is dated); ``breaks``: the steps
    whose gap before them is broken."""

    shares: tuple[float, ...]
    breaks: tuple[int, ...]

    def payload(self) -> dict[str, list[float] | list[int]]:
        """What the browser gets: rounded shares and the broken gaps."""
        return {"shares": [round(s, 6) for s in self.shares], "breaks": list(self.breaks)}


def step_moments(story: Story, steps: Sequence[Step]) -> list[float | None]:
    """The middle moment (in minutes) of each step's first event; None for an overview or
    an undated event. A vague date sits in the middle of the days it may be."""
    moments: list[float | None] = []
    for step in steps:
        event = story.events[step.events[0]] if step.events else None
        if event is None or event.date is None:
            moments.append(None)
        else:
            first, after = event.date.moments()
            moments.append((first + after) / 2)
    return moments


def time_scale(story: Story, steps: Sequence[Step]) -> TimeScale:
    """The shares and breaks of a story's timeline (see the module's docstring)."""
    moments = step_moments(story, steps)
    gaps = [0.0] * len(moments)
    previous: float | None = None
    for i, moment in enumerate(moments):
        if moment is None:
            continue
        if previous is not None:  # time runs back in a story told out of order: no gap
            gaps[i] = max(0.0, moment - previous)
        previous = moment
    breaks = _breaks(gaps)
    drawn = [0.0 if i in breaks else gap for i, gap in enumerate(gaps)]
    total = sum(drawn)
    shares = tuple(gap / total if total else 0.0 for gap in drawn)
    return TimeScale(shares, tuple(sorted(breaks)))


def _breaks(gaps: list[float]) -> set[int]:
    """Break the longest gap while it holds most of the time left and dwarfs a typical gap."""
    positive = [gap for gap in gaps if gap > 0]
    if len(positive) < 2:
        return set()
    typical = median(positive)
    broken: set[int] = set()
    while True:
        left = [(gap, i) for i, gap in enumerate(gaps) if i not in broken and gap > 0]
        if len(left) < 2:
            return broken
        longest, at = max(left)
        if longest < BREAK_SHARE * sum(gap for gap, _ in left) or longest < BREAK_RATIO * typical:
            return broken
        broken.add(at)


def positions(
    scale: TimeScale, width: float, pad: float, min_gap: float, break_gap: float
) -> list[float]:
    """Each step's position across ``width`` (the handout's timeline; ``core.js``'s
    ``stripPositions`` does the same for the browser): every gap gets ``min_gap`` (plus
    ``break_gap`` where broken), the rest of the width is shared out by time."""
    count = len(scale.shares)
    if count < 2:
        return [width / 2] * count
    room = width - 2 * pad
    fixed = (count - 1) * min_gap + len(scale.breaks) * break_gap
    shrink = min(1.0, room / fixed) if fixed else 1.0
    free = max(0.0, room - fixed)
    x, placed = pad, [pad]
    for i in range(1, count):
        x += shrink * (min_gap + (break_gap if i in scale.breaks else 0)) + scale.shares[i] * free
        placed.append(x)
    return placed


def step_ticks(story: Story, steps: Sequence[Step], lang: str) -> list[str]:
    """The label under each step on the timeline: its year, month or day, whichever the
    story's span calls for ("" for an overview or an undated event)."""
    days = [
        story.events[step.events[0]].date.earliest
        if step.events and story.events[step.events[0]].date
        else None
        for step in steps
    ]
    dated = [day for day in days if day is not None]
    span = (max(dated) - min(dated)).days if dated else 0
    return [_tick(day, span, lang) if day else "" for day in days]


def _tick(day: date, span: int, lang: str) -> str:
    if span > YEARS_FROM_DAYS:
        return str(day.year)
    locale = babel_locale("en-GB" if lang == "en" else lang)
    if span > MONTHS_FROM_DAYS:
        return format_date(day, "LLL yyyy", locale=locale)
    return format_date(day, "d MMM", locale=locale)
