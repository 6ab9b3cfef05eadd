"""What an import gives back: the story as plain data, what it reported, and its YAML text."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from storymap.errors import StorymapError
from storymap.importers.field_order import in_field_order
from storymap.loading import parse_story
from storymap.model import Story
from storymap.story_writer import story_text


class ImportFailed(StorymapError, ValueError):
    """A file that cannot be imported; the message says why, in one line."""


@dataclass(frozen=True)
class ImportResult:
    """An imported story (plain data that ``parse_story`` accepts) and the import's report.

    ``report`` has one line for each thing the source format could not say, or that the
    import changed or left out: read it before publishing the story. ``pictures`` are the
    pictures the story keeps (``media[].file``), checked, to be written into its media folder.
    """

    story: dict[str, Any]
    report: list[str] = field(default_factory=list)
    fmt: str = ""
    name: str = "upload"
    pictures: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes (a page's)

    def yaml(self) -> str:
        """The story file's text: the schema line, a comment on where it came from, the fields."""
        return self._text

    @cached_property
    def _text(self) -> str:
        note = f"imported by storymap from {self.fmt}: {_one_line(self.name)}"
        return story_text(in_field_order(self.story), note)

    def parsed(self) -> Story:
        """The story, validated as any story file is."""
        return parse_story(self.yaml(), f"{self.name} (imported)")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
