"""The handout's time-scaled timeline: where each step's mark, number and tick go.

The same scale as the reader's strip (``storymap.timescale``: long gaps broken, bunches
spread), laid out for paper: a numbered mark per step (the numbers of the handout's
event list), staggered in rows where numbers would touch, the ticks that fit, and a break
mark in each collapsed gap. The handout's template draws it as inline SVG; nothing here
comes from the story's text but its colours and its dates' ticks.
"""

from __future__ import annotations

from dataclasses import dataclass

from storymap.located import LocatedStory
from storymap.style import category_styles
from storymap.timescale import positions, step_ticks, time_scale

CHAR = 5.6  # about how wide a digit or letter is, in the drawing's units (8 px type)
MAX_ROWS = 3  # numbers that find no room in three rows are left out (a long story's dots)


@dataclass(frozen=True)
class Mark:
    x: float
    label: str  # the event numbers of the step: "5" or "5–6"; "" where there is no room
    colour: str
    exact: bool
    row: int  # 0 just above the axis, then higher where labels would touch


@dataclass(frozen=True)
class TimelineDrawing:
    width: float
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...]
    breaks: tuple[float, ...]


def timeline_drawing(
    located: LocatedStory, lang: str, width: float = 680, pad: float = 16, min_gap: float = 16,
    break_gap: float = 18,
) -> TimelineDrawing:  # fmt: skip
    """The handout's timeline ``width`` units wide: marks, ticks and breaks."""
    story, steps = located.story, located.steps
    scale = time_scale(story, steps)
    xs = positions(scale, width, pad, min_gap, break_gap)
    colours = category_styles(story)
    marks: list[Mark] = []
    row_ends: list[float] = []
    for step in steps:
        if not step.events:
            continue
        first, last = step.events[0] + 1, step.events[-1] + 1
        label = str(first) if first == last else f"{first}–{last}"
        x = xs[step.index]
        half = len(label) * CHAR / 2 + 2
        row = next((r for r, end in enumerate(row_ends) if end <= x - half), len(row_ends))
        if row == MAX_ROWS:
            label, row = "", 0
        else:
            if row == len(row_ends):
                row_ends.append(0.0)
            row_ends[row] = x + half
        event = story.events[step.events[0]]
        exact = event.date is not None and event.date.is_exact
        marks.append(Mark(x, label, colours[event.category].colour, exact, row))
    ticks = step_ticks(story, steps, lang)
    shown = _visible(ticks, xs)
    breaks = tuple((xs[i - 1] + xs[i]) / 2 for i in scale.breaks)
    return TimelineDrawing(width, tuple(marks), tuple((xs[i], ticks[i]) for i in shown), breaks)


def _visible(ticks: list[str], xs: list[float], gap: float = 6) -> list[int]:
    """The ticks to write: where the tick changes, and only if it does not touch the last
    written (as the reader's strip does, core.js ``tickLabels``)."""
    shown: list[int] = []
    last_right, last_tick = float("-inf"), None
    for i, tick in enumerate(ticks):
        if not tick:
            continue
        half = len(tick) * CHAR / 2
        if tick != last_tick and xs[i] - half >= last_right + gap:
            shown.append(i)
            last_right = xs[i] + half
        last_tick = tick
    return shown
