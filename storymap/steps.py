"""The reader's steps: what one position of the date slider shows.

A story is read as an overview, then one step per date, then an overview again.
Consecutive events with the same date (the same day, or the same minute when they
give a time) are read together, unless the story says ``steps: by_event``: then every
event is its own step. An undated event is always a step of its own, where the story
puts it. Everything that moves the reader (the slider, deep links, the
presenter) counts in these steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storymap.i18n import t
from storymap.model import Event, Story


@dataclass(frozen=True)
class Step:
    """One position of the date slider: an overview, or the events sharing one date."""

    index: int
    kind: Literal["overview-start", "events", "overview-end"]
    events: tuple[int, ...] = ()


def story_steps(story: Story) -> list[Step]:
    """Overview, then one step per run of events with the same date (or per event), then overview."""
    groups: list[list[int]] = []
    together = story.steps == "by_date"
    for i, event in enumerate(story.events):
        previous = story.events[groups[-1][0]] if groups else None
        if together and previous and event.date is not None and previous.date == event.date:
            groups[-1].append(i)
        else:
            groups.append([i])
    steps = [Step(0, "overview-start")]
    steps += [Step(n + 1, "events", tuple(group)) for n, group in enumerate(groups)]
    steps.append(Step(len(steps), "overview-end"))
    return steps


# ``?step=end`` names the closing overview, which has no event to name it by.
END = "end"


def step_label(story: Story, step: Step, lang: str, short: bool = False) -> str:
    """The slider's words for a step: the date of its events, or "Overview"."""
    if step.kind != "events":
        return t("overview", lang)
    return event_date_text(story.events[step.events[0]], lang, short)


def event_date_text(event: Event, lang: str, short: bool = False) -> str:
    """An event's date in words, or "Undated" when its source gives none."""
    if event.date is None:
        return t("undated", lang)
    return event.date.format(lang, short=short)
