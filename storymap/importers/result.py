"""What an import gives back: the story as plain data, what it reported, and its YAML text."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from storymap.errors import StorymapError
from storymap.importers.field_order import in_field_order
from storymap.loading import parse_story
from storymap.model import Story

SCHEMA_LINE = "# yaml-language-server: $schema=../story.schema.json"


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
        body = yaml.dump(
            in_field_order(self.story),
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            indent=2,
        )
        return (
            f"{SCHEMA_LINE}\n# imported by storymap from {self.fmt}: {_one_line(self.name)}\n{body}"
        )

    def parsed(self) -> Story:
        """The story, validated as any story file is."""
        return parse_story(self.yaml(), f"{self.name} (imported)")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML (libyaml when present), block style, no aliases; text with line breaks as a
    literal block."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text_node(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() and "\t" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text_node)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
