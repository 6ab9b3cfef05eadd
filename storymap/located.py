"""A story together with where its places are and how it is read: the one value every
view and export takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from storymap.geocoding import Layer, Location, geocode_story
from storymap.loading import load_story
from storymap.media_files import load_pictures, media_folder
from storymap.model import Story
from storymap.pictures import Picture, PictureError
from storymap.steps import END, Step, story_steps


@dataclass(frozen=True)
class LocatedStory:
    """A validated story, every place located, and its reader steps."""

    story: Story
    located: dict[str, Location]
    path: Path | None = None  # the file it was read from, if any
    media: Path | None = None  # the folder its pictures are kept in (``media_files``)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """How the story is read, step by step: derived from the story, never passed in."""
        return tuple(story_steps(self.story))

    @cached_property
    def _event_steps(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for step in self.steps:
            for index in step.events:
                found.setdefault(self.story.events[index].id, step.index)
        return found

    def step_for_link(self, event_id: str | None, step_word: str | None = None) -> int:
        """The step a deep link opens at: the one showing ``event_id``, else the closing
        overview for ``?step=end``, else the first. From a table made once: a reader's page
        looks its step up on every step the reader reports."""
        found = self._event_steps.get(event_id, 0) if isinstance(event_id, str) else 0
        return self.steps[-1].index if found == 0 and step_word == END else found

    @cached_property
    def pictures(self) -> dict[str, Picture]:
        """The pictures it keeps in its media folder, by file name, ready to show;
        ``PictureError`` naming the field when one is missing or cannot be shown."""
        try:
            return load_pictures(self.story, self.media)
        except PictureError as exc:
            raise PictureError(f"{self.path}: {exc}" if self.path else str(exc)) from None

    @classmethod
    def of(
        cls,
        story: Story,
        layers: Sequence[Layer] | None = None,
        path: Path | None = None,
        media: Path | None = None,
    ) -> LocatedStory:
        """Locate every place of ``story`` (offline layers unless ``layers`` says otherwise);
        its pictures are in ``media``, by default the media folder beside ``path``."""
        if media is None and path is not None:
            media = media_folder(path)
        return cls(story, geocode_story(story, layers), path, media)


def locate_file(path: str | Path, layers: Sequence[Layer] | None = None) -> LocatedStory:
    """Load the story file at ``path`` and locate it."""
    return LocatedStory.of(load_story(path), layers, Path(path))
