"""Check a story file in one pass: its format, whether each place is where it says, and
whether each picture it keeps is in its media folder and can be shown.

``validate`` and ``geocode`` show an author every problem at once: the places that
are valid on their own are located even when an event's date is wrong, so fixing
one problem never uncovers the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storymap.geocoding import Layer, Location, default_layers
from storymap.geocoding.resolve import locate_places
from storymap.loading import Reading, read_story_file
from storymap.media_files import media_folder, picture_problems
from storymap.problems import Problem
from storymap.story_yaml import owner_label, where


@dataclass(frozen=True)
class Checked:
    """What checking a story file found: the reading, where its places are, every problem.

    ``warnings`` (from the reading) are for the author to weigh; they never make the
    story invalid.
    """

    reading: Reading
    located: dict[str, Location]
    problems: tuple[Problem, ...]

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.reading.warnings


def check_story_file(path: str | Path, online: Layer | None = None) -> Checked:
    """Read the file and locate its places; format problems first, then the places', then
    the pictures'."""
    reading = read_story_file(path)
    places = [place for _, place in reading.places]
    located, missing = locate_places(places, default_layers(places, online))
    index = {place.id: i for i, place in reversed(reading.places)}  # the first of repeated ids
    geocoding = [
        Problem(
            where(("places", index[item.place_id]), owner_label("places", item.place_id)),
            item.describe(),
            reading.line_of(("places", index[item.place_id])),
        )
        for item in missing
    ]
    pictures = []
    if reading.story is not None:
        events = reading.story.events
        pictures = [
            Problem(where(at, owner_label("events", events[at[1]].id)), message,
                    reading.line_of(at))
            for at, message in picture_problems(reading.story, media_folder(Path(path)))
        ]  # fmt: skip
    return Checked(reading, located, reading.problems + tuple(geocoding) + tuple(pictures))
